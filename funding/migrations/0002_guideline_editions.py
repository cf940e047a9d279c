"""The guideline editions of the KIZ programme, 2012 to 2025, as data.

Validity dates are chosen so that every funding year from 2012 on finds exactly one edition; each edition's
note says which date was chosen and why, and where the sources disagree.
"""

from datetime import date
from decimal import Decimal as D

from django.db import migrations

SPECIALISTS_2012 = ["paed_fachkraft", "fachkraft_sonstige", "leitung"]
SPECIALISTS_2018 = ["paed_fachkraft", "fachkraft_sonstige", "verwaltungsfachkraft", "leitung"]

EDITIONS = [
    {
        "name": "Förderrichtlinie 2012",
        "legal_reference": (
            "Runderlass des Ministeriums für Arbeit, Integration und Soziales vom 25.06.2012 "
            "(Förderung Kommunaler Integrationszentren, § 7 TIntG vom 14.02.2012)"
        ),
        "valid_from": date(2012, 1, 1),
        "valid_until": date(2017, 12, 31),
        "financing_type": "cap_actual",
        "annual_cap_kreis": D("170000.00"),
        "annual_cap_city": D("170000.00"),
        "max_fte_kreis": D("3.50"),
        "max_fte_city": D("3.50"),
        "concept_max_age_years": 3,
        "raa_transition_until": date(2013, 7, 31),
        "note": (
            "Gültigkeit: Der Runderlass datiert vom 25.06.2012; angewandt auf das ganze Förderjahr 2012 "
            "(gültig ab 01.01.2012), damit das erste Förderjahr eine Fassung findet. Ende 31.12.2017 wie im "
            "Dortmunder Stellenplan (Befristung der Stellen).\n"
            "Höchstbetrag 170.000 € je KIZ und Jahr laut Dortmunder Vorlage; er entspricht 3 × 50.000 € + 20.000 €. "
            "Daraus abgeleitet: höchstens 50.000 € je Vollzeitstelle für Fachkräfte und Verwaltungsfachkraft, "
            "40.000 € je Vollzeitstelle für die Assistenzkraft (20.000 € für die halbe Stelle). Die Quellen nennen "
            "nur den Gesamtbetrag; die Aufteilung je Stelle ist eine Annahme.\n"
            "Nur Personalkosten; zum Antrag werden die erwarteten Kosten angesetzt, abgerechnet wird im "
            "Verwendungsnachweis nach tatsächlichen Kosten.\n"
            "Leitung und sonstige Fachkräfte zählen zu den 2,0 Stellen der pädagogischen Fachkräfte (Annahme).\n"
            "Die Änderung 2015 (3 Fachkräfte + 0,5 Verwaltungsassistenz) und die Erweiterung 2016/17 "
            "(Kreise +3, kreisfreie Städte +2 Stellen, Lehrkräfte +1,5/+1, Sprachmittlerpools) sind nicht als "
            "eigene Fassungen erfasst, weil die Quellen keine vollständigen Beträge nennen."
        ),
        "posts": [
            ("Pädagogische und sonstige Fachkräfte, Leitung", SPECIALISTS_2012, "", True, "2.00", "50000.00"),
            ("Verwaltungsfachkraft", ["verwaltungsfachkraft"], "", True, "1.00", "50000.00"),
            ("Verwaltungsassistenz", ["verwaltungsassistenz"], "", True, "0.50", "40000.00"),
            ("Abgeordnete Lehrkräfte (MSW, nicht aus der Zuwendung)", ["lehrkraft"], "", False, "2.00", None),
        ],
        "extras": [],
    },
    {
        "name": "Förderrichtlinie 2018",
        "legal_reference": "Runderlass des Ministeriums für Kinder, Familie, Flüchtlinge und Integration vom 27.03.2018",
        "valid_from": date(2018, 1, 1),
        "valid_until": date(2020, 12, 31),
        "financing_type": "fixed",
        "annual_cap_kreis": D("320000.00"),
        "annual_cap_city": D("270000.00"),
        "max_fte_kreis": D("6.50"),
        "max_fte_city": D("5.50"),
        "concept_max_age_years": 3,
        "raa_transition_until": None,
        "note": (
            "Gültigkeit: Runderlass vom 27.03.2018, angewandt ab Förderjahr 2018 (gültig ab 01.01.2018) bis zum "
            "Inkrafttreten der Änderung vom 30.10.2020 zum Förderjahr 2021 (gültig bis 31.12.2020).\n"
            "Festbetragsfinanzierung: 50.000 € je Fachkraftstelle, 20.000 € für die halbe Assistenzstelle "
            "(40.000 € je Vollzeitstelle). Kreisfreie Stadt 5 Fachkräfte + 0,5 Assistenz (höchstens 270.000 €), "
            "Kreis 6 + 0,5 (höchstens 320.000 €); zusätzlich bis 50.000 € im Jahr für Sprachmittlerpools.\n"
            "Lehrkräfte: Kreise 3,5, kreisfreie Städte 3,0 Stellen (2 + Erweiterung 2016/17, laut Quelle bis 2019); "
            "sie werden vom Schulministerium gestellt und nicht aus der Zuwendung bezahlt."
        ),
        "posts": [
            ("Fachkraftstellen (Kreis)", SPECIALISTS_2018, "kreis", True, "6.00", "50000.00"),
            ("Fachkraftstellen (kreisfreie Stadt)", SPECIALISTS_2018, "kreisfreie_stadt", True, "5.00", "50000.00"),
            ("Verwaltungsassistenz", ["verwaltungsassistenz"], "", True, "0.50", "40000.00"),
            ("Abgeordnete Lehrkräfte (Kreis)", ["lehrkraft"], "kreis", False, "3.50", None),
            ("Abgeordnete Lehrkräfte (kreisfreie Stadt)", ["lehrkraft"], "kreisfreie_stadt", False, "3.00", None),
        ],
        "extras": [("Sprachmittlerpool", D("50000.00"))],
    },
    {
        "name": "Förderrichtlinie 2018, Änderung 2020",
        "legal_reference": "Änderung der Förderrichtlinie durch Runderlass vom 30.10.2020",
        "valid_from": date(2021, 1, 1),
        "valid_until": date(2022, 12, 31),
        "financing_type": "full_max",
        "annual_cap_kreis": D("352500.00"),
        "annual_cap_city": D("297500.00"),
        "max_fte_kreis": D("6.50"),
        "max_fte_city": D("5.50"),
        "concept_max_age_years": 3,
        "raa_transition_until": None,
        "note": (
            "Gültigkeit: Änderung vom 30.10.2020, angewandt ab Förderjahr 2021 (gültig ab 01.01.2021). Das "
            "TIntG vom 25.11.2021 gilt seit 01.01.2022; die Fassung 2023 wird erst ab Förderjahr 2023 angewandt, "
            "das Förderjahr 2022 bleibt bei dieser Fassung (Annahme).\n"
            "Vollfinanzierung bis zu Höchstbeträgen auf die erwarteten Kosten: höchstens 55.000 € je "
            "Fachkraftstelle, 22.500 € je halber Assistenzstelle (45.000 € je Vollzeitstelle). Jahreshöchstbetrag "
            "abgeleitet: 5 × 55.000 € + 22.500 € = 297.500 € (kreisfreie Stadt), 6 × 55.000 € + 22.500 € = "
            "352.500 € (Kreis); zusätzlich bis 50.000 € für Sprachmittlerpools (aus 2018 übernommen).\n"
            "Lehrkräfte werden vom Schulministerium gestellt; die Quellen nennen für diese Fassung keine Obergrenze."
        ),
        "posts": [
            ("Fachkraftstellen (Kreis)", SPECIALISTS_2018, "kreis", True, "6.00", "55000.00"),
            ("Fachkraftstellen (kreisfreie Stadt)", SPECIALISTS_2018, "kreisfreie_stadt", True, "5.00", "55000.00"),
            ("Verwaltungsassistenz", ["verwaltungsassistenz"], "", True, "0.50", "45000.00"),
            ("Abgeordnete Lehrkräfte (Schulministerium)", ["lehrkraft"], "", False, None, None),
        ],
        "extras": [("Sprachmittlerpool", D("50000.00"))],
    },
    {
        "name": "Förderrichtlinie 2023/2025",
        "legal_reference": (
            "Förderrichtlinie Kommunale Integrationszentren nach § 8 Teilhabe- und Integrationsgesetz NRW "
            "vom 25.11.2021 (Fassungen 2023 und 2025, einschließlich KOMM-AN NRW)"
        ),
        "valid_from": date(2023, 1, 1),
        "valid_until": None,
        "financing_type": "full_max",
        "annual_cap_kreis": D("364500.00"),
        "annual_cap_city": D("307500.00"),
        "max_fte_kreis": D("6.50"),
        "max_fte_city": D("5.50"),
        "concept_max_age_years": 3,
        "raa_transition_until": None,
        "note": (
            "Gültigkeit: ab Förderjahr 2023 (gültig ab 01.01.2023), unbefristet, bis eine neue Fassung angelegt "
            "wird; die Fassung 2025 hat die Beträge unverändert übernommen und ist deshalb hier mit erfasst.\n"
            "Die Quellen widersprechen sich bei der Finanzierungsart: teils Festbetrag, teils Vollfinanzierung "
            "mit Höchstbetrag. Erfasst ist Vollfinanzierung bis zu den Höchstbeträgen („bis zu 57.000 €“), "
            "d. h. höchstens die erwarteten Kosten.\n"
            "Bis zu 57.000 € je Fachkraftstelle, 22.500 € je halber Assistenzstelle (45.000 € je Vollzeitstelle); "
            "Jahreshöchstbetrag abgeleitet: 5 × 57.000 € + 22.500 € = 307.500 € (kreisfreie Stadt), "
            "6 × 57.000 € + 22.500 € = 364.500 € (Kreis); zusätzlich bis 50.000 € im Jahr für den "
            "Laiensprachmittlerpool. Programmteile von KOMM-AN NRW sind nicht erfasst."
        ),
        "posts": [
            ("Fachkraftstellen (Kreis)", SPECIALISTS_2018, "kreis", True, "6.00", "57000.00"),
            ("Fachkraftstellen (kreisfreie Stadt)", SPECIALISTS_2018, "kreisfreie_stadt", True, "5.00", "57000.00"),
            ("Verwaltungsassistenz", ["verwaltungsassistenz"], "", True, "0.50", "45000.00"),
            ("Abgeordnete Lehrkräfte (Schulministerium)", ["lehrkraft"], "", False, None, None),
        ],
        "extras": [("Laiensprachmittlerpool", D("50000.00"))],
    },
]


def load(apps, schema_editor):
    Guideline = apps.get_model("funding", "Guideline")
    PostRule = apps.get_model("funding", "PostRule")
    ExtraItemRule = apps.get_model("funding", "ExtraItemRule")
    for edition in EDITIONS:
        fields = {k: v for k, v in edition.items() if k not in ("posts", "extras")}
        guideline, created = Guideline.objects.get_or_create(name=fields.pop("name"), defaults=fields)
        if not created:
            continue
        for label, categories, kind, funded, max_fte, amount in edition["posts"]:
            PostRule.objects.create(
                guideline=guideline,
                label=label,
                categories=categories,
                municipality_kind=kind,
                funded=funded,
                max_fte=D(max_fte) if max_fte else None,
                amount_per_fte=D(amount) if amount else None,
            )
        for name, max_amount in edition["extras"]:
            ExtraItemRule.objects.create(guideline=guideline, name=name, max_amount=max_amount)


def unload(apps, schema_editor):
    Guideline = apps.get_model("funding", "Guideline")
    Guideline.objects.filter(name__in=[e["name"] for e in EDITIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
