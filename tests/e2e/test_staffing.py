"""Journey of the staff plan: an editor builds Dortmund's plan, sees the calculation and the totals; others look."""

import re

import pytest
from playwright.sync_api import expect

from staffing.models import PayScheme
from tests.e2e.conftest import expect_accessible, login, logout
from tests.factories import PASSWORD, MunicipalityFactory, user_with_role
from tests.staffing.factories import rate

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting(db):
    dortmund = MunicipalityFactory(name="Dortmund", ags="05913000")
    bochum = MunicipalityFactory(name="Bochum", ags="05911000")
    # transactional tests start from an empty database, without the seeded rates
    rate(2026, PayScheme.TVOED, "S 12", "78844")
    rate(2026, PayScheme.TVOED, "EG 6", "64855")
    rate(2026, PayScheme.BESOLDUNG, "A 13", "104843")
    user_with_role("editor", dortmund, username="redaktion.dortmund")
    user_with_role("council", dortmund, username="rat.dortmund")
    user_with_role("editor", bochum, username="redaktion.bochum")
    user_with_role("authority", username="bewilligung")
    return dortmund, bochum


def add_post(page, *, title, category, fte, source, origin, scheme, grade, starts, ends="", months, occupant=""):
    page.get_by_role("link", name="Stelle hinzufügen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stelle hinzufügen")
    page.get_by_label("Bezeichnung").fill(title)
    page.get_by_label("Kategorie").select_option(label=category)
    page.get_by_label("VZÄ").fill(fte)
    page.get_by_label("Finanzierung").select_option(label=source)
    page.get_by_label("Herkunft").select_option(label=origin)
    page.get_by_label("Tarif/Besoldung").select_option(label=scheme)
    page.get_by_label("Entgelt-/Besoldungsgruppe").fill(grade)
    page.get_by_label("Beginn der Stelle").fill(starts)
    if ends:
        page.get_by_label("Ende der Stelle").fill(ends)
    page.get_by_label("besetzte Monate").fill(months)
    if occupant:
        page.get_by_label("Stelleninhaber/in").fill(occupant)


