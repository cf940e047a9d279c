"""A pool process of a real Celery worker is killed with SIGKILL in the middle of a batch: every document still
ends done or failed, and the batch's ZIP exists.

The test starts a worker of its own (on the Redis of REDIS_URL, with a queue of its own, so that no other worker
takes its tasks) against the test database, so it needs PostgreSQL; the data is committed so the worker sees it.
"""

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from kiz.celery import app as celery_app
from reporting import services
from reporting.models import ReportBatch, ReportKind, ReportStatus
from tests.factories import MunicipalityFactory, user_with_role

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

QUEUE = f"kiz-kill-test-{os.getpid()}"
DOCUMENTS = 10
DEADLINE = 60  # seconds for the whole batch, kill and redelivery included


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _wait(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"{what} nicht innerhalb von {timeout} s")


@pytest.fixture
def own_worker(tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("Der eigene Worker braucht eine Datenbank, die er mit dem Test teilt (PostgreSQL).")
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    env = {**os.environ, "DATABASE_URL": _database_url(), "MEDIA_ROOT": str(media)}
    log = (tmp_path / "worker.log").open("w")
    command = [sys.executable, "-m", "celery", "-A", "kiz", "worker", "-Q", QUEUE, "--concurrency=2", "--pool=prefork"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO", "-n", f"{QUEUE}@%h"]
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        command, cwd=django_settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    _wait(lambda: len(_children(worker.pid)) == 2, 30, "Worker mit zwei Prozessen")
    yield worker
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    log.close()
    print((tmp_path / "worker.log").read_text()[-4000:])


def test_a_killed_pool_process_leaves_no_document_running_and_the_zip_is_built(own_worker):
    for index in range(DOCUMENTS):
        MunicipalityFactory(name=f"Stadt {index}", ags=f"0591{index:04d}")
    coordination = user_with_role("coordination")
    previous = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = QUEUE  # the batch's tasks go to this test's worker only
    try:
        batch = services.batch_request(kind=ReportKind.COUNCIL_BRIEFING, user=coordination)
    finally:
        celery_app.conf.task_default_queue = previous
    documents = batch.documents.order_by("pk")
    assert documents.count() == DOCUMENTS

    # Kill one pool process while both are rendering, after the first document is done.
    start = time.monotonic()
    _wait(
        lambda: (
            documents.filter(status=ReportStatus.DONE).exists()
            and documents.filter(status=ReportStatus.RUNNING).count() == 2
        ),
        DEADLINE,
        "Zwei Dokumente gleichzeitig in Arbeit",
    )
    victim = _children(own_worker.pid)[0]
    os.kill(victim, signal.SIGKILL)

    _wait(lambda: not documents.pending().exists(), DEADLINE - (time.monotonic() - start), "Alle Dokumente fertig")
    _wait(lambda: ReportBatch.objects.get(pk=batch.pk).finished is not None, 10, "ZIP des Stapels")
    statuses = set(documents.values_list("status", flat=True))
    assert statuses <= {ReportStatus.DONE, ReportStatus.FAILED}
    assert max(documents.values_list("attempts", flat=True)) >= 2  # the killed document was taken over
    assert victim not in _children(own_worker.pid)  # it really died, and the worker replaced it
    batch.refresh_from_db()
    done = documents.filter(status=ReportStatus.DONE).count()
    with zipfile.ZipFile(Path(django_settings.MEDIA_ROOT) / batch.archive.name) as archive:
        assert len(archive.namelist()) == done
    assert done == DOCUMENTS
