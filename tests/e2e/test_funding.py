"""Journey of a funding application: built by an editor, submitted by the lead, returned once and then partially
granted by the authority, read by the council; Bochum sees none of it."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from staffing.models import Post
from tests.e2e.conftest import expect_accessible, login, logout
from tests.factories import PASSWORD, MunicipalityFactory, user_with_role
from tests.funding.conftest import load_editions
from tests.funding.factories import concepts_every_three_years, dortmund_2012_plan

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting(db):
    load_editions()  # transactional tests start from an empty database
    dortmund = MunicipalityFactory(name="Dortmund", ags="05913000")
    bochum = MunicipalityFactory(name="Bochum", ags="05911000")
    concepts_every_three_years(dortmund)
    plan = dortmund_2012_plan(dortmund, 2014)
    user_with_role("editor", dortmund, username="redaktion.dortmund")
    user_with_role("lead", dortmund, username="leitung.dortmund")
    user_with_role("council", dortmund, username="rat.dortmund")
    user_with_role("editor", bochum, username="redaktion.bochum")
    user_with_role("authority", username="bewilligung")
    return plan


def findings(page):
    return page.locator("#application-findings")


def take_step(page, button, comment=""):
    page.get_by_role("link", name=button, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(button)
    if comment:
        page.get_by_label("Kommentar").fill(comment)
    expect_accessible(page, f"funding-confirm-{button}")
    page.get_by_role("button", name=f"Bestätigen: {button}").click()


def test_application_from_draft_to_partial_grant(page, setting):
    assistant = Post.objects.get(plan=setting, title="Verwaltungsassistenz")

    # the editor creates the draft
    login(page, "redaktion.dortmund", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderung").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Förderanträge")
    expect_accessible(page, "funding-list-empty")
    page.get_by_role("link", name="Neuer Antrag").click()
    page.get_by_label("Förderjahr").fill("2014")
    expect_accessible(page, "funding-create")
    page.get_by_role("button", name="Entwurf anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Antrag 2014 bearbeiten")
    expect(findings(page)).to_contain_text("Die Prüfung hat nichts zu beanstanden.")
    expect(page.locator("main")).to_contain_text("Höchstmögliche Zuwendung nach den Regeln")
    expect_accessible(page, "funding-edit")

    # a request above the eligible costs shows up live, before saving, and goes away when corrected
    page.get_by_label("Beantragte Zuwendung").fill("200000")
    page.get_by_label("Räume").click()
    expect(findings(page)).to_contain_text("liegt über den zuwendungsfähigen Ausgaben von 165.000,00 €")
    expect(findings(page)).to_contain_text("noch nicht gespeichert")
    page.get_by_label("Beantragte Zuwendung").fill("165000")
    page.get_by_label("Räume").fill("12000")
    page.get_by_label("Räume").press("Tab")
    expect(findings(page)).to_contain_text("Die Prüfung hat nichts zu beanstanden.")
    page.get_by_role("button", name="Antrag speichern").click()
    expect(page.get_by_role("status").first).to_contain_text("Der Antrag wurde gespeichert.")

    # the assistant post goes over the edition's 0.5 FTE in the staff plan: the check shows it, the fix clears it
    page.goto(f"/personal/stellen/{assistant.pk}/bearbeiten/")
    page.get_by_label("VZÄ").fill("1,00")
    page.get_by_role("button", name="Stelle speichern").click()
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderung").click()
    page.get_by_role("link", name="Antrag 2014").click()
    page.get_by_role("link", name="Antrag bearbeiten").click()
    edit_url = page.url
    expect(findings(page)).to_contain_text(
        "Verwaltungsassistenz: 1,00 VZÄ geplant, die Fassung erlaubt höchstens 0,50 VZÄ."
    )
    page.goto(f"/personal/stellen/{assistant.pk}/bearbeiten/")
    page.get_by_label("VZÄ").fill("0,50")
    page.get_by_role("button", name="Stelle speichern").click()
    page.goto(edit_url)
    expect(findings(page)).to_contain_text("Die Prüfung hat nichts zu beanstanden.")
    logout(page)

    # the lead submits
    login(page, "leitung.dortmund", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderung").click()
    page.get_by_role("link", name="Antrag 2014").click()
    expect_accessible(page, "funding-detail-draft")
    take_step(page, "Einreichen")
    expect(page.get_by_role("status").first).to_contain_text("Der Antrag ist jetzt: Eingereicht.")
    expect(page.get_by_role("link", name="Antrag bearbeiten")).to_have_count(0)
    logout(page)

    # the authority takes it into review and returns it once
    login(page, "bewilligung", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderanträge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alle Förderanträge")
    expect(page.locator("main")).to_contain_text("1 Antrag wartet auf Prüfung.")
    expect_accessible(page, "funding-inbox")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderrichtlinien").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fassungen der Förderrichtlinie")
    expect(page.locator("main")).to_contain_text("Kreis: 320.000,00 €; kreisfreie Stadt: 270.000,00 €")
    expect_accessible(page, "funding-guidelines")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderanträge").click()
    page.get_by_role("link", name="Dortmund 2014").click()
    take_step(page, "In Prüfung nehmen")
    take_step(page, "Zur Korrektur zurückgeben", comment="Bitte die Projektmittel im Eigenanteil ergänzen.")
    expect(page.locator("main")).to_contain_text("Bitte die Projektmittel im Eigenanteil ergänzen.")
    logout(page)

    # the lead corrects and submits again
    login(page, "leitung.dortmund", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderung").click()
    page.get_by_role("link", name="Antrag 2014").click()
    page.get_by_role("link", name="Antrag bearbeiten").click()
    page.get_by_label("Projektmittel").fill("20000")
    page.get_by_role("button", name="Antrag speichern").click()
    page.get_by_role("link", name="Zurück zum Antrag").click()
    take_step(page, "Einreichen")
    logout(page)

    # the authority decides: a partial grant needs a reason
    login(page, "bewilligung", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderanträge").click()
    page.get_by_role("link", name="Dortmund 2014").click()
    take_step(page, "In Prüfung nehmen")
    page.get_by_role("link", name="Teilweise bewilligen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Entscheidung und Zuwendungsbescheid")
    page.get_by_label("Teilweise bewilligt").check()
    page.get_by_label("Bewilligter Betrag").fill("150000,00")
    page.get_by_label("Aktenzeichen").fill("36.08.01-2014/913")
    page.get_by_role("button", name="Zuwendungsbescheid erlassen").click()
    expect(page.locator("#error-summary")).to_contain_text("Eine Teilbewilligung braucht eine Begründung.")
    expect_accessible(page, "funding-decide-error")
    page.get_by_label("Begründung").fill("Die Verwaltungsassistenz ist erst ab März besetzt.")
    page.get_by_role("button", name="Zuwendungsbescheid erlassen").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Die Entscheidung und der Zuwendungsbescheid wurden erfasst."
    )
    expect_accessible(page, "funding-detail-decided")
    logout(page)

    # the council member reads the decision
    login(page, "rat.dortmund", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderung").click()
    expect(page.locator("main")).to_contain_text("150.000,00 €")
    page.get_by_role("link", name="Antrag 2014").click()
    expect(page.locator("main")).to_contain_text("Teilweise bewilligt")
    expect(page.locator("main")).to_contain_text("Die Verwaltungsassistenz ist erst ab März besetzt.")
    expect(page.locator("main")).to_contain_text("36.08.01-2014/913")
    expect(page.get_by_role("link", name="Antrag bearbeiten")).to_have_count(0)
    expect_accessible(page, "funding-council")
    url = page.url
    logout(page)

    # Bochum sees none of it
    login(page, "redaktion.bochum", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderung").click()
    expect(page.locator("main")).to_contain_text("Noch keine Anträge.")
    expect(page.locator("main")).not_to_contain_text("Dortmund")
    response = page.goto(url)
    assert response.status == 404
    expect(page.locator("main")).not_to_contain_text("150.000,00")
    assert Decimal("150000.00") == setting.municipality.funding_applications.get().notice.approved_amount
