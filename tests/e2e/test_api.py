"""Journey of the API keys: create a key (shown once), use it, revoke it; the documentation page under the CSP."""

import pytest
from playwright.sync_api import expect

from kiz.models import ApiToken
from tests.e2e.conftest import expect_accessible, login
from tests.factories import PASSWORD, MunicipalityFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def test_create_use_and_revoke_a_key(page, live_server):
    dortmund = MunicipalityFactory(name="Dortmund", ags="05913000")
    user = user_with_role("editor", dortmund, username="editor.dortmund")
    login(page, user.username, PASSWORD)
    page.get_by_role("link", name="API-Zugänge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API-Zugänge")
    expect(page.locator("main")).to_contain_text("Sie haben noch keine API-Zugänge.")
    expect_accessible(page, "api-keys-empty")
    page.get_by_label("Name des Zugangs").fill("Haushaltswerkzeug")
    page.get_by_role("button", name="Zugang erstellen").click()
    expect(page.get_by_role("status")).to_contain_text("Der Zugang wurde erstellt.")
    secret = page.locator("#api-secret").inner_text()
    assert secret.startswith("kiz_")
    expect_accessible(page, "api-keys-created")

    api = page.context.request
    answer = api.get(f"{live_server.url}/api/v1/municipalities/", headers={"Authorization": f"Bearer {secret}"})
    assert answer.status == 200 and answer.json()["results"][0]["ags"] == "05913000"

    page.goto("/api-zugaenge/")
    expect(page.locator("main")).not_to_contain_text(secret)
    page.get_by_role("button", name="Widerrufen").click()
    expect(page.get_by_role("status")).to_contain_text("Der Zugang „Haushaltswerkzeug“ wurde widerrufen.")
    expect(page.locator("main")).to_contain_text("widerrufen am")
    assert ApiToken.objects.get().revoked_at is not None
    again = api.get(
        f"{live_server.url}/api/v1/municipalities/",
        headers={"Authorization": f"Bearer {secret}", "Cookie": ""},
    )
    assert again.status == 401


def test_the_documentation_page_runs_under_the_content_security_policy(page):
    dortmund = MunicipalityFactory(name="Dortmund", ags="05913000")
    user = user_with_role("editor", dortmund, username="editor.dortmund")
    login(page, user.username, PASSWORD)
    page.goto("/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("KIZ-Verwaltung API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    expect(page.get_by_text("/api/v1/applications/{id}/").first).to_be_visible()
    # the page fixture fails the test if the browser refused anything under the Content-Security-Policy


def test_the_lead_imports_the_council_process_from_an_oparl_server(page):
    from concepts.models import CouncilStep
    from tests.concepts.factories import AdoptedConceptFactory
    from tests.concepts.test_oparl_import import CouncilServer, council_documents

    dortmund = MunicipalityFactory(name="Dortmund", ags="05913000")
    AdoptedConceptFactory(municipality=dortmund, title="Integrationskonzept Dortmund")
    lead = user_with_role("lead", dortmund, username="lead.dortmund")
    with CouncilServer() as server:
        server.documents = council_documents(server.base)
        login(page, lead.username, PASSWORD)
        page.goto("/konzepte/05913000/gremienlauf/")
        page.get_by_role("link", name="Aus dem Ratsinformationssystem übernehmen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Aus dem Ratsinformationssystem übernehmen")
        expect_accessible(page, "oparl-import-form")
        page.get_by_label("Adresse der Drucksache").fill(f"{server.base}/paper/1")
        page.get_by_label("Fassung des Konzepts").select_option(index=1)
        page.get_by_role("button", name="Import starten").click()
        expect(page.locator("#import-status")).to_contain_text("Der Import ist abgeschlossen: 3 Schritte geändert.")
        expect(page.locator("main")).to_contain_text("Ausschuss für Soziales, Arbeit und Gesundheit")
        expect_accessible(page, "oparl-import-done")
    assert CouncilStep.objects.filter(municipality=dortmund).count() == 3
    page.get_by_role("link", name="Zum Gremienlauf").click()
    expect(page.locator("main")).to_contain_text("Rat der Stadt Dortmund")
