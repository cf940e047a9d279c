"""The development default as `make run` starts it: no REDIS_URL, `manage.py serve` runs the web server and a real
Celery worker on the embedded broker (a folder), on an SQLite file with the demo data.

Nothing here runs in-process: the journeys talk to the started server, and every PDF is rendered by the worker.
"""

import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kiz.demo import DEMO_PASSWORD
from tests.e2e.conftest import expect_accessible, login

ROOT = Path(__file__).resolve().parents[2]
SLOW = 180_000  # ms: 54 PDFs rendered by a worker with two processes


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - the loopback server of this test
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def embedded_server(tmp_path_factory):
    """migrate, seed_demo and serve in a folder of their own, with the environment of a fresh checkout."""
    folder = tmp_path_factory.mktemp("embedded")
    drop = {"REDIS_URL", "DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        CELERY_DATA_DIR=str(folder / "celery"),
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput"], ["seed_demo"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    port = _free_port()
    log = (folder / "serve.log").open("w")
    server = subprocess.Popen(
        [*manage, "serve", f"127.0.0.1:{port}", "--noreload"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while not _answers(f"{url}/gesundheit/"):
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail("serve antwortet nicht:\n" + (folder / "serve.log").read_text())
        time.sleep(0.5)
    yield url, folder
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    log.close()
    output = (folder / "serve.log").read_text()
    # One SIGTERM stopped the server and the worker, which shut down warmly; no process is left.
    assert "Warm shutdown" in output, output[-3000:]
    assert "Traceback" not in output, output[-3000:]


@pytest.fixture
def served_page(browser, embedded_server):
    url, _folder = embedded_server
    context = browser.new_context(base_url=url, locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_a_report_requested_in_the_browser_is_rendered_by_the_worker_while_the_page_watches(served_page):
    page = served_page
    login(page, "koordinierung", DEMO_PASSWORD, demo_server=True)
    page.goto("/berichte/")
    page.get_by_label("Bericht", exact=False).and_(page.locator("select")).select_option(
        label="Landesübersicht aller KIZ"
    )
    page.get_by_role("button", name="Bericht erstellen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Landesübersicht aller KIZ")
    # The request returned at once: the worker has the report (14 pages, several seconds of work).
    expect(page.get_by_role("status")).to_contain_text(re.compile("wartet auf die Erstellung|wird erstellt"))
    expect_accessible(page, "embedded-document-pending")
    page.evaluate("window.kizMarker = 'same page'")
    address = page.url

    expect(page.get_by_role("status")).to_contain_text("Der Bericht ist fertig.", timeout=SLOW)
    assert page.evaluate("window.kizMarker") == "same page"  # the status was swapped in, the page not reloaded
    assert page.url == address
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF herunterladen").click()
    with open(download_info.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_a_batch_for_all_54_kiz_shows_its_progress_and_yields_a_zip_of_54_pdfs(served_page):
    page = served_page
    login(page, "koordinierung", DEMO_PASSWORD, demo_server=True)
    page.goto("/berichte/alle-kiz/")
    page.get_by_label("Bericht für alle Kommunen").select_option(label="Information für den Integrationsrat")
    page.get_by_role("button", name="Für alle KIZ erstellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sammelauftrag: Information für den Integrationsrat")
    progress = page.get_by_role("progressbar")
    assert int(progress.get_attribute("value")) < 54  # the request only queued the work
    page.evaluate("window.kizMarker = 'same page'")

    expect(page.get_by_role("status")).to_contain_text("54 von 54 Berichten abgeschlossen", timeout=SLOW)
    expect(progress).to_have_attribute("value", "54")
    link = page.get_by_role("link", name=re.compile("ZIP-Archiv mit 54 Berichten herunterladen"))
    expect(link).to_be_visible(timeout=SLOW)
    assert page.evaluate("window.kizMarker") == "same page"
    expect_accessible(page, "embedded-batch-done")
    with page.expect_download() as download_info:
        link.click()
    with open(download_info.value.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    names = archive.namelist()
    assert len(names) == 54
    assert all(archive.read(name)[:5] == b"%PDF-" for name in names)
    assert any("_05913000_Dortmund_" in name for name in names)
