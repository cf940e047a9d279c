"""Demo controlling reports: Dortmund 2013–2017 (and 2025) submitted with a year of activities, the current year
open; other KIZ with submitted and overdue reports for last year, so the state-wide table has something to show."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from kiz.choices import EducationStage as E
from kiz.choices import FieldOfAction as F
from kiz.models import Municipality, WorkflowEvent

from . import rules, services
from .models import (
    Activity,
    ControllingReport,
    ReportPeriod,
    ReportState,
    StaffingInPlace,
)
from .models import (
    ActivityKind as K,
)
from .models import (
    PartnerKind as P,
)

DORTMUND = "05913000"

# (title, field, stage, kind, occurrences, participants, institutions, partners) of a typical Dortmund year
DORTMUND_YEAR = [
    (
        "Sprachförderung in Kitas: Beratung der Träger",
        F.EDUCATION,
        E.EARLY,
        K.ADVICE,
        14,
        0,
        22,
        [P.KITAS, P.JUGENDAMT, P.FREIE_TRAEGER],
    ),
    ("Rucksack-Elternprogramm", F.EDUCATION, E.EARLY, K.PROJECT, 1, 180, 12, [P.KITAS, P.FREIE_TRAEGER]),
    ("Griffbereit – Eltern-Kind-Gruppen", F.UPBRINGING, E.EARLY, K.PROJECT, 1, 95, 8, [P.KITAS, P.JUGENDHILFE]),
    (
        "Seiteneinstieg: Beratung neu zugewanderter Familien",
        F.EDUCATION,
        E.PRIMARY,
        K.ADVICE,
        40,
        260,
        30,
        [P.SCHULEN, P.SCHULVERWALTUNG],
    ),
    (
        "Fortbildung Deutsch als Zweitsprache für Lehrkräfte",
        F.EDUCATION,
        E.SECONDARY_I,
        K.TRAINING,
        6,
        110,
        18,
        [P.SCHULEN],
    ),
    (
        "Netzwerk Übergang Schule–Beruf",
        F.EMPLOYMENT,
        E.TRANSITION,
        K.NETWORK,
        4,
        60,
        15,
        [P.WIRTSCHAFTSFOERDERUNG, P.SCHULEN, P.REGIONAL],
    ),
    (
        "Berufsorientierung am Berufskolleg",
        F.EMPLOYMENT,
        E.SECONDARY_II,
        K.EVENT,
        3,
        140,
        4,
        [P.SCHULEN, P.WIRTSCHAFTSFOERDERUNG],
    ),
    (
        "Interkulturelle Öffnung: Beratung der Ausländerbehörde",
        F.PARTICIPATION,
        "",
        K.ADVICE,
        5,
        0,
        1,
        [P.AUSLAENDERBEHOERDE],
    ),
    ("Integrationsrat: Geschäftsführung der Sitzungen", F.PARTICIPATION, "", K.NETWORK, 6, 150, 1, []),
    (
        "Quartiersarbeit Nordstadt mit der Stadtentwicklung",
        F.VOLUNTEERING,
        "",
        K.PROJECT,
        1,
        75,
        9,
        [P.STADTENTWICKLUNG, P.FREIE_TRAEGER],
    ),
    ("Interkulturelles Sportfest", F.SPORT, "", K.EVENT, 1, 400, 14, [P.REGIONAL, P.FREIE_TRAEGER]),
    (
        "Kulturrucksack: Theater mit Jugendlichen",
        F.CULTURE,
        E.SECONDARY_I,
        K.PROJECT,
        1,
        45,
        3,
        [P.SCHULEN, P.JUGENDHILFE],
    ),
    ("Gesundheitslotsen für Zugewanderte", F.HEALTH, "", K.TRAINING, 2, 24, 5, [P.FREIE_TRAEGER]),
]

# Fields added in later years, as the centre grew into the programme.
LATER = {
    2015: [
        ("Kultursensible Pflege: Beratung ambulanter Dienste", F.ELDERLY_CARE, "", K.ADVICE, 3, 0, 6, [P.FREIE_TRAEGER])
    ],
    2016: [
        (
            "Willkommensklassen: Beratung der Schulen",
            F.EDUCATION,
            E.SECONDARY_I,
            K.ADVICE,
            25,
            0,
            21,
            [P.SCHULEN, P.SCHULVERWALTUNG],
        )
    ],
}

NARRATIVE = (
    "Schwerpunkt {year} war die Integration durch Bildung entlang der Bildungskette: Sprachförderung in Kitas, "
    "die Beratung neu zugewanderter Familien und der Übergang Schule–Beruf. Die Querschnittsaufgabe wurde mit "
    "Ausländerbehörde und Stadtentwicklung vorangebracht. Abweichungen vom Arbeitsplan: keine wesentlichen."
)

# Other KIZ for last year: (AGS, submitted?, scale of a Dortmund year)
OTHERS = [
    ("05911000", True, 0.8),  # Bochum
    ("05113000", False, 0.6),  # Essen: draft, overdue
    ("05978000", True, 1.1),  # Kreis Unna
    ("05766000", True, 0.7),  # Kreis Lippe
    ("05315000", False, 1.3),  # Köln: draft, overdue
    ("05515000", True, 0.9),  # Münster
]


def _activities(report, rows, scale=1.0):
    Activity.objects.bulk_create(
        Activity(
            report=report,
            title=title,
            field_of_action=field,
            education_stage=stage,
            kind=kind,
            count=max(1, round(count * scale)),
            participants=round(participants * scale),
            institutions_reached=max(0, round(institutions * scale)),
            partners=[str(p) for p in partners],
        )
        for title, field, stage, kind, count, participants, institutions, partners in rows
    )


def _report(municipality, year, *, state=ReportState.DRAFT, narrative=""):
    report = ControllingReport.objects.create(
        municipality=municipality,
        year=year,
        period=ReportPeriod.YEAR,
        due_date=rules.default_due_date(year, ReportPeriod.YEAR),
        narrative=narrative,
        state=state,
    )
    StaffingInPlace.objects.bulk_create(
        StaffingInPlace(report=report, category=category, fte=fte)
        for category, fte in services.planned_staffing(municipality, year).items()
    )
    return report


def _submitted_on(report):
    """A plausible submission date: two weeks before the due date, at ten o'clock."""
    day = report.due_date - timedelta(days=14)
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


