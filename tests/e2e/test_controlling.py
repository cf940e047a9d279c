"""Journeys of the programme controlling: editors record a year of activities, the lead submits the report,
the coordination office sees the state-wide list of overdue reports."""

from datetime import date

import pytest
from playwright.sync_api import expect

from kiz.models import Municipality
from reporting.controlling import services
from reporting.controlling.models import ControllingReport, ReportState
from tests.e2e.conftest import expect_accessible, login, logout
from tests.factories import PASSWORD, MunicipalityFactory, user_with_role
from tests.funding.factories import PostFactory, StaffPlanFactory
from tests.reporting.controlling.factories import ActivityFactory, ReportFactory, grant

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: TODAY)


@pytest.fixture
def setting(db):
    dortmund = MunicipalityFactory(name="Dortmund", ags="05913000")
    bochum = MunicipalityFactory(name="Bochum", ags="05911000")
    essen = MunicipalityFactory(name="Essen", ags="05113000")
    grant(dortmund, 2024, until=2026)
    plan = StaffPlanFactory(municipality=dortmund, year=2025)
    PostFactory(plan=plan, category="paed_fachkraft", filled_months=12)
    PostFactory(plan=plan, category="paed_fachkraft", filled_months=6)
    # Bochum submitted its 2025 report, Essen's is still a draft and overdue.
    submitted = ReportFactory(municipality=bochum, year=2025, state=ReportState.SUBMITTED)
    ActivityFactory(report=submitted, title="Bochumer Netzwerktreffen", count=8, field_of_action="sport")
    ReportFactory(municipality=essen, year=2025)
    user_with_role("editor", dortmund, username="redaktion.dortmund")
    user_with_role("lead", dortmund, username="leitung.dortmund")
    user_with_role("coordination", username="koordinierung")
    return dortmund


def add_activity(page, title, kind, field, stage, count, participants, institutions, partners):
    page.get_by_role("link", name="Aktivität hinzufügen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktivität hinzufügen")
    page.get_by_label("Titel").fill(title)
    page.get_by_role("combobox", name="Art", exact=True).select_option(label=kind)
    page.get_by_label("Handlungsfeld").select_option(label=field)
    page.get_by_label("Stufe der Bildungskette").select_option(label=stage)
    page.get_by_label("Anzahl").fill(str(count))
    page.get_by_label("Teilnehmende").fill(str(participants))
    page.get_by_label("Erreichte Einrichtungen").fill(str(institutions))
    for partner in partners:
        page.get_by_label(partner, exact=True).check()
    page.get_by_role("button", name="Aktivität speichern").click()
    expect(page.get_by_role("status").first).to_contain_text(f"Die Aktivität „{title}“ wurde gespeichert.")