def test_editor_builds_the_dortmund_staff_plan(page, setting):
    login(page, "redaktion.dortmund", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Stellenplan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stellenplan – Dortmund")
    expect(page.locator("main")).to_contain_text("Es ist noch kein Stellenplan erfasst.")
    expect_accessible(page, "staffing-list-empty")

    page.get_by_label("Jahr").fill("2026")
    page.get_by_role("button", name="Stellenplan anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stellenplan 2026")
    expect(page.locator("main")).to_contain_text("Dieser Stellenplan hat noch keine Stellen.")
    expect_accessible(page, "staffing-plan-empty")

    add_post(
        page,
        title="Pädagogische Fachkraft Bildung",
        category="Außerschulische pädagogische Fachkraft",
        fte="1,00",
        source="Personalkostenzuschuss des Landes",
        origin="Vorhandene kommunale Stelle (z. B. aus MIA-DO)",
        scheme="TVöD",
        grade="S 12",
        starts="2018-01-01",
        months="12",
        occupant="Erika Muster",
    )
    # the live preview shows the calculation before saving
    expect(page.locator("#post-cost-preview")).to_contain_text("78.844,00 € × 1,00 VZÄ × 12/12 = 78.844,00 €")
    expect_accessible(page, "staffing-post-form")
    page.get_by_role("button", name="Stelle speichern").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Die Stelle „Pädagogische Fachkraft Bildung“ wurde gespeichert."
    )

    # bad input: 1,5 FTE and more months than the term has; the input stays
    add_post(
        page,
        title="Verwaltungsassistenz",
        category="Verwaltungsassistenz",
        fte="1,5",
        source="Personalkostenzuschuss des Landes",
        origin="Neue Stelle",
        scheme="TVöD",
        grade="eg6",
        starts="2026-04-01",
        months="12",
    )
    page.get_by_role("button", name="Stelle speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte korrigieren Sie die folgenden Angaben")
    expect(page.locator("#id_fte-error")).to_contain_text("Eine Stelle hat höchstens 1,00 VZÄ")
    expect(page.locator("#id_filled_months-error")).to_contain_text("Die Stelle läuft 2026 nur 9 Monate")
    expect(page.get_by_label("Bezeichnung")).to_have_value("Verwaltungsassistenz")
    expect_accessible(page, "staffing-post-form-errors")
    page.get_by_label("VZÄ").fill("0,50")
    page.get_by_label("besetzte Monate").fill("9")
    page.get_by_role("button", name="Stelle speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stellenplan 2026")

    add_post(
        page,
        title="Lehrkraft Sekundarstufe I",
        category="Abgeordnete Lehrkraft",
        fte="1,00",
        source="Lehrkraftstelle des Schulministeriums (MSW)",
        origin="Ehemalige RAA-Lehrkraftstelle",
        scheme="Besoldung",
        grade="A 13",
        starts="2018-01-01",
        months="12",
    )
    page.get_by_role("button", name="Stelle speichern").click()

    main = page.locator("main")
    # 64.855 € × 0,5 × 9/12 = 24.320,625 → 24.320,63 €
    expect(main).to_contain_text("64.855,00 € × 0,50 VZÄ × 9/12 = 24.320,63 €")
    expect(main).to_contain_text("104.843,00 € × 1,00 VZÄ × 12/12 = 104.843,00 €")
    expect(page.locator("#fte-planned")).to_have_text("2,50")
    expect(page.locator("#fte-filled")).to_have_text("2,38")  # 1 + 0,5 × 9/12 + 1
    expect(page.locator("#cost-total")).to_have_text("208.007,63 €")
    source_totals = page.locator("#totals-source")
    expect(source_totals.get_by_role("row", name="Personalkostenzuschuss des Landes")).to_contain_text("103.164,63 €")
    expect(source_totals.get_by_role("row", name="Lehrkraftstelle des Schulministeriums (MSW)")).to_contain_text(
        "104.843,00 €"
    )
    expect(main).to_contain_text("Erika Muster")
    expect_accessible(page, "staffing-plan-dortmund")

    page.get_by_role("link", name="In ein anderes Jahr kopieren").click()
    expect(page.get_by_label("Jahr")).to_have_value("2027")
    expect_accessible(page, "staffing-copy")
    page.get_by_role("button", name="Stellenplan kopieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stellenplan 2027")
    logout(page)

    # the council reads the plan, cannot change it, sees the occupant of its own municipality
    login(page, "rat.dortmund", PASSWORD)
    page.goto("/personal/05913000/2026/")
    expect(page.locator("#cost-total")).to_have_text("208.007,63 €")
    expect(page.get_by_role("link", name="Stelle hinzufügen")).to_have_count(0)
    expect_accessible(page, "staffing-plan-council")
    logout(page)

    # the authority sees the plan without the occupant and maintains the rates
    login(page, "bewilligung", PASSWORD)
    page.goto("/personal/05913000/2026/")
    expect(page.locator("main")).to_contain_text("Pädagogische Fachkraft Bildung")
    expect(page.locator("main")).not_to_contain_text("Erika Muster")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Personalkostensätze").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Personalkostensätze")
    expect_accessible(page, "staffing-payrates")
    page.get_by_role("link", name=re.compile(r"Bearbeiten\W+TVöD S 12 \(2026\)")).click()
    expect_accessible(page, "staffing-payrate-form")
    page.get_by_label("Jährliche Arbeitgeberkosten").fill("80000,00")
    page.get_by_role("button", name="Personalkostensatz speichern").click()
    expect(page.locator("main")).to_contain_text("80.000,00 €")
    logout(page)

    # Bochum sees nothing of it
    login(page, "redaktion.bochum", PASSWORD)
    page.goto("/personal/")
    expect(page.locator("main")).not_to_contain_text("Dortmund")
    expect(page.locator("main")).to_contain_text("Es ist noch kein Stellenplan erfasst.")
    page.goto("/personal/05913000/2026/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Seite nicht gefunden")


def test_staff_plan_fits_a_phone_screen(page, setting):
    """A wide table scrolls inside its box; the page itself must not scroll sideways (WCAG 1.4.10 reflow)."""
    from tests.staffing.factories import PostFactory, StaffPlanFactory

    dortmund, _bochum = setting
    plan = StaffPlanFactory(municipality=dortmund, year=2026)
    PostFactory(plan=plan, title="Pädagogische Fachkraft Übergang Schule–Beruf")
    PostFactory(plan=plan, title="Verwaltungsassistenz")
    page.set_viewport_size({"width": 375, "height": 800})
    login(page, "redaktion.dortmund", PASSWORD)
    page.goto("/personal/05913000/2026/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stellenplan 2026")
    expect(page.get_by_role("link", name=re.compile(r"Bearbeiten\s*: Verwaltungsassistenz"))).to_be_attached()
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"die Seite ist {widths[0]} px breit bei {widths[1]} px Bildschirmbreite"
    expect_accessible(page, "staffing-plan-phone")
