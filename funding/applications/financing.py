"""The financing plan: an application, judged by its guideline edition, post by post.

`financing_plan(application)` is the calculation behind the rule check (funding.applications.rules), post by
post, with the arithmetic spelled out so the authority can follow it. It does not write to the database and
runs a constant number of queries whatever the size of the staff plan.

The rules of the edition (eligible amount per post, pro-rating, teachers outside the grant, extra items, caps)
are applied by funding.guidelines.rules, each in one function.

Money: every euro amount computed here is rounded to the cent by kiz.money.round_cents (staffing.costs.prorate
for the pro-rated amounts).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from kiz.money import round_cents
from staffing import costs
from staffing.models import StaffPlan

from ..guidelines.editions import kind_group
from ..guidelines.models import ExtraItemRule, Guideline, PostRule
from ..guidelines.rules import (
    EXPECTED,
    Share,
    capped,
    extra_eligible,
    guideline_for,
    post_eligible,
    prefetch_rules,
    rules_by_category,
)

ZERO = Decimal("0.00")


@dataclass
class PostLine:
    """One post of the staff plan as the edition sees it."""

    post: object
    cost: object  # staffing.costs.PostCost: expected cost with its calculation
    rule: PostRule | None
    share: Share
    months: int  # months of the funding year in which the post is filled and within its term
    term_months: int
    eligible: Decimal
    explanation: str

    @property
    def expected(self) -> Decimal:
        return self.cost.amount if self.cost.amount is not None else ZERO


@dataclass
class ExtraLine:
    rule: ExtraItemRule
    requested: Decimal
    eligible: Decimal


@dataclass
class FinancingPlan:
    guideline: Guideline | None
    group: str
    staff_plan: object
    lines: list[PostLine] = field(default_factory=list)
    extras: list[ExtraLine] = field(default_factory=list)
    expected_personnel: Decimal = ZERO  # the municipality's personnel costs: seconded teachers left out
    seconded_costs: Decimal = ZERO  # seconded teachers, paid by the school ministry: shown, not in any total
    personnel_eligible: Decimal = ZERO
    extras_requested: Decimal = ZERO
    extras_eligible: Decimal = ZERO
    annual_cap: Decimal | None = None
    own_contribution: Decimal = ZERO
    requested: Decimal = ZERO

    @property
    def total_eligible(self) -> Decimal:
        return self.personnel_eligible + self.extras_eligible

    @property
    def cap_with_extras(self) -> Decimal | None:
        """The edition's cap on the personnel grant plus the extra items, which come on top of it."""
        if self.annual_cap is None:
            return None
        return self.annual_cap + self.extras_eligible

    @property
    def max_grant(self) -> Decimal:
        """What the rules allow: the eligible costs, but not more than the cap."""
        if self.guideline is None:
            return ZERO
        return capped(self.total_eligible, self.cap_with_extras)

    @property
    def total_costs(self) -> Decimal:
        return self.expected_personnel + self.extras_requested + self.own_contribution

    @property
    def municipal_share(self) -> Decimal:
        """What the municipality pays itself: all costs less the requested grant."""
        return self.total_costs - self.requested


def _capped_sum(values) -> Decimal:
    return round_cents(sum(values, ZERO))


def staff_plan_for(application):
    """The municipality's staff plan of the funding year (the newest version, should there be several)."""
    return (
        StaffPlan.objects.filter(municipality_id=application.municipality_id, year=application.funding_year)
        .order_by("-version", "-pk")
        .first()
    )


def _post_line(post, cost, rule, guideline, year) -> PostLine:
    months = costs.cost_months(post, year)
    term = costs.term_months(post, year)
    expected = cost.amount if cost.amount is not None else ZERO
    result = post_eligible(
        rule=rule,
        financing_type=guideline.financing_type,
        funding_source=post.funding_source,
        source_label=post.get_funding_source_display(),
        fte=post.fte,
        months=months,
        cost=expected,
        basis=EXPECTED,
    )
    return PostLine(post, cost, rule, result.share, months, term, result.amount, result.explanation)


def financing_plan(application, *, extras: dict | None = None, staff_plan=None, guideline=None) -> FinancingPlan:
    """The financing plan of an application; `extras` (rule id → amount) stands in for unsaved form input."""
    if guideline is None:
        guideline = application.guideline if application.guideline_id else guideline_for(application.period_start)
        if guideline is not None and not hasattr(guideline, "_prefetched_objects_cache"):
            prefetch_rules([guideline])
    if staff_plan is None:
        staff_plan = staff_plan_for(application)
    group = kind_group(application.municipality.kind)
    plan = FinancingPlan(guideline=guideline, group=group, staff_plan=staff_plan)
    plan.own_contribution = application.own_contribution
    if guideline is not None:
        plan.annual_cap = guideline.annual_cap(group)
        by_category = rules_by_category(guideline, group)
        if staff_plan is not None:
            for cost in costs.plan_costs(staff_plan):
                rule = by_category.get(cost.post.category)
                plan.lines.append(_post_line(cost.post, cost, rule, guideline, application.funding_year))
        if extras is None:
            extras = {item.rule_id: item.amount for item in application.items.all()} if application.pk else {}
        for rule in guideline.extra_items.all():
            requested = Decimal(extras.get(rule.pk) or ZERO)
            plan.extras.append(ExtraLine(rule, requested, extra_eligible(rule, requested)))
    # Seconded teachers are paid by the school ministry: they are no cost of the municipality's financing plan.
    plan.expected_personnel = _capped_sum(line.expected for line in plan.lines if line.share != Share.SECONDED)
    plan.seconded_costs = _capped_sum(line.expected for line in plan.lines if line.share == Share.SECONDED)
    plan.personnel_eligible = _capped_sum(line.eligible for line in plan.lines)
    plan.extras_requested = _capped_sum(line.requested for line in plan.extras)
    plan.extras_eligible = _capped_sum(line.eligible for line in plan.extras)
    requested = application.requested_grant
    plan.requested = plan.max_grant if requested is None else round_cents(requested)
    return plan
