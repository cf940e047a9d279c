"""`manage.py bench`: state-scale figures of one machine, each next to a baseline measured in the same run.

The command seeds 54 KIZ with the years 2018–2026 (reporting/bench/data.py) into a database of its own — a
temporary SQLite file, or `<name>_bench` next to a PostgreSQL DATABASE_URL, created and dropped here — runs
ANALYZE, and measures:

- requests per second and p50/p99 latency of the state dashboard, the council dashboard and the application page
  served by gunicorn on a free loopback port, next to the floor view (50 rows from the database through a simple
  template, mounted only for this server) and the health check (/gesundheit/) of the same stack;
- queries per page (Django test client);
- every PDF kind: the first (cold) render and the median of further (warm) ones, next to plain WeasyPrint on the
  same HTML without the print stylesheet and next to a plain text of the same page count;
- a pool process's resident memory after the first and after 200 renders;
- the whole batch of grant notices, ZIP included, with 1 and 2 Celery workers on a queue of its own (Redis from
  REDIS_URL, its database number included, or on 127.0.0.1:6379/0);
- at 540 KIZ (10 × the state; `--skip-scale` leaves it out): the state dashboard, its queries, the state overview
  PDF against the task's time limit and the batch, each as a ratio to 54 KIZ;
- the machine's load average before and after, with a warning when it was busy.

The parent process prepares the database and runs the measuring part (`--inner`) as a child whose environment
points at it, so nothing of the development or production database is touched.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reporting.bench import batch as bench_batch
from reporting.bench import measure, pdfs
from reporting.bench.data import YEARS

SCALE_COPIES = 9  # 54 + 9 × 54 = 540 KIZ
RESULTS = Path(settings.BASE_DIR) / "bench-results" / "latest.md"


def redis_url() -> str | None:
    """The Redis of REDIS_URL (server and database number), else 127.0.0.1:6379/0; None if unreachable."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    parts = urlsplit(url)
    try:
        import socket

        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1):
            pass
    except OSError:
        return None
    return url


