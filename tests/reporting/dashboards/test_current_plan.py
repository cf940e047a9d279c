"""The current staff plan is that of the funding year in question: an empty plan created for a later year does not
replace it on the home page, the council dashboard or the state dashboard."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.dashboards import selectors
from staffing.selectors import current_plan
from tests.funding.factories import PostFactory, StaffPlanFactory

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


@pytest.fixture
def plans(dortmund, bochum):
    """Dortmund: 1,75 FTE in the plan of this year, an empty plan for next year; Bochum: 0,50 FTE this year."""
    plan = StaffPlanFactory(municipality=dortmund, year=YEAR)
    PostFactory(plan=plan)
    PostFactory(plan=plan, fte=Decimal("0.75"), filled_months=6)
    StaffPlanFactory(municipality=dortmund, year=YEAR + 1)
    PostFactory(plan=StaffPlanFactory(municipality=bochum, year=YEAR), fte=Decimal("0.50"))
    return plan


def test_the_current_plan_is_that_of_the_year_never_a_later_one(plans, dortmund):
    assert current_plan(dortmund, year=YEAR) == plans
    assert current_plan(dortmund, year=YEAR + 1).year == YEAR + 1
    # without a plan of the year, the latest one before it; a later one never
    assert current_plan(dortmund, year=YEAR + 5).year == YEAR + 1
    assert current_plan(dortmund, year=YEAR - 1) is None


def test_the_council_dashboard_shows_the_plan_of_the_year(plans, dortmund, council, client_for):
    dashboard = selectors.council_dashboard(dortmund, today=timezone.localdate())
    assert dashboard.staffing.plan == plans
    assert dashboard.staffing.planned == Decimal("1.75")
    assert dashboard.staffing.filled == Decimal("1.38")  # 1,00 + 0,75 × 6/12 = 1,375
    html = client_for(council).get(reverse("reporting:dashboards:council", kwargs={"ags": dortmund.ags})).text
    assert 'data-figure="planned">1,75<' in html
    assert f"Stellenplan {YEAR + 1}" not in html


def test_the_state_dashboard_shows_the_plan_of_the_year(plans, dortmund, bochum, coordination, client_for):
    rows = {row["ags"]: row for row in selectors.state_rows(year=YEAR, today=timezone.localdate())}
    assert (rows[dortmund.ags]["plan_year"], rows[dortmund.ags]["fte"]) == (YEAR, Decimal("1.75"))
    assert (rows[bochum.ags]["plan_year"], rows[bochum.ags]["fte"]) == (YEAR, Decimal("0.50"))
    # next year's dashboard shows next year's (empty) plan: it is that year's plan
    later = {row["ags"]: row for row in selectors.state_rows(year=YEAR + 1, today=timezone.localdate())}
    assert (later[dortmund.ags]["plan_year"], later[dortmund.ags]["fte"]) == (YEAR + 1, None)
    assert later[bochum.ags]["plan_year"] == YEAR
    html = client_for(coordination).get(reverse("reporting:dashboards:state")).text
    assert "1,75" in html


def test_the_home_page_shows_the_plan_of_the_year(plans, dortmund, editor, client_for):
    html = client_for(editor).get(reverse("home")).text
    assert f"Stellenplan {YEAR}" in html
    assert f"Stellenplan {YEAR + 1}" not in html
    assert "1,75" in html
    assert "1,38" in html  # filled on average over the year
