"""Demo concepts: Dortmund's from the seed with its council process, and a few municipalities in other states."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from kiz.choices import EducationStage, FieldOfAction, FocusTheme
from kiz.models import Municipality

from .models import CouncilStep, IntegrationConcept, WorkPlanItem

ALL_FIELDS = [value for value, _label in FieldOfAction.choices]
ALL_STAGES = [value for value, _label in EducationStage.choices]

DORTMUND_EDUCATION = (
    "Das Kommunale Integrationszentrum begleitet Kinder, Jugendliche und junge Erwachsene mit "
    "Einwanderungsgeschichte entlang der gesamten Bildungskette: von der frühen Bildung in Kindertageseinrichtungen "
    "über die Primarstufe und die Sekundarstufen bis zum Übergang von der Schule in Ausbildung und Studium.\n\n"
    "Schwerpunkte sind die durchgängige Sprachbildung, die Beratung neu zugewanderter Familien und die "
    "interkulturelle Öffnung der Bildungseinrichtungen."
)
DORTMUND_CROSS_CUTTING = (
    "Integration ist eine Querschnittsaufgabe der gesamten Stadtverwaltung. Aufbauend auf dem Masterplan "
    "Migration/Integration berät das Kommunale Integrationszentrum die Fachbereiche – Jugendamt, Schulverwaltung, "
    "Wirtschaftsförderung, Stadtentwicklung und Ausländerbehörde – und bündelt die Netzwerke der Stadt."
)
DORTMUND_ANCHORING = (
    "Das Kommunale Integrationszentrum Dortmund (MIA-DO-KI) ist als eigenständige, erkennbare Organisationseinheit "
    "dem Fachbereich I / Geschäftsbereich III zugeordnet. Es führt die Geschäftsstelle des Integrationsrats."
)


def _concept(municipality, number, **fields):
    work_plan = fields.pop("work_plan", [])
    concept, _created = IntegrationConcept.objects.update_or_create(
        municipality=municipality, number=number, defaults=fields
    )
    for theme, goal, measures, unit, target in work_plan:
        WorkPlanItem.objects.update_or_create(
            concept=concept,
            goal=goal,
            defaults={"theme": theme, "measures": measures, "responsible_unit": unit, "target_date": target},
        )
    return concept


def _steps(municipality, concept, steps):
    for title, body, body_name, kind, planned, actual, outcome, text in steps:
        CouncilStep.objects.update_or_create(
            municipality=municipality,
            title=title,
            defaults={
                "concept": concept,
                "body": body,
                "body_name": body_name,
                "kind": kind,
                "planned_date": planned,
                "actual_date": actual,
                "outcome": outcome,
                "resolution_text": text,
            },
        )


def _dortmund(municipality, today):
    B, K, R = CouncilStep.Body, CouncilStep.Kind, CouncilStep.Outcome
    first = _concept(
        municipality,
        1,
        title="Integrationskonzept der Stadt Dortmund – Kommunales Integrationszentrum",
        based_on="Masterplan Migration/Integration der Stadt Dortmund",
        plan_start=date(2013, 7, 1),
        education_text=DORTMUND_EDUCATION,
        cross_cutting_text=DORTMUND_CROSS_CUTTING,
        anchoring_text=DORTMUND_ANCHORING,
        priorities_start_year=2013,
        priorities_text="Durchgängige Sprachbildung; Seiteneinstieg neu zugewanderter Kinder und Jugendlicher.",
        fields_of_action=["bildung", "erziehung", "beschaeftigung", "partizipation", "engagement"],
        education_stages=ALL_STAGES,
        status=IntegrationConcept.Status.SUPERSEDED,
        resolution_body=IntegrationConcept.Body.COUNCIL,
        resolution_date=date(2013, 6, 20),
        resolution_paper="09154-13",
        resolution_outcome=IntegrationConcept.Outcome.ADOPTED,
        adopted_on=date(2013, 6, 20),
        superseded_on=date(2024, 3, 21),
        work_plan=[
            (
                FocusTheme.EDUCATION,
                "Durchgängige Sprachbildung in Kitas und Grundschulen",
                "Qualifizierung von Fachkräften; Rucksack-Programm für Eltern",
                "MIA-DO-KI, Team Bildung",
                date(2014, 7, 31),
            ),
            (
                FocusTheme.CROSS_CUTTING,
                "Interkulturelle Öffnung der Verwaltung",
                "Fortbildungen für Fachbereiche; Beratung der Ausländerbehörde",
                "MIA-DO-KI, Team Querschnitt",
                date(2015, 12, 31),
            ),
        ],
    )
    second = _concept(
        municipality,
        2,
        title="Integrationskonzept der Stadt Dortmund – Fortschreibung 2024",
        based_on="Masterplan Migration/Integration; Integrationskonzept 2013",
        plan_start=date(2024, 4, 1),
        education_text=DORTMUND_EDUCATION
        + "\n\nNeu: Bildungsberatung für neu zugewanderte Jugendliche am Übergang Schule–Beruf.",
        cross_cutting_text=DORTMUND_CROSS_CUTTING,
        anchoring_text=DORTMUND_ANCHORING,
        priorities_start_year=2025,
        priorities_text="Übergang Schule–Beruf; Laiensprachmittlerpool; Beteiligung von Migrantenorganisationen.",
        fields_of_action=ALL_FIELDS,
        education_stages=ALL_STAGES,
        status=IntegrationConcept.Status.ADOPTED,
        resolution_body=IntegrationConcept.Body.COUNCIL,
        resolution_date=date(2024, 3, 21),
        resolution_paper="31877-23",
        resolution_outcome=IntegrationConcept.Outcome.ADOPTED,
        adopted_on=date(2024, 3, 21),
        superseded_on=None,
        work_plan=[
            (
                FocusTheme.EDUCATION,
                "Bildungsberatung am Übergang Schule–Beruf",
                "Sprechstunden an Berufskollegs; Kooperation mit der Jugendberufsagentur",
                "MIA-DO-KI, Team Bildung",
                date(2026, 7, 31),
            ),
            (
                FocusTheme.CROSS_CUTTING,
                "Laiensprachmittlerpool aufbauen",
                "Gewinnung und Schulung von Sprachmittlerinnen und Sprachmittlern; Vermittlungsstelle",
                "MIA-DO-KI, Team Querschnitt",
                date(2025, 12, 31),
            ),
        ],
    )
    _steps(
        municipality,
        first,
        [
            (
                "Runderlass und Förderrichtlinie veröffentlicht (Juni 2012)",
                B.OTHER,
                "Land NRW (MAIS)",
                K.INFORMATION,
                date(2012, 6, 25),
                date(2012, 6, 25),
                "",
                "",
            ),
            (
                "Information des Integrationsrats über das Landesprogramm",
                B.INTEGRATION_COUNCIL,
                "",
                K.INFORMATION,
                date(2012, 11, 6),
                date(2012, 11, 6),
                R.NOTED,
                "",
            ),
            (
                "Information des Ausschusses",
                B.COMMITTEE,
                "Ausschuss für Soziales, Arbeit und Gesundheit",
                K.INFORMATION,
                date(2012, 12, 4),
                date(2012, 12, 4),
                R.NOTED,
                "",
            ),
            (
                "Ratsvorlage erarbeitet (Dez. 2012/Jan. 2013)",
                B.EXECUTIVE_BOARD,
                "",
                K.CONSULTATION,
                date(2013, 1, 31),
                date(2013, 1, 29),
                R.RECOMMENDED,
                "",
            ),
            (
                "Beteiligung zivilgesellschaftlicher Akteure und des Integrationsrats (Feb./März 2013)",
                B.CIVIL_SOCIETY,
                "",
                K.CONSULTATION,
                date(2013, 3, 31),
                date(2013, 3, 20),
                R.RECOMMENDED,
                "",
            ),
            (
                "Ratsbeschluss zum Integrationskonzept (Sommer 2013)",
                B.COUNCIL,
                "Rat der Stadt Dortmund",
                K.DECISION,
                date(2013, 6, 20),
                date(2013, 6, 20),
                R.ADOPTED,
                "Der Rat beschließt das Integrationskonzept und die Einrichtung des Kommunalen Integrationszentrums.",
            ),
            (
                "Kommunales Integrationszentrum eingerichtet (Mitte 2013)",
                B.OTHER,
                "Verwaltung, Fachbereich I / Geschäftsbereich III",
                K.INFORMATION,
                date(2013, 7, 1),
                date(2013, 7, 1),
                "",
                "",
            ),
        ],
    )
    _steps(
        municipality,
        second,
        [
            (
                "Beratung der Fortschreibung im Integrationsrat",
                B.INTEGRATION_COUNCIL,
                "",
                K.CONSULTATION,
                date(2024, 2, 6),
                date(2024, 2, 6),
                R.RECOMMENDED,
                "",
            ),
            (
                "Ratsbeschluss zur Fortschreibung",
                B.COUNCIL,
                "Rat der Stadt Dortmund",
                K.DECISION,
                date(2024, 3, 21),
                date(2024, 3, 21),
                R.ADOPTED,
                "Der Rat beschließt die Fortschreibung des Integrationskonzepts.",
            ),
            (
                "Zwischenbericht zum Arbeitsplan im Ausschuss",
                B.COMMITTEE,
                "Ausschuss für Soziales, Arbeit und Gesundheit",
                K.INFORMATION,
                today - timedelta(days=30),
                None,
                "",
                "",
            ),
            (
                "Bericht über die inhaltlichen Schwerpunkte im Integrationsrat",
                B.INTEGRATION_COUNCIL,
                "",
                K.INFORMATION,
                today + timedelta(days=60),
                None,
                "",
                "",
            ),
        ],
    )


def _others(by_ags):
    # Bochum: adopted in 2019, older than three years today.
    _concept(
        by_ags["05911000"],
        1,
        title="Integrationskonzept der Stadt Bochum",
        plan_start=date(2019, 6, 1),
        education_text="Sprachbildung und Elternarbeit entlang der Bildungskette.",
        cross_cutting_text="Interkulturelle Öffnung der Verwaltung und Vernetzung der Fachbereiche.",
        anchoring_text="Das KIZ ist als Stabsstelle dem Dezernat für Jugend, Soziales und Gesundheit zugeordnet.",
        fields_of_action=["bildung", "erziehung", "kultur"],
        education_stages=["fruehe_bildung", "primarstufe"],
        status=IntegrationConcept.Status.ADOPTED,
        resolution_body=IntegrationConcept.Body.COUNCIL,
        resolution_date=date(2019, 5, 16),
        resolution_paper="20191234",
        resolution_outcome=IntegrationConcept.Outcome.ADOPTED,
        adopted_on=date(2019, 5, 16),
        work_plan=[
            (FocusTheme.EDUCATION, "Elternbegleitung in Kitas", "Elterncafés", "KIZ Bochum", date(2020, 7, 31)),
            (FocusTheme.CROSS_CUTTING, "Fortbildung der Verwaltung", "Schulungen", "KIZ Bochum", date(2020, 12, 31)),
        ],
    )
    # Essen: a draft only, the cross-cutting theme not written yet.
    _concept(
        by_ags["05113000"],
        1,
        title="Integrationskonzept der Stadt Essen (Entwurf)",
        plan_start=date(2026, 1, 1),
        education_text="Ausbau der Seiteneinstiegsberatung und der Sprachförderung.",
        anchoring_text="Das KIZ wird als eigenes Sachgebiet im Amt für Soziales und Wohnen eingerichtet.",
        fields_of_action=["bildung"],
        education_stages=["sek1"],
        status=IntegrationConcept.Status.DRAFT,
        work_plan=[
            (FocusTheme.EDUCATION, "Seiteneinstieg beraten", "Beratungsstelle", "KIZ Essen", date(2026, 9, 30)),
        ],
    )
    # Köln: adopted recently and complete.
    _concept(
        by_ags["05315000"],
        1,
        title="Kölner Integrationskonzept",
        based_on="Kölner Integrationskonzept 2011",
        plan_start=date(2025, 1, 1),
        education_text="Bildungsgerechtigkeit von der Kita bis zum Beruf.",
        cross_cutting_text="Integration als Aufgabe aller Dezernate mit jährlichem Integrationsbericht.",
        anchoring_text="Das KIZ ist eine eigene Abteilung im Amt für Integration und Vielfalt.",
        priorities_start_year=2025,
        priorities_text="Sprachmittlung; Antidiskriminierung.",
        fields_of_action=ALL_FIELDS,
        education_stages=ALL_STAGES,
        status=IntegrationConcept.Status.ADOPTED,
        resolution_body=IntegrationConcept.Body.COUNCIL,
        resolution_date=date(2024, 12, 12),
        resolution_paper="3721/2024",
        resolution_outcome=IntegrationConcept.Outcome.ADOPTED,
        adopted_on=date(2024, 12, 12),
        work_plan=[
            (FocusTheme.EDUCATION, "Sprachkitas ausbauen", "Fachberatung", "KIZ Köln", date(2026, 7, 31)),
            (FocusTheme.CROSS_CUTTING, "Integrationsbericht", "Jährlicher Bericht", "KIZ Köln", date(2026, 3, 31)),
        ],
    )
    # Kreis Unna: adopted, but the resolution was never recorded and the anchoring is missing.
    _concept(
        by_ags["05978000"],
        1,
        title="Integrationskonzept des Kreises Unna",
        plan_start=date(2024, 1, 1),
        education_text="Kreisweite Koordination der Sprachförderung.",
        cross_cutting_text="Abstimmung mit den kreisangehörigen Städten und Gemeinden.",
        anchoring_text="",
        fields_of_action=["bildung", "beschaeftigung"],
        education_stages=["uebergang"],
        status=IntegrationConcept.Status.ADOPTED,
        adopted_on=date(2024, 6, 27),
        work_plan=[
            (FocusTheme.EDUCATION, "Sprachförderung koordinieren", "Netzwerktreffen", "KIZ Unna", date(2025, 6, 30)),
            (FocusTheme.CROSS_CUTTING, "Kommunen vernetzen", "Fachtage", "KIZ Unna", date(2025, 12, 31)),
        ],
    )


@transaction.atomic
def seed():
    by_ags = {
        m.ags: m
        for m in Municipality.objects.filter(ags__in=["05913000", "05911000", "05113000", "05315000", "05978000"])
    }
    _dortmund(by_ags["05913000"], timezone.localdate())
    _others(by_ags)
    return []
