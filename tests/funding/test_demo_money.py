"""The demo after the grant: Dortmund 2014 with two paid call-offs and a checked proof of use with repayment and
interest; the current grant (2025) with one paid and one waiting call-off."""

from decimal import Decimal as D

import pytest

from funding import demo
from funding.grants.services import budget_for
from funding.models import ApplicationState as S
from funding.models import CallOff, CallOffState, FundingApplication, ProofOfUse, ProofState
from kiz.extensions import app_modules

pytestmark = pytest.mark.django_db


def test_demo_calloffs_and_proof_of_use():
    for module in app_modules("demo"):
        module.seed()
    granted = FundingApplication.objects.get(municipality__ags="05913000", funding_year=2014)
    paid = CallOff.objects.filter(application=granted, state=CallOffState.PAID)
    assert sorted(c.amount for c in paid) == [D("65000.00"), D("100000.00")]
    proof = ProofOfUse.objects.get(application=granted, year=2014)
    assert proof.state == ProofState.CHECKED
    assert D("0") < proof.repayment_amount < D("10000")
    assert proof.interest_amount > D("0")
    assert proof.grant_due + proof.repayment_amount == proof.paid_total == D("165000.00")
    current = FundingApplication.objects.get(municipality__ags="05913000", funding_year=2025)
    assert current.state == S.GRANTED
    states = sorted(CallOff.objects.filter(application=current).values_list("state", flat=True))
    assert states == [CallOffState.PAID, CallOffState.REQUESTED]
    budget = budget_for(current)
    assert budget.remaining > 0 and budget.paid > 0
    counts = (CallOff.objects.count(), ProofOfUse.objects.count())
    demo.seed()  # idempotent
    assert (CallOff.objects.count(), ProofOfUse.objects.count()) == counts
    print(proof.repayment_amount, proof.interest_amount, current.notice.approved_amount)
