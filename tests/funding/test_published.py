"""The integration council reads submitted proofs of use only; no PDF is made of a draft proof or application."""

from datetime import date

import pytest
from django.urls import reverse

from funding.models import ProofState
from funding.proofs.services import proof_create, proof_move
from reporting import services as reports
from reporting.models import ReportDocument, ReportKind
from tests.factories import user_with_role

from .factories import application_for
from .money_fixtures import call_off
from .test_proof_of_use import fill

pytestmark = pytest.mark.django_db

PDF_BUTTON = "Als PDF erzeugen"


@pytest.fixture
def draft_proof(granted, lead, editor):
    """A proof of use of the 2014 grant, filled in but not submitted."""
    call_off(granted, lead, "100000.00", paid=date(2014, 3, 28))
    return fill(proof_create(application=granted, year=2014, user=editor))


def test_council_sees_no_draft_proof(client_for, council, lead, draft_proof):
    client = client_for(council)
    assert client.get(draft_proof.get_absolute_url()).status_code == 404
    grant_page = client.get(reverse("funding:grant_detail", kwargs={"pk": draft_proof.application_id}))
    assert draft_proof.get_absolute_url() not in grant_page.content.decode()
    lead_page = client_for(lead).get(draft_proof.get_absolute_url()).content.decode()
    assert "58.000,00\u00a0€" in lead_page and PDF_BUTTON not in lead_page

    proof_move(proof=draft_proof, to_state=ProofState.SUBMITTED, user=lead)
    page = client.get(draft_proof.get_absolute_url()).content.decode()
    assert "58.000,00\u00a0€" in page and PDF_BUTTON in page
    grant_page = client.get(reverse("funding:grant_detail", kwargs={"pk": draft_proof.application_id}))
    assert draft_proof.get_absolute_url() in grant_page.content.decode()


def test_bochum_council_sees_nothing_of_dortmund(client_for, bochum, lead, draft_proof):
    proof_move(proof=draft_proof, to_state=ProofState.SUBMITTED, user=lead)
    client = client_for(user_with_role("council", bochum))
    assert client.get(draft_proof.get_absolute_url()).status_code == 404
    assert client.get(reverse("funding:grant_detail", kwargs={"pk": draft_proof.application_id})).status_code == 404


def test_no_pdf_of_a_draft_proof_or_application(dortmund, lead, coordination, draft_proof):
    draft_application = application_for(dortmund, 2016)
    for user in (lead, coordination):
        for kind, subject in (
            (ReportKind.PROOF_OF_USE, draft_proof.pk),
            (ReportKind.APPLICATION, draft_application.pk),
        ):
            with pytest.raises(reports.ReportNotAvailable):
                reports.report_request(kind=kind, municipality=dortmund, user=user, subject_id=subject)
    assert not ReportDocument.objects.exists()
    proof_move(proof=draft_proof, to_state=ProofState.SUBMITTED, user=lead)
    document = reports.report_request(
        kind=ReportKind.PROOF_OF_USE, municipality=dortmund, user=lead, subject_id=draft_proof.pk
    )
    assert document.subject_id == draft_proof.pk
