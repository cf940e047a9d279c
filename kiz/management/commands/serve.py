"""`manage.py serve`: the development web server and a Celery worker as one command.

Both run as child processes in process groups of their own, so a Ctrl+C (or a SIGTERM) reaches this command
only, which then stops both in order: the worker finishes what it is rendering (warm shutdown), the web server
stops. When one of them ends by itself, the other is stopped too and the command ends with its exit code.
Without REDIS_URL the worker uses the embedded broker (a folder, see CELERY_DATA_DIR); with it, Redis.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from kiz.celery import embedded_folders

STOP_TIMEOUT = 30


class Command(BaseCommand):
    help = "Startet den Webserver und einen Celery-Worker zusammen; Strg+C beendet beide."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000", help="Adresse und Port des Webservers")
        parser.add_argument("--concurrency", type=int, default=2, help="Berichte, die der Worker zugleich erstellt")
        parser.add_argument("--noreload", action="store_true", help="Webserver ohne automatisches Neuladen")

    def handle(self, *args, addrport, concurrency, noreload, **options):
        folders = embedded_folders()
        if folders:
            _forget_processed(Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["processed_folder"]))
            broker = f"eingebetteter Broker in {settings.CELERY_DATA_DIR}"
        else:
            broker = "Redis"
        manage = str(Path(settings.BASE_DIR) / "manage.py")
        web_args = [sys.executable, manage, "runserver", addrport] + (["--noreload"] if noreload else [])
        worker_args = [
            sys.executable,
            "-m",
            "celery",
            "--quiet",
            "-A",
            "kiz",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            str(concurrency),
            "--hostname",
            f"kiz-serve-{os.getpid()}@%h",
        ]
        self.stdout.write(f"Starte Webserver ({addrport}) und Celery-Worker ({broker}); Beenden mit Strg+C.")
        self.stdout.flush()
        stopping = []

        def stop(signum, frame):
            stopping.append(signum)

        # Installed before the children start and kept until both have ended: a second Ctrl+C while they stop
        # changes nothing, and no signal can end this command while a child of its own session runs on.
        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
        worker = subprocess.Popen(worker_args, cwd=settings.BASE_DIR, start_new_session=True)  # noqa: S603
        web = subprocess.Popen(web_args, cwd=settings.BASE_DIR, start_new_session=True)  # noqa: S603
        try:
            while not stopping and web.poll() is None and worker.poll() is None:
                time.sleep(0.2)
        finally:
            _stop(web, worker)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if not stopping:
            self.stderr.write("Webserver oder Worker wurde unerwartet beendet; beide sind gestoppt.")
            sys.exit(next((p.returncode for p in (web, worker) if p.returncode), 1))


def _forget_processed(folder: Path):
    """The embedded broker keeps each message it delivered; what earlier runs left is of no further use."""
    for path in folder.glob("*.msg"):
        path.unlink(missing_ok=True)


def _stop(web, worker):
    """Stop both: the web server's whole group (the autoreloader's child included), the worker warmly."""
    if web.poll() is None:
        _signal_group(web, signal.SIGTERM)
    if worker.poll() is None:
        os.kill(worker.pid, signal.SIGTERM)  # warm shutdown: running tasks finish
    deadline = time.monotonic() + STOP_TIMEOUT
    for process in (web, worker):
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait()


def _signal_group(process, sig):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
