"""Property tests: whatever the staff plan, the grant the rules allow stays within the cap and the eligible costs."""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funding.applications.financing import financing_plan
from funding.applications.forms import ApplicationForm
from funding.applications.rules import application_findings
from funding.models import ApplicationItem
from kiz.models import Municipality
from staffing.models import FundingSource, Post, PostCategory
from tests.factories import MunicipalityFactory

from .factories import RATES, StaffPlanFactory, application_for

pytestmark = pytest.mark.django_db

YEARS = [2012, 2014, 2017, 2019, 2021, 2024]

posts = st.lists(
    st.fixed_dictionaries(
        {
            "category": st.sampled_from(PostCategory.values),
            "fte": st.integers(1, 100).map(lambda c: D(c) / 100),
            "funding_source": st.sampled_from(FundingSource.values),
            "filled_months": st.integers(0, 12),
            "start_month": st.integers(1, 12),
            "end_month": st.one_of(st.none(), st.integers(1, 12)),
            "pay_grade": st.sampled_from([*RATES, "EG 99"]),
        }
    ),
    max_size=12,
)


@pytest.fixture
def applications(db):
    """One draft per year and municipality kind, with a staff plan whose posts each example replaces."""
    result = {}
    for kind in (Municipality.Kind.KREIS, Municipality.Kind.KREISFREIE_STADT):
        municipality = MunicipalityFactory(kind=kind)
        for year in YEARS:
            plan = StaffPlanFactory(municipality=municipality, year=year)
            result[(kind, year)] = (application_for(municipality, year), plan)
    return result


def _replace_posts(plan, specs):
    Post.objects.filter(plan=plan).delete()
    Post.objects.bulk_create(
        Post(
            plan=plan,
            title=f"Stelle {n}",
            category=spec["category"],
            fte=spec["fte"],
            funding_source=spec["funding_source"],
            origin="neu",
            pay_scheme="tvoed",
            pay_grade=spec["pay_grade"],
            starts_on=date(plan.year, spec["start_month"], 1),
            ends_on=(
                date(plan.year, max(spec["end_month"], spec["start_month"]), 28)
                if spec["end_month"] is not None
                else None
            ),
            filled_months=spec["filled_months"],
        )
        for n, spec in enumerate(specs)
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    specs=posts,
    kind=st.sampled_from([Municipality.Kind.KREIS, Municipality.Kind.KREISFREIE_STADT]),
    year=st.sampled_from(YEARS),
    extra=st.integers(0, 8_000_000).map(lambda c: D(c) / 100),
    requested=st.integers(0, 60_000_000).map(lambda c: D(c) / 100),
)
def test_allowed_grant_never_exceeds_cap_or_eligible_costs(applications, specs, kind, year, extra, requested):
    application, plan = applications[(kind, year)]
    _replace_posts(plan, specs)
    ApplicationItem.objects.filter(application=application).delete()
    extras = {}
    for rule in application.guideline.extra_items.all():
        ApplicationItem.objects.create(application=application, rule=rule, amount=extra)
        extras[rule.pk] = extra

    result = financing_plan(application)
    assert result.max_grant <= result.cap_with_extras
    assert result.max_grant <= result.total_eligible
    assert result.max_grant >= 0
    assert result.annual_cap == application.guideline.annual_cap("kreis" if kind == "kreis" else "kreisfreie_stadt")
    for line in result.lines:
        assert line.eligible >= 0
        if line.rule is not None and line.rule.amount_per_fte is not None and line.rule.funded:
            assert line.eligible <= line.rule.amount_per_fte * line.post.fte

    # the default request (the maximum) never produces a grant finding
    codes = {f.code for f in application_findings(application)}
    assert not codes & {"grant_above_cap", "grant_above_eligible"}

    # any amount the form accepts is within both limits
    data = {
        "period_start": application.period_start.isoformat(),
        "period_end": application.period_end.isoformat(),
        "own_rooms": "0",
        "own_admin_travel": "0",
        "own_material": "0",
        "own_project_funds": "0",
        "requested_grant": str(requested).replace(".", ","),
        "expected_version": application.version,
        **{f"extra_{pk}": str(amount).replace(".", ",") for pk, amount in extras.items()},
    }
    form = ApplicationForm(data, instance=type(application).objects.get(pk=application.pk))
    if form.is_valid():
        assert requested <= result.cap_with_extras
        assert requested <= result.total_eligible
    else:
        assert requested > result.max_grant
        assert "requested_grant" in form.errors
