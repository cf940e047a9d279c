"""The benchmark's state-scale data: the 54 KIZ (or 10 × as many) with the years 2018–2026, by bulk inserts.

Staff plans, applications, grant notices, call-offs, proofs of use and controlling reports with activities for
every municipality and year, the same on every run. `seed()` makes the users and the 54 KIZ; `seed_copies()`
adds copies of them under made-up keys for the scale run.
"""

from datetime import date, timedelta
from decimal import Decimal

YEARS = range(2018, 2027)


def seed():
    """54 KIZ × the years 2018–2026; returns the users and Dortmund's latest application."""
    from django.contrib.auth import get_user_model

    from funding.models import FundingApplication
    from kiz.models import Membership, Municipality, Role
    from kiz.services import municipalities_load

    municipalities_load()
    municipalities = list(Municipality.objects.order_by("name"))
    user_model = get_user_model()
    users = {}
    for role, name in (("coordination", "bench.laki"), ("council", "bench.rat")):
        users[role] = user_model.objects.create_user(name, password=None)
    dortmund = next(m for m in municipalities if m.ags == "05913000")
    Membership.objects.create(user=users["coordination"], role=Role.COORDINATION)
    Membership.objects.create(user=users["council"], role=Role.COUNCIL, municipality=dortmund)
    seed_years(municipalities, issuer=users["coordination"])
    latest = FundingApplication.objects.get(municipality=dortmund, funding_year=YEARS.stop - 2)
    return users, latest.pk


def seed_copies(copies: int, *, issuer) -> int:
    """`copies` more of each of the 54 KIZ (made-up keys 10…, 11… instead of 05…) with the same years of data."""
    from kiz.models import IntegrationCentre, Municipality

    originals = list(Municipality.objects.filter(ags__startswith="05").order_by("name"))
    made = Municipality.objects.bulk_create(
        Municipality(name=f"{m.name} ({n + 2})", kind=m.kind, ags=f"{10 + n}{m.ags[2:]}", district=m.district)
        for n in range(copies)
        for m in originals
    )
    IntegrationCentre.objects.bulk_create(
        IntegrationCentre(municipality=m, name=f"Kommunales Integrationszentrum {m.name}") for m in made
    )
    seed_years(made, issuer=issuer)
    return len(made)


