"""The batch of grant notices for every KIZ, ZIP included, on 1 or 2 Celery workers of a queue of their own."""

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from django.conf import settings

from .measure import tree_hwm

BATCH_KIND = "grant_notice"
SECONDS_PER_DOCUMENT = 4  # the time-out of a run: generous, so that a loaded machine still finishes


def rows(command, user, *, counts=(1, 2), expected: int = 54):
    """Table rows and the wall times by worker count; 'not measured' rows without Redis."""
    redis = os.environ.get("BENCH_REDIS_URL")
    label = f"Stapel {expected} Zuwendungsbescheide + ZIP"
    if not redis:
        return [(f"{label}, {count} Worker", "nicht gemessen (kein Redis)", "", "") for count in counts], {}
    times, peaks, result = {}, [], []
    for count in counts:
        seconds, peak, done, archived = run(command, user, redis, count, expected)
        times[count] = seconds if archived == expected else None
        peaks.append(peak)
        if archived != expected:
            text = f"nicht fertig: {done} von {expected} gerendert, {archived} im ZIP nach {seconds:.0f} s"
            result.append((f"{label}, {count} Worker", text, "", ""))
        elif count == 1 or not times.get(1):
            result.append((f"{label}, {count} Worker", f"{seconds:.1f} s", "", ""))
        else:
            ratio = f"{seconds / times[1]:.2f} ×"
            result.append((f"{label}, {count} Worker", f"{seconds:.1f} s", f"1 Worker {times[1]:.1f} s", ratio))
    result.append((f"Spitzenspeicher eines Workers, Stapel {expected} (VmHWM)", f"{max(peaks) / 1024:.0f} MiB", "", ""))
    return result, times


def run(command, user, redis, count, expected):
    """Wall time from the request to the finished ZIP, the workers' peak memory, documents done, files in the ZIP."""
    from django.core.files.storage import default_storage

    from kiz.celery import app
    from reporting import services
    from reporting.models import ReportBatch, ReportStatus

    # A queue of this run only, for the renders (the last one builds the ZIP), so that no other worker
    # on the same Redis takes the benchmark's tasks and none of its messages stays behind.
    queue = f"kiz-bench-{os.getpid()}-{expected}-{count}"
    env = {**os.environ, "REDIS_URL": redis, "CELERY_TASK_DEFAULT_QUEUE": queue}
    workers = [
        subprocess.Popen(  # noqa: S603 - celery of this environment
            [
                str(Path(sys.executable).parent / "celery"),
                "-A",
                "kiz",
                "worker",
                "--concurrency",
                "1",
                "--pool",
                "prefork",
                "--hostname",
                f"bench{n}-{queue}@%h",
                "--queues",
                queue,
                "--loglevel",
                "WARNING",
            ],
            cwd=settings.BASE_DIR,
            env=env,
        )
        for n in range(count)
    ]
    try:
        time.sleep(6)  # the workers connect to the broker
        app.conf.broker_url = redis
        app.conf.result_backend = redis
        app.conf.task_always_eager = False
        app.conf.task_default_queue = queue
        start = time.monotonic()
        batch = services.batch_request(kind=BATCH_KIND, user=user)
        peak = 0
        while time.monotonic() - start < SECONDS_PER_DOCUMENT * expected:
            peak = max(peak, *(tree_hwm(w.pid) for w in workers))
            if ReportBatch.objects.filter(pk=batch.pk, finished__isnull=False).exists():
                break
            time.sleep(0.25)
        elapsed = time.monotonic() - start
        batch.refresh_from_db()
        done = batch.documents.filter(status=ReportStatus.DONE).count()
        archived = 0
        if batch.archive:
            with zipfile.ZipFile(default_storage.path(batch.archive.name)) as archive:
                archived = len(archive.namelist())
        command.stdout.write(f"Stapel mit {count} Worker(n): {done} gerendert, {archived} im ZIP nach {elapsed:.0f} s")
        return elapsed, peak, done, archived
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)
        _forget_queue(redis, queue)


def _forget_queue(redis, queue):
    """Remove what kombu keeps for the run's queue (its binding and any message left) from the Redis database."""
    import redis as redis_client

    client = redis_client.Redis.from_url(redis)
    client.delete(queue, f"_kombu.binding.{queue}")
    client.close()


def forget_generation(redis):
    """Drop the dashboards' data generation (kiz/freshness.py) from the Redis database, as Django's cache keys it."""
    import redis as redis_client

    from kiz.freshness import KEY

    client = redis_client.Redis.from_url(redis)
    client.delete(f":1:{KEY}")
    client.close()
