from datetime import date
from decimal import Decimal

import pytest

from staffing.demo import seed
from staffing.models import FundingSource, PostCategory, StaffPlan
from staffing.services import StaffPlanError, staff_plan_copy, staff_plan_create
from tests.staffing.factories import PostFactory, StaffPlanFactory


def test_copy_leaves_out_ended_posts_and_resets_months(dortmund, editor):
    plan = StaffPlanFactory(municipality=dortmund, year=2017, notes="Plan 2017")
    PostFactory(plan=plan, title="bis Ende 2017", starts_on=date(2013, 7, 1), ends_on=date(2017, 12, 31))
    PostFactory(plan=plan, title="vakant", starts_on=date(2015, 1, 1), filled_months=3, occupant_name="A. B.")
    PostFactory(plan=plan, title="endet Mitte 2018", starts_on=date(2016, 1, 1), ends_on=date(2018, 6, 15))
    PostFactory(plan=plan, title="beginnt 2017", starts_on=date(2017, 10, 1), filled_months=3, fte=Decimal("0.50"))

    new_plan = staff_plan_copy(plan=plan, year=2018, user=editor)

    assert new_plan.year == 2018 and new_plan.municipality == dortmund and new_plan.notes == "Plan 2017"
    rows = list(new_plan.posts.values_list("title", "filled_months", "fte", "occupant_name"))
    assert rows == [
        ("vakant", 12, Decimal("1.00"), "A. B."),
        ("endet Mitte 2018", 6, Decimal("1.00"), ""),
        ("beginnt 2017", 12, Decimal("0.50"), ""),
    ]
    assert plan.posts.count() == 4  # the old plan is untouched
    assert new_plan.posts.first().history.get().history_user == editor


def test_copy_refuses_an_existing_year(dortmund):
    plan = StaffPlanFactory(municipality=dortmund, year=2025)
    StaffPlanFactory(municipality=dortmund, year=2026)
    with pytest.raises(StaffPlanError, match="Für 2026 gibt es bereits einen Stellenplan"):
        staff_plan_copy(plan=plan, year=2026)


def test_create_refuses_an_existing_year(dortmund, bochum):
    StaffPlanFactory(municipality=dortmund, year=2026)
    assert staff_plan_create(municipality=bochum, year=2026).municipality == bochum
    with pytest.raises(StaffPlanError):
        staff_plan_create(municipality=dortmund, year=2026)


def test_demo_dortmund_as_in_the_seed(db):
    from kiz.demo import seed as seed_core

    seed_core()
    seed()
    seed()  # idempotent
    plans = StaffPlan.objects.filter(municipality__ags="05913000")
    assert sorted(plans.values_list("year", flat=True)) == [2013, 2014, 2015, 2016, 2017, 2026]
    plan_2013 = plans.get(year=2013)
    posts = list(plan_2013.posts.all())
    assert len(posts) == 6
    assert {p.ends_on for p in posts} == {date(2017, 12, 31)}
    municipal = [p for p in posts if p.funding_source == FundingSource.LANDESZUSCHUSS]
    assert sum(p.fte for p in municipal) == Decimal("3.50")
    teachers = [p for p in posts if p.category == PostCategory.LEHRKRAFT]
    assert len(teachers) == 2 and all(p.funding_source == FundingSource.LEHRKRAFT_MSW for p in teachers)
    assert {p.filled_months for p in posts} == {6}  # the KIZ opened on 1 July 2013
    assert StaffPlan.objects.filter(municipality__ags="05911000", year=2026).exists()
