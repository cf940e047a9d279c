from datetime import date
from decimal import Decimal

import pytest

from staffing.costs import cost_months, expected_cost, plan_costs, plan_totals, term_months
from staffing.models import FundingSource, PayScheme, Post, PostCategory
from tests.staffing.factories import PostFactory, StaffPlanFactory, rate


def post(starts_on, ends_on=None, filled_months=12, fte="1.00", **kwargs):
    return Post(starts_on=starts_on, ends_on=ends_on, filled_months=filled_months, fte=Decimal(fte), **kwargs)


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "months"),
    [
        (date(2013, 7, 1), date(2017, 12, 31), 6),  # KIZ opened mid-2013
        (date(2013, 7, 1), date(2017, 12, 31), 6),
        (date(2010, 1, 1), None, 12),
        (date(2013, 7, 15), None, 6),  # a month counts if the post runs in it
        (date(2010, 1, 1), date(2013, 3, 1), 3),
        (date(2013, 2, 28), date(2013, 2, 28), 1),
        (date(2014, 1, 1), None, 0),
        (date(2010, 1, 1), date(2012, 12, 31), 0),
    ],
)
def test_term_months(starts_on, ends_on, months):
    assert term_months(post(starts_on, ends_on), 2013) == months


def test_cost_months_is_the_smaller_of_filled_and_term():
    assert cost_months(post(date(2013, 7, 1), filled_months=12), 2013) == 6
    assert cost_months(post(date(2010, 1, 1), filled_months=9), 2013) == 9
    assert cost_months(post(date(2013, 7, 1), filled_months=4), 2013) == 4


def test_expected_cost_full_year_with_the_calculation():
    cost = expected_cost(post(date(2010, 1, 1)), Decimal("52000.00"), 2026)
    assert cost.amount == Decimal("52000.00")
    assert (cost.rate, cost.fte, cost.months) == (Decimal("52000.00"), Decimal("1.00"), 12)
    assert cost.explanation == "52.000,00\u00a0€ × 1,00 VZÄ × 12/12 = 52.000,00\u00a0€"


def test_expected_cost_pro_rated_part_time_post_ending_in_the_year():
    # 63.133 € × 0,5 × 7/12 = 18.413,7916… → 18.413,79 €
    cost = expected_cost(post(date(2010, 1, 1), date(2026, 7, 31), fte="0.50"), Decimal("63133"), 2026)
    assert cost.months == 7
    assert cost.amount == Decimal("18413.79")
    assert cost.explanation == "63.133,00\u00a0€ × 0,50 VZÄ × 7/12 = 18.413,79\u00a0€"


def test_expected_cost_of_a_vacancy_and_rounding_half_up():
    # 50.000,06 € × 0,75 × 9/12 = 28.125,03375 → 28.125,03 €; 0,01 € × 0,5 × 1/12 … see below
    assert expected_cost(post(date(2010, 1, 1), filled_months=9, fte="0.75"), Decimal("50000.06"), 2026).amount == (
        Decimal("28125.03")
    )
    # 45.900 € × 0,33 × 5/12 = 6.311,25 exactly; 45.901 € → 6.311,3875 → 6.311,39 (half up)
    assert expected_cost(post(date(2010, 1, 1), filled_months=5, fte="0.33"), Decimal("45900"), 2026).amount == (
        Decimal("6311.25")
    )
    assert expected_cost(post(date(2010, 1, 1), filled_months=5, fte="0.33"), Decimal("45901"), 2026).amount == (
        Decimal("6311.39")
    )


def test_a_post_vacant_all_year_costs_nothing():
    cost = expected_cost(post(date(2010, 1, 1), filled_months=0), Decimal("52000"), 2026)
    assert cost.amount == Decimal("0.00")
    assert cost.explanation.endswith("× 0/12 = 0,00\u00a0€")


def test_missing_rate_gives_no_amount_and_says_why():
    cost = expected_cost(post(date(2010, 1, 1), pay_scheme=PayScheme.TVOED, pay_grade="EG 15"), None, 2026)
    assert cost.amount is None
    assert cost.rate is None
    assert "EG 15" in cost.explanation and "2026" in cost.explanation and "TVöD" in cost.explanation
    assert "Personalkostensatz" in cost.explanation


