"""Data of one municipality for the API tests: every kind of object the API serves, drafts included."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib import import_module

from django.apps import apps

from concepts.models import CouncilStep, IntegrationConcept
from funding.applications.record import record_submission
from funding.guidelines.rules import guideline_for
from funding.models import (
    ApplicationState,
    CallOff,
    CallOffPayment,
    FundingApplication,
    GrantNotice,
    ProofLine,
    ProofOfUse,
    ProofState,
)
from kiz.services import api_token_create
from reporting.controlling.models import ControllingReport, ReportState
from staffing.models import Post, StaffPlan
from tests.concepts.factories import AdoptedConceptFactory, ConceptFactory, CouncilStepFactory
from tests.staffing.factories import PostFactory


@dataclass
class City:
    adopted: IntegrationConcept
    draft_concept: IntegrationConcept
    step: CouncilStep
    draft_step: CouncilStep
    plan: StaffPlan
    post: Post
    granted: FundingApplication
    draft: FundingApplication
    notice: GrantNotice
    call_off: CallOff
    proof: ProofOfUse
    draft_proof: ProofOfUse
    report: ControllingReport
    draft_report: ControllingReport

    def urls(self):
        """The URL of every object of this municipality, one per endpoint (drafts included)."""
        return {
            "municipalities": self.plan.municipality.ags,
            "concepts": self.adopted.pk,
            "council-steps": self.step.pk,
            "staff-plans": self.plan.pk,
            "posts": self.post.pk,
            "applications": self.granted.pk,
            "grant-notices": self.notice.pk,
            "call-offs": self.call_off.pk,
            "proofs-of-use": self.proof.pk,
            "controlling-reports": self.report.pk,
        }


def load_editions():
    """The guideline editions of the data migration (a transactional test empties the database behind it)."""
    from funding.models import Guideline

    if not Guideline.objects.exists():
        import_module("funding.migrations.0002_guideline_editions").load(apps, None)


def city(municipality, *, authority, year=2014) -> City:
    load_editions()
    adopted = AdoptedConceptFactory(municipality=municipality, resolution_date=date(2013, 6, 1))
    draft_concept = ConceptFactory(municipality=municipality, title="Entwurf der Fortschreibung")
    step = CouncilStepFactory(municipality=municipality, concept=adopted, title="Beschluss im Rat", actual_date=None)
    draft_step = CouncilStepFactory(
        municipality=municipality, concept=draft_concept, title="Entwurf im Integrationsrat"
    )
    plan = StaffPlan.objects.create(municipality=municipality, year=year)
    post = PostFactory(plan=plan, title="Pädagogische Fachkraft", occupant_name="Erika Mustermann", fte=Decimal("0.75"))
    granted = FundingApplication.objects.create(
        municipality=municipality,
        funding_year=year,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        requested_grant=Decimal("165000.00"),
        own_rooms=Decimal("1200.50"),
        state=ApplicationState.GRANTED,
        guideline=guideline_for(date(year, 1, 1)),
    )
    draft = FundingApplication.objects.create(
        municipality=municipality,
        funding_year=year + 1,
        period_start=date(year + 1, 1, 1),
        period_end=date(year + 1, 12, 31),
    )
    record_submission(application=granted, user=authority)  # what was submitted, frozen (a revision)
    notice = GrantNotice.objects.create(
        application=granted,
        approved_amount=Decimal("160000.10"),
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        file_number=f"36.08-{municipality.ags}/{year}",
        issued_on=date(year, 3, 15),
        issued_by=authority,
    )
    call_off = CallOff.objects.create(
        application=granted,
        amount=Decimal("40000.00"),
        justification="Gehälter Januar bis März",
        requested_by=authority,
        requested_on=date(year, 1, 10),
    )
    CallOffPayment.objects.create(
        call_off=call_off, description="Gehälter Januar", amount=Decimal("40000.00"), due_on=date(year, 1, 31)
    )
    proof = ProofOfUse.objects.create(application=granted, year=year, state=ProofState.SUBMITTED)
    ProofLine.objects.create(proof=proof, kind="post", key="post:1", label="Fachkraft", planned=Decimal("60000.00"))
    draft_proof = ProofOfUse.objects.create(application=granted, year=year + 1)
    report = ControllingReport.objects.create(
        municipality=municipality, year=year, due_date=date(year + 1, 3, 31), state=ReportState.SUBMITTED
    )
    draft_report = ControllingReport.objects.create(
        municipality=municipality, year=year + 1, due_date=date(year + 2, 3, 31)
    )
    return City(
        adopted, draft_concept, step, draft_step, plan, post, granted, draft, notice, call_off, proof, draft_proof,
        report, draft_report,
    )  # fmt: skip


def token_for(user) -> str:
    return api_token_create(user=user, name="Test")[1]


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
