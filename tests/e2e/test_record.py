"""Journey of the submitted record: the lead submits, the authority grants, the editor then changes the staff plan,
and the granted application still shows what was submitted and decided; the page names the differences."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import expect_accessible, login, logout
from tests.factories import PASSWORD, MunicipalityFactory, user_with_role
from tests.funding.conftest import load_editions
from tests.funding.factories import application_for, concepts_every_three_years, dortmund_2012_plan

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting(db):
    load_editions()  # transactional tests start from an empty database
    dortmund = MunicipalityFactory(name="Dortmund", ags="05913000")
    concepts_every_three_years(dortmund)
    plan = dortmund_2012_plan(dortmund, 2014)
    application_for(dortmund, 2014)
    user_with_role("editor", dortmund, username="redaktion.dortmund")
    user_with_role("lead", dortmund, username="leitung.dortmund")
    user_with_role("authority", username="bewilligung")
    return plan


def take_step(page, button):
    page.get_by_role("link", name=button, exact=True).click()
    page.get_by_role("button", name=f"Bestätigen: {button}").click()


def financing_plan(page):
    return page.locator("section", has=page.locator("#plan-heading"))


def test_the_granted_application_is_unchanged_by_later_staff_plan_edits(page, setting):
    # the lead submits
    login(page, "leitung.dortmund", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderung").click()
    page.get_by_role("link", name="Antrag 2014").click()
    take_step(page, "Einreichen")
    expect(page.locator("main")).to_contain_text("Angezeigt wie eingereicht: Fassung 1")
    expect_accessible(page, "record-submitted")
    logout(page)

    # the authority grants it
    login(page, "bewilligung", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderanträge").click()
    page.get_by_role("link", name="Dortmund 2014").click()
    take_step(page, "In Prüfung nehmen")
    page.get_by_role("link", name="Bewilligen", exact=True).click()
    page.get_by_label("Aktenzeichen").fill("36.08.01-2014/913")
    page.get_by_role("button", name="Zuwendungsbescheid erlassen").click()
    expect(page.get_by_role("status").first).to_contain_text("Die Entscheidung und der Zuwendungsbescheid wurden")
    granted_url = page.url
    granted_plan = financing_plan(page).inner_text()
    assert "Pädagogische Fachkraft (Schulverwaltung)" in granted_plan
    assert "165.000,00\u00a0€" in granted_plan
    logout(page)

    # the editor changes the staff plan: one post more, one FTE less, one post removed
    login(page, "redaktion.dortmund", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Stellenplan").click()
    page.get_by_role("link", name="Stellenplan 2014").first.click()
    page.get_by_role("link", name="Stelle hinzufügen").click()
    page.get_by_label("Bezeichnung").fill("Fachkraft Seiteneinstieg")
    page.get_by_label("Kategorie").select_option(value="paed_fachkraft")
    page.get_by_label("VZÄ").fill("1,00")
    page.get_by_label("Finanzierung").select_option(value="landeszuschuss")
    page.get_by_label("Herkunft").select_option(value="neu")
    page.get_by_label("Tarif/Besoldung").select_option(value="tvoed")
    page.get_by_label("Entgelt-/Besoldungsgruppe").fill("T 60")
    page.get_by_label("Beginn der Stelle").fill("2014-01-01")
    page.get_by_label("besetzte Monate").fill("12")
    page.get_by_role("button", name="Stelle speichern").click()
    expect(page.locator("main")).to_contain_text("Fachkraft Seiteneinstieg")
    page.get_by_role("link", name=re.compile(r"Bearbeiten\s*: Verwaltungsassistenz")).click()
    page.get_by_label("VZÄ").fill("0,25")
    page.get_by_role("button", name="Stelle speichern").click()
    page.get_by_role("link", name=re.compile(r"Entfernen\s*: Pädagogische Fachkraft \(Schulverwaltung\)")).click()
    page.get_by_role("button", name="Stelle entfernen").click()
    expect(page.get_by_role("status").first).to_contain_text("Pädagogische Fachkraft (Schulverwaltung)")
    logout(page)

    # the granted application is unchanged, and says where the live plan differs
    login(page, "bewilligung", PASSWORD)
    page.goto(granted_url)
    expect(page.locator("main")).to_contain_text("Bewilligt")
    assert financing_plan(page).inner_text() == granted_plan
    expect(page.locator("main")).not_to_contain_text("3,00 VZÄ geplant")  # no new error on a decided file
    differences = page.locator("section", has=page.locator("#live-changes-heading"))
    expect(differences).to_contain_text("Fachkraft Seiteneinstieg")
    expect(differences).to_contain_text("Pädagogische Fachkraft (Schulverwaltung)")
    expect(differences).to_contain_text("0,25")
    expect_accessible(page, "record-granted-after-staff-plan-edits")
