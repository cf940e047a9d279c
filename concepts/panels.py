"""Sections the concepts app adds to the core's pages (see kiz.extensions)."""

from django.utils import timezone

from kiz import policy

from .rules import prerequisite_findings
from .selectors import adopted_concept, council_steps
from .timeline import timeline_entries


def home_city(*, user, municipality):
    """The status of the concept and the prerequisite findings on the home page of city roles."""
    today = timezone.localdate()
    return [
        {
            "template": "concepts/_panel_status.html",
            "municipality": municipality,
            "concept": adopted_concept(municipality),
            "draft": municipality.concepts.drafts().for_user(user).only("number", "title").first(),
            "findings": prerequisite_findings(municipality, today),
            "show_findings": True,
        }
    ]


def municipality(*, user, municipality):
    """The status of the concept on a municipality's page."""
    return [
        {
            "template": "concepts/_panel_status.html",
            "municipality": municipality,
            "concept": adopted_concept(municipality),
            "draft": municipality.concepts.drafts().for_user(user).only("number", "title").first(),
            "show_findings": False,
        }
    ]


def home_state(*, user):
    if not policy.is_state_user(user):
        return []
    return [{"template": "concepts/_panel_state.html"}]


def council_dashboard(*, user, municipality):
    """The council process on the integration council's dashboard (reporting), read-only."""
    steps = list(council_steps(municipality))
    return [
        {
            "template": "concepts/_panel_council_process.html",
            "timeline": timeline_entries(steps, timezone.localdate()),
        }
    ]
