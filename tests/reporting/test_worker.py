"""The report flow against the real Celery worker that .ci/run starts on Redis (skipped without REDIS_URL).

The data is committed (transactional database) so the worker, which uses the same test database and the same
MEDIA_ROOT, can see it.
"""

import io
import os
import shutil
import time
from pathlib import Path

import pytest
from celery.result import EagerResult
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from pypdf import PdfReader

from kiz.models import Municipality
from reporting import services
from reporting.models import ReportDocument, ReportKind, ReportStatus
from reporting.tasks import render_report
from tests.factories import MunicipalityFactory, user_with_role

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _worker_media_root(settings):
    """The worker writes into the MEDIA_ROOT of the environment, not into the test's temporary directory."""
    settings.MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", django_settings.BASE_DIR / "media"))


def _wait_until_finished(document, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document.refresh_from_db()
        if document.status in (ReportStatus.DONE, ReportStatus.FAILED):
            return document
        time.sleep(0.25)
    pytest.fail(f"Bericht {document.pk} nach {timeout} s noch {document.status}")


@pytest.fixture
def dortmund_editor():
    dortmund = MunicipalityFactory(name="Dortmund", ags="05913000")
    MunicipalityFactory(name="Bochum", ags="05911000")
    return dortmund, user_with_role("editor", dortmund)


def test_a_report_goes_queued_running_done_in_the_worker_and_a_second_delivery_changes_nothing(dortmund_editor):
    dortmund, editor = dortmund_editor
    document = services.report_request(kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund, user=editor)
    assert document.status == ReportStatus.QUEUED

    document = _wait_until_finished(document)
    assert document.status == ReportStatus.DONE, document.error_detail
    assert document.attempts == 1
    path = Path(default_storage.path(document.file.name))
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert len(reader.pages) == document.page_count == 1
    assert reader.metadata.title == "Information für den Integrationsrat – Dortmund"
    text = reader.pages[0].extract_text()
    assert "05913000" in text and "Bochum" not in text

    first = (document.file.name, document.sha256, document.finished)
    results = [render_report.delay(document.pk), render_report.delay(document.pk)]
    assert not any(isinstance(r, EagerResult) for r in results)
    assert [r.get(timeout=60) for r in results] == [False, False]
    document.refresh_from_db()
    assert (document.file.name, document.sha256, document.finished) == first
    assert document.attempts == 1
    assert sorted(p.name for p in path.parent.glob(f"*-{document.pk}.pdf")) == [path.name]


def test_a_failed_render_is_recorded_and_a_retry_succeeds_in_the_worker(
    dortmund_editor, django_capture_on_commit_callbacks
):
    dortmund, editor = dortmund_editor
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = services.report_request(kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund, user=editor)
    # A directory where the file should go: writing fails with an OSError, for root as for anyone.
    blocked = Path(
        default_storage.path(f"reports/{document.created:%Y/%m}/council_briefing-05913000-{document.pk}.pdf")
    )
    blocked.mkdir(parents=True)
    try:
        for callback in callbacks:
            callback()
        document = _wait_until_finished(document)
    finally:
        shutil.rmtree(blocked)
    assert document.status == ReportStatus.FAILED
    assert document.attempts == 4  # first attempt and three retries with backoff
    assert "vorübergehend nicht erreichbar" in document.error
    assert "IsADirectoryError" in document.error_detail
    assert not document.file

    services.report_retry(document=document, user=editor)
    document = _wait_until_finished(document)
    assert document.status == ReportStatus.DONE, document.error_detail
    assert document.error == ""
    assert Path(default_storage.path(document.file.name)).read_bytes().startswith(b"%PDF-")
    assert not list(blocked.parent.glob(".tmp-*"))


def test_the_worker_sees_the_54_municipalities_for_a_state_overview():
    from kiz.services import municipalities_load

    municipalities_load()
    coordination = user_with_role("coordination")
    document = services.report_request(kind=ReportKind.STATE_OVERVIEW, municipality=None, user=coordination)
    document = _wait_until_finished(document)
    assert document.status == ReportStatus.DONE, document.error_detail
    reader = PdfReader(io.BytesIO(Path(default_storage.path(document.file.name)).read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert f"{Municipality.objects.count()} Kommunen betreiben" in text
    assert "Kreis Minden-Lübbecke" in text
    assert not ReportDocument.objects.filter(status=ReportStatus.FAILED).exists()
