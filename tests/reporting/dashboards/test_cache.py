"""The dashboards are rendered once per data generation: a cached page is never older than the data."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.models import FundingApplication, GrantNotice
from kiz import freshness
from reporting.dashboards import views
from reporting.models import ReportDocument, ReportKind
from tests.reporting.dashboards.test_state import URL, figures  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cached(settings):
    settings.DASHBOARD_CACHE = True
    cache.clear()
    yield
    cache.clear()


def test_the_state_dashboard_is_cached_and_shows_a_changed_grant_on_the_next_request(
    figures,  # noqa: F811
    coordination,
    client_for,
):
    dortmund = figures[0]
    client = client_for(coordination)
    assert "297.500,50\u00a0€" in client.get(URL).content.decode()
    with CaptureQueriesContext(connection) as cached:
        assert "297.500,50\u00a0€" in client.get(URL).content.decode()
    with CaptureQueriesContext(connection) as uncached:
        client.get(URL + "?sort=name")  # a query string of its own is computed once
    assert len(cached.captured_queries) < len(uncached.captured_queries)

    notice = GrantNotice.objects.get(application__municipality=dortmund)
    notice.approved_amount = Decimal("301234.56")
    notice.save()
    html = client.get(URL).content.decode()
    assert "301.234,56\u00a0€" in html and "297.500,50\u00a0€" not in html


def test_the_council_dashboard_shows_a_changed_request_on_the_next_request(
    dortmund_figures, dortmund, council, client_for
):
    client = client_for(council)
    page = reverse("reporting:dashboards:council", kwargs={"ags": dortmund.ags})
    assert "630.000,00\u00a0€" in client.get(page).content.decode()
    application = FundingApplication.objects.filter(municipality=dortmund).order_by("funding_year").first()
    application.requested_grant += Decimal("1000.00")
    application.save()
    assert "631.000,00\u00a0€" in client.get(page).content.decode()


def test_report_files_do_not_change_the_generation_but_data_does(dortmund):
    before = freshness.generation()
    ReportDocument.objects.create(kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund)
    assert freshness.generation() == before
    dortmund.name = "Dortmund (Westfalen)"
    dortmund.save()
    assert freshness.generation() != before


def test_a_long_state_table_shows_its_first_rows_and_a_link_to_all(
    figures,  # noqa: F811
    coordination,
    client_for,
    monkeypatch,
):
    monkeypatch.setattr(views, "STATE_FIRST_VIEW", 10)
    client = client_for(coordination)
    html = client.get(URL).content.decode()
    assert html.count('<th scope="row" class="kern-table__cell"><a') == 10
    assert "44 weitere KIZ nicht angezeigt." in html and "Summe (54 KIZ)" in html
    assert '<a class="kern-link" href="?alle=1">Zeige alle</a>' in html
    html = client.get(URL + "?alle=1").content.decode()
    assert html.count('<th scope="row" class="kern-table__cell"><a') == 54


def test_an_unreachable_cache_neither_breaks_the_page_nor_a_save(
    figures,  # noqa: F811
    coordination,
    client_for,
    monkeypatch,
):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    for name in ("get", "set", "add", "incr"):
        monkeypatch.setattr(freshness.cache, name, down)
    assert "297.500,50\u00a0€" in client_for(coordination).get(URL).content.decode()
    dortmund = figures[0]
    dortmund.name = "Dortmund (Westfalen)"
    dortmund.save()  # the generation cannot be bumped; the save still succeeds
