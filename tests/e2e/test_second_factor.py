"""Two-factor sign-in in the browser: a state user enrols an authenticator app, signs out, signs in with password
and code; a recovery code works once. Every page passes axe-core."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import enrol, expect_accessible, logout, totp_code
from tests.factories import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def _password(page, username):
    page.goto("/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


def test_enrol_sign_in_with_code_and_once_with_a_recovery_code(page):
    user_with_role("coordination", username="laki.zweifaktor")
    _password(page, "laki.zweifaktor")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zwei-Faktor-Anmeldung einrichten")
    expect(page.get_by_text("Erforderlich für Ihre Rolle")).to_be_visible()
    expect_accessible(page, "2fa-enrolment")
    page.goto("/berichte/")  # nothing else is reachable before the enrolment
    expect(page.get_by_role("heading", level=1)).to_have_text("Zwei-Faktor-Anmeldung einrichten")

    codes = enrol(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Wiederherstellungscodes")
    assert len(codes) == 10
    expect_accessible(page, "2fa-recovery-codes")
    page.get_by_role("link", name="Weiter zur Startseite").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Integrationszentren")
    logout(page)

    _password(page, "laki.zweifaktor")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung: Code")
    expect_accessible(page, "2fa-code-step")
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.locator("#id_code-error")).to_contain_text("Der Code ist nicht gültig.")
    expect_accessible(page, "2fa-code-wrong")
    page.wait_for_timeout(1500)  # django-otp refuses every code for 2^(failures-1) s after a wrong one
    page.get_by_label("Code").fill(totp_code("laki.zweifaktor"))
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Integrationszentren")
    logout(page)

    for attempt in range(2):
        _password(page, "laki.zweifaktor")
        page.get_by_label("Code").fill(codes[0])
        page.get_by_role("button", name="Bestätigen").click()
        if attempt == 0:
            expect(page.get_by_text("noch 9 übrig")).to_be_visible()
            expect_accessible(page, "2fa-recovery-used")
            logout(page)
        else:
            expect(page.locator("#id_code-error")).to_contain_text("Der Code ist nicht gültig.")
