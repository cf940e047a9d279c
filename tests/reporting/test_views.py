"""Pages of the reporting app: requesting, status polling, downloads and who may see which document."""

import pytest
from django.urls import reverse

from reporting.models import ReportBatch, ReportDocument, ReportKind, ReportStatus
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def dortmund_briefing(dortmund, editor, client_for, django_capture_on_commit_callbacks):
    client = client_for(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:document_request"), {"kind": ReportKind.COUNCIL_BRIEFING, "municipality": dortmund.ags}
        )
    document = ReportDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    client.logout()
    return document


def test_requesting_a_report_renders_it_and_the_page_offers_the_download(dortmund_briefing, editor, client_for):
    document = dortmund_briefing
    assert document.status == ReportStatus.DONE
    assert document.requested_by == editor

    html = client_for(editor).get(document.get_absolute_url()).content.decode()
    assert "Der Bericht ist fertig." in html
    assert reverse("reporting:document_download", kwargs={"pk": document.pk}) in html
    assert 'hx-trigger="every 2s"' not in html  # finished: no more polling
    assert document.sha256 in html


def test_the_download_is_a_pdf_attachment_with_a_german_name(dortmund_briefing, editor, client_for):
    response = client_for(editor).get(reverse("reporting:document_download", kwargs={"pk": dortmund_briefing.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "Information-Integrationsrat_05913000_Dortmund_" in disposition
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_queued_document_polls_every_two_seconds_and_offers_a_plain_reload(dortmund, editor, client_for):
    document = ReportDocument.objects.create(
        kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund, requested_by=editor
    )
    client = client_for(editor)
    html = client.get(document.get_absolute_url()).content.decode()
    status_url = reverse("reporting:document_status", kwargs={"pk": document.pk})
    assert f'hx-get="{status_url}"' in html
    assert 'hx-trigger="every 2s"' in html
    assert 'aria-live="polite"' in html
    assert "Der Bericht wartet auf die Erstellung." in html
    assert f'href="{document.get_absolute_url()}">Status aktualisieren</a>' in html
    assert reverse("reporting:document_download", kwargs={"pk": document.pk}) not in html

    fragment = client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<div id="document-status"')
    assert "<html" not in fragment
    assert client.get(reverse("reporting:document_download", kwargs={"pk": document.pk})).status_code == 404


def test_a_failed_document_explains_in_german_and_offers_a_retry(
    dortmund, editor, client_for, django_capture_on_commit_callbacks
):
    document = ReportDocument.objects.create(
        kind=ReportKind.COUNCIL_BRIEFING,
        municipality=dortmund,
        requested_by=editor,
        status=ReportStatus.FAILED,
        error="Der Bericht konnte nicht erstellt werden. Bitte versuchen Sie es erneut.",
        error_detail="Traceback: KeyError('geheim')",
    )
    client = client_for(editor)
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Der Bericht konnte nicht erstellt werden. Bitte versuchen Sie es erneut." in html
    assert "KeyError" not in html  # the technical detail stays in the database and the log
    assert "Erneut versuchen" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:document_retry", kwargs={"pk": document.pk}))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == ReportStatus.DONE


def test_another_municipalitys_document_is_a_404_everywhere(dortmund_briefing, bochum_editor, client_for):
    client = client_for(bochum_editor)
    pk = dortmund_briefing.pk
    for name in ("document_detail", "document_status", "document_download"):
        assert client.get(reverse(f"reporting:{name}", kwargs={"pk": pk})).status_code == 404, name
    assert client.post(reverse("reporting:document_retry", kwargs={"pk": pk})).status_code == 404
    html = client.get(reverse("reporting:index")).content.decode()
    assert dortmund_briefing.get_absolute_url() not in html


def test_state_roles_may_download_every_municipalitys_document(dortmund_briefing, coordination, authority, client_for):
    url = reverse("reporting:document_download", kwargs={"pk": dortmund_briefing.pk})
    for user in (coordination, authority):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_council_reads_its_municipalitys_briefing(dortmund_briefing, council, client_for):
    response = client_for(council).get(reverse("reporting:document_download", kwargs={"pk": dortmund_briefing.pk}))
    assert response.status_code == 200


def test_the_state_overview_is_for_state_roles_only(
    dortmund, editor, coordination, client_for, django_capture_on_commit_callbacks
):
    client = client_for(coordination)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:document_request"), {"kind": ReportKind.STATE_OVERVIEW})
    document = ReportDocument.objects.get()
    assert response["Location"] == document.get_absolute_url()
    assert document.municipality is None
    assert document.status == ReportStatus.DONE

    editor_client = client_for(editor)
    assert editor_client.get(document.get_absolute_url()).status_code == 404
    assert editor_client.get(reverse("reporting:document_download", kwargs={"pk": document.pk})).status_code == 404
    # the state overview is not even offered to a city role
    html = editor_client.get(reverse("reporting:index")).content.decode()
    assert 'value="state_overview"' not in html
    assert (
        editor_client.post(reverse("reporting:document_request"), {"kind": ReportKind.STATE_OVERVIEW}).status_code
        == 400
    )


def test_requesting_for_another_municipality_is_refused(dortmund, bochum, editor, client_for):
    response = client_for(editor).post(
        reverse("reporting:document_request"), {"kind": ReportKind.COUNCIL_BRIEFING, "municipality": bochum.ags}
    )
    assert response.status_code == 400  # Bochum is not a choice for Dortmund's editor
    assert "Bochum" not in response.content.decode().split("<main", 1)[1]
    assert not ReportDocument.objects.exists()


def test_a_missing_municipality_is_a_german_error_next_to_the_field(dortmund, editor, client_for):
    response = client_for(editor).post(
        reverse("reporting:document_request"), {"kind": ReportKind.COUNCIL_BRIEFING, "municipality": ""}
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie die Kommune, über die berichtet werden soll." in response.content.decode()


def test_the_report_list_costs_the_same_queries_with_ten_times_the_documents(
    dortmund, editor, client_for, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(editor)

    def make(n):
        ReportDocument.objects.bulk_create(
            ReportDocument(kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund, requested_by=editor)
            for _ in range(n)
        )

    make(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("reporting:index")).status_code == 200
    make(20)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("reporting:index")).status_code == 200
    assert len(many) == len(few)


def test_batches_are_started_by_the_coordination_office_only(nrw, authority, client_for):
    url = reverse("reporting:batch_list")
    client = client_for(authority)
    assert client.get(url).status_code == 200
    assert client.post(url, {"kind": ReportKind.COUNCIL_BRIEFING}).status_code == 403
    assert not ReportBatch.objects.exists()


def test_city_roles_do_not_see_batches(nrw, client_for, django_capture_on_commit_callbacks, coordination):
    from kiz.models import Municipality

    dortmund = Municipality.objects.get(ags="05913000")
    editor = user_with_role("editor", dortmund)
    batch = ReportBatch.objects.create(kind=ReportKind.COUNCIL_BRIEFING, requested_by=coordination)
    client = client_for(editor)
    assert client.get(reverse("reporting:batch_list")).status_code == 404
    assert client.post(reverse("reporting:batch_list"), {"kind": ReportKind.COUNCIL_BRIEFING}).status_code == 404
    for name in ("batch_detail", "batch_status", "batch_download"):
        assert client.get(reverse(f"reporting:{name}", kwargs={"pk": batch.pk})).status_code == 404, name
