"""Sections the staff plan adds to the core's pages: planned and filled FTE of the latest plan."""

from kiz import policy

from .costs import plan_costs, plan_totals
from .selectors import latest_plan


def _latest_plan_panel(user, municipality_):
    if not policy.can_view(user, municipality_):
        return []
    plan = latest_plan(municipality_)
    totals = plan_totals(plan_costs(plan)) if plan else None
    return [{"template": "staffing/_panel.html", "plan": plan, "totals": totals}]


def municipality(*, user, municipality):
    return _latest_plan_panel(user, municipality)


def home_city(*, user, municipality):
    return _latest_plan_panel(user, municipality)
