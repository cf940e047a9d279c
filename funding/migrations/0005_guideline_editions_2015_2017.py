"""The 2015 amendment and the 2016/17 expansion of the 2012 guideline, as editions of their own.

Until now the 2012 edition covered the funding years 2012 to 2017. The amendments change what a KIZ may plan:
- Änderungserlass vom 23.03.2015: 3 specialist posts (instead of 2 pedagogical specialists + 1 administrative
  specialist) and 0,5 administrative assistant, funded per full-time post; teachers unchanged (2 posts).
- Änderung vom 26.04.2016 (Erweiterung 2016/17): from 2017 Kreise 3 and kreisfreie Städte 2 further posts at up
  to 50.000 € each, 1,5 / 1 further seconded teachers (until 2019), and up to 50.000 € a year of material costs
  for low-threshold interpreter services or integration offers.

Validity, as for the other editions by funding year: the 2012 edition now ends on 31.12.2014, the 2015 amendment
covers 2015 and 2016, the expansion 2017; the 2018 edition starts on 01.01.2018 as before, so every funding year
still finds exactly one edition. Draft applications of 2015 to 2017 are judged by the edition now in force (a
draft is re-judged on every save anyway); a submitted or decided application keeps the edition it was judged by.
"""

from datetime import date
from decimal import Decimal as D

from django.db import migrations

SPECIALISTS = ["paed_fachkraft", "fachkraft_sonstige", "verwaltungsfachkraft", "leitung"]
EDITION_2012 = "Förderrichtlinie 2012"
END_2012 = date(2014, 12, 31)
ORIGINAL_END_2012 = date(2017, 12, 31)

EDITIONS = [
    {
        "name": "Förderrichtlinie 2012, Änderung 2015",
        "legal_reference": (
            "Änderungserlass vom 23.03.2015 zum Runderlass vom 25.06.2012 "
            "(Förderung Kommunaler Integrationszentren, § 7 TIntG vom 14.02.2012)"
        ),
        "valid_from": date(2015, 1, 1),
        "valid_until": date(2016, 12, 31),
        "financing_type": "cap_actual",
        "annual_cap_kreis": D("170000.00"),
        "annual_cap_city": D("170000.00"),
        "max_fte_kreis": D("3.50"),
        "max_fte_city": D("3.50"),
        "concept_max_age_years": 3,
        "raa_transition_until": None,
        "note": (
            "Gültigkeit: Der Änderungserlass datiert vom 23.03.2015; angewandt ab Förderjahr 2015 (gültig ab "
            "01.01.2015) bis zur Erweiterung zum Förderjahr 2017 (gültig bis 31.12.2016).\n"
            "3 Fachkräfte und 0,5 Verwaltungsassistenz, je Vollzeitstelle gefördert. Die Fachkraftstellen bilden "
            "einen Pool (pädagogische, sonstige und Verwaltungsfachkräfte, Leitung) (Annahme). Beträge je Stelle "
            "wie 2012: höchstens 50.000 € je Fachkraftstelle, 40.000 € je Vollzeitstelle der Assistenz (20.000 € "
            "für die halbe Stelle); Jahreshöchstbetrag 3 × 50.000 € + 20.000 € = 170.000 € (Annahme: die Quellen "
            "nennen keine neuen Beträge).\n"
            "Abgeordnete Lehrkräfte: 2 Vollzeitstellen; empfohlen ist die Teilung in zwei gleiche Hälften. Sie "
            "werden nicht aus der Zuwendung bezahlt."
        ),
        "posts": [
            ("Fachkraftstellen", SPECIALISTS, "", True, "3.00", "50000.00"),
            ("Verwaltungsassistenz", ["verwaltungsassistenz"], "", True, "0.50", "40000.00"),
            ("Abgeordnete Lehrkräfte (MSW, nicht aus der Zuwendung)", ["lehrkraft"], "", False, "2.00", None),
        ],
        "extras": [],
    },
    {
        "name": "Förderrichtlinie 2012, Erweiterung 2016/17",
        "legal_reference": (
            "Änderung der Förderrichtlinie durch Runderlass vom 26.04.2016 "
            "(Erweiterung der Kommunalen Integrationszentren ab 2017)"
        ),
        "valid_from": date(2017, 1, 1),
        "valid_until": date(2017, 12, 31),
        "financing_type": "cap_actual",
        "annual_cap_kreis": D("320000.00"),
        "annual_cap_city": D("270000.00"),
        "max_fte_kreis": D("6.50"),
        "max_fte_city": D("5.50"),
        "concept_max_age_years": 3,
        "raa_transition_until": None,
        "note": (
            "Gültigkeit: Die Änderung datiert vom 26.04.2016; die zusätzlichen Stellen gelten ab 2017, angewandt "
            "auf das Förderjahr 2017 (gültig 01.01.2017 – 31.12.2017) bis zur Förderrichtlinie 2018. Dass auch die "
            "Sachkosten für Sprachmittlung erst ab 2017 gelten, ist eine Annahme.\n"
            "Kreise 3, kreisfreie Städte 2 weitere Stellen zu bis zu 50.000 € je Stelle: Kreis 3 + 3 = 6 "
            "Fachkraftstellen, kreisfreie Stadt 3 + 2 = 5, jeweils mit 0,5 Verwaltungsassistenz. "
            "Jahreshöchstbetrag 170.000 € + 3 × 50.000 € = 320.000 € (Kreis), 170.000 € + 2 × 50.000 € = "
            "270.000 € (kreisfreie Stadt); zusätzlich bis zu 50.000 € im Jahr an Sachkosten für niedrigschwellige "
            "Sprachmittlung oder Integrationsangebote.\n"
            "Abgeordnete Lehrkräfte: Kreise 2 + 1,5 = 3,5, kreisfreie Städte 2 + 1 = 3 Stellen (die zusätzlichen "
            "bis 2019); nicht aus der Zuwendung bezahlt."
        ),
        "posts": [
            ("Fachkraftstellen (Kreis)", SPECIALISTS, "kreis", True, "6.00", "50000.00"),
            ("Fachkraftstellen (kreisfreie Stadt)", SPECIALISTS, "kreisfreie_stadt", True, "5.00", "50000.00"),
            ("Verwaltungsassistenz", ["verwaltungsassistenz"], "", True, "0.50", "40000.00"),
            ("Abgeordnete Lehrkräfte (Kreis)", ["lehrkraft"], "kreis", False, "3.50", None),
            ("Abgeordnete Lehrkräfte (kreisfreie Stadt)", ["lehrkraft"], "kreisfreie_stadt", False, "3.00", None),
        ],
        "extras": [("Sprachmittlung und Integrationsangebote (Sachkosten)", D("50000.00"))],
    },
]

