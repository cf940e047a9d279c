"""A report for all 54 KIZ at once: one document each, a progress count, one ZIP."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader

from reporting import registry, services
from reporting.models import ReportBatch, ReportDocument, ReportKind, ReportStatus

pytestmark = pytest.mark.django_db


def test_a_batch_renders_54_documents_and_a_zip_with_54_entries(
    nrw, coordination, client_for, django_capture_on_commit_callbacks
):
    client = client_for(coordination)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:batch_list"), {"kind": ReportKind.COUNCIL_BRIEFING})
    batch = ReportBatch.objects.get()
    assert response["Location"] == batch.get_absolute_url()

    documents = batch.documents.select_related("municipality")
    assert documents.count() == 54
    assert set(documents.values_list("status", flat=True)) == {ReportStatus.DONE}
    assert documents.values("municipality").distinct().count() == 54
    assert batch.finished is not None

    html = client.get(batch.get_absolute_url()).content.decode()
    assert "54 von 54 Berichten abgeschlossen" in html
    assert 'max="54" value="54"' in html
    assert "ZIP-Archiv mit 54 Berichten herunterladen" in html
    assert 'hx-trigger="every 2s"' not in html

    response = client.get(reverse("reporting:batch_download", kwargs={"pk": batch.pk}))
    assert response["Content-Type"] == "application/zip"
    assert "Information-Integrationsrat_alle-KIZ_" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert len(names) == len(set(names)) == 54
    assert any(name.startswith("Information-Integrationsrat_05913000_Dortmund_") for name in names)
    bochum = next(name for name in names if "_05911000_Bochum_" in name)
    reader = PdfReader(io.BytesIO(archive.read(bochum)))
    assert "Das Kommunale Integrationszentrum Bochum auf einen Blick" in reader.pages[0].extract_text()
    # Every document of the batch has a title of its own, naming its municipality.
    titles = {PdfReader(io.BytesIO(archive.read(name))).metadata.title for name in names}
    assert len(titles) == 54
    assert reader.metadata.title == "Information für den Integrationsrat – Bochum"


def test_a_failed_document_of_a_batch_is_reported_and_its_retry_renews_the_zip(
    nrw, coordination, client_for, monkeypatch, django_capture_on_commit_callbacks
):
    report_type = registry.get(ReportKind.COUNCIL_BRIEFING)

    def fails_for_bochum(document):
        if document.municipality.ags == "05911000":
            raise KeyError("centre")
        return report_type.build(document)

    broken = registry.ReportType(
        kind=report_type.kind, template=report_type.template, build=fails_for_bochum, may_view=report_type.may_view
    )
    monkeypatch.setitem(registry._REGISTRY, ReportKind.COUNCIL_BRIEFING, broken)
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.batch_request(kind=ReportKind.COUNCIL_BRIEFING, user=coordination)
    batch.refresh_from_db()
    failed = ReportDocument.objects.get(batch=batch, status=ReportStatus.FAILED)
    assert failed.municipality.name == "Bochum"
    with zipfile.ZipFile(default_storage.path(batch.archive.name)) as archive:
        assert len(archive.namelist()) == 53

    html = client_for(coordination).get(batch.get_absolute_url()).content.decode()
    assert "1 Bericht konnte nicht erstellt werden." in html
    assert f'href="{failed.get_absolute_url()}">Bochum</a>' in html

    monkeypatch.setitem(registry._REGISTRY, ReportKind.COUNCIL_BRIEFING, report_type)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_retry(document=failed, user=coordination)
    batch.refresh_from_db()
    with zipfile.ZipFile(default_storage.path(batch.archive.name)) as archive:
        assert len(archive.namelist()) == 54
    leftovers = [p.name for p in Path(default_storage.path(batch.archive.name)).parent.iterdir()]
    assert leftovers == [Path(batch.archive.name).name]  # no temporary files left behind


def test_the_batch_page_polls_while_documents_are_pending(nrw, coordination, client_for):
    batch = ReportBatch.objects.create(kind=ReportKind.COUNCIL_BRIEFING, requested_by=coordination)
    from kiz.models import Municipality

    ReportDocument.objects.bulk_create(
        ReportDocument(kind=batch.kind, municipality=m, batch=batch, status=status)
        for m, status in zip(
            Municipality.objects.order_by("name")[:3],
            [ReportStatus.DONE, ReportStatus.RUNNING, ReportStatus.QUEUED],
            strict=True,
        )
    )
    html = client_for(coordination).get(batch.get_absolute_url()).content.decode()
    assert "1 von 3 Berichten abgeschlossen" in html
    assert 'hx-trigger="every 2s"' in html
    assert "Status aktualisieren" in html
    assert reverse("reporting:batch_download", kwargs={"pk": batch.pk}) not in html
