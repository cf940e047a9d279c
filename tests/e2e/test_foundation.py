"""Journeys of the foundation: each role signs in and sees its home page; switching; signing out; bad password."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import expect_accessible, login, logout
from tests.factories import PASSWORD, MunicipalityFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def municipalities(db):
    dortmund = MunicipalityFactory(name="Dortmund", ags="05913000")
    dortmund.centre.name = "Kommunales Integrationszentrum Dortmund (MIA-DO-KI)"
    dortmund.centre.org_unit = "Fachbereich I / Geschäftsbereich III"
    dortmund.centre.save()
    bochum = MunicipalityFactory(name="Bochum", ags="05911000")
    lippe = MunicipalityFactory(name="Kreis Lippe", ags="05766000", kind="kreis", district="detmold")
    return dortmund, bochum, lippe


@pytest.mark.parametrize("role", ["editor", "lead", "council"])
def test_city_role_sees_own_centre_only(page, municipalities, role):
    dortmund, _bochum, _lippe = municipalities
    user = user_with_role(role, dortmund, username=f"{role}.dortmund")
    login(page, user.username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommunales Integrationszentrum Dortmund (MIA-DO-KI)")
    expect(page.locator("main")).to_contain_text("Fachbereich I / Geschäftsbereich III")
    expect(page.locator("main")).not_to_contain_text("Bochum")
    expect_accessible(page, f"home-{role}")
    page.goto("/kommunen/05911000/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Seite nicht gefunden")
    expect_accessible(page, "404")
    page.goto("/")
    logout(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")


@pytest.mark.parametrize("role", ["coordination", "authority"])
def test_state_role_sees_all_and_filters(page, municipalities, role):
    user_with_role(role, username=f"{role}.land")
    login(page, f"{role}.land", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Alle Integrationszentren")
    table = page.get_by_role("table")
    for name in ["Dortmund", "Bochum", "Kreis Lippe"]:
        expect(table).to_contain_text(name)
    expect_accessible(page, f"home-{role}")
    page.get_by_label("Regierungsbezirk").select_option(label="Detmold")
    page.get_by_role("button", name="Filter anwenden").click()
    expect(table).to_contain_text("Kreis Lippe")
    expect(table).not_to_contain_text("Dortmund")
    expect(page.get_by_role("status").first).to_contain_text("1 Integrationszentrum angezeigt.")
    page.get_by_role("link", name="Kreis Lippe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kreis Lippe")
    expect_accessible(page, f"municipality-{role}")


def test_user_with_two_municipalities_switches(page, municipalities):
    dortmund, bochum, _lippe = municipalities
    user = user_with_role("editor", dortmund, username="verbund.ruhr")
    user.memberships.create(role="editor", municipality=bochum)
    login(page, "verbund.ruhr", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommunales Integrationszentrum Bochum")
    page.get_by_role("combobox", name="Kommune").select_option(label="Dortmund")
    page.get_by_role("button", name="Wechseln").click()
    expect(page.get_by_role("status").first).to_contain_text("Sie arbeiten jetzt in Dortmund.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommunales Integrationszentrum Dortmund (MIA-DO-KI)")
    expect_accessible(page, "home-switched")


def test_wrong_password_shows_german_error(page, municipalities):
    user_with_role("editor", municipalities[0], username="redaktion.dortmund")
    login(page, "redaktion.dortmund", "falsches-passwort")
    expect(page.get_by_role("alert")).to_contain_text("Benutzername oder Passwort ist falsch.")
    expect(page.get_by_label("Benutzername")).to_have_value("redaktion.dortmund")
    expect_accessible(page, "login-error")
    expect(page).to_have_title(re.compile("Anmelden"))


def test_accessibility_statement_is_public(page, db):
    page.goto("/barrierefreiheit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Erklärung zur Barrierefreiheit")
    expect_accessible(page, "accessibility")
