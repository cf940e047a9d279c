"""Journey after the grant: the lead calls off funds twice and is stopped on the third above the remainder; the
authority pays them out; the lead submits the proof of use; the authority checks it and a repayment with interest
is computed. Bochum sees none of it. Every page passes axe-core."""

from datetime import date
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from playwright.sync_api import expect

from funding.models import CallOff, ProofOfUse
from tests.e2e.conftest import expect_accessible, login, logout
from tests.factories import PASSWORD, MunicipalityFactory, user_with_role
from tests.funding.conftest import load_editions
from tests.funding.factories import application_for, concepts_every_three_years, dortmund_2012_plan
from tests.funding.money_fixtures import grant

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting(db):
    load_editions()  # transactional tests start from an empty database
    import_module("funding.migrations.0004_base_rates").load(apps, None)
    dortmund = MunicipalityFactory(name="Dortmund", ags="05913000")
    MunicipalityFactory(name="Bochum", ags="05911000")
    concepts_every_three_years(dortmund)
    dortmund_2012_plan(dortmund, 2014)
    user_with_role("editor", dortmund, username="redaktion.dortmund")
    user_with_role("lead", dortmund, username="leitung.dortmund")
    user_with_role("editor", MunicipalityFactory(ags="05911000"), username="redaktion.bochum")
    authority = user_with_role("authority", username="bewilligung")
    return grant(application_for(dortmund, 2014), authority, Decimal("165000.00"))


def main(page):
    return page.locator("main")


def request_call_off(page, description, amount, due_on):
    page.get_by_role("link", name="Mittel abrufen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mittel abrufen")
    page.get_by_label("Begründung").fill("Personalausgaben der geförderten Stellen")
    page.locator("#id_payments-0-description").fill(description)
    page.locator("#id_payments-0-amount").fill(amount)
    page.locator("#id_payments-0-due_on").fill(due_on)
    page.get_by_role("button", name="Mittelabruf stellen").click()