NOTE_2012_OLD = (
    "Die Änderung 2015 (3 Fachkräfte + 0,5 Verwaltungsassistenz) und die Erweiterung 2016/17 "
    "(Kreise +3, kreisfreie Städte +2 Stellen, Lehrkräfte +1,5/+1, Sprachmittlerpools) sind nicht als "
    "eigene Fassungen erfasst, weil die Quellen keine vollständigen Beträge nennen."
)
NOTE_2012_NEW = (
    "Die Änderung 2015 (ab Förderjahr 2015) und die Erweiterung 2016/17 (ab Förderjahr 2017) sind eigene "
    "Fassungen; diese Fassung gilt deshalb bis 31.12.2014."
)


def _in_force(guidelines, start):
    for guideline in guidelines:
        if guideline.valid_from <= start and (guideline.valid_until is None or start <= guideline.valid_until):
            return guideline
    return None


def load(apps, schema_editor):
    Guideline = apps.get_model("funding", "Guideline")
    PostRule = apps.get_model("funding", "PostRule")
    ExtraItemRule = apps.get_model("funding", "ExtraItemRule")
    FundingApplication = apps.get_model("funding", "FundingApplication")
    first = Guideline.objects.filter(name=EDITION_2012, valid_until=ORIGINAL_END_2012).first()
    if first is not None:
        first.valid_until = END_2012
        first.note = first.note.replace(NOTE_2012_OLD, NOTE_2012_NEW)
        first.save(update_fields=["valid_until", "note"])
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
    guidelines = list(Guideline.objects.order_by("valid_from"))
    drafts = FundingApplication.objects.filter(state="entwurf", period_start__gt=END_2012, period_start__year__lt=2018)
    for application in drafts:
        guideline = _in_force(guidelines, application.period_start)
        if guideline is not None and guideline.pk != application.guideline_id:
            application.items.all().delete()  # items name extra-item rules of the former edition
            application.guideline = guideline
            application.save(update_fields=["guideline"])


def unload(apps, schema_editor):
    Guideline = apps.get_model("funding", "Guideline")
    FundingApplication = apps.get_model("funding", "FundingApplication")
    ApplicationItem = apps.get_model("funding", "ApplicationItem")
    names = [e["name"] for e in EDITIONS]
    first = Guideline.objects.filter(name=EDITION_2012).first()
    if first is not None:
        ApplicationItem.objects.filter(application__guideline__name__in=names).delete()
        FundingApplication.objects.filter(guideline__name__in=names).update(guideline=first)
        first.valid_until = ORIGINAL_END_2012
        first.note = first.note.replace(NOTE_2012_NEW, NOTE_2012_OLD)
        first.save(update_fields=["valid_until", "note"])
    Guideline.objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [("funding", "0004_base_rates")]

    operations = [migrations.RunPython(load, unload)]