def seed_years(municipalities, *, issuer):
    """The data of the years 2018–2026 for each municipality."""
    from concepts.models import CouncilStep, IntegrationConcept
    from funding.guidelines.rules import guideline_for
    from funding.models import (
        ApplicationState,
        CallOff,
        CallOffState,
        FundingApplication,
        GrantNotice,
        ProofLine,
        ProofLineKind,
        ProofOfUse,
        ProofState,
    )
    from kiz.choices import EducationStage, FieldOfAction
    from reporting.controlling.models import Activity, ActivityKind, ControllingReport, ReportState, StaffingInPlace
    from staffing.models import PayRate, Post, PostCategory, StaffPlan

    PayRate.objects.bulk_create(
        (
            PayRate(year=year, pay_scheme="tvoed", pay_grade=grade, annual_cost=Decimal(cost))
            for year in YEARS
            for grade, cost in (("S 12", "72000.00"), ("EG 9c", "64000.00"), ("EG 6", "52000.00"))
        ),
        ignore_conflicts=True,  # the shipped rates of a year stay as they are
    )
    IntegrationConcept.objects.bulk_create(
        IntegrationConcept(
            municipality=m,
            number=1,
            status=IntegrationConcept.Status.ADOPTED,
            title=f"Integrationskonzept {m.name}",
            plan_start=date(2023, 1, 1),
            resolution_date=date(2022 + i % 4, 3, 1),
            adopted_on=date(2022 + i % 4, 3, 1),
        )
        for i, m in enumerate(municipalities)
    )
    CouncilStep.objects.bulk_create(
        CouncilStep(
            municipality=m,
            title=f"Beratung {n}",
            body=CouncilStep.Body.INTEGRATION_COUNCIL,
            kind=CouncilStep.Kind.CONSULTATION,
            planned_date=date(2024, 1, 1) + timedelta(days=60 * n),
            actual_date=date(2024, 1, 1) + timedelta(days=60 * n) if n < 8 else None,
        )
        for m in municipalities
        for n in range(10)
    )
    plans = StaffPlan.objects.bulk_create(
        StaffPlan(municipality=m, year=year) for m in municipalities for year in YEARS
    )
    categories = [
        (PostCategory.PAED_FACHKRAFT, "S 12", "1.00"),
        (PostCategory.PAED_FACHKRAFT, "S 12", "1.00"),
        (PostCategory.PAED_FACHKRAFT, "S 12", "0.75"),
        (PostCategory.FACHKRAFT_SONSTIGE, "EG 9c", "1.00"),
        (PostCategory.VERWALTUNGSFACHKRAFT, "EG 9c", "1.00"),
        (PostCategory.VERWALTUNGSASSISTENZ, "EG 6", "0.50"),
    ]
    Post.objects.bulk_create(
        Post(
            plan=plan,
            title=f"Stelle {n + 1}",
            category=category,
            fte=Decimal(fte),
            funding_source="landeszuschuss",
            origin="neu",
            pay_scheme="tvoed",
            pay_grade=grade,
            starts_on=date(plan.year, 1, 1),
            filled_months=12 if n % 3 else 9,
            position=n,
        )
        for plan in plans
        for n, (category, grade, fte) in enumerate(categories)
    )
    guidelines = {year: guideline_for(date(year, 1, 1)) for year in YEARS}
    applications = FundingApplication.objects.bulk_create(
        FundingApplication(
            municipality=m,
            funding_year=year,
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            guideline=guidelines[year],
            requested_grant=Decimal("300000.00") + i * 1000,
            state=ApplicationState.GRANTED if year < 2026 else ApplicationState.SUBMITTED,
        )
        for i, m in enumerate(municipalities)
        for year in YEARS
    )
    granted = [a for a in applications if a.funding_year < 2026]
    GrantNotice.objects.bulk_create(
        GrantNotice(
            application=a,
            approved_amount=a.requested_grant - 5000,
            period_start=a.period_start,
            period_end=a.period_end,
            file_number=f"36.08.01-{a.funding_year}/{a.municipality_id}",
            issued_on=date(a.funding_year, 1, 20),
            issued_by=issuer,
        )
        for a in granted
    )
    CallOff.objects.bulk_create(
        CallOff(
            application=a,
            amount=Decimal("70000.00"),
            justification="Gehälter",
            requested_by=issuer,
            requested_on=date(a.funding_year, 3 * q + 1, 5),
            state=CallOffState.PAID,
        )
        for a in granted
        for q in range(4)
    )
    proofs = ProofOfUse.objects.bulk_create(
        ProofOfUse(application=a, year=a.funding_year, state=ProofState.SUBMITTED, activities="Beratung")
        for a in granted
        if a.funding_year < 2025
    )
    ProofLine.objects.bulk_create(
        ProofLine(
            proof=p, kind=kind, key=f"{kind}-{n}", label=f"Position {n}", position=n, planned=amount, actual=amount - n
        )
        for p in proofs
        for n, (kind, amount) in enumerate(
            [(ProofLineKind.POST, Decimal("250000.00")), (ProofLineKind.EXTRA, Decimal("20000.00"))]
        )
    )
    reports = ControllingReport.objects.bulk_create(
        ControllingReport(
            municipality=m,
            year=year,
            due_date=date(year + 1, 3, 31),
            state=ReportState.SUBMITTED if year < 2025 else ReportState.DRAFT,
            narrative="Bericht",
        )
        for m in municipalities
        for year in YEARS
    )
    fields, stages = FieldOfAction.values, [*EducationStage.values, ""]
    Activity.objects.bulk_create(
        Activity(
            report=r,
            field_of_action=fields[n % len(fields)],
            education_stage=stages[n % len(stages)],
            kind=ActivityKind.ADVICE,
            title=f"Aktivität {n}",
            count=1 + n % 4,
            participants=10 * n,
            institutions_reached=n % 5,
        )
        for r in reports
        for n in range(12)
    )
    StaffingInPlace.objects.bulk_create(
        StaffingInPlace(report=r, category=PostCategory.PAED_FACHKRAFT, fte=Decimal("2.50")) for r in reports
    )
    # Bulk inserts send no signals.
    from kiz.freshness import data_changed

    data_changed()
