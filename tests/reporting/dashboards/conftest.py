"""Dortmund's figures with amounts that can be checked by hand, and Bochum's, which must never appear with them."""

from datetime import date
from decimal import Decimal

import pytest

from concepts.models import CouncilStep
from funding.models import (
    ApplicationState,
    CallOff,
    CallOffState,
    GrantNotice,
    Guideline,
    ProofLine,
    ProofLineKind,
    ProofOfUse,
    ProofState,
    extra_item_key,
)
from kiz.choices import EducationStage, FieldOfAction
from reporting.controlling.models import ReportState
from staffing.models import PostCategory
from tests.concepts.factories import CouncilStepFactory, full_concept
from tests.factories import UserFactory
from tests.funding.conftest import load_editions
from tests.funding.factories import PostFactory, StaffPlanFactory, application_for
from tests.reporting.controlling.factories import ActivityFactory, ReportFactory


@pytest.fixture(autouse=True)
def _editions(db):
    if not Guideline.objects.exists():
        load_editions()


def granted(municipality, year, *, requested, approved, user):
    application = application_for(municipality, year, requested=Decimal(requested), state=ApplicationState.GRANTED)
    GrantNotice.objects.create(
        application=application,
        approved_amount=Decimal(approved),
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        file_number=f"36.08.01-{year}/{municipality.ags}",
        issued_on=date(year, 2, 1),
        side_conditions="ANBest-G; Verwendungsnachweis bis 31.03. des Folgejahres.",
        issued_by=user,
    )
    return application


def call_off(application, amount, state, user, day=date(2024, 3, 1)):
    return CallOff.objects.create(
        application=application,
        amount=Decimal(amount),
        justification="Gehälter",
        requested_by=user,
        requested_on=day,
        state=state,
    )


def proof(application, year, state, lines):
    proof = ProofOfUse.objects.create(
        application=application,
        year=year,
        state=state,
        activities="Beratung von Schulen und Kitas.",
        results="Zwei neue Netzwerke.",
        deviations="Eine Stelle war sechs Monate unbesetzt.",
    )
    extra = application.guideline.extra_items.first()
    for position, (kind, label, planned, actual) in enumerate(lines):
        post = {}
        if kind == ProofLineKind.POST:  # a full-time specialist post paid from the grant, in post all year
            post = {"category": "paed_fachkraft", "funding_source": "landeszuschuss", "fte": 1, "months": 12}
        ProofLine.objects.create(
            proof=proof,
            kind=kind,
            key=extra_item_key(extra.pk) if kind == ProofLineKind.EXTRA else f"{kind}-{position}",
            label=label,
            position=position,
            planned=Decimal(planned),
            actual=None if actual is None else Decimal(actual),
            **post,
        )
    return proof


def city_figures(municipality, *, scale=Decimal(1), posts=3):
    """A staff plan, two applications (one granted with call-offs and a proof), a controlling report, steps."""
    user = UserFactory()
    plan = StaffPlanFactory(municipality=municipality, year=2025)
    PostFactory(plan=plan, title="Pädagogische Fachkraft A", occupant_name="Erika Mustermann")
    PostFactory(plan=plan, title="Pädagogische Fachkraft B", filled_months=6, occupant_name="Max Beispiel")
    PostFactory(
        plan=plan,
        title="Verwaltungsassistenz",
        category=PostCategory.VERWALTUNGSASSISTENZ,
        fte=Decimal("0.50"),
        pay_grade="T 40",
    )
    for n in range(posts - 3):
        PostFactory(plan=plan, title=f"Weitere Stelle {n}", category=PostCategory.FACHKRAFT_SONSTIGE)
    full_concept(municipality, title=f"Integrationskonzept {municipality.name}", resolution_date=date(2024, 3, 14))
    first = granted(municipality, 2024, requested=310000 * scale, approved=Decimal("305432.10") * scale, user=user)
    call_off(first, Decimal("100000.00") * scale, CallOffState.PAID, user)
    call_off(first, Decimal("50000.50") * scale, CallOffState.REQUESTED, user)
    call_off(first, Decimal("9999.00") * scale, CallOffState.REJECTED, user)
    proof(
        first,
        2024,
        ProofState.SUBMITTED,
        [
            (
                ProofLineKind.POST,
                "Pädagogische Fachkraft A",
                Decimal("120000.00") * scale,
                Decimal("120000.00") * scale,
            ),
            (ProofLineKind.EXTRA, "Laiensprachmittlerpool", Decimal("5000.00") * scale, Decimal("5000.25") * scale),
            (ProofLineKind.OWN, "Eigenanteil", Decimal("30000.00") * scale, Decimal("30000.00") * scale),
        ],
    )
    application_for(municipality, 2025, requested=Decimal("320000.00") * scale, state=ApplicationState.SUBMITTED)
    report = ReportFactory(municipality=municipality, year=2024, state=ReportState.SUBMITTED)
    ActivityFactory(
        report=report, field_of_action=FieldOfAction.EDUCATION, education_stage=EducationStage.EARLY, count=4
    )
    ActivityFactory(
        report=report, field_of_action=FieldOfAction.EDUCATION, education_stage=EducationStage.PRIMARY, count=3
    )
    ActivityFactory(report=report, field_of_action=FieldOfAction.HEALTH, count=2)
    ReportFactory(municipality=municipality, year=2025, due_date=date(2026, 3, 31))
    CouncilStepFactory(
        municipality=municipality,
        title=f"Integrationsrat {municipality.name} informiert",
        body=CouncilStep.Body.INTEGRATION_COUNCIL,
        planned_date=date(2024, 2, 6),
        actual_date=date(2024, 2, 6),
    )
    CouncilStepFactory(
        municipality=municipality,
        title=f"Ratsbeschluss Fortschreibung {municipality.name}",
        body=CouncilStep.Body.COUNCIL,
        planned_date=date(2099, 6, 30),
        actual_date=None,
    )
    return plan


@pytest.fixture
def dortmund_figures(dortmund):
    return city_figures(dortmund)


@pytest.fixture
def bochum_figures(bochum):
    return city_figures(bochum, scale=Decimal(3))
