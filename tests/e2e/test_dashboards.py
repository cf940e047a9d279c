"""Journeys of the dashboards: the council member's dashboard and briefing, the coordination office's state
dashboard (sort, filter, map), and another municipality's editor who gets nothing of Dortmund's (404).

Tasks run in-process here, so a requested report is ready when its page loads.
"""

import pytest
from playwright.sync_api import expect

from funding.models import FundingApplication, Guideline
from kiz.models import Municipality
from kiz.services import municipalities_load
from reporting import services
from reporting.models import ReportKind
from tests.e2e.conftest import expect_accessible, login
from tests.factories import PASSWORD, user_with_role
from tests.funding.conftest import load_editions
from tests.reporting.dashboards.conftest import city_figures

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def nrw(db):
    if not Guideline.objects.exists():
        load_editions()
    municipalities_load()
    dortmund = Municipality.objects.get(ags="05913000")
    city_figures(dortmund)
    return dortmund, Municipality.objects.get(ags="05911000")


def test_the_council_member_opens_the_dashboard_and_downloads_the_briefing(page, nrw):
    dortmund, _bochum = nrw
    user_with_role("council", dortmund, username="rat.dortmund")
    login(page, "rat.dortmund", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard Integrationsrat – Dortmund")
    expect(page.locator('[data-figure="granted"]')).to_have_text("305.432,10\u00a0€")
    expect(page.get_by_role("heading", name="Offene Fristen")).to_be_visible()
    expect_accessible(page, "dashboard-council")

    page.get_by_role("button", name="Ratsbriefing als PDF").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Information für den Integrationsrat – Dortmund")
    expect(page.get_by_role("status")).to_contain_text("Der Bericht ist fertig.")
    expect_accessible(page, "dashboard-council-briefing")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF herunterladen").click()
    download = download_info.value
    assert download.suggested_filename.startswith("Information-Integrationsrat_05913000_Dortmund_")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_the_coordination_office_sorts_filters_and_switches_the_map(page, nrw):
    user_with_role("coordination", username="laki")
    login(page, "laki", PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Landesdashboard aller KIZ")
    expect(page.get_by_text("54 von 54 KIZ angezeigt.")).to_be_visible()
    expect_accessible(page, "dashboard-state")

    table = page.locator("#state-dashboard-table")
    table.get_by_role("link", name="VZÄ (Stellenplan)").click()
    expect(table.locator("th[aria-sort='ascending']")).to_have_text("VZÄ (Stellenplan)")
    table.get_by_role("link", name="VZÄ (Stellenplan)").click()
    expect(table.locator("th[aria-sort='descending']")).to_have_text("VZÄ (Stellenplan)")
    expect(table.locator("tbody tr").first.locator("th")).to_have_text("Dortmund")  # the only staff plan

    page.locator("#id_district").select_option(label="Arnsberg")
    page.get_by_role("button", name="Filter anwenden").click()
    expect(page.get_by_text("12 von 54 KIZ angezeigt.")).to_be_visible()
    expect(table.locator("tfoot")).to_contain_text("Summe (12 KIZ)")
    expect(table.locator("th[aria-sort='descending']")).to_have_text("VZÄ (Stellenplan)")  # the order is kept
    expect_accessible(page, "dashboard-state-filtered")

    page.locator("#id_indicator").select_option(label="Überfällige Berichte")
    page.get_by_role("button", name="Karte anzeigen").click()
    expect(page.get_by_text("Karte der KIZ: Überfällige Berichte").first).to_be_visible()
    expect(page.get_by_text("12 von 54 KIZ angezeigt.")).to_be_visible()  # the filter is kept
    expect_accessible(page, "dashboard-state-map")


def test_an_editor_of_another_municipality_cannot_download_dortmunds_files(page, nrw):
    dortmund, bochum = nrw
    dortmund_editor = user_with_role("editor", dortmund, username="bearbeitung.dortmund")
    user_with_role("editor", bochum, username="bearbeitung.bochum")
    briefing = services.report_request(kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund, user=dortmund_editor)
    application = FundingApplication.objects.get(municipality=dortmund, funding_year=2024)
    notice = services.report_request(
        kind=ReportKind.GRANT_NOTICE, municipality=dortmund, user=dortmund_editor, subject_id=application.pk
    )
    plan = dortmund.staff_plans.get()
    login(page, "bearbeitung.bochum", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.goto("/berichte/dashboard/kommune/05913000/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("nicht gefunden")
    expect_accessible(page, "dashboard-404")
    urls = [
        f"{briefing.get_absolute_url()}herunterladen/",
        f"{notice.get_absolute_url()}herunterladen/",
        f"/berichte/dashboard/export/antraege/{application.pk}/finanzierungsplan.xlsx",
        f"/berichte/dashboard/export/stellenplaene/{plan.pk}.csv",
        "/berichte/dashboard/land/export.csv",
    ]
    for url in urls:
        assert page.request.get(url).status == 404, url
