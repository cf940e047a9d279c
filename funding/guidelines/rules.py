"""The rules of an edition as functions: which edition applies, the post rule per category, pro-rating.

The application (funding.applications) and the proof of use (funding.proofs) both apply these.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, prefetch_related_objects

from kiz.money import round_cents

from .models import Guideline, PostRule

MONTHS = 12


def prorated(amount_per_fte, fte, months) -> Decimal:
    """Amount per full-time post × FTE × months / 12, rounded to the cent (the one place this is rounded)."""
    return round_cents(Decimal(amount_per_fte) * Decimal(fte) * Decimal(months) / MONTHS)


def guideline_for(period_start: date):
    """The edition in force at the start of a funding period, with its rules (three queries)."""
    guideline = (
        Guideline.objects.filter(valid_from__lte=period_start)
        .exclude(valid_until__lt=period_start)
        .order_by("-valid_from")
        .first()
    )
    if guideline is not None:
        prefetch_rules([guideline])
    return guideline


def prefetch_rules(guidelines):
    prefetch_related_objects(
        guidelines, Prefetch("post_rules", queryset=PostRule.objects.order_by("pk")), "extra_items"
    )


def rules_by_category(guideline, group) -> dict:
    by_category = {}
    for rule in guideline.post_rules.all():
        if rule.applies_to(group):
            for category in rule.categories:
                # a rule for the municipality's kind wins over one for all municipalities
                if category not in by_category or rule.municipality_kind:
                    by_category[category] = rule
    return by_category
