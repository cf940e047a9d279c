"""Half-years without a base rate: the authority's page lists them, and a repayment in one is refused."""

from datetime import date

import pytest
from django.urls import reverse

from funding.models import BaseRate, ProofOfUse, ProofState
from funding.proofs.services import proof_move

from .test_proof_of_use import fill, paid_twice, proof  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def test_base_rate_page_lists_the_missing_half_years(client_for, authority, lead):
    BaseRate.objects.filter(valid_from=date(2023, 7, 1)).delete()
    for user in (authority, lead):
        page = client_for(user).get(reverse("funding:base_rates")).content.decode()
        assert "Halbjahre ohne Basiszinssatz" in page
        assert "01.07.2023 – 31.12.2023" in page
        assert "01.01.2023 – 30.06.2023" not in page


def test_repayment_in_a_half_year_without_a_base_rate_is_refused(client_for, lead, authority, proof):  # noqa: F811
    BaseRate.objects.filter(valid_from=date(2015, 1, 1)).delete()
    proof_move(proof=proof, to_state=ProofState.SUBMITTED, user=lead)
    proof_move(proof=proof, to_state=ProofState.IN_REVIEW, user=authority)
    proof.refresh_from_db()
    paid = {c.paid_on: c.pk for c in proof.application.call_offs.all()}
    data = {
        f"payout_{paid[date(2014, 3, 28)]}": "2014-03-28",
        f"payout_{paid[date(2014, 11, 15)]}": "2014-11-15",
        "repaid_on": "2015-03-15",
        "repayment_due_on": "2015-04-15",
        "note": "",
        "expected_version": proof.version,
        "action": "record",
    }
    page = client_for(authority).post(reverse("funding:proof_check", kwargs={"pk": proof.pk}), data).content.decode()
    assert (
        "Für das Halbjahr 01.01.2015 – 30.06.2015 ist kein Basiszinssatz erfasst; die Zinsen können erst "
        "berechnet werden, wenn die Bewilligungsbehörde ihn erfasst hat (Basiszinssätze)."
    ) in page
    proof.refresh_from_db()
    assert proof.state == ProofState.IN_REVIEW and proof.interest_amount is None
    assert ProofOfUse.objects.get(pk=proof.pk).checked_on is None
