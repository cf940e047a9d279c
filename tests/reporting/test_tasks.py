"""The report flow in-process: queued → running → done, failures, retries, idempotency, the lock."""

import hashlib
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.db import OperationalError
from django.utils import timezone
from pypdf import PdfReader

from kiz.celery import app as celery_app
from reporting import registry, services
from reporting.models import ReportDocument, ReportKind, ReportStatus
from reporting.tasks import render_report

pytestmark = pytest.mark.django_db


def _pdf(document) -> PdfReader:
    return PdfReader(io.BytesIO(Path(default_storage.path(document.file.name)).read_bytes()))


def _text(reader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _request(capture, **kwargs):
    with capture(execute=True):
        document = services.report_request(**kwargs)
    document.refresh_from_db()
    return document


def test_report_is_queued_only_after_commit_then_rendered(dortmund, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = services.report_request(kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund, user=editor)
    assert document.status == ReportStatus.QUEUED
    assert len(callbacks) == 1
    callbacks[0]()  # the commit happens: the task runs (eagerly in tests)

    document.refresh_from_db()
    assert document.status == ReportStatus.DONE
    assert document.attempts == 1
    assert document.started <= document.finished
    content = Path(default_storage.path(document.file.name)).read_bytes()
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    reader = _pdf(document)
    assert len(reader.pages) == document.page_count == 1
    assert reader.metadata.title == "Information für den Integrationsrat – Dortmund"
    assert reader.metadata.author == "Kommunales Integrationszentrum Dortmund"
    text = _text(reader)
    assert "05913000" in text
    assert "Dortmund · Kommunales Integrationszentrum Dortmund" in text
    assert "Seite 1 von 1" in text


def test_the_pdf_declares_pdf_ua_and_carries_a_structure_tree(dortmund, editor, django_capture_on_commit_callbacks):
    document = _request(
        django_capture_on_commit_callbacks, kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund, user=editor
    )
    reader = _pdf(document)
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "de"


def test_a_failing_render_ends_failed_in_german_and_a_retry_succeeds(
    dortmund, editor, monkeypatch, django_capture_on_commit_callbacks
):
    report_type = registry.get(ReportKind.COUNCIL_BRIEFING)

    def broken(document):
        raise ValueError("Vorlage kaputt: Feld fehlt")

    broken_type = registry.ReportType(
        kind=report_type.kind, template=report_type.template, build=broken, may_view=report_type.may_view
    )
    monkeypatch.setitem(registry._REGISTRY, ReportKind.COUNCIL_BRIEFING, broken_type)

    document = _request(
        django_capture_on_commit_callbacks, kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund, user=editor
    )
    assert document.status == ReportStatus.FAILED
    assert document.error.startswith("Der Bericht konnte nicht erstellt werden.")
    assert "Vorlage kaputt: Feld fehlt" in document.error_detail  # the technical detail is kept apart
    assert "ValueError" not in document.error
    assert not document.file

    monkeypatch.setitem(registry._REGISTRY, ReportKind.COUNCIL_BRIEFING, report_type)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_retry(document=document, user=editor)
    document.refresh_from_db()
    assert document.status == ReportStatus.DONE
    assert document.error == document.error_detail == ""
    assert document.attempts == 2
    assert _pdf(document).metadata.title == "Information für den Integrationsrat – Dortmund"


def test_the_same_task_delivered_twice_produces_one_file(dortmund, editor, django_capture_on_commit_callbacks):
    document = _request(
        django_capture_on_commit_callbacks, kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund, user=editor
    )
    first = (document.file.name, document.sha256, document.finished)

    assert render_report.delay(document.pk).get() is False  # redelivered: nothing to do

    document.refresh_from_db()
    assert (document.file.name, document.sha256, document.finished) == first
    assert document.attempts == 1
    directory = Path(default_storage.path(document.file.name)).parent
    assert sorted(p.name for p in directory.iterdir()) == [Path(document.file.name).name]


def test_a_running_document_whose_lock_is_held_is_skipped(dortmund, editor):
    document = ReportDocument.objects.create(
        kind=ReportKind.COUNCIL_BRIEFING,
        municipality=dortmund,
        requested_by=editor,
        status=ReportStatus.RUNNING,
        started=timezone.now(),
    )
    assert services.report_render(document_id=document.pk) is False
    document.refresh_from_db()
    assert document.status == ReportStatus.RUNNING
    assert not document.file


def test_a_stale_lock_of_a_dead_worker_is_taken_over(dortmund, editor):
    document = ReportDocument.objects.create(
        kind=ReportKind.COUNCIL_BRIEFING,
        municipality=dortmund,
        requested_by=editor,
        status=ReportStatus.RUNNING,
        started=timezone.now() - services.STALE_LOCK_AFTER - timedelta(minutes=1),
    )
    assert services.report_render(document_id=document.pk) is True
    document.refresh_from_db()
    assert document.status == ReportStatus.DONE


@pytest.fixture
def retries_in_process():
    """Let Celery's retry machinery run in-process: with propagation on, an eager retry stops at the Retry."""
    previous = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = previous


def test_a_transient_error_is_retried_and_then_succeeds(dortmund, editor, monkeypatch, retries_in_process):
    document = ReportDocument.objects.create(
        kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund, requested_by=editor
    )
    real_store = services._store
    calls = []

    def flaky_store(doc, content):
        calls.append(doc.pk)
        if len(calls) == 1:
            raise OSError("Datenträger kurz nicht erreichbar")
        return real_store(doc, content)

    monkeypatch.setattr(services, "_store", flaky_store)
    result = render_report.delay(document.pk)

    assert result.successful()
    document.refresh_from_db()
    assert calls == [document.pk, document.pk]
    assert document.status == ReportStatus.DONE
    assert document.attempts == 2


def test_transient_errors_beyond_the_retries_end_failed(dortmund, editor, monkeypatch, retries_in_process):
    document = ReportDocument.objects.create(
        kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund, requested_by=editor
    )

    def unavailable(doc, content):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "_store", unavailable)
    result = render_report.delay(document.pk)

    assert result.failed()
    assert isinstance(result.result, OperationalError)
    document.refresh_from_db()
    assert document.status == ReportStatus.FAILED
    assert document.attempts == 4  # the first attempt and three retries
    assert "vorübergehend nicht erreichbar" in document.error
    assert "database is locked" in document.error_detail


def test_the_task_is_configured_for_late_acks_backoff_and_time_limits():
    assert render_report.acks_late is True
    assert render_report.max_retries == 3
    assert render_report.retry_backoff is True
    assert set(render_report.autoretry_for) == {OperationalError, OSError}
    assert render_report.soft_time_limit < render_report.time_limit


def test_a_kind_that_is_not_available_cannot_be_requested(dortmund, editor):
    with pytest.raises(services.ReportNotAvailable):
        services.report_request(kind="unknown", municipality=dortmund, user=editor)
    with pytest.raises(services.ReportNotAvailable):  # the subject must be an object of the municipality
        services.report_request(kind=ReportKind.PROOF_OF_USE, municipality=dortmund, user=editor, subject_id=999999)
    with pytest.raises(services.ReportNotAvailable):  # the council briefing is about no single object
        services.report_request(kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund, user=editor, subject_id=1)
    assert not ReportDocument.objects.exists()


def test_a_city_user_cannot_request_the_state_overview(dortmund, editor):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.report_request(kind=ReportKind.STATE_OVERVIEW, municipality=None, user=editor)


def test_a_user_cannot_request_a_report_on_another_municipality(dortmund, bochum, editor):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.report_request(kind=ReportKind.COUNCIL_BRIEFING, municipality=bochum, user=editor)
