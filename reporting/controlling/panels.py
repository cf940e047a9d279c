"""Sections the programme controlling adds to the home pages: due dates of the reports."""

from kiz import policy

from . import services


def home_city(*, user, municipality):
    if not policy.can_view(user, municipality):
        return []
    rows = services.due_reports(municipality=municipality, today=services.today())
    return [{"template": "reporting/controlling/_panel_city.html", "rows": rows}]


def home_state(*, user):
    if not policy.can_see_all_controlling(user):
        return []
    today = services.today()
    year = today.year - 1
    rows = services.state_table(year=year, today=today)
    overdue = sum(1 for row in rows if row.status == services.rules.DueStatus.OVERDUE)
    return [{"template": "reporting/controlling/_panel_state.html", "year": year, "overdue": overdue}]