class Command(BaseCommand):
    help = "Seed state-scale data into a separate database and measure pages, PDFs and the batch."

    def add_arguments(self, parser):
        parser.add_argument("--skip-scale", action="store_true", help="leave out the run at 540 KIZ")
        parser.add_argument("--inner", action="store_true", help="(internal) measure in the prepared database")
        parser.add_argument("--render-memory", action="store_true", help="(internal) memory over many renders")

    def handle(self, *args, **options):
        if options["render_memory"]:
            return self.stdout.write(pdfs.memory_run())
        if options["inner"]:
            return self._measure(scale=not options["skip_scale"])
        return self._run(options["skip_scale"])

    # --- parent: a database of its own ----------------------------------------------------------------

    def _run(self, skip_scale):
        workdir = Path(tempfile.mkdtemp(prefix="kiz-bench-"))
        database_url = os.environ.get("DATABASE_URL", "")
        drop = None
        if database_url.startswith(("postgres://", "postgresql://")):
            bench_url, drop = self._postgres_bench_database(database_url)
        else:
            # Workers and the web server write to the same file: wait for a lock instead of failing at once.
            bench_url = f"sqlite:///{workdir / 'bench.sqlite3'}?timeout=30"
        env = {
            **os.environ,
            "DATABASE_URL": bench_url,
            "MEDIA_ROOT": str(workdir / "media"),
            "DEBUG": "False",
            "SECRET_KEY": "bench-" + "x" * 60,
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "SECURE_SSL_REDIRECT": "False",
            "BENCH_WORKDIR": str(workdir),
            "BENCH_FLOOR_VIEW": "True",
        }
        env.pop("REDIS_URL", None)
        redis = redis_url()
        if redis:
            env["BENCH_REDIS_URL"] = redis
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench", "--inner"]
        try:
            result = subprocess.run([*command, *(["--skip-scale"] if skip_scale else [])], env=env, check=False)  # noqa: S603
            if result.returncode:
                raise CommandError("Die Messung ist fehlgeschlagen (siehe oben).")
        finally:
            if drop:
                drop()
            shutil.rmtree(workdir, ignore_errors=True)

    def _postgres_bench_database(self, url):
        import psycopg2

        parts = urlsplit(url)
        name = parts.path.lstrip("/") + "_bench"
        admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))

        def execute(sql):
            connection = psycopg2.connect(admin)
            connection.autocommit = True
            try:
                with connection.cursor() as cursor:
                    cursor.execute(sql)
            finally:
                connection.close()

        execute(f'DROP DATABASE IF EXISTS "{name}"')
        execute(f'CREATE DATABASE "{name}"')
        return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, "")), lambda: execute(
            f'DROP DATABASE IF EXISTS "{name}"'
        )

    # --- child: seed and measure ----------------------------------------------------------------------

    def _measure(self, *, scale: bool):
        from django.core.management import call_command

        from reporting.bench.data import seed, seed_copies

        load_before = measure.load_average()
        started = time.monotonic()
        self.stdout.write("Lege die Benchmark-Datenbank an …")
        call_command("migrate", verbosity=0)
        # As in production (DEBUG off): the pages refer to the hashed static files.
        call_command("collectstatic", interactive=False, verbosity=0)
        users, application_id = seed()
        analyze_note = self._analyze()
        self.stdout.write(f"Daten angelegt in {time.monotonic() - started:.0f} s. {analyze_note}")
        rows = []
        http = self._http(users, self._pages(application_id))
        rows += http["rows"]
        rows += self._queries(users, self._pages(application_id))
        self.stdout.write("PDFs …")
        rows += pdfs.pdf_rows()
        rows += self._memory()
        batch_rows, batch_times = bench_batch.rows(self, users["coordination"], counts=(1, 2))
        rows += batch_rows
        notes = []
        if scale:
            self.stdout.write("540 KIZ …")
            unanalyzed = self._state_query_seconds() if self._postgres() else None
            seed_copies(SCALE_COPIES, issuer=users["coordination"])
            fresh = self._state_query_seconds() if self._postgres() else None
            self._analyze()
            rows += self._scale_rows(users, application_id, http, batch_times)
            if fresh is not None:
                rows += self._planner_rows(unanalyzed, fresh)
        load_after = measure.load_average()
        notes.append(
            f"Maschine: {measure.machine()}; Datenbank: {self._vendor()}; gunicorn mit {os.cpu_count()} Prozessen, "
            f"{measure.THREADS} Lastthreads, je Seite {measure.REQUESTS_PER_PAGE} Anfragen "
            f"(höchstens {measure.TIME_LIMIT_SECONDS} s). Daten: 54 KIZ, Jahre {YEARS.start}–{YEARS.stop - 1}"
            f"{' (und 540 KIZ)' if scale else ''}. Laufzeit {time.monotonic() - started:.0f} s."
        )
        notes.append(
            "Seiten unter gunicorn wie in Produktion mit dem Cache in Redis (falls erreichbar): gemessen werden "
            "Dashboards aus dem Cache ihrer Datengeneration; frisch gerechnet steht ihre Zeit in den Abfragen-Zeilen."
        )
        notes.append(measure.load_note(load_before, load_after))
        table = measure.render_table(rows, heading=f"# Leistung ({timezone.localdate():%d.%m.%Y})", notes=notes)
        self.stdout.write(table)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(table, encoding="utf-8")
        self.stdout.write(f"Geschrieben nach {RESULTS}")

    def _postgres(self) -> bool:
        return self._vendor() == "postgresql"

    def _vendor(self) -> str:
        from django.db import connection

        return connection.vendor

    def _analyze(self) -> str:
        """Planner statistics for the freshly loaded tables, as autovacuum would gather them."""
        from django.db import connection

        start = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return f"ANALYZE in {time.monotonic() - start:.1f} s."

    def _pages(self, application_id):
        return [
            ("Landesdashboard", "/berichte/dashboard/land/", "coordination"),
            ("Dashboard Integrationsrat", "/berichte/dashboard/kommune/05913000/", "council"),
            ("Antragsseite", f"/foerderung/antraege/{application_id}/", "coordination"),
            ("API Antragsliste (JSON)", "/api/v1/applications/", "coordination"),
        ]

    def _http(self, users, pages, *, suffix=""):
        """The pages under gunicorn next to the floor view and the health check; returns rows and raw results."""
        port = measure.free_port()
        self.stdout.write(f"Starte gunicorn auf 127.0.0.1:{port} …")
        workdir = Path(os.environ.get("BENCH_WORKDIR", tempfile.gettempdir()))
        log = open(workdir / "gunicorn.log", "a")  # noqa: SIM115
        # The load test measures speed, not the rate limit; and the settings of this command, not the production
        # default of kiz/wsgi.py.
        env = {
            **os.environ,
            "API_RATE_LIMIT": "1000000/minute",
            "KIZ_ENVIRONMENT": os.environ.get("KIZ_ENVIRONMENT", "development"),
        }
        redis = os.environ.get("BENCH_REDIS_URL")
        if redis:
            # As in production: the cache (and the dashboards' data generation) in Redis. This process seeded
            # without it, so the generation starts afresh: nothing cached by an earlier run is served.
            env["REDIS_URL"] = redis
            bench_batch.forget_generation(redis)
        server = subprocess.Popen(  # noqa: S603 - gunicorn of this environment, loopback only
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "kiz.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(os.cpu_count() or 2),
                "--log-level",
                "warning",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stderr=log,
        )
        try:
            measure.wait_for(port)
            cookies = {role: measure.session_cookie(user) for role, user in users.items()}
            health = measure.load("/gesundheit/", port, cookies["coordination"])
            floor = measure.load("/messung/boden/", port, cookies["coordination"])
            results = {"health": health, "floor": floor}
            rows = [
                measure.http_row(f"HTTP /gesundheit/ (Health-Check){suffix}", health),
                measure.http_row(f"HTTP Boden: 50 Zeilen, schlichtes Template{suffix}", floor),
            ]
            for label, path, role in pages:
                results[label] = measure.load(path, port, cookies[role])
                rows.append(measure.http_row(f"HTTP {label}{suffix}", results[label], floor, health))
            return {"rows": rows, **results}
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()

    def _queries(self, users, pages, *, suffix=""):
        """Queries per page, and its time rendered afresh (no cache: this process has none shared) in-process."""
        import statistics

        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django_otp import DEVICE_ID_SESSION_KEY

        from kiz.twofactor import app_device_id

        result, times = [], {}
        for label, path, role in pages:
            client = Client()
            client.force_login(users[role])
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = app_device_id(users[role])  # the second factor, as after the code step
            session.save()
            client.get(path)
            connection.queries_log.clear()  # a full log (it keeps 9000 entries) would capture nothing
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            samples = []
            for _ in range(5):
                start = time.perf_counter()
                client.get(path)
                samples.append(time.perf_counter() - start)
            times[label] = statistics.median(samples)
            result.append(
                (
                    f"Abfragen {label}{suffix}",
                    f"{len(queries.captured_queries)}",
                    "",
                    f"ungecacht {times[label] * 1000:.0f} ms (Median aus 5, Test-Client)",
                )
            )
        self._uncached = {**getattr(self, "_uncached", {}), **{f"{k}{suffix}": v for k, v in times.items()}}
        return result

    def _memory(self):
        result = subprocess.run(  # noqa: S603 - this very command
            [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench", "--render-memory"],
            env=os.environ.copy(),
            check=True,
            capture_output=True,
            text=True,
        )
        figures = dict(part.split("=") for part in result.stdout.split())
        first, last = int(figures["RSS1"]), int(figures["RSSN"])
        return [
            (
                f"Speicher eines Renderprozesses nach {pdfs.MEMORY_RENDERS} Zuwendungsbescheiden (VmRSS)",
                f"{last / 1024:.0f} MiB (Spitze {int(figures['HWM']) / 1024:.0f} MiB, {figures['SECONDS']} s)",
                f"nach dem ersten {first / 1024:.0f} MiB",
                f"{last / first:.2f} ×",
            )
        ]

    def _state_query_seconds(self) -> float:
        """The state dashboard's data (its main query) for all KIZ, in seconds."""
        from kiz.models import Municipality
        from reporting.dashboards import selectors

        today = timezone.localdate()
        start = time.perf_counter()
        selectors.state_rows(year=today.year, today=today, municipalities=Municipality.objects.all())
        return time.perf_counter() - start

    def _planner_rows(self, before_copies, fresh):
        """The main query at 540 KIZ: without statistics, after ANALYZE, and with PostgreSQL's JIT on and off."""
        from django.db import connection

        timings = {}
        for jit in ("on", "off"):
            with connection.cursor() as cursor:
                cursor.execute(f"SET jit = {jit}")
            _cold, timings[jit], _rows = measure.timed(self._state_query_seconds, 3)
            timings[jit] = min(timings[jit], self._state_query_seconds())
        with connection.cursor() as cursor:
            cursor.execute("RESET jit")
        return [
            (
                "Hauptabfrage Landesdashboard, 540 KIZ, frisch geladen (ohne ANALYZE)",
                f"{fresh * 1000:.0f} ms",
                f"54 KIZ {before_copies * 1000:.0f} ms",
                f"{fresh / before_copies:.1f} ×",
            ),
            (
                "Hauptabfrage Landesdashboard, 540 KIZ, nach ANALYZE, JIT an",
                f"{timings['on'] * 1000:.0f} ms",
                f"JIT aus {timings['off'] * 1000:.0f} ms",
                f"{timings['on'] / timings['off']:.1f} ×",
            ),
        ]

    def _scale_rows(self, users, application_id, http54, batch_times):
        from reporting.services import RENDER_SOFT_LIMIT

        pages = self._pages(application_id)[:1]
        http = self._http(users, pages, suffix=", 540 KIZ")
        label = pages[0][0]
        rows = http["rows"][2:]
        ratio = http[label]["p50"] / http54[label]["p50"]
        rows.append(
            (
                "Landesdashboard 540 KIZ gegen 54 KIZ (p50)",
                f"{http[label]['p50'] * 1000:.0f} ms",
                f"{http54[label]['p50'] * 1000:.0f} ms",
                f"{ratio:.2f} ×",
            )
        )
        rows += self._queries(users, pages, suffix=", 540 KIZ")
        fresh54, fresh540 = self._uncached[label], self._uncached[f"{label}, 540 KIZ"]
        rows.append(
            (
                "Landesdashboard ungecacht, 540 gegen 54 KIZ",
                f"{fresh540 * 1000:.0f} ms",
                f"{fresh54 * 1000:.0f} ms",
                f"{fresh540 / fresh54:.2f} ×",
            )
        )
        seconds, page_count = pdfs.state_overview_once()
        rows.append(
            (
                f"PDF Landesübersicht 540 KIZ ({page_count} S.), ein Lauf mit Daten",
                f"{seconds:.1f} s",
                f"Zeitlimit der Aufgabe {RENDER_SOFT_LIMIT} s",
                f"{seconds / RENDER_SOFT_LIMIT:.2f} ×",
            )
        )
        batch_rows, times = bench_batch.rows(self, users["coordination"], counts=(2,), expected=540)
        rows += batch_rows
        if times.get(2) and batch_times.get(2):
            rows.append(
                (
                    "Stapel 540 gegen 54 KIZ, 2 Worker",
                    f"{times[2]:.1f} s",
                    f"{batch_times[2]:.1f} s",
                    f"{times[2] / batch_times[2]:.1f} × (10 × die Dokumente)",
                )
            )
        return rows
