"""Sections the staff plan adds to the core's pages: planned and filled FTE of the current plan."""

from django.utils import timezone

from kiz import policy

from .costs import plan_costs, plan_totals
from .selectors import current_plan


def _current_plan_panel(user, municipality_):
    if not policy.can_view(user, municipality_):
        return []
    plan = current_plan(municipality_, year=timezone.localdate().year)
    totals = plan_totals(plan_costs(plan)) if plan else None
    return [{"template": "staffing/_panel.html", "plan": plan, "totals": totals}]


def municipality(*, user, municipality):
    return _current_plan_panel(user, municipality)


def home_city(*, user, municipality):
    return _current_plan_panel(user, municipality)
