"""The state dashboard of all 54 KIZ: values, sorting, filtering, totals, map, exports, constant queries."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from funding.models import ApplicationState, FundingApplication, GrantNotice
from kiz.freshness import data_changed
from kiz.models import Municipality
from reporting.dashboards import selectors
from tests.concepts.factories import full_concept
from tests.factories import UserFactory
from tests.funding.factories import PostFactory, StaffPlanFactory
from tests.reporting.controlling.factories import ReportFactory

pytestmark = pytest.mark.django_db

YEAR = date.today().year
URL = reverse("reporting:dashboards:state")


def grant(municipality, amount, *, requested=None, year=YEAR):
    application = FundingApplication.objects.create(
        municipality=municipality,
        funding_year=year,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        requested_grant=Decimal(requested or amount),
        state=ApplicationState.GRANTED,
    )
    GrantNotice.objects.create(
        application=application,
        approved_amount=Decimal(amount),
        period_start=application.period_start,
        period_end=application.period_end,
        file_number=f"36/{municipality.ags}/{year}",
        issued_on=date(year, 1, 15),
        issued_by=UserFactory(),
    )
    return application


@pytest.fixture
def figures(nrw):
    dortmund = Municipality.objects.get(ags="05913000")
    bochum = Municipality.objects.get(ags="05911000")
    borken = Municipality.objects.get(ags="05554000")  # Kreis Borken, Münster
    grant(dortmund, "297500.50", requested="320000.00")
    grant(bochum, "170000.00")
    grant(borken, "320000.00")
    full_concept(dortmund, resolution_date=date(YEAR - 1, 1, 1), plan_start=date(YEAR - 1, 1, 1))
    full_concept(bochum, resolution_date=date(YEAR - 6, 1, 1), plan_start=date(YEAR - 6, 1, 1))
    plan = StaffPlanFactory(municipality=dortmund, year=YEAR)
    PostFactory(plan=plan)
    PostFactory(plan=plan, fte=Decimal("0.75"))
    ReportFactory(municipality=bochum, year=YEAR - 2, due_date=date(YEAR - 1, 3, 31))
    ReportFactory(municipality=bochum, year=YEAR - 1, period="h1", due_date=date(YEAR - 1, 9, 30))
    return dortmund, bochum, borken


def rows_by_ags(today=None):
    rows = selectors.state_rows(year=YEAR, today=today or timezone.localdate())
    return {row["ags"]: row for row in rows}


def test_each_kiz_has_one_row_with_its_figures(figures):
    rows = rows_by_ags()
    assert len(rows) == 54
    dortmund, bochum = rows["05913000"], rows["05911000"]
    assert (dortmund["granted"], dortmund["requested"], dortmund["application"]) == (
        Decimal("297500.50"),
        Decimal("320000.00"),
        ApplicationState.GRANTED,
    )
    assert dortmund["fte"] == Decimal("1.75")
    assert (dortmund["concept"], dortmund["concept_age"]) == (selectors.ConceptStatus.CURRENT, 1)
    assert (bochum["concept"], bochum["concept_age"]) == (selectors.ConceptStatus.TOO_OLD, 6)
    assert bochum["overdue"] == 2 and dortmund["overdue"] == 0
    assert rows["05315000"]["application"] == selectors.NO_APPLICATION  # Köln: none


def test_totals_of_the_table(figures):
    rows = list(rows_by_ags().values())
    table = selectors.state_table(rows, year=YEAR)
    assert table.footer["granted"] == Decimal("787500.50")
    assert table.footer["requested"] == Decimal("810000.00")
    assert table.footer["fte"] == Decimal("1.75")
    assert table.footer["overdue"] == 2
    assert table.footer["name"] == "Summe (54 KIZ)"


def test_the_page_sorts_by_a_column_and_marks_it_with_aria_sort(figures, coordination, client_for):
    html = client_for(coordination).get(URL + "?sort=-granted").content.decode()
    body = html[html.index("<tbody") : html.index("</tbody>")]
    names = re.findall(r'<th scope="row" class="kern-table__cell"><a class="kern-link" href="[^"]+">([^<]+)</a>', body)
    assert names[:3] == ["Kreis Borken", "Dortmund", "Bochum"]
    assert len(names) == 54
    assert re.search(r'aria-sort="descending"><a class="kern-link" href="\?sort=granted">Bewilligt</a>', html)
    assert html.count("aria-sort=") == 1
    html = client_for(coordination).get(URL + "?sort=granted").content.decode()
    assert re.search(r'aria-sort="ascending"><a class="kern-link" href="\?sort=-granted">Bewilligt</a>', html)


def test_filters_narrow_the_table_and_its_totals(figures, coordination, client_for):
    client = client_for(coordination)
    html = client.get(URL + "?district=arnsberg&application=bewilligt").content.decode()
    assert "2 von 54 KIZ angezeigt." in html
    tfoot = html[html.index("<tfoot>") : html.index("</tfoot>")]
    assert "Summe (2 KIZ)" in tfoot
    assert "467.500,50\u00a0€" in tfoot  # Dortmund and Bochum, Borken (Münster) filtered out
    html = client.get(URL + "?concept=too_old").content.decode()
    assert "1 von 54 KIZ angezeigt." in html and ">Bochum</a>" in html
    html = client.get(URL + f"?application=none&kind=kreis&year={YEAR}").content.decode()
    assert ">Kreis Borken</a>" not in html and ">Kreis Höxter</a>" in html


def test_the_map_shows_the_chosen_indicator_and_its_table_has_54_rows(figures, coordination, client_for):
    html = client_for(coordination).get(URL + "?indicator=fte").content.decode()
    assert "Karte der KIZ: VZÄ (Stellenplan)" in html
    figure = html[html.index('<figure class="kiz-chart pdf-chart" aria-labelledby="tiles-') :]
    figure = figure[: figure.index("</figure>")]
    assert figure.count("<rect x=") >= 54  # 54 tiles (and the legend)
    table = figure[figure.index("<tbody") : figure.index("</tbody>")]
    assert table.count('<tr class="kern-table__row">') == 54
    assert re.search(r">Dortmund</th>\s*<td[^>]*>1,75</td>", table)
    chart = selectors.indicator_map(list(rows_by_ags().values()), "overdue", year=YEAR)
    assert {row["name"]: row["value"] for row in chart.table.rows}["Bochum"] == 2


def test_city_roles_do_not_see_the_state_dashboard(figures, client_for):
    from tests.factories import user_with_role

    dortmund = figures[0]
    for role in ("editor", "lead", "council"):
        client = client_for(user_with_role(role, dortmund))
        assert client.get(URL).status_code == 404
        assert client.get(reverse("reporting:dashboards:state_export", kwargs={"fmt": "csv"})).status_code == 404


def test_the_export_has_the_filtered_rows_in_the_shown_order(figures, coordination, client_for):
    response = client_for(coordination).get(
        reverse("reporting:dashboards:state_export", kwargs={"fmt": "csv"}) + "?district=arnsberg&sort=-granted"
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Kommune;Art;Regierungsbezirk;AGS;Konzept;Beschluss;Alter des Konzepts (Jahre);Antrag ")
    assert lines[1].startswith("Dortmund;kreisfreie Stadt;Arnsberg;05913000;Beschlossen;")
    assert ";297500,50;1,75;0" in lines[1]
    assert lines[-1].startswith("Summe (")


def _bulk_municipalities(count, start):
    """`count` more municipalities (AGS outside NRW's tile grid), each with a granted application."""
    created = Municipality.objects.bulk_create(
        Municipality(name=f"Testkreis {n}", kind="kreis", ags=f"09{n:06d}", district="koeln")
        for n in range(start, start + count)
    )
    user = UserFactory()
    applications = FundingApplication.objects.bulk_create(
        FundingApplication(
            municipality=m,
            funding_year=YEAR,
            period_start=date(YEAR, 1, 1),
            period_end=date(YEAR, 12, 31),
            requested_grant=Decimal("1000.00"),
            state=ApplicationState.GRANTED,
        )
        for m in created
    )
    GrantNotice.objects.bulk_create(
        GrantNotice(
            application=a,
            approved_amount=Decimal("900.00"),
            period_start=a.period_start,
            period_end=a.period_end,
            file_number="x",
            issued_on=date(YEAR, 1, 1),
            issued_by=user,
        )
        for a in applications
    )
    data_changed()  # bulk inserts send no model signals; services call this as well


def test_the_page_costs_the_same_queries_for_54_and_540_kiz(figures, coordination, client_for):
    client = client_for(coordination)
    client.get(URL)  # warm up the session and caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL + "?sort=fte&indicator=overdue").status_code == 200
    _bulk_municipalities(486, 1)
    with CaptureQueriesContext(connection) as many:
        html = client.get(URL + "?sort=fte&indicator=overdue").content.decode()
    assert "Summe (540 KIZ)" in html
    assert len(many.captured_queries) == len(few.captured_queries)
