"""`manage.py bench`: state-scale figures of one machine, each next to a baseline measured in the same run.

The command seeds 54 KIZ with the years 2018–2026 (staff plans, applications, grant notices, call-offs, proofs of
use, controlling reports with activities) into a database of its own — a temporary SQLite file, or
`<name>_bench` next to a PostgreSQL DATABASE_URL, created and dropped here — and measures:

- requests per second and p50/p99 latency of the state dashboard, the council dashboard and the application page
  served by gunicorn on a free loopback port, next to the health check (/gesundheit/) of the same stack;
- queries per page (Django test client);
- time per PDF page of the state overview and the council briefing, next to WeasyPrint rendering a plain document
  of the same page count;
- wall time of the batch of 54 grant notices with 1 and 2 Celery workers (Redis from REDIS_URL or on
  127.0.0.1:6379, database 15), and the peak memory (VmHWM) of a worker process.

The parent process prepares the database and runs the measuring part (`--inner`) as a child whose environment
points at it, so nothing of the development or production database is touched.
"""

import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

YEARS = range(2018, 2027)
REQUESTS_PER_PAGE = 150
THREADS = 4
TIME_LIMIT_SECONDS = 15
WARM_UP = 8
BATCH_TIMEOUT_SECONDS = 200
BENCH_REDIS_DB = 15
# The batch renders the grant notice of every KIZ (one page each), so that both runs fit into the time budget;
# the time per page of the longer reports is measured above.
BATCH_KIND = "grant_notice"
RESULTS = Path(settings.BASE_DIR) / "bench-results" / "latest.md"


def percentile(values, fraction: float) -> float:
    """The value below which `fraction` of the sorted values lie (nearest rank); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(round(fraction * len(ordered), 9))))
    return ordered[rank - 1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_url() -> str | None:
    """The Redis to use for the batch: REDIS_URL's server, else one on 127.0.0.1:6379; None if unreachable."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1):
            pass
    except OSError:
        return None
    return urlunsplit((parts.scheme, parts.netloc, f"/{BENCH_REDIS_DB}", "", ""))


