"""`manage.py serve`: web server and worker start together, and one signal to the command stops both."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_serve_runs_web_server_and_worker_and_one_ctrl_c_stops_both(tmp_path):
    drop = {"REDIS_URL", "DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        CELERY_DATA_DIR=str(tmp_path / "celery"),
    )
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serve", f"127.0.0.1:{port}", "--noreload", "--concurrency", "1"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            try:
                # The health check answers once the web server runs (the database file is created on first use).
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/gesundheit/", timeout=2) as response:  # noqa: S310
                    if response.status in (200, 503):
                        break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.5)
        while "ready." not in (tmp_path / "serve.log").read_text():  # the worker is connected to the folder broker
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.5)
        children = _processes_mentioning(f"kiz-serve-{server.pid}@") + _processes_mentioning(f"127.0.0.1:{port}")
        assert len(children) >= 2  # the command, the web server, the worker (and its pool)

        server.send_signal(signal.SIGINT)  # Ctrl+C reaches the command only: the children have sessions of their own
        assert server.wait(timeout=90) == 0
    finally:
        if server.poll() is None:
            server.kill()
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert "eingebetteter Broker in" in output and str(tmp_path / "celery") in output
    assert "Warm shutdown" in output
    assert [pid for pid in children if Path(f"/proc/{pid}").exists()] == []
    assert (tmp_path / "celery" / "queue").is_dir() and (tmp_path / "celery" / "results").is_dir()
