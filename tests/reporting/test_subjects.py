"""Reports only for what exists: the request form and the batch offer subjects that exist, a batch names the KIZ it
leaves out and why, and no retry is offered that cannot succeed."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from funding.models import ApplicationState, GrantNotice
from kiz.models import Municipality
from reporting import services
from reporting.forms import BatchRequestForm
from reporting.models import ReportBatch, ReportDocument, ReportKind, ReportStatus
from tests.funding.factories import application_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def dortmund_granted(nrw, coordination):
    """Of the 54 KIZ only Dortmund has a grant notice (2025)."""
    dortmund = Municipality.objects.get(ags="05913000")
    application = application_for(dortmund, 2025, requested=Decimal("170000.00"), state=ApplicationState.GRANTED)
    GrantNotice.objects.create(
        application=application,
        approved_amount=Decimal("170000.00"),
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        file_number="36.08.01-2025/913",
        issued_on=date(2025, 3, 15),
        issued_by=coordination,
    )
    return dortmund


def test_the_request_form_refuses_a_report_about_nothing_and_creates_no_document(
    dortmund_granted, coordination, client_for
):
    client = client_for(coordination)
    response = client.post(
        reverse("reporting:document_request"), {"kind": ReportKind.GRANT_NOTICE, "municipality": "05911000"}
    )
    assert response.status_code == 400
    assert (
        "Kein Bericht für Bochum: Es gibt keinen Zuwendungsbescheid, über den berichtet werden kann."
        in response.content.decode()
    )
    assert not ReportDocument.objects.exists()

    response = client.post(
        reverse("reporting:document_request"), {"kind": ReportKind.GRANT_NOTICE, "municipality": "05913000"}
    )
    assert response.status_code == 302
    assert ReportDocument.objects.get().municipality == dortmund_granted


def test_the_batch_offers_only_kinds_with_a_subject_and_says_for_how_many(dortmund_granted):
    choices = dict(BatchRequestForm().fields["kind"].choices)
    assert choices[ReportKind.COUNCIL_BRIEFING] == "Information für den Integrationsrat"  # every KIZ
    assert choices[ReportKind.GRANT_NOTICE] == "Zuwendungsbescheid (1 von 54 KIZ)"
    assert choices[ReportKind.APPLICATION] == "Förderantrag (1 von 54 KIZ)"
    assert ReportKind.PROOF_OF_USE not in choices  # nobody has one
    assert ReportKind.CONTROLLING_REPORT not in choices


def test_a_batch_covers_the_kiz_with_a_subject_and_lists_the_others_with_the_reason(
    dortmund_granted, coordination, client_for, django_capture_on_commit_callbacks
):
    client = client_for(coordination)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:batch_list"), {"kind": ReportKind.GRANT_NOTICE})
    batch = ReportBatch.objects.get()
    assert list(batch.documents.values_list("municipality__ags", "status")) == [("05913000", ReportStatus.DONE)]
    html = client.get(batch.get_absolute_url()).content.decode()
    assert "1 von 1 Berichten abgeschlossen" in html
    assert "Nicht enthalten: 53 KIZ" in html
    assert "Es gibt keinen Zuwendungsbescheid, über den berichtet werden kann." in html
    assert "<li>Bochum</li>" in html and "<li>Dortmund</li>" not in html


def test_a_batch_of_a_kind_nobody_has_is_refused(nrw, coordination):
    with pytest.raises(services.ReportNotAvailable):
        services.batch_request(kind=ReportKind.PROOF_OF_USE, user=coordination)
    assert not ReportBatch.objects.exists()


def test_no_retry_is_offered_when_the_subject_is_gone(dortmund_granted, coordination, client_for):
    bochum = Municipality.objects.get(ags="05911000")
    failed = ReportDocument.objects.create(
        kind=ReportKind.GRANT_NOTICE,
        municipality=bochum,
        requested_by=coordination,
        status=ReportStatus.FAILED,
        error="Es gibt keinen Zuwendungsbescheid, über den berichtet werden kann.",
    )
    client = client_for(coordination)
    html = client.get(failed.get_absolute_url()).content.decode()
    assert "Es gibt keinen Zuwendungsbescheid" in html
    assert reverse("reporting:document_retry", kwargs={"pk": failed.pk}) not in html

    response = client.post(reverse("reporting:document_retry", kwargs={"pk": failed.pk}), follow=True)
    assert "Dieser Bericht kann nicht erneut erstellt werden" in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == ReportStatus.FAILED

    # Dortmund's failed grant notice can succeed: the retry is offered.
    retry = ReportDocument.objects.create(
        kind=ReportKind.GRANT_NOTICE, municipality=dortmund_granted, requested_by=coordination, status="failed"
    )
    assert (
        reverse("reporting:document_retry", kwargs={"pk": retry.pk})
        in client.get(retry.get_absolute_url()).content.decode()
    )