def test_editor_records_a_year_and_lead_submits(page, setting):
    login(page, "redaktion.dortmund", PASSWORD)
    expect(page.get_by_role("heading", name="Programmcontrolling")).to_be_visible()
    page.get_by_role("link", name="Programmcontrolling").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programmcontrolling – Dortmund")
    expect_accessible(page, "controlling-list")

    # A year outside the grant is refused in German, the entry stays.
    page.get_by_role("spinbutton", name="Jahr").fill("2030")
    page.get_by_role("button", name="Bericht anlegen").click()
    expect(page.get_by_role("alert")).to_contain_text("2030 liegt außerhalb der Förderzeiträume")
    expect(page.get_by_role("spinbutton", name="Jahr")).to_have_value("2030")
    expect_accessible(page, "controlling-create-error")
    page.get_by_role("spinbutton", name="Jahr").fill("2025")
    page.get_by_role("button", name="Bericht anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controllingbericht 2025")
    expect(page.locator("#staffing-heading + .kern-table-responsive")).to_contain_text("1,50")
    expect_accessible(page, "controlling-report-new")

    # A negative number is refused next to the field; nothing typed is lost.
    page.get_by_role("link", name="Aktivität hinzufügen").first.click()
    page.get_by_label("Titel").fill("Elterncafé")
    page.get_by_role("combobox", name="Art", exact=True).select_option(label="Veranstaltung")
    page.get_by_label("Handlungsfeld").select_option(label="Bildung (insb. sprachliche und interkulturelle)")
    page.get_by_label("Teilnehmende").fill("-3")
    page.get_by_role("button", name="Aktivität speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("Die Zahl darf nicht negativ sein.")
    expect(page.get_by_label("Titel")).to_have_value("Elterncafé")
    expect_accessible(page, "controlling-activity-error")
    page.get_by_role("link", name="Zurück zum Bericht").click()

    add_activity(
        page, "Sprachförderung in Kitas", "Beratung einer Einrichtung oder eines Amtes",
        "Bildung (insb. sprachliche und interkulturelle)", "Frühe Bildung", 12, 0, 20,
        ["Kindertageseinrichtungen", "Jugendamt"],
    )  # fmt: skip
    add_activity(
        page, "Netzwerk Übergang Schule–Beruf", "Netzwerktreffen", "Beschäftigung",
        "Übergang Schule–Beruf / Studium", 4, 60, 15, ["Wirtschaftsförderung", "Schulen"],
    )  # fmt: skip
    add_activity(
        page, "Interkulturelles Sportfest", "Veranstaltung", "Sport", "Keine bestimmte Stufe", 1, 400, 9,
        ["Freie Träger"],
    )  # fmt: skip
    report = ControllingReport.objects.get(municipality=setting, year=2025)
    assert report.activities.count() == 3
    main = page.locator("main")
    expect(main).to_contain_text("Sprachförderung in Kitas")
    expect(main).to_contain_text("Jugendamt, Kindertageseinrichtungen")
    indicators = page.get_by_role("table", name="Landesdurchschnitt")
    expect(indicators).to_contain_text("11,33")  # 17 occurrences / 1.5 FTE
    expect(indicators).to_contain_text("33,3 %")  # 3 of 9 fields
    expect_accessible(page, "controlling-report-activities")

    page.get_by_role("link", name="Kurzbericht bearbeiten").click()
    page.get_by_label("Kurzbericht").fill("Schwerpunkt war die Sprachförderung entlang der Bildungskette.")
    page.get_by_role("button", name="Kurzbericht speichern").click()
    expect(page.get_by_role("status").first).to_contain_text("Der Kurzbericht wurde gespeichert.")
    expect(page.get_by_role("link", name="Bericht einreichen")).to_have_count(0)  # editors do not submit
    page.goto("/")
    logout(page)

    login(page, "leitung.dortmund", PASSWORD)
    page.goto(report.get_absolute_url())
    page.get_by_role("link", name="Bericht einreichen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bericht einreichen")
    expect_accessible(page, "controlling-submit-confirm")
    page.get_by_role("button", name="Bericht jetzt einreichen").click()
    expect(page.get_by_role("status").first).to_contain_text("Controllingbericht 2025 wurde eingereicht.")
    expect(page.locator("main")).to_contain_text("Dieser Bericht ist eingereicht und kann nicht mehr geändert werden.")
    expect(page.get_by_role("link", name="Aktivität hinzufügen")).to_have_count(0)
    expect_accessible(page, "controlling-report-submitted")
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_coordination_sees_the_overdue_list(page, setting):
    login(page, "koordinierung", PASSWORD)
    expect(page.locator("main")).to_contain_text("Controllingberichte für 2025 sind überfällig.")
    page.get_by_role("link", name="Controlling aller KIZ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controllingberichte 2025 aller KIZ")
    expect_accessible(page, "controlling-state-overview")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(Municipality.objects.count())
    # Sorted by status: the overdue ones (Dortmund without a report, Essen's draft) come first.
    expect(rows.nth(0)).to_contain_text("Überfällig")
    expect(rows.nth(1)).to_contain_text("Überfällig")
    expect(rows.nth(2)).to_contain_text("Bochum")
    expect(rows.nth(2)).to_contain_text("Eingereicht")
    page.get_by_role("link", name="Integrationszentrum").click()
    expect(rows.nth(0)).to_contain_text("Bochum")
    expect_accessible(page, "controlling-state-overview-by-name")
    page.get_by_role("link", name="Ganzes Jahr – Bochum").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controllingbericht 2025")
    expect(page.locator("main")).to_contain_text("Bochumer Netzwerktreffen")
    expect(page.get_by_role("link", name="Aktivität hinzufügen")).to_have_count(0)
    expect_accessible(page, "controlling-report-coordination")
