"""Rules of the programme controlling: due dates and their status, which years may be reported, submission."""

from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ReportPeriod

DUE_SOON_DAYS = 30


class DueStatus(models.TextChoices):
    OVERDUE = "overdue", gettext_lazy("Overdue")
    DUE_SOON = "due_soon", gettext_lazy("Due soon")
    OPEN = "open", gettext_lazy("Open")
    SUBMITTED = "submitted", gettext_lazy("Submitted")


# Most urgent first: the order of the state-wide table when it is sorted by status.
STATUS_ORDER = {status: rank for rank, status in enumerate(DueStatus)}


def period_range(year: int, period: str) -> tuple[date, date]:
    if period == ReportPeriod.H1:
        return date(year, 1, 1), date(year, 6, 30)
    if period == ReportPeriod.H2:
        return date(year, 7, 1), date(year, 12, 31)
    return date(year, 1, 1), date(year, 12, 31)


def default_due_date(year: int, period: str) -> date:
    """Three months after the end of the period: 30 September for the first half-year, else 31 March."""
    if period == ReportPeriod.H1:
        return date(year, 9, 30)
    return date(year + 1, 3, 31)


def due_status(*, due_date: date, submitted: bool, today: date) -> DueStatus:
    """Submitted; overdue after the due date; due soon within 30 days up to and including the due date; else open."""
    if submitted:
        return DueStatus.SUBMITTED
    if today > due_date:
        return DueStatus.OVERDUE
    if due_date - today <= timedelta(days=DUE_SOON_DAYS):
        return DueStatus.DUE_SOON
    return DueStatus.OPEN


def period_conflict(*, year: int, period: str, existing: list[str]) -> str | None:
    """A year is reported either as a whole or in two halves, each once; the message if `period` clashes."""
    if period in existing:
        return _("There is already a controlling report for this period.")
    if period == ReportPeriod.YEAR and existing:
        return _("%(year)s is already reported in half-years.") % {"year": year}
    if period != ReportPeriod.YEAR and ReportPeriod.YEAR in existing:
        return _("%(year)s is already reported as a full year.") % {"year": year}
    return None


def year_outside_grant(*, year: int, period: str, grant_periods: list[tuple[date, date]]) -> str | None:
    """The report's period must overlap a funding period of a grant notice of the municipality."""
    start, end = period_range(year, period)
    if any(grant_start <= end and start <= grant_end for grant_start, grant_end in grant_periods):
        return None
    if not grant_periods:
        return _("There is no grant notice for your integration centre yet; a controlling report needs a grant.")
    return _(
        "%(year)s lies outside the funding periods of your grant notices; a controlling report can only be "
        "made for a funded period."
    ) % {"year": year}


def submission_problems(*, activity_count: int, narrative: str) -> list[str]:
    """What blocks the submission of a report."""
    problems = []
    if activity_count == 0:
        problems.append(_("Record at least one activity before submitting the report."))
    if not narrative.strip():
        problems.append(_("Write a short narrative before submitting the report."))
    return problems
