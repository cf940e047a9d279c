"""Expected personnel cost of posts: rate × FTE × months filled / 12, with the calculation spelled out.

The guidelines do not say how partial years and vacancies count, so a post is pro-rated by the months of the
year in which it runs and is filled, and the calculation is shown so the authority can check it.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from kiz.money import format_decimal, format_euro, round_cents

from .models import FundingSource, PayRate, PayScheme, PostCategory


@dataclass(frozen=True)
class PostCost:
    post: object
    rate: Decimal | None
    fte: Decimal
    months: int
    amount: Decimal | None
    explanation: str

    @property
    def filled_fte(self) -> Decimal:
        """The post's FTE averaged over the year: FTE × months filled / 12 (unrounded)."""
        return self.fte * self.months / 12


def active_months(post, year: int) -> set[int]:
    """The months of `year` (1–12) in which the post runs at least one day, start and end of its term included.

    The one place a post's term is counted in months: the cost, the pro-rating of the eligible amount and the FTE
    per month of the funding rules all start from it.
    """
    months = set()
    for month in range(1, 13):
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        if post.starts_on <= last and (post.ends_on is None or post.ends_on >= first):
            months.add(month)
    return months


def term_months(post, year: int) -> int:
    """How many months of `year` the post runs (see `active_months`)."""
    return len(active_months(post, year))


def cost_months(post, year: int) -> int:
    """Months that cost money: filled and inside the term."""
    return min(post.filled_months, term_months(post, year))


def prorate(annual_amount, fte, months: int) -> Decimal:
    """An annual amount for a full-time post, pro-rated by FTE and months: amount × FTE × months / 12, to the cent.

    The one pro-rating by months: the expected cost of a post here, and the eligible amount per post of the
    guideline editions (a maximum or a fixed amount per full-time post) in the funding rules.
    """
    return round_cents(Decimal(annual_amount) * Decimal(fte) * Decimal(months) / 12)


def expected_cost(post, rate: Decimal | None, year: int) -> PostCost:
    """The expected employer cost of a post in `year` at the given annual rate of a full-time post."""
    months = cost_months(post, year)
    fte = Decimal(post.fte)
    if rate is None:
        explanation = _("No pay rate for %(scheme)s %(grade)s in %(year)s: the cost cannot be calculated.") % {
            "scheme": PayScheme(post.pay_scheme).label if post.pay_scheme in PayScheme.values else post.pay_scheme,
            "grade": post.pay_grade,
            "year": year,
        }
        return PostCost(post, None, fte, months, None, explanation)
    amount = prorate(rate, fte, months)
    explanation = _("%(rate)s × %(fte)s FTE × %(months)s/12 = %(amount)s") % {
        "rate": format_euro(rate),
        "fte": format_decimal(fte),
        "months": months,
        "amount": format_euro(amount),
    }
    return PostCost(post, Decimal(rate), fte, months, amount, explanation)


def rates_for(posts, year: int) -> dict[tuple[str, str], Decimal]:
    """The annual rates the posts need, in one query: {(pay scheme, pay grade): annual cost}."""
    schemes = {p.pay_scheme for p in posts}
    grades = {p.pay_grade for p in posts}
    if not posts:
        return {}
    rows = PayRate.objects.filter(year=year, pay_scheme__in=schemes, pay_grade__in=grades).values_list(
        "pay_scheme", "pay_grade", "annual_cost"
    )
    return {(scheme, grade): cost for scheme, grade, cost in rows}


def plan_costs(plan) -> list[PostCost]:
    """The expected cost of every post of the plan, in the plan's order; rates are fetched in one query."""
    posts = list(plan.posts.all())
    rates = rates_for(posts, plan.year)
    return [expected_cost(p, rates.get((p.pay_scheme, p.pay_grade)), plan.year) for p in posts]


@dataclass
class Total:
    """A sum over posts: planned FTE, filled FTE (yearly average), expected cost and how many costs are missing."""

    key: str = ""
    label: str = ""
    fte: Decimal = Decimal("0.00")
    filled_fte: Decimal = Decimal("0")
    amount: Decimal = Decimal("0.00")
    missing_rates: int = 0
    posts: int = 0

    def add(self, cost: PostCost):
        self.posts += 1
        self.fte += cost.fte
        self.filled_fte += cost.filled_fte
        if cost.amount is None:
            self.missing_rates += 1
        else:
            self.amount += cost.amount

    @property
    def filled_fte_rounded(self) -> Decimal:
        return round_cents(self.filled_fte)


@dataclass
class PlanTotals:
    overall: Total
    by_category: list[Total] = field(default_factory=list)
    by_funding_source: list[Total] = field(default_factory=list)


def plan_totals(costs: list[PostCost]) -> PlanTotals:
    """Totals over all posts, by category and by funding source (only the groups that have posts, in choice order)."""
    overall = Total(label=_("All posts"))
    categories = {value: Total(value, label) for value, label in PostCategory.choices}
    sources = {value: Total(value, label) for value, label in FundingSource.choices}
    for cost in costs:
        overall.add(cost)
        categories[cost.post.category].add(cost)
        sources[cost.post.funding_source].add(cost)
    return PlanTotals(
        overall=overall,
        by_category=[t for t in categories.values() if t.posts],
        by_funding_source=[t for t in sources.values() if t.posts],
    )