class Command(BaseCommand):
    help = "Seed state-scale data into a separate database and measure pages, PDFs and the batch."

    def add_arguments(self, parser):
        parser.add_argument("--inner", action="store_true", help="(internal) measure in the prepared database")
        parser.add_argument("--render-batch", action="store_true", help="(internal) render the batch in-process")

    def handle(self, *args, **options):
        if options["render_batch"]:
            return self._render_batch_in_process()
        if options["inner"]:
            return self._measure()
        return self._run()

    # --- parent: a database of its own ----------------------------------------------------------------

    def _run(self):
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
        }
        env.pop("REDIS_URL", None)
        redis = redis_url()
        if redis:
            env["BENCH_REDIS_URL"] = redis
        try:
            result = subprocess.run(  # noqa: S603 - this very command, with a fixed argument list
                [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench", "--inner"],
                env=env,
                check=False,
            )
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

    def _measure(self):
        started = time.monotonic()
        self.stdout.write("Lege die Benchmark-Datenbank an …")
        call_command("migrate", verbosity=0)
        # As in production (DEBUG off): the pages refer to the hashed static files.
        call_command("collectstatic", interactive=False, verbosity=0)
        users, application_id = seed()
        self.stdout.write(f"Daten angelegt in {time.monotonic() - started:.0f} s.")
        rows = []
        rows += self._http(users, application_id)
        rows += self._queries(users, application_id)
        rows += self._pdfs()
        rows += self._batch(users)
        table = render_table(rows, seconds=time.monotonic() - started)
        self.stdout.write(table)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(table, encoding="utf-8")
        self.stdout.write(f"Geschrieben nach {RESULTS}")

    def _pages(self, application_id):
        return [
            ("Landesdashboard", "/berichte/dashboard/land/", "coordination"),
            ("Dashboard Integrationsrat", "/berichte/dashboard/kommune/05913000/", "council"),
            ("Antragsseite", f"/foerderung/antraege/{application_id}/", "coordination"),
        ]

    def _http(self, users, application_id):
        port = free_port()
        self.stdout.write(f"Starte gunicorn auf 127.0.0.1:{port} …")
        log = open(Path(os.environ.get("BENCH_WORKDIR", tempfile.gettempdir())) / "gunicorn.log", "w")  # noqa: SIM115
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
            env=os.environ.copy(),
            stderr=log,
        )
        try:
            wait_for(port)
            cookies = {role: session_cookie(user) for role, user in users.items()}
            baseline = load("/gesundheit/", port, cookies["coordination"])
            rows = [("HTTP /gesundheit/ (Basis)", baseline, None)]
            for label, path, role in self._pages(application_id):
                rows.append((f"HTTP {label}", load(path, port, cookies[role]), baseline))
            return [http_row(label, result, base) for label, result, base in rows]
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()

    def _queries(self, users, application_id):
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        result = []
        for label, path, role in self._pages(application_id):
            client = Client()
            client.force_login(users[role])
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            result.append((f"Abfragen {label}", f"{len(queries.captured_queries)}", "", ""))
        return result

    def _pdfs(self):
        from weasyprint import HTML

        from kiz.models import Municipality
        from reporting import registry
        from reporting.models import ReportDocument, ReportKind
        from reporting.pdf import render_pdf

        dortmund = Municipality.objects.get(ags="05913000")
        rows = []
        for kind, municipality in ((ReportKind.STATE_OVERVIEW, None), (ReportKind.COUNCIL_BRIEFING, dortmund)):
            report_type = registry.get(kind)
            document = ReportDocument(kind=kind, municipality=municipality)
            start = time.perf_counter()
            content = report_type.build(document)
            rendered = render_pdf(report_type.template, content.context, title="T", author="A", as_of=content.as_of)
            elapsed = time.perf_counter() - start
            plain = "".join(
                f'<section style="break-after: page"><h1>Seite {n}</h1><p>{"Text " * 300}</p></section>'
                for n in range(rendered.page_count)
            )
            start = time.perf_counter()
            HTML(string=f"<html lang='de'><body>{plain}</body></html>").write_pdf()
            baseline = time.perf_counter() - start
            per_page, base_per_page = elapsed / rendered.page_count, baseline / rendered.page_count
            rows.append(
                (
                    f"PDF {ReportKind(kind).label} ({rendered.page_count} Seiten), je Seite",
                    f"{per_page * 1000:.0f} ms",
                    f"{base_per_page * 1000:.0f} ms",
                    f"{per_page / base_per_page:.1f} ×",
                )
            )
        return rows

    def _batch(self, users):
        redis = os.environ.get("BENCH_REDIS_URL")
        if not redis:
            peak = self._eager_peak()
            return [
                ("Stapel 54 Zuwendungsbescheide, 1 Worker", "nicht gemessen (kein Redis)", "", ""),
                ("Stapel 54 Zuwendungsbescheide, 2 Worker", "nicht gemessen (kein Redis)", "", ""),
                ("Spitzenspeicher Renderprozess (ohne Worker)", f"{peak / 1024:.0f} MiB", "", ""),
            ]
        times, peaks, rows = {}, [], []
        for count in (1, 2):
            seconds, peak, done = self._run_batch(users["coordination"], redis, count)
            times[count] = seconds
            peaks.append(peak)
            label = f"Stapel 54 Zuwendungsbescheide, {count} Worker"
            if done < 54:
                rows.append((label, f"nicht fertig: {done} von 54 nach {seconds:.0f} s", "", ""))
            elif count == 1:
                rows.append((label, f"{seconds:.1f} s", "", "1,0 ×"))
            else:
                rows.append((label, f"{seconds:.1f} s", f"{times[1]:.1f} s", f"{seconds / times[1]:.2f} ×"))
        rows.append(("Spitzenspeicher eines Workers (VmHWM)", f"{max(peaks) / 1024:.0f} MiB", "", ""))
        return rows

    def _run_batch(self, user, redis, count):
        from reporting import services
        from reporting.models import ReportStatus

        env = {**os.environ, "REDIS_URL": redis}
        # A queue of this run only: no other worker on the same Redis takes the benchmark's tasks.
        queue = f"kiz-bench-{os.getpid()}-{count}"
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
                    f"bench{n}@%h",
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
            from kiz.celery import app

            app.conf.broker_url = redis
            app.conf.result_backend = redis
            app.conf.task_always_eager = False
            app.conf.task_default_queue = queue
            start = time.monotonic()
            batch = services.batch_request(kind=BATCH_KIND, user=user)
            peak = 0
            finished = [ReportStatus.DONE, ReportStatus.FAILED]
            while time.monotonic() - start < BATCH_TIMEOUT_SECONDS:
                peak = max(peak, *(tree_hwm(w.pid) for w in workers))
                if batch.documents.exclude(status__in=finished).count() == 0:
                    break
                time.sleep(0.5)
            done = batch.documents.filter(status=ReportStatus.DONE).count()
            elapsed = time.monotonic() - start
            self.stdout.write(f"Stapel mit {count} Worker(n): {done} von 54 fertig nach {elapsed:.0f} s")
            return elapsed, peak, done
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(timeout=60)

    def _eager_peak(self) -> int:
        """Peak resident memory (KiB) of a process rendering the batch in-process, as a worker would."""
        result = subprocess.run(  # noqa: S603 - this very command
            [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench", "--render-batch"],
            env=os.environ.copy(),
            check=True,
            capture_output=True,
            text=True,
        )
        self.stdout.write(result.stdout.strip())
        return int(result.stdout.strip().rsplit("VmHWM=", 1)[1])

    def _render_batch_in_process(self):
        from django.contrib.auth import get_user_model

        from reporting import services

        user = get_user_model().objects.get(username="bench.laki")
        start = time.monotonic()
        services.batch_request(kind=BATCH_KIND, user=user)
        elapsed = time.monotonic() - start
        self.stdout.write(f"54 Berichte in einem Prozess gerendert: {elapsed:.1f} s; VmHWM={tree_hwm(os.getpid())}")


# --- helpers -------------------------------------------------------------------------------------------


def wait_for(port: int, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise CommandError("gunicorn antwortet nicht.")


def session_cookie(user) -> str:
    from importlib import import_module

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def load(path: str, port: int, cookie: str) -> dict:
    """REQUESTS_PER_PAGE GET requests from THREADS keep-alive connections, stopped after TIME_LIMIT_SECONDS."""
    import http.client

    latencies, errors, lock = [], [], threading.Lock()
    remaining = [REQUESTS_PER_PAGE]

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            start = time.perf_counter()
            connection.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            with lock:
                (latencies if response.status == 200 else errors).append(elapsed)
        connection.close()

    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _ in range(WARM_UP):
        warm.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
        warm.getresponse().read()
    warm.close()
    start = time.monotonic()
    deadline = start + TIME_LIMIT_SECONDS
    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - start
    if errors:
        raise CommandError(f"{path}: {len(errors)} Antworten ohne Status 200.")
    return {
        "rps": len(latencies) / wall if wall else 0.0,
        "p50": percentile(latencies, 0.5),
        "p99": percentile(latencies, 0.99),
        "count": len(latencies),
    }


def http_row(label, result, baseline):
    value = f"{result['rps']:.1f}/s, p50 {result['p50'] * 1000:.0f} ms, p99 {result['p99'] * 1000:.0f} ms"
    if baseline is None:
        return (label, value, "", "1,0 ×")
    base = f"{baseline['rps']:.1f}/s"
    return (label, value, base, f"{result['rps'] / baseline['rps']:.2f} × (Anfragen/s)")


def tree_hwm(pid: int) -> int:
    """The largest VmHWM (KiB) of a process and its children (the prefork pool)."""
    best = 0
    pids = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                pids.append(int(entry.name))
    for candidate in pids:
        try:
            for line in Path(f"/proc/{candidate}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    best = max(best, int(line.split()[1]))
        except OSError:
            continue
    return best


def machine() -> str:
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return f"{os.cpu_count()} Kerne (nproc), {memory} Arbeitsspeicher, Python {sys.version.split()[0]}"


def render_table(rows, *, seconds: float) -> str:
    from django.db import connection

    lines = [
        f"# Leistung ({timezone.localdate():%d.%m.%Y})",
        "",
        f"Maschine: {machine()}; Datenbank: {connection.vendor}; gunicorn mit {os.cpu_count()} Prozessen, "
        f"{THREADS} Lastthreads, je Seite {REQUESTS_PER_PAGE} Anfragen (höchstens {TIME_LIMIT_SECONDS} s). "
        f"Daten: 54 KIZ, Jahre {YEARS.start}–{YEARS.stop - 1}. Laufzeit {seconds:.0f} s.",
        "",
        "| Messung | Wert | Basis im selben Lauf | Verhältnis |",
        "|---|---|---|---|",
    ]
    lines += [f"| {label} | {value} | {base} | {ratio} |" for label, value, base, ratio in rows]
    return "\n".join(lines) + "\n"


# --- the state-scale data ------------------------------------------------------------------------------


def seed():
    """54 KIZ × the years 2018–2026, written with bulk inserts; returns the users and Dortmund's latest application."""
    from django.contrib.auth import get_user_model

    from concepts.models import CouncilStep, IntegrationConcept
    from funding.models import (
        ApplicationState,
        CallOff,
        CallOffState,
        FundingApplication,
        GrantNotice,
        ProofLine,
        ProofLineKind,
        ProofOfUse,
        ProofState,
    )
    from funding.rules import guideline_for
    from kiz.choices import EducationStage, FieldOfAction
    from kiz.models import Membership, Municipality, Role
    from kiz.services import municipalities_load
    from reporting.controlling.models import Activity, ActivityKind, ControllingReport, ReportState, StaffingInPlace
    from staffing.models import PayRate, Post, PostCategory, StaffPlan

    municipalities_load()
    municipalities = list(Municipality.objects.order_by("name"))
    user_model = get_user_model()
    users = {}
    for role, name in (("coordination", "bench.laki"), ("council", "bench.rat")):
        users[role] = user_model.objects.create_user(name, password=None)
    dortmund = next(m for m in municipalities if m.ags == "05913000")
    Membership.objects.create(user=users["coordination"], role=Role.COORDINATION)
    Membership.objects.create(user=users["council"], role=Role.COUNCIL, municipality=dortmund)

    PayRate.objects.bulk_create(
        (
            PayRate(year=year, pay_scheme="tvoed", pay_grade=grade, annual_cost=Decimal(cost))
            for year in YEARS
            for grade, cost in (("S 12", "72000.00"), ("EG 9c", "64000.00"), ("EG 6", "52000.00"))
        ),
        ignore_conflicts=True,  # the shipped rates of a year stay as they are
    )
    IntegrationConcept.objects.bulk_create(
        IntegrationConcept(
            municipality=m,
            number=1,
            status=IntegrationConcept.Status.ADOPTED,
            title=f"Integrationskonzept {m.name}",
            plan_start=date(2023, 1, 1),
            resolution_date=date(2022 + i % 4, 3, 1),
            adopted_on=date(2022 + i % 4, 3, 1),
        )
        for i, m in enumerate(municipalities)
    )
    CouncilStep.objects.bulk_create(
        CouncilStep(
            municipality=m,
            title=f"Beratung {n}",
            body=CouncilStep.Body.INTEGRATION_COUNCIL,
            kind=CouncilStep.Kind.CONSULTATION,
            planned_date=date(2024, 1, 1) + timedelta(days=60 * n),
            actual_date=date(2024, 1, 1) + timedelta(days=60 * n) if n < 8 else None,
        )
        for m in municipalities
        for n in range(10)
    )
    plans = StaffPlan.objects.bulk_create(
        StaffPlan(municipality=m, year=year) for m in municipalities for year in YEARS
    )
    categories = [
        (PostCategory.PAED_FACHKRAFT, "S 12", "1.00"),
        (PostCategory.PAED_FACHKRAFT, "S 12", "1.00"),
        (PostCategory.PAED_FACHKRAFT, "S 12", "0.75"),
        (PostCategory.FACHKRAFT_SONSTIGE, "EG 9c", "1.00"),
        (PostCategory.VERWALTUNGSFACHKRAFT, "EG 9c", "1.00"),
        (PostCategory.VERWALTUNGSASSISTENZ, "EG 6", "0.50"),
    ]
    Post.objects.bulk_create(
        Post(
            plan=plan,
            title=f"Stelle {n + 1}",
            category=category,
            fte=Decimal(fte),
            funding_source="landeszuschuss",
            origin="neu",
            pay_scheme="tvoed",
            pay_grade=grade,
            starts_on=date(plan.year, 1, 1),
            filled_months=12 if n % 3 else 9,
            position=n,
        )
        for plan in plans
        for n, (category, grade, fte) in enumerate(categories)
    )
    guidelines = {year: guideline_for(date(year, 1, 1)) for year in YEARS}
    applications = FundingApplication.objects.bulk_create(
        FundingApplication(
            municipality=m,
            funding_year=year,
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            guideline=guidelines[year],
            requested_grant=Decimal("300000.00") + i * 1000,
            state=ApplicationState.GRANTED if year < 2026 else ApplicationState.SUBMITTED,
        )
        for i, m in enumerate(municipalities)
        for year in YEARS
    )
    granted = [a for a in applications if a.funding_year < 2026]
    GrantNotice.objects.bulk_create(
        GrantNotice(
            application=a,
            approved_amount=a.requested_grant - 5000,
            period_start=a.period_start,
            period_end=a.period_end,
            file_number=f"36.08.01-{a.funding_year}/{a.municipality_id}",
            issued_on=date(a.funding_year, 1, 20),
            issued_by=users["coordination"],
        )
        for a in granted
    )
    CallOff.objects.bulk_create(
        CallOff(
            application=a,
            amount=Decimal("70000.00"),
            justification="Gehälter",
            requested_by=users["coordination"],
            requested_on=date(a.funding_year, 3 * q + 1, 5),
            state=CallOffState.PAID,
        )
        for a in granted
        for q in range(4)
    )
    proofs = ProofOfUse.objects.bulk_create(
        ProofOfUse(application=a, year=a.funding_year, state=ProofState.SUBMITTED, activities="Beratung")
        for a in granted
        if a.funding_year < 2025
    )
    ProofLine.objects.bulk_create(
        ProofLine(
            proof=p, kind=kind, key=f"{kind}-{n}", label=f"Position {n}", position=n, planned=amount, actual=amount - n
        )
        for p in proofs
        for n, (kind, amount) in enumerate(
            [(ProofLineKind.POST, Decimal("250000.00")), (ProofLineKind.EXTRA, Decimal("20000.00"))]
        )
    )
    reports = ControllingReport.objects.bulk_create(
        ControllingReport(
            municipality=m,
            year=year,
            due_date=date(year + 1, 3, 31),
            state=ReportState.SUBMITTED if year < 2025 else ReportState.DRAFT,
            narrative="Bericht",
        )
        for m in municipalities
        for year in YEARS
    )
    fields, stages = FieldOfAction.values, [*EducationStage.values, ""]
    Activity.objects.bulk_create(
        Activity(
            report=r,
            field_of_action=fields[n % len(fields)],
            education_stage=stages[n % len(stages)],
            kind=ActivityKind.ADVICE,
            title=f"Aktivität {n}",
            count=1 + n % 4,
            participants=10 * n,
            institutions_reached=n % 5,
        )
        for r in reports
        for n in range(12)
    )
    StaffingInPlace.objects.bulk_create(
        StaffingInPlace(report=r, category=PostCategory.PAED_FACHKRAFT, fte=Decimal("2.50")) for r in reports
    )
    latest = FundingApplication.objects.get(municipality=dortmund, funding_year=YEARS.stop - 2)
    return users, latest.pk
