"""The rules of a guideline edition, each once: the edition's rows are the data, these functions apply them.

The application (funding.applications) and the proof of use (funding.proofs) both apply these.

Every page, PDF, export and dashboard that needs one of these rules calls the function here:

- `guideline_for(day)`: the edition in force on a day.
- `rules_by_category(guideline, group)`: which post rule of the edition applies to a post category.
- `post_share(funding_source, rule)`: who pays a post – the grant, the municipality, or (seconded teachers) the
  school ministry, outside the municipality's costs and the grant.
- `post_eligible(...)`: the eligible amount of a post under its rule, pro-rated by FTE and months
  (staffing.costs.prorate), for the application (expected costs) and the proof of use (actual costs) alike.
- `extra_eligible(rule, amount)`: an extra item (e.g. the lay-interpreter pool) at most at the edition's maximum.
- `capped(amount, cap)`: the edition's annual cap on the personnel grant.
- `concept_age_rule(guideline)`: how old the integration concept may be.

Nothing here writes to the database; amounts are rounded only by kiz.money.round_cents (through prorate).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from concepts.rules import ConceptAgeRule
from kiz.money import format_decimal, format_euro
from staffing.costs import prorate
from staffing.models import FundingSource

from .models import FinancingType, Guideline, PostRule

ZERO = Decimal("0.00")


def edition_in_force(day: date):
    """The edition in force on a day, without its rules (one query); None if none is."""
    return Guideline.objects.filter(valid_from__lte=day).exclude(valid_until__lt=day).order_by("-valid_from").first()


def guideline_for(day: date):
    """The edition in force on a day (the start of a funding period), with its rules (three queries)."""
    guideline = edition_in_force(day)
    if guideline is not None:
        prefetch_rules([guideline])
    return guideline


def prefetch_rules(guidelines):
    prefetch_related_objects(
        guidelines, Prefetch("post_rules", queryset=PostRule.objects.order_by("pk")), "extra_items"
    )


def rules_by_category(guideline, group) -> dict:
    """Post category → the edition's post rule for the municipality's kind (or for all kinds)."""
    by_category = {}
    if guideline is None:
        return by_category
    for rule in guideline.post_rules.all():
        if rule.applies_to(group):
            for category in rule.categories:
                # a rule for the municipality's kind wins over one for all municipalities
                if category not in by_category or rule.municipality_kind:
                    by_category[category] = rule
    return by_category


class Share(StrEnum):
    """Who pays a post, as the edition sees it."""

    GRANT = "grant"  # paid by the municipality and funded by the grant under the edition's rule
    NOT_FUNDED = "not_funded"  # entered as funded by the grant, but the edition funds no such post
    OWN = "own"  # paid from the municipality's own funds
    SECONDED = "seconded"  # a teacher seconded and paid by the school ministry: outside the municipality's costs


def post_share(funding_source: str, rule) -> Share:
    """Who pays a post: the one place where seconded teachers are kept outside the grant and the municipality's
    costs. The edition says which categories the grant funds (a post rule with `funded` unset, as for teachers)."""
    if funding_source == FundingSource.LEHRKRAFT_MSW:
        return Share.SECONDED
    if funding_source != FundingSource.LANDESZUSCHUSS:
        return Share.OWN
    if rule is None or not rule.funded:
        return Share.NOT_FUNDED
    return Share.GRANT


def counts_as_municipal_cost(funding_source: str) -> bool:
    """Whether a post's costs belong to the municipality's financing plan (all but seconded teachers)."""
    return post_share(funding_source, None) != Share.SECONDED


# The wording of the calculation, for the application (expected costs) and the proof of use (actual costs).
EXPECTED, ACTUAL = "expected", "actual"
_WORDING = {
    EXPECTED: {
        "in_full": gettext_noop("Expected costs in full: %(amount)s."),
        "fixed": gettext_noop("Fixed amount %(rate)s × %(fte)s FTE × %(months)s/12 months = %(amount)s."),
        "lower": gettext_noop(
            "Lower of the expected costs %(expected)s and the maximum "
            "%(rate)s × %(fte)s FTE × %(months)s/12 months = %(amount)s: %(eligible)s."
        ),
    },
    ACTUAL: {
        "in_full": gettext_noop("Actual costs in full."),
        "fixed": gettext_noop("Fixed amount %(rate)s × %(fte)s FTE × %(months)s/12 months in post = %(amount)s."),
        "lower": gettext_noop(
            "Lower of the actual costs %(actual)s and %(rate)s × %(fte)s FTE × %(months)s/12 months in post "
            "= %(amount)s: %(eligible)s."
        ),
    },
}


@dataclass(frozen=True)
class Eligible:
    share: Share
    amount: Decimal
    explanation: str


def post_eligible(*, rule, financing_type, funding_source, source_label="", fte, months, cost, basis=EXPECTED):
    """The eligible amount of one post: the one rule for the application and the proof of use.

    Funded by the grant: the costs in full where the edition names no amount per post; else the amount per
    full-time post pro-rated by FTE and months – as a fixed amount, or as a maximum on the costs. Any other
    post (own funds, seconded teachers, a category the edition does not fund) is not eligible.
    """
    share = post_share(funding_source, rule)
    cost = cost if cost is not None else ZERO
    if share == Share.SECONDED:
        return Eligible(
            share, ZERO, _("Paid by the school ministry: not a cost of the municipality and not in the totals.")
        )
    if share == Share.OWN:
        if basis == ACTUAL:
            return Eligible(share, ZERO, _("Not paid from the grant."))
        return Eligible(share, ZERO, _("Not paid from the grant (%(source)s).") % {"source": source_label})
    if share == Share.NOT_FUNDED:
        if basis == ACTUAL:
            return Eligible(share, ZERO, _("Not funded under this edition."))
        if rule is None:
            return Eligible(share, ZERO, _("The edition has no rule for this post category; not eligible."))
        return Eligible(share, ZERO, _("Not funded by the grant under this edition (%(rule)s).") % {"rule": rule.label})
    wording = _WORDING[basis]
    if rule.amount_per_fte is None:
        return Eligible(share, cost, _(wording["in_full"]) % {"amount": format_euro(cost)})
    amount = prorate(rule.amount_per_fte, fte or ZERO, months or 0)
    numbers = {
        "rate": format_euro(rule.amount_per_fte),
        "fte": format_decimal(fte or ZERO),
        "months": months or 0,
        "amount": format_euro(amount),
        basis: format_euro(cost),
    }
    if financing_type == FinancingType.FIXED:
        return Eligible(share, amount, _(wording["fixed"]) % numbers)
    eligible = min(cost, amount)
    numbers["eligible"] = format_euro(eligible)
    return Eligible(share, eligible, _(wording["lower"]) % numbers)


def extra_eligible(rule, amount) -> Decimal:
    """An extra item of the edition counts at most at the edition's maximum a year."""
    return min(Decimal(amount or ZERO), rule.max_amount)


def capped(amount: Decimal, cap: Decimal | None) -> Decimal:
    """An amount under the edition's annual cap (no cap: the amount)."""
    return amount if cap is None else min(amount, cap)


def concept_age_rule(guideline) -> ConceptAgeRule | None:
    """How old the adopted integration concept may be under the edition."""
    if guideline is None:
        return None
    return ConceptAgeRule(max_years=guideline.concept_max_age_years)
