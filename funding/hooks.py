"""Answers the funding app gives to questions of earlier apps (see kiz.extensions.answer)."""

from .guidelines.rules import concept_age_rule as edition_concept_age_rule
from .guidelines.rules import edition_in_force


def concept_age_rule(*, on_date):
    """How old the integration concept may be on a date: the rule of the guideline edition in force then."""
    return edition_concept_age_rule(edition_in_force(on_date))
