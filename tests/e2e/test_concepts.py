"""Journey of the integration concept: write it, plan the council process, adopt it, revise and compare it, read it
as a council member, and find it in the state-wide list. Every page visited passes axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import expect_accessible, login, logout
from tests.factories import PASSWORD, MunicipalityFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(db):
    dortmund = MunicipalityFactory(name="Dortmund", ags="05913000")
    MunicipalityFactory(name="Bochum", ags="05911000")
    return {
        "editor": user_with_role("editor", dortmund, username="redaktion"),
        "lead": user_with_role("lead", dortmund, username="leitung"),
        "council": user_with_role("council", dortmund, username="integrationsrat"),
        "coordination": user_with_role("coordination", username="koordinierung"),
    }


def add_goal(page, theme, goal, target):
    page.get_by_role("link", name=f"Ziel hinzufügen: {theme}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ziel zum Arbeitsplan hinzufügen")
    page.get_by_role("textbox", name="Ziel", exact=True).fill(goal)
    page.get_by_label("Maßnahmen").fill("Fortbildungen und Beratung")
    page.get_by_label("Verantwortliche Stelle").fill("MIA-DO-KI")
    page.get_by_label("Zieltermin").fill(target)
    page.get_by_role("button", name="Speichern").click()


def test_concept_journey(page, people):
    today = timezone.localdate()

    # The editor writes the concept.
    login(page, "redaktion", PASSWORD)
    page.get_by_role("link", name="Integrationskonzept", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Integrationskonzept")
    expect(page.locator("[data-code=concept_missing]")).to_be_visible()
    expect_accessible(page, "concept-empty")
    page.get_by_role("link", name="Integrationskonzept schreiben").click()
    expect_accessible(page, "concept-create")
    page.get_by_label("Titel").fill("Integrationskonzept der Stadt Dortmund")
    page.get_by_label("Grundlage").fill("Masterplan Migration/Integration")
    page.get_by_label("Beginn des Arbeitsplans").fill("2025-01-01")
    page.get_by_label("Integration durch Bildung").fill("Sprachbildung entlang der Bildungskette.")
    page.get_by_label("Integration als kommunale Querschnittsaufgabe").fill("Beratung aller Fachbereiche.")
    page.get_by_label("Organisatorische Anbindung des KIZ").fill("Fachbereich I / Geschäftsbereich III")
    page.get_by_label("Kultur", exact=True).check()
    page.get_by_label("Primarstufe", exact=True).check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Integrationskonzept der Stadt Dortmund")
    expect(page.locator("[data-code=focus_theme_empty]")).to_have_count(2)

    # A target date before the start of the plan is refused next to the field, the input stays.
    add_goal(page, "Integration durch Bildung", "Sprachbildung in Kitas", "2024-12-31")
    expect(page.locator("#id_target_date-error")).to_contain_text("nicht vor dem Beginn des Arbeitsplans")
    expect(page.get_by_role("textbox", name="Ziel", exact=True)).to_have_value("Sprachbildung in Kitas")
    expect_accessible(page, "work-plan-error")
    page.get_by_label("Zieltermin").fill("2025-07-31")
    page.get_by_role("button", name="Speichern").click()
    add_goal(page, "Integration als kommunale Querschnittsaufgabe", "Interkulturelle Öffnung", "2025-12-31")
    expect(page.get_by_text("Alle Voraussetzungen des Integrationskonzepts sind erfüllt.")).to_be_visible()
    expect_accessible(page, "concept-draft")

    # ... and plans its council steps.
    page.get_by_role("link", name="Der gesamte Gremienlauf").click()
    page.get_by_role("link", name="Schritt planen").click()
    expect_accessible(page, "step-form")
    page.get_by_label("Gegenstand").fill("Beratung im Integrationsrat")
    page.get_by_role("combobox", name="Gremium", exact=True).select_option(label="Integrationsrat")
    page.get_by_role("combobox", name="Art", exact=True).select_option(label="Beratung")
    page.get_by_label("Geplanter Termin").fill((today - timedelta(days=20)).isoformat())
    page.get_by_label("Tatsächlicher Termin").fill((today - timedelta(days=20)).isoformat())
    page.get_by_role("combobox", name="Ergebnis").select_option(label="Empfohlen")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("link", name="Schritt planen").click()
    page.get_by_label("Gegenstand").fill("Ratsbeschluss")
    page.get_by_role("combobox", name="Gremium", exact=True).select_option(label="Rat / Kreistag")
    page.get_by_role("combobox", name="Art", exact=True).select_option(label="Beschluss")
    page.get_by_label("Geplanter Termin").fill((today + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Speichern").click()
    timeline = page.locator("ol.kiz-timeline")
    expect(timeline.locator("li")).to_have_count(2)
    expect(timeline.locator("li").nth(0)).to_contain_text("erledigt")
    expect(timeline.locator("li").nth(1)).to_contain_text("anstehend")
    expect_accessible(page, "timeline")
    logout(page)

    # The lead records the resolution; the concept becomes adopted.
    login(page, "leitung", PASSWORD)
    page.goto("/konzepte/05913000/fassung/1/")
    page.get_by_role("link", name="Ratsbeschluss erfassen").click()
    expect_accessible(page, "resolution-form")
    page.get_by_label("Rat der Stadt").check()
    page.get_by_label("Datum des Beschlusses").fill((today + timedelta(days=2)).isoformat())
    page.get_by_label("Drucksachennummer").fill("01234-25")
    page.get_by_label("Beschlossen", exact=True).check()
    page.get_by_role("button", name="Beschluss erfassen").click()
    expect(page.locator("#id_resolution_date-error")).to_contain_text("nicht in der Zukunft")
    expect(page.get_by_label("Drucksachennummer")).to_have_value("01234-25")
    expect_accessible(page, "resolution-error")
    page.get_by_label("Datum des Beschlusses").fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Beschluss erfassen").click()
    expect(page.get_by_role("status").first).to_contain_text("Fassung 1 ist jetzt beschlossen")
    expect(page.locator(".kiz-page-head")).to_contain_text("Beschlossen")
    expect(page.locator(".kiz-events")).to_contain_text("Entwurf → Beschlossen")
    expect(page.locator(".kiz-events")).to_contain_text("Drucksache 01234-25")

    # A new version is started, changed and compared.
    page.get_by_role("button", name="Neue Fassung auf Grundlage dieser Fassung anlegen").click()
    expect(page.locator(".kiz-page-head")).to_contain_text("Fassung 2")
    page.get_by_role("link", name="Abschnitte bearbeiten").click()
    page.get_by_label("Organisatorische Anbindung des KIZ").fill("Stabsstelle im Dezernat für Soziales")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("link", name="Mit einer anderen Fassung vergleichen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fassungen vergleichen")
    expect(page.locator("del").first).to_contain_text("entfernt:")
    expect(page.locator("ins").first).to_contain_text("Stabsstelle")
    expect_accessible(page, "compare")
    logout(page)

    # A council member reads the concept and finds no way to edit it.
    login(page, "integrationsrat", PASSWORD)
    page.get_by_role("link", name="Integrationskonzept", exact=True).click()
    expect(page.locator("main")).to_contain_text("Gültige Fassung")
    expect_accessible(page, "concept-council")
    page.get_by_role("link", name="Integrationskonzept der Stadt Dortmund").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Integrationskonzept der Stadt Dortmund")
    for label in ["Abschnitte bearbeiten", "Ratsbeschluss erfassen", "Beschlossenes Dokument hochladen"]:
        expect(page.get_by_role("link", name=label)).to_have_count(0)
    expect(page.get_by_role("button", name="Neue Fassung auf Grundlage dieser Fassung anlegen")).to_have_count(0)
    expect_accessible(page, "concept-detail-council")
    expect(page.locator(".kiz-events")).to_contain_text("Entwurf → Beschlossen")
    response = page.goto("/konzepte/05913000/fassung/1/bearbeiten/")
    assert response.status == 403
    # Version 2 is still a draft: it is not published to the council.
    assert page.goto("/konzepte/05913000/fassung/2/").status == 404
    page.goto("/konzepte/05913000/")
    expect(page.locator("main")).not_to_contain_text("Fassung 2")
    logout(page)

    # The coordination office sees it in the state-wide list.
    login(page, "koordinierung", PASSWORD)
    page.get_by_role("link", name="Integrationskonzepte landesweit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Integrationskonzepte landesweit")
    row = page.get_by_role("row", name="Dortmund")
    expect(row).to_contain_text("ja, Fassung 1")
    expect(row).to_contain_text((today - timedelta(days=1)).strftime("%d.%m.%Y"))
    expect(page.get_by_role("row", name="Bochum")).to_contain_text("keines")
    expect_accessible(page, "overview")
