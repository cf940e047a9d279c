"""Browser journeys: Playwright drives Debian's Chromium (no browser download) against the live test server.

Every page a journey visits is checked with axe-core for WCAG 2.1 A/AA violations (`expect_accessible`).
Without Chromium the journeys are skipped with the reason; with E2E_REQUIRED=1 (CI) a missing browser fails.
"""

import json
import os
import re
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SOURCE = (Path(__file__).parent / "axe.min.js").read_text()
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS", "")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.e2e


def pytest_collection_modifyitems(items):
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        reason = f"Chromium nicht gefunden unter {CHROMIUM}: Browser-Tests übersprungen (apt-get install chromium)."
        if os.environ.get("E2E_REQUIRED") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    yield page
    context.close()
    blocked = [p for p in problems if "Content Security Policy" in p or "Refused to" in p]
    assert not blocked, f"Vom Browser blockiert: {blocked}"


def expect_accessible(page, name: str = ""):
    """Run axe-core on the current page; fail with the violations listed. Optionally keep a screenshot."""
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    if SCREENSHOTS and name:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(Path(SCREENSHOTS) / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower())}.png"), full_page=True
        )
    violations = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:5]]}
        for v in result["violations"]
    ]
    assert not violations, f"axe-core meldet auf {page.url}:\n{json.dumps(violations, indent=2, ensure_ascii=False)}"


def login(page, username: str, password: str):
    page.goto("/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()


def logout(page):
    page.get_by_role("button", name="Abmelden").click()