def confirm(page, button, **fields):
    page.get_by_role("link", name=button, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(button)
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    expect_accessible(page, f"money-confirm-{button}")
    page.get_by_role("button", name=f"Bestätigen: {button}").click()


def test_call_offs_proof_of_use_and_repayment_with_interest(page, setting):
    # the lead calls off funds twice
    login(page, "leitung.dortmund", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderung").click()
    page.get_by_role("link", name="Antrag 2014").click()
    page.get_by_role("link", name="Bewilligt, abgerufen, ausgezahlt und verbleibend je Position").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zuwendung 2014")
    expect(page.locator("#budget")).to_contain_text("165.000,00 €")
    expect_accessible(page, "money-grant-empty")
    request_call_off(page, "Gehälter April und Mai", "100000,00", "2014-05-31")
    expect(page.get_by_role("status").first).to_contain_text("Der Mittelabruf wurde gestellt.")
    expect(main(page)).to_contain_text("100.000,00 €")
    expect_accessible(page, "money-calloff-detail")
    page.get_by_role("link", name="Zurück zur Zuwendung").click()
    request_call_off(page, "Gehälter Juni und Juli", "60000,00", "2014-07-31")
    expect(page.get_by_role("status").first).to_contain_text("Der Mittelabruf wurde gestellt.")
    page.get_by_role("link", name="Zurück zur Zuwendung").click()
    expect(page.locator("#budget")).to_contain_text("5.000,00 €")

    # the third is above the remainder: the error stands next to the field, the input is kept
    request_call_off(page, "Gehälter August", "6000,00", "2014-08-31")
    expect(page.locator("#id_amount-error")).to_contain_text(
        "Bewilligt 165.000,00 €, bereits abgerufen 160.000,00 €, verbleibend 5.000,00 €."
    )
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#id_payments-0-description")).to_have_value("Gehälter August")
    expect(page.locator("#id_payments-0-amount")).to_have_value("6000,00")
    expect_accessible(page, "money-calloff-refused")
    assert CallOff.objects.count() == 2
    logout(page)

    # the authority pays both out
    login(page, "bewilligung", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderanträge").click()
    expect(page.locator("#waiting-call-offs")).to_contain_text("100.000,00 €")
    expect_accessible(page, "money-inbox")
    for paid_on in ("2014-03-31", "2014-09-30"):
        page.locator("#waiting-call-offs a").first.click()
        confirm(page, "Als ausgezahlt erfassen", **{"Ausgezahlt am": paid_on})
        expect(page.get_by_role("status").first).to_contain_text("Der Mittelabruf ist jetzt: Ausgezahlt.")
        page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderanträge").click()
    expect(page.locator("#waiting-call-offs")).to_contain_text("Kein Mittelabruf wartet.")
    logout(page)

    # the lead writes and submits the proof of use
    login(page, "leitung.dortmund", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderung").click()
    page.get_by_role("link", name="Antrag 2014").click()
    page.get_by_role("link", name="Bewilligt, abgerufen, ausgezahlt und verbleibend je Position").click()
    expect(page.locator("#budget")).to_contain_text("160.000,00 €")
    page.get_by_role("link", name="Neuer Verwendungsnachweis").click()
    page.get_by_label("Jahr").fill("2015")
    page.get_by_role("button", name="Verwendungsnachweis anlegen").click()
    expect(page.locator("#id_year-error")).to_contain_text("Das Jahr 2015 liegt außerhalb des Bewilligungszeitraums")
    expect_accessible(page, "money-proof-create-error")
    page.get_by_label("Jahr").fill("2014")
    page.get_by_role("button", name="Verwendungsnachweis anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwendungsnachweis 2014")
    expect(page.locator("#staff")).to_contain_text("Verwaltungsassistenz")
    expect_accessible(page, "money-proof-draft")

    page.get_by_role("link", name="Sachbericht bearbeiten").click()
    page.get_by_label("Was getan wurde").fill("Beratung von 14 Schulen und 22 Kitas.")
    page.get_by_label("Verwaltungsassistenz: Monate besetzt").fill("9")
    expect_accessible(page, "money-proof-report")
    page.get_by_role("button", name="Sachbericht speichern").click()
    expect(page.get_by_role("status").first).to_contain_text("Der Sachbericht wurde gespeichert.")

    page.get_by_role("link", name="Zahlenmäßigen Nachweis bearbeiten").click()
    actuals = {
        "Pädagogische Fachkraft (MIA-DO)": "58000,00",
        "Pädagogische Fachkraft (Schulverwaltung)": "40000,00",
        "Verwaltungsfachkraft": "-61000,00",
        "Verwaltungsassistenz": "15000,00",
        "Räume": "0",
        "Verwaltungs- und Reisekosten": "0",
        "Lehr- und Lernmittel": "0",
        "Projektmittel": "0",
        "Eigenmittel (Ist)": "14000,00",
    }
    for label, value in actuals.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Zahlenmäßigen Nachweis speichern").click()
    expect(page.locator("#error-summary")).to_contain_text("Ein Ist-Betrag kann nicht negativ sein")
    expect(page.get_by_label("Verwaltungsfachkraft")).to_have_value("-61000,00")
    expect(page.get_by_label("Eigenmittel (Ist)")).to_have_value("14000,00")
    expect_accessible(page, "money-proof-statement-error")
    page.get_by_label("Verwaltungsfachkraft").fill("61000,00")
    page.get_by_role("button", name="Zahlenmäßigen Nachweis speichern").click()
    expect(page.get_by_role("status").first).to_contain_text("Der zahlenmäßige Nachweis wurde gespeichert.")
    expect(page.locator("#expenses")).to_contain_text("96,67 %")
    expect(page.locator("#grant-due")).to_contain_text("155.000,00 €")
    expect(page.locator("#grant-due")).to_contain_text("5.000,00 €")
    confirm(page, "Einreichen")
    expect(page.get_by_role("status").first).to_contain_text("Der Verwendungsnachweis ist jetzt: Eingereicht.")
    expect(page.get_by_role("link", name="Zahlenmäßigen Nachweis bearbeiten")).to_have_count(0)
    expect(main(page)).to_contain_text("Aufbewahrung der Unterlagen bis")
    expect_accessible(page, "money-proof-submitted")
    proof_url = page.url
    logout(page)

    # the authority checks it: repayment of 5.000,00 € with interest per base-rate period
    login(page, "bewilligung", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderanträge").click()
    page.get_by_role("link", name="Dortmund: Verwendungsnachweis 2014").click()
    confirm(page, "In Prüfung nehmen")
    page.get_by_role("link", name="Prüfung erfassen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwendungsnachweis prüfen")
    expect(main(page)).to_contain_text("Zurückzuzahlende Überzahlung: 5.000,00 €")
    expect_accessible(page, "money-check")
    page.get_by_label("Rückzahlung am").fill("2015-03-15")
    page.get_by_label("Rückzahlung fällig am").fill("2015-04-15")
    page.get_by_role("button", name="Zinsen berechnen").click()
    # 5.000 € of the payout of 30.09.2014: 92 days at 2,27 % = 28,61 €, 74 days at 2,17 % = 22,00 €
    expect(page.locator("#interest")).to_contain_text("01.10.2014 – 31.12.2014")
    expect(page.locator("#interest")).to_contain_text("28,61 €")
    expect(page.locator("#interest")).to_contain_text("22,00 €")
    expect(page.locator("#interest")).to_contain_text("Zinsen: 50,61 €")
    expect_accessible(page, "money-check-interest")
    page.get_by_role("button", name="Prüfung erfassen").click()
    expect(page.get_by_role("status").first).to_contain_text("Die Prüfung wurde erfasst.")
    expect(page.locator("#check-result")).to_contain_text("50,61 €")
    expect(page.locator("#check-result")).to_contain_text("15.04.2015")
    expect_accessible(page, "money-proof-checked")
    logout(page)
    proof = ProofOfUse.objects.get()
    assert (proof.repayment_amount, proof.interest_amount, proof.interest_until) == (
        Decimal("5000.00"),
        Decimal("50.61"),
        date(2015, 3, 15),
    )

    # Bochum sees none of it
    login(page, "redaktion.bochum", PASSWORD)
    response = page.goto(proof_url)
    assert response.status == 404
    expect(main(page)).not_to_contain_text("5.000,00")
