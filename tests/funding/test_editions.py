"""The 2015 amendment and the 2016/17 expansion as editions: amounts worked out by hand from the decrees.

Test rates: T 60 = 60.000 €, T 45 = 45.000 € a year for a full-time post.
"""

from datetime import date
from decimal import Decimal as D

import pytest

from funding.applications.rules import assess
from funding.guidelines.rules import guideline_for
from funding.models import Guideline
from kiz.models import Municipality
from staffing.models import FundingSource, PostCategory
from tests.factories import MunicipalityFactory

from .factories import PostFactory, StaffPlanFactory, add_item, application_for, concepts_every_three_years

pytestmark = pytest.mark.django_db


@pytest.fixture
def kreis(db):
    municipality = MunicipalityFactory(name="Kreis Heinsberg", ags="05370000", kind=Municipality.Kind.KREIS)
    concepts_every_three_years(municipality)
    return municipality


@pytest.fixture
def city(dortmund):
    concepts_every_three_years(dortmund)
    return dortmund


def _plan(municipality, year, *, specialists, teachers=D("0")):
    """`specialists` full-time specialist posts at T 60, 0,5 assistant at T 60, and seconded teachers."""
    plan = StaffPlanFactory(municipality=municipality, year=year)
    for n in range(specialists):
        PostFactory(plan=plan, title=f"Fachkraft {n + 1}", pay_grade="T 60", starts_on=date(year, 1, 1))
    PostFactory(
        plan=plan,
        title="Verwaltungsassistenz",
        category=PostCategory.VERWALTUNGSASSISTENZ,
        fte=D("0.50"),
        pay_grade="T 60",
        starts_on=date(year, 1, 1),
    )
    n = 0
    while teachers > 0:  # one post holds at most 1,0 FTE
        n += 1
        PostFactory(
            plan=plan,
            title=f"Abgeordnete Lehrkraft {n}",
            category=PostCategory.LEHRKRAFT,
            funding_source=FundingSource.LEHRKRAFT_MSW,
            fte=min(teachers, D("1.00")),
            pay_scheme="besoldung",
            pay_grade="A 13",
            starts_on=date(year, 1, 1),
        )
        teachers -= D("1.00")
    return plan


def test_validity_boundaries_2012_to_2018():
    """Each funding year from 2012 to 2018 finds the edition of its decree, without gap or overlap."""
    by_year = {year: guideline_for(date(year, 1, 1)).name for year in range(2012, 2019)}
    assert by_year == {
        2012: "Förderrichtlinie 2012",
        2013: "Förderrichtlinie 2012",
        2014: "Förderrichtlinie 2012",
        2015: "Förderrichtlinie 2012, Änderung 2015",
        2016: "Förderrichtlinie 2012, Änderung 2015",
        2017: "Förderrichtlinie 2012, Erweiterung 2016/17",
        2018: "Förderrichtlinie 2018",
    }
    editions = list(Guideline.objects.order_by("valid_from"))
    for earlier, later in zip(editions, editions[1:], strict=False):
        assert (later.valid_from - earlier.valid_until).days == 1, (earlier.name, later.name)
    assert guideline_for(date(2014, 12, 31)).name == "Förderrichtlinie 2012"
    assert guideline_for(date(2017, 12, 31)).name == "Förderrichtlinie 2012, Erweiterung 2016/17"


def test_2016_plan_with_three_specialists_and_half_an_assistant_passes(city):
    _plan(city, 2016, specialists=3, teachers=D("2.00"))
    application = application_for(city, 2016)
    plan, findings = assess(application)
    assert application.guideline.name == "Förderrichtlinie 2012, Änderung 2015"
    assert findings == []
    # 3 × min(60.000 €, 50.000 €) + min(0,5 × 60.000 €, 0,5 × 40.000 €) = 150.000 € + 20.000 € = 170.000 €
    assert plan.personnel_eligible == D("170000.00")
    assert plan.annual_cap == D("170000.00")
    assert plan.max_grant == D("170000.00")


