"""Journeys of the PDF reports: the council member's briefing, the batch for all 54 KIZ, isolation, live status.

Tasks run in-process here (inside the request), so a report is ready when the next page loads; the status
journey creates a queued document and renders it while the page is open, to see the htmx polling at work.
"""

import io
import zipfile

import pytest
from playwright.sync_api import expect

from kiz.models import Municipality
from kiz.services import municipalities_load
from reporting import services
from reporting.models import ReportBatch, ReportDocument, ReportKind, ReportStatus
from tests.e2e.conftest import expect_accessible, login, logout
from tests.factories import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)

SLOW = 180_000  # ms: the batch renders 54 PDFs inside one request


@pytest.fixture
def nrw(db):
    municipalities_load()
    return Municipality.objects.get(ags="05913000"), Municipality.objects.get(ags="05911000")


def test_the_council_member_generates_and_downloads_the_briefing(page, nrw):
    dortmund, _bochum = nrw
    user_with_role("council", dortmund, username="rat.dortmund")
    login(page, "rat.dortmund", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Berichte", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Berichte")
    expect_accessible(page, "reporting-index-council")

    page.get_by_label("Bericht", exact=False).and_(page.locator("select")).select_option(
        label="Information für den Integrationsrat"
    )
    expect(page.get_by_label("Kommune")).to_have_value("05913000")
    page.get_by_role("button", name="Bericht erstellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Information für den Integrationsrat – Dortmund")
    expect(page.get_by_role("status")).to_contain_text("Der Bericht ist fertig.")
    expect_accessible(page, "reporting-document-done")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF herunterladen").click()
    download = download_info.value
    assert download.suggested_filename.startswith("Information-Integrationsrat_05913000_Dortmund_")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_the_coordination_office_runs_the_batch_for_all_54_kiz_and_downloads_the_zip(page, nrw):
    dortmund, bochum = nrw
    user_with_role("coordination", username="laki")
    user_with_role("editor", bochum, username="bearbeitung.bochum")
    login(page, "laki", PASSWORD)
    page.get_by_role("link", name="Berichte für alle KIZ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Berichte für alle KIZ")
    expect_accessible(page, "reporting-batch-list")

    page.get_by_label("Bericht für alle Kommunen").select_option(label="Information für den Integrationsrat")
    page.get_by_role("button", name="Für alle KIZ erstellen").click(timeout=SLOW)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sammelauftrag: Information für den Integrationsrat", timeout=SLOW
    )
    expect(page.get_by_role("status")).to_contain_text("54 von 54 Berichten abgeschlossen")
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "54")
    expect_accessible(page, "reporting-batch-done")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="ZIP-Archiv mit 54 Berichten herunterladen").click()
    with open(download_info.value.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    assert len(archive.namelist()) == 54
    assert any("_05913000_Dortmund_" in name for name in archive.namelist())

    # Bochum's editor cannot open or download Dortmund's document of that batch.
    document = ReportDocument.objects.get(batch=ReportBatch.objects.get(), municipality=dortmund)
    logout(page)
    login(page, "bearbeitung.bochum", PASSWORD)
    page.goto(document.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Seite nicht gefunden")
    expect_accessible(page, "reporting-404")
    assert page.request.get(f"{document.get_absolute_url()}herunterladen/").status == 404
    assert page.request.get(f"/berichte/alle-kiz/{document.batch_id}/zip/").status == 404


def test_the_status_page_updates_itself_when_the_report_is_ready(page, nrw):
    dortmund, _bochum = nrw
    editor = user_with_role("editor", dortmund, username="bearbeitung.dortmund")
    document = ReportDocument.objects.create(
        kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund, requested_by=editor
    )
    login(page, "bearbeitung.dortmund", PASSWORD)
    page.goto(document.get_absolute_url())
    expect(page.get_by_role("status")).to_contain_text("Der Bericht wartet auf die Erstellung.")
    expect(page.get_by_role("link", name="Status aktualisieren")).to_be_visible()
    expect_accessible(page, "reporting-document-queued")

    services.report_render(document_id=document.pk)  # the worker finishes while the page is open
    assert ReportDocument.objects.get(pk=document.pk).status == ReportStatus.DONE
    expect(page.get_by_role("link", name="PDF herunterladen")).to_be_visible(timeout=10_000)
    expect(page.get_by_role("status")).to_contain_text("Der Bericht ist fertig.")
    assert page.url.endswith(document.get_absolute_url())  # no reload, the fragment was swapped in
