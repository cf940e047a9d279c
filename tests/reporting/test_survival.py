"""Documents survive a dead worker: redelivery takes over the lock, the sweeper requeues or fails stale rows,
a batch completes with whatever finished, every stale or failed document can be retried from its page."""

import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from reporting import services
from reporting.models import ReportBatch, ReportDocument, ReportKind, ReportStatus

pytestmark = pytest.mark.django_db

STALE = "Die Erstellung des Berichts wurde mehrfach unterbrochen, weil der Serverprozess, der ihn erstellte,"


def _running(municipality, user, *, age=timedelta(0), attempts=1, batch=None):
    return ReportDocument.objects.create(
        kind=ReportKind.COUNCIL_BRIEFING,
        municipality=municipality,
        requested_by=user,
        status=ReportStatus.RUNNING,
        started=timezone.now() - age,
        attempts=attempts,
        batch=batch,
    )


def test_a_redelivered_task_takes_over_the_lock_of_the_worker_that_died(dortmund, editor):
    document = _running(dortmund, editor)
    assert services.report_render(document_id=document.pk) is False  # a live worker's lock is respected
    assert services.report_render(document_id=document.pk, redelivered=True) is True
    document.refresh_from_db()
    assert document.status == ReportStatus.DONE and document.attempts == 2


def test_a_base_exception_from_the_renderer_ends_failed_in_german(dortmund, editor, monkeypatch):
    from weasyprint.urls import FatalURLFetchingError

    def refuse(*args, **kwargs):
        raise FatalURLFetchingError("file:///etc/passwd")

    monkeypatch.setattr(services, "render_pdf", refuse)
    document = ReportDocument.objects.create(
        kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund, requested_by=editor, status=ReportStatus.QUEUED
    )
    assert services.report_render(document_id=document.pk) is True
    document.refresh_from_db()
    assert document.status == ReportStatus.FAILED
    assert document.error.startswith("Der Bericht konnte nicht erstellt werden.")
    assert "FatalURLFetchingError" in document.error_detail


def test_the_sweeper_requeues_a_stale_document_and_fails_one_that_keeps_dying(
    dortmund, bochum, editor, django_capture_on_commit_callbacks
):
    age = services.STALE_LOCK_AFTER + timedelta(seconds=5)
    again = _running(dortmund, editor, age=age, attempts=1)
    given_up = _running(bochum, editor, age=age, attempts=services.MAX_ATTEMPTS)
    alive = _running(dortmund, editor, age=timedelta(seconds=30))
    with django_capture_on_commit_callbacks(execute=True):
        result = services.reports_sweep()
    assert result == {"requeued": [again.pk], "failed": [given_up.pk], "batches": []}
    again.refresh_from_db()
    given_up.refresh_from_db()
    alive.refresh_from_db()
    assert again.status == ReportStatus.DONE and again.attempts == 2
    assert given_up.status == ReportStatus.FAILED and given_up.error.startswith(STALE)
    assert alive.status == ReportStatus.RUNNING


def test_a_batch_whose_last_document_failed_outside_the_worker_still_gets_its_zip(dortmund, bochum, coordination):
    batch = ReportBatch.objects.create(kind=ReportKind.COUNCIL_BRIEFING, requested_by=coordination)
    done = ReportDocument.objects.create(
        kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund, requested_by=coordination, batch=batch
    )
    stuck = _running(bochum, coordination, age=services.STALE_LOCK_AFTER * 2, attempts=3, batch=batch)
    services.report_render(document_id=done.pk)
    assert ReportBatch.objects.get(pk=batch.pk).finished is None  # one document is still pending
    assert services.reports_sweep()["failed"] == [stuck.pk]
    batch.refresh_from_db()
    assert batch.finished is not None
    with zipfile.ZipFile(default_storage.path(batch.archive.name)) as archive:
        assert [name.split("_")[1] for name in archive.namelist()] == [dortmund.ags]


def test_a_stale_document_offers_a_retry_on_its_page_and_the_message_says_what_happened(
    dortmund, editor, client_for, django_capture_on_commit_callbacks
):
    client = client_for(editor)
    document = _running(dortmund, editor, age=services.STALE_LOCK_AFTER + timedelta(minutes=1))
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Die Erstellung des Berichts ist angehalten." in html
    retry = reverse("reporting:document_retry", kwargs={"pk": document.pk})
    assert f'action="{retry}"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry, follow=True)
    document.refresh_from_db()
    assert document.status == ReportStatus.DONE
    assert "Der Bericht wurde erneut in Auftrag gegeben." in response.content.decode()

    response = client.post(retry, follow=True)
    assert "Der Bericht ist bereits fertig; es gab nichts erneut zu erstellen." in response.content.decode()

    busy = _running(dortmund, editor)
    response = client.post(reverse("reporting:document_retry", kwargs={"pk": busy.pk}), follow=True)
    assert "Der Bericht wird noch erstellt; er wurde nicht erneut in Auftrag gegeben." in response.content.decode()
    busy.refresh_from_db()
    assert busy.status == ReportStatus.RUNNING


def test_the_beat_schedule_runs_the_sweeper_and_messages_outlive_the_hard_limit_only_just(settings):
    import json
    import os
    import subprocess
    import sys

    from kiz.celery import app

    assert settings.CELERY_BEAT_SCHEDULE["sweep-reports"]["task"] == "reporting.tasks.sweep_reports"
    assert "reporting.tasks.sweep_reports" in app.tasks
    assert services.RENDER_HARD_LIMIT <= settings.CELERY_TASK_TIME_LIMIT
    # The production settings, with Redis as the broker (importing them connects to nothing).
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.CELERY_TASK_TIME_LIMIT, s.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout']]))"
    )
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/0", "DJANGO_SETTINGS_MODULE": "kiz.settings"}
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    ).stdout
    hard_limit, visibility_timeout = json.loads(output.strip().splitlines()[-1])
    assert hard_limit < visibility_timeout <= hard_limit + 120
