"""Sections the funding app adds to the home pages: the current application, the authority's waiting list."""

from kiz import policy

from .models import FundingApplication


def home_city(*, user, municipality):
    if not policy.can_view(user, municipality):
        return []
    application = (
        FundingApplication.objects.for_user(user).filter(municipality=municipality).order_by("-funding_year").first()
    )
    return [{"template": "funding/_panel_city.html", "application": application}]


def home_state(*, user):
    if not policy.can_review(user):
        return []
    waiting = FundingApplication.objects.for_user(user).waiting_for_review().count()
    return [{"template": "funding/_panel_state.html", "waiting": waiting}]
