"""Guideline editions (Förderrichtlinie) as data: which edition applies, and its rules for a municipality.

Everything the eligibility check needs to know about an edition is read here from the database rows; nothing
about a particular year is written in code.
"""

from datetime import date

from kiz.models import Municipality

KREIS = "kreis"
CITY = "kreisfreie_stadt"

# Post categories of staffing.models.PostCategory; repeated as plain strings so that an edition's rules
# can be validated without importing the staffing app into migrations.
POST_CATEGORIES = (
    "paed_fachkraft",
    "fachkraft_sonstige",
    "verwaltungsfachkraft",
    "verwaltungsassistenz",
    "lehrkraft",
    "leitung",
)


def kind_group(municipality_kind: str) -> str:
    """The kind a guideline distinguishes: a Kreis (the StädteRegion included) or a kreisfreie Stadt."""
    if municipality_kind in (Municipality.Kind.KREIS, Municipality.Kind.STAEDTEREGION):
        return KREIS
    return CITY


def edition_for(guidelines, on_date: date):
    """The edition in force on a date from an iterable of editions; None if none is."""
    for guideline in guidelines:
        if guideline.valid_from <= on_date and (guideline.valid_until is None or on_date <= guideline.valid_until):
            return guideline
    return None