def test_2016_plan_with_a_fourth_specialist_is_refused(city):
    _plan(city, 2016, specialists=4)
    _, findings = assess(application_for(city, 2016))
    over = next(f for f in findings if f.code == "category_fte_over_max")
    assert (over.numbers["planned"], over.numbers["max"]) == (D("4.00"), D("3.00"))


def test_kreis_2017_gets_three_further_posts_and_the_interpreter_item(kreis):
    _plan(kreis, 2017, specialists=6, teachers=D("3.50"))
    application = application_for(kreis, 2017)
    add_item(application, "50000.00")
    plan, findings = assess(application)
    assert application.guideline.name == "Förderrichtlinie 2012, Erweiterung 2016/17"
    assert findings == []
    assert plan.annual_cap == D("170000.00") + 3 * D("50000.00")  # 320.000 €
    assert plan.personnel_eligible == 6 * D("50000.00") + D("20000.00")  # 320.000 €
    assert [(line.rule.name, line.eligible) for line in plan.extras] == [
        ("Sprachmittlung und Integrationsangebote (Sachkosten)", D("50000.00"))
    ]
    assert plan.max_grant == D("170000.00") + 3 * D("50000.00") + D("50000.00")  # 370.000 €


def test_city_2017_gets_two_further_posts(city):
    _plan(city, 2017, specialists=5, teachers=D("3.00"))
    application = application_for(city, 2017)
    plan, findings = assess(application)
    assert findings == []
    assert plan.annual_cap == D("170000.00") + 2 * D("50000.00")  # 270.000 €
    assert plan.max_grant == D("170000.00") + 2 * D("50000.00")
    _plan(city, 2017, specialists=1)  # a sixth specialist is one more than the city's 5
    _, findings = assess(application)
    over = next(f for f in findings if f.code == "category_fte_over_max")
    assert (over.numbers["planned"], over.numbers["max"]) == (D("6.00"), D("5.00"))


def test_2017_teacher_numbers_differ_by_kind(city, kreis):
    _plan(city, 2017, specialists=5, teachers=D("3.50"))
    _plan(kreis, 2017, specialists=6, teachers=D("3.50"))
    _, city_findings = assess(application_for(city, 2017))
    over = next(f for f in city_findings if f.code == "category_fte_over_max")
    assert (over.numbers["rule"], over.numbers["max"]) == ("Abgeordnete Lehrkräfte (kreisfreie Stadt)", D("3.00"))
    _, kreis_findings = assess(application_for(kreis, 2017))
    assert [f.code for f in kreis_findings] == []


def test_application_window_is_data_of_the_edition(city):
    """Funding year 2026 under the 2023/2025 edition: applications from 17.04. to 31.10.2025."""
    edition = guideline_for(date(2026, 1, 1))
    assert edition.application_window(2026) == (date(2025, 4, 17), date(2025, 10, 31))
    assert guideline_for(date(2019, 1, 1)).application_window(2019) is None  # the 2018 edition sets none
    _plan(city, 2026, specialists=1)
    application = application_for(city, 2026)
    for inside in (date(2025, 4, 17), date(2025, 10, 31)):
        _, findings = assess(application, on_date=inside)
        assert "outside_application_window" not in [f.code for f in findings]
    _, findings = assess(application, on_date=date(2025, 11, 1))
    (late,) = [f for f in findings if f.code == "outside_application_window"]
    assert late.message == (
        "Anträge für das Förderjahr 2026 werden vom 17.04.2025 bis 31.10.2025 gestellt; dieser Antrag wird am "
        "01.11.2025 gestellt, außerhalb dieses Zeitraums."
    )
    assert (late.numbers["opens"], late.numbers["closes"]) == (date(2025, 4, 17), date(2025, 10, 31))