@transaction.atomic
def seed(stdout=None):
    municipalities = {m.ags: m for m in Municipality.objects.filter(ags__in=[DORTMUND, *[o[0] for o in OTHERS]])}
    dortmund = municipalities.get(DORTMUND)
    if dortmund is None:
        return []
    lead = get_user_model().objects.filter(username="leitung.dortmund").first()
    today = services.today()
    for year in [*range(2013, 2018), today.year - 1]:
        if ControllingReport.objects.filter(municipality=dortmund, year=year).exists():
            continue
        report = _report(dortmund, year, narrative=NARRATIVE.format(year=year))
        rows = list(DORTMUND_YEAR)
        for since, extra in LATER.items():
            if year >= since:
                rows += extra
        _activities(report, rows, scale=1.0 if year > 2013 else 0.5)  # 2013: the centre opened in July
        if lead is not None:
            event = services.report_submit(report=report, user=lead)
            when = _submitted_on(report)
            WorkflowEvent.objects.filter(pk=event.pk).update(created_at=when)
            ControllingReport.objects.filter(pk=report.pk).update(submitted_at=when)
    if not ControllingReport.objects.filter(municipality=dortmund, year=today.year).exists():
        report = _report(dortmund, today.year)
        _activities(report, DORTMUND_YEAR[:4], scale=0.6)
    for ags, submitted, scale in OTHERS:
        municipality = municipalities.get(ags)
        if (
            municipality is None
            or ControllingReport.objects.filter(municipality=municipality, year=today.year - 1).exists()
        ):
            continue
        # Reports of other KIZ are loaded as they stand (no lead user of theirs exists in the demo).
        report = _report(
            municipality,
            today.year - 1,
            state=ReportState.SUBMITTED if submitted else ReportState.DRAFT,
            narrative=NARRATIVE.format(year=today.year - 1) if submitted else "",
        )
        if submitted:
            ControllingReport.objects.filter(pk=report.pk).update(submitted_at=_submitted_on(report))
        _activities(report, DORTMUND_YEAR[: 6 + round(scale * 5)], scale=scale)
    return []
