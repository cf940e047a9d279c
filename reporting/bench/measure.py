"""Measuring helpers of `manage.py bench`: HTTP load, percentiles, process memory, the machine and its load."""

import http.client
import math
import os
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

REQUESTS_PER_PAGE = 150
THREADS = 4
TIME_LIMIT_SECONDS = 15
WARM_UP = 8


def percentile(values, fraction: float) -> float:
    """The value below which `fraction` of the sorted values lie (nearest rank); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(round(fraction * len(ordered), 9))))
    return ordered[rank - 1]


def timed(function, repeat: int) -> tuple[float, float, object]:
    """Seconds of the first (cold) call, the median of `repeat` further (warm) calls, and the last result."""
    start = time.perf_counter()
    result = function()
    cold = time.perf_counter() - start
    warm = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        warm.append(time.perf_counter() - start)
    return cold, statistics.median(warm) if warm else cold, result


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    from django_otp import DEVICE_ID_SESSION_KEY

    from kiz.twofactor import app_device_id

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[DEVICE_ID_SESSION_KEY] = app_device_id(user)  # the state roles' second factor, as after the code step
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def load(path: str, port: int, cookie: str) -> dict:
    """REQUESTS_PER_PAGE GET requests from THREADS keep-alive connections, stopped after TIME_LIMIT_SECONDS."""
    latencies, errors, lock = [], [], threading.Lock()
    remaining = [REQUESTS_PER_PAGE]
    headers = {"Cookie": cookie, "Host": "127.0.0.1"}

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            start = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            with lock:
                (latencies if response.status == 200 else errors).append(elapsed)
        connection.close()

    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _ in range(WARM_UP):
        warm.request("GET", path, headers=headers)
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


def http_value(result) -> str:
    return f"{result['rps']:.1f}/s, p50 {result['p50'] * 1000:.0f} ms, p99 {result['p99'] * 1000:.0f} ms"


def http_row(label, result, floor=None, health=None):
    """A page next to the floor view (requests/s and p99) and the health check (requests/s)."""
    if floor is None:
        return (label, http_value(result), "", "1,0 ×")
    ratio = f"{result['rps'] / floor['rps']:.2f} × Anfragen/s, p99 {result['p99'] / floor['p99']:.1f} ×"
    if health is not None:
        ratio += f"; Health-Check {result['rps'] / health['rps']:.2f} ×"
    return (label, http_value(result), f"Boden {floor['rps']:.1f}/s, p99 {floor['p99'] * 1000:.0f} ms", ratio)


def proc_memory(pid: int, field: str = "VmHWM") -> int:
    """A memory figure (KiB) of one process from /proc/<pid>/status; 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_hwm(pid: int) -> int:
    """The largest VmHWM (KiB) of a process and its children (the prefork pool)."""
    pids = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                pids.append(int(entry.name))
    return max(proc_memory(candidate) for candidate in pids)


def machine() -> str:
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return f"{os.cpu_count()} Kerne (nproc), {memory} Arbeitsspeicher, Python {sys.version.split()[0]}"


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()


def load_note(before, after) -> str:
    """The load average before and after the run, with a warning when the machine was busy."""
    cores = os.cpu_count() or 1
    text = (
        f"Last (1/5/15 min) vor dem Lauf {before[0]:.2f}/{before[1]:.2f}/{before[2]:.2f}, "
        f"danach {after[0]:.2f}/{after[1]:.2f}/{after[2]:.2f} bei {cores} Kernen."
    )
    if max(before[0], before[1]) >= 0.5 * cores:
        text += (
            " **Warnung: die Maschine war schon vor dem Lauf ausgelastet; Zeiten sind zu hoch und streuen, "
            "Verhältnisse im selben Lauf bleiben vergleichbar, Worker-Skalierung nicht.**"
        )
    return text


def render_table(rows, *, heading: str, notes: list[str]) -> str:
    lines = [heading, "", *notes, "", "| Messung | Wert | Basis im selben Lauf | Verhältnis |", "|---|---|---|---|"]
    lines += [f"| {label} | {value} | {base} | {ratio} |" for label, value, base, ratio in rows]
    return "\n".join(lines) + "\n"
