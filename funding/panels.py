"""Sections the funding app adds to the home pages: the current application, the authority's waiting list, and
after the grant the open call-offs and the proofs of use that are due."""

from django.utils import timezone

from kiz import policy

from .applications.models import ApplicationState, FundingApplication
from .grants.models import CallOff
from .proofs.models import ProofOfUse, ProofState
from .proofs.rules import proof_due_on


def home_city(*, user, municipality):
    if not policy.can_view(user, municipality):
        return []
    application = (
        FundingApplication.objects.for_user(user).filter(municipality=municipality).order_by("-funding_year").first()
    )
    sections = [{"template": "funding/_panel_city.html", "application": application}]
    money = _money_city(user, municipality)
    if money["call_offs"] or money["proofs_due"]:
        sections.append({"template": "funding/_panel_city_money.html", **money})
    return sections


def _money_city(user, municipality) -> dict:
    """Call-offs waiting for payout, and the granted years whose proof of use is not submitted yet (three queries)."""
    call_offs = list(
        CallOff.objects.for_user(user)
        .waiting()
        .filter(application__municipality=municipality)
        .select_related("application")
    )
    today = timezone.localdate()
    granted = (
        FundingApplication.objects.for_user(user)
        .filter(
            municipality=municipality,
            state__in=[ApplicationState.GRANTED, ApplicationState.PARTIALLY_GRANTED],
            notice__isnull=False,
        )
        .select_related("notice")
        .order_by("funding_year")
    )
    proofs = {
        (p.application_id, p.year): p
        for p in ProofOfUse.objects.for_user(user).filter(application__municipality=municipality)
    }
    due = []
    for application in granted:
        for year in range(application.notice.period_start.year, application.notice.period_end.year + 1):
            proof = proofs.get((application.pk, year))
            if proof is not None and proof.state != ProofState.DRAFT:
                continue
            due_on = proof_due_on(year)
            if year <= today.year:
                due.append(
                    {
                        "application": application,
                        "year": year,
                        "proof": proof,
                        "due_on": due_on,
                        "overdue": due_on < today,
                    }
                )
    return {"call_offs": call_offs, "proofs_due": due}


def home_state(*, user):
    if not policy.can_review(user):
        return []
    waiting = FundingApplication.objects.for_user(user).waiting_for_review().count()
    return [
        {"template": "funding/_panel_state.html", "waiting": waiting},
        {
            "template": "funding/_panel_state_money.html",
            "call_offs": CallOff.objects.for_user(user).waiting().count(),
            "proofs": ProofOfUse.objects.for_user(user).waiting().count(),
        },
    ]
