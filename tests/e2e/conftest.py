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


def login(page, username: str, password: str, *, demo_server: bool = False):
    """Password, then the second factor where the account has or needs one, as a user would enter it.

    `demo_server`: the server has a database of its own (not the test database), so the code comes from the demo
    key."""
    page.goto("/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
    path = page.url.split("://", 1)[-1].split("/", 1)[-1]
    if path.startswith("anmelden/code/"):
        page.get_by_label("Code").fill(totp_code(username, demo_server=demo_server))
        page.get_by_role("button", name="Bestätigen").click()
        page.wait_for_load_state()
    elif path.startswith("konto/zwei-faktor/"):
        enrol(page)
        page.goto("/")


def enrol(page) -> list[str]:
    """Set up the authenticator app on the enrolment page (the key read from the page); the recovery codes."""
    import base64

    from django_otp.oath import totp

    key = base64.b32decode(page.locator("#totp-secret").inner_text().replace(" ", ""))
    page.get_by_label("Code aus der App").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Aktivieren").click()
    page.wait_for_load_state()
    return page.locator(".kiz-recovery-codes code").all_inner_texts()


_USED_STEPS: dict[str, int] = {}


def totp_code(username: str, *, demo_server: bool = False) -> str:
    """The code the user's app would show: from the test database's device, or the demo key for a server with
    its own database. A code is accepted once; a second sign-in in the same 30 s waits for the next code."""
    import time

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from kiz.demo import DEMO_TOTP_KEY

    device = None if demo_server else TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is not None:
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
        key = device.bin_key
    else:
        key = bytes.fromhex(DEMO_TOTP_KEY)
        while TOTP(key).t() == _USED_STEPS.get(username):
            time.sleep(1)
        _USED_STEPS[username] = TOTP(key).t()
    return f"{TOTP(key).token():06d}"


def logout(page):
    page.get_by_role("button", name="Abmelden").click()