def test_plan_costs_reads_all_rates_in_one_query(dortmund, django_assert_num_queries):
    plan = StaffPlanFactory(municipality=dortmund, year=2026)
    rate(2026, PayScheme.TVOED, "S 12", "60000")
    rate(2026, PayScheme.TVOED, "EG 9c", "48000")
    PostFactory(plan=plan, pay_grade="S 12", fte=Decimal("1.00"), filled_months=12)
    PostFactory(plan=plan, pay_grade="S 12", fte=Decimal("0.50"), starts_on=date(2026, 4, 1), filled_months=9)
    PostFactory(plan=plan, pay_grade="EG 9c", fte=Decimal("0.50"), filled_months=6)
    PostFactory(plan=plan, pay_grade="EG 99", fte=Decimal("1.00"))
    with django_assert_num_queries(2):  # the posts, the rates
        costs = plan_costs(plan)
    assert [c.amount for c in costs] == [Decimal("60000.00"), Decimal("22500.00"), Decimal("12000.00"), None]


def test_plan_totals_by_category_and_funding_source(dortmund):
    plan = StaffPlanFactory(municipality=dortmund, year=2026)
    rate(2026, PayScheme.TVOED, "S 12", "60000")
    rate(2026, PayScheme.TVOED, "EG 6", "40000")
    rate(2026, PayScheme.BESOLDUNG, "A 13", "90000")
    PostFactory(plan=plan, pay_grade="S 12", filled_months=12)
    PostFactory(plan=plan, pay_grade="S 12", filled_months=6)
    PostFactory(
        plan=plan,
        category=PostCategory.VERWALTUNGSASSISTENZ,
        pay_grade="EG 6",
        fte=Decimal("0.50"),
        funding_source=FundingSource.KOMMUNAL,
    )
    PostFactory(
        plan=plan,
        category=PostCategory.LEHRKRAFT,
        funding_source=FundingSource.LEHRKRAFT_MSW,
        pay_scheme=PayScheme.BESOLDUNG,
        pay_grade="A 13",
    )
    totals = plan_totals(plan_costs(plan))
    assert totals.overall.fte == Decimal("3.50")
    assert totals.overall.filled_fte_rounded == Decimal("3.00")  # 1 + 0,5 + 0,5 + 1
    assert totals.overall.amount == Decimal("200000.00")  # 60.000 + 30.000 + 20.000 + 90.000
    by_category = {t.key: (t.posts, t.fte, t.filled_fte_rounded, t.amount) for t in totals.by_category}
    assert by_category == {
        PostCategory.PAED_FACHKRAFT: (2, Decimal("2.00"), Decimal("1.50"), Decimal("90000.00")),
        PostCategory.VERWALTUNGSASSISTENZ: (1, Decimal("0.50"), Decimal("0.50"), Decimal("20000.00")),
        PostCategory.LEHRKRAFT: (1, Decimal("1.00"), Decimal("1.00"), Decimal("90000.00")),
    }
    by_source = {t.key: (t.fte, t.amount) for t in totals.by_funding_source}
    assert by_source == {
        FundingSource.LANDESZUSCHUSS: (Decimal("2.00"), Decimal("90000.00")),
        FundingSource.LEHRKRAFT_MSW: (Decimal("1.00"), Decimal("90000.00")),
        FundingSource.KOMMUNAL: (Decimal("0.50"), Decimal("20000.00")),
    }


def test_totals_leave_out_posts_without_rate_and_count_them(dortmund):
    plan = StaffPlanFactory(municipality=dortmund, year=2026)
    rate(2026, PayScheme.TVOED, "S 12", "60000")
    PostFactory(plan=plan, pay_grade="S 12")
    PostFactory(plan=plan, pay_grade="S 99")
    totals = plan_totals(plan_costs(plan))
    assert totals.overall.amount == Decimal("60000.00")
    assert totals.overall.missing_rates == 1
    assert totals.overall.fte == Decimal("2.00")


def test_seeded_rates_cover_the_guideline_years(db):
    from staffing.models import PayRate

    assert PayRate.objects.filter(year=2012, pay_scheme=PayScheme.TVOED, pay_grade="S 12").get().annual_cost == (
        Decimal("55800.00")
    )
    # 2,5 % a year: 55.800 × 1,025^14 = 78.843,8… → 78.844
    assert PayRate.objects.get(year=2026, pay_scheme=PayScheme.TVOED, pay_grade="S 12").annual_cost == Decimal("78844")
    assert set(PayRate.objects.values_list("year", flat=True)) == set(range(2012, 2028))
