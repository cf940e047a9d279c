"""Writes and reads of the programme controlling; every state change goes through kiz.workflow.transition."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from funding.models import GrantNotice
from kiz import policy
from kiz.choices import EducationStage, FieldOfAction
from kiz.concurrency import StaleObjectError, duplicate_raises, lock_row, save_versioned
from kiz.freshness import data_changed
from kiz.models import Municipality
from kiz.money import round_cents
from kiz.workflow import Move, Workflow, register, transition
from staffing.costs import cost_months
from staffing.models import Post, PostCategory

from . import indicators as ind
from . import rules
from .models import Activity, ControllingReport, ReportPeriod, ReportState, StaffingInPlace


class ControllingError(Exception):
    """A request the rules refuse; `field` names the form field the message belongs to."""

    def __init__(self, message, field=None):
        self.message = message
        self.field = field
        super().__init__(message)


class ReportLocked(PermissionDenied):
    """The report has been submitted; the city can no longer change it."""


# --- workflow -------------------------------------------------------------------------------------------


def _lead(user, report) -> bool:
    return policy.can_submit(user, report.municipality)


def submission_problems(report) -> list[str]:
    narrative = ControllingReport.objects.filter(pk=report.pk).values_list("narrative", flat=True).first() or ""
    return rules.submission_problems(activity_count=report.activities.count(), narrative=narrative)


REPORT_WORKFLOW = register(
    Workflow(
        model=ControllingReport,
        moves=[Move(ReportState.DRAFT, ReportState.SUBMITTED, _lead, gettext_lazy("Submit"), submission_problems)],
    )
)


@transaction.atomic
def report_submit(*, report, user, comment: str = ""):
    """Submit the report to the coordination office (lead only); it is read-only for the city from then on."""
    event = transition(obj=report, to_state=ReportState.SUBMITTED, user=user, comment=comment)
    report.submitted_at = event.created_at
    report.submitted_by = user
    ControllingReport.objects.filter(pk=report.pk).update(submitted_at=event.created_at, submitted_by=user)
    data_changed()
    return event


# --- creating and editing -------------------------------------------------------------------------------


def grant_periods(municipality) -> list[tuple[date, date]]:
    return list(
        GrantNotice.objects.filter(application__municipality=municipality).values_list("period_start", "period_end")
    )


@transaction.atomic
def report_create(*, municipality, year: int, period: str = ReportPeriod.YEAR) -> ControllingReport:
    """A draft report for a funded period, due three months after its end, with the staffing prefilled."""
    problem = rules.year_outside_grant(year=year, period=period, grant_periods=grant_periods(municipality))
    if problem:
        raise ControllingError(problem, "year")
    lock_row(municipality)
    existing = list(
        ControllingReport.objects.select_for_update()
        .filter(municipality=municipality, year=year)
        .values_list("period", flat=True)
    )
    problem = rules.period_conflict(year=year, period=period, existing=existing)
    if problem:
        raise ControllingError(problem, "period")
    with duplicate_raises(lambda: _period_taken(municipality, year, period)):
        report = ControllingReport.objects.create(
            municipality=municipality, year=year, period=period, due_date=rules.default_due_date(year, period)
        )
    StaffingInPlace.objects.bulk_create(
        StaffingInPlace(report=report, category=category, fte=fte)
        for category, fte in planned_staffing(municipality, year).items()
    )
    data_changed()
    return report


def _period_taken(municipality, year, period) -> ControllingError:
    """The error of a second click, once the faster click's report exists."""
    existing = list(
        ControllingReport.objects.filter(municipality=municipality, year=year).values_list("period", flat=True)
    )
    problem = rules.period_conflict(year=year, period=period, existing=existing or [period])
    return ControllingError(problem, "period")


def planned_staffing(municipality, year: int) -> dict[str, Decimal]:
    """FTE filled per category in the staff plan of the year: FTE × months filled / 12, summed and rounded."""
    sums: dict[str, Decimal] = {}
    for post in Post.objects.filter(plan__municipality=municipality, plan__year=year):
        filled = Decimal(post.fte) * cost_months(post, year) / 12
        sums[post.category] = sums.get(post.category, Decimal("0")) + filled
    return {category: round_cents(fte) for category, fte in sums.items() if fte > 0}


def _lock_draft(report) -> ControllingReport:
    locked = ControllingReport.objects.select_for_update().get(pk=report.pk)
    if not locked.is_draft:
        raise ReportLocked(_("The report has been submitted and can no longer be changed."))
    return locked


@transaction.atomic
def report_update(*, form):
    """Save the narrative form of a draft (raises StaleObjectError for a stale form)."""
    _lock_draft(form.instance)
    return form.save_checked()


@transaction.atomic
def staffing_update(*, report, values: dict[str, Decimal], expected_version: int | None):
    """Replace the staffing in place of a draft; the report's version guards against a stale form."""
    locked = _lock_draft(report)
    if locked.version != expected_version:
        raise StaleObjectError
    current = {row.category: row for row in report.staffing.all()}
    for category in PostCategory.values:
        fte = values.get(category) or Decimal("0")
        row = current.get(category)
        if fte <= 0:
            if row is not None:
                row.delete()
        elif row is None:
            StaffingInPlace.objects.create(report=report, category=category, fte=fte)
        elif row.fte != fte:
            row.fte = fte
            row.save()
    save_versioned(report, expected_version=expected_version)
    return report


@transaction.atomic
def activity_save(*, form):
    """Add or change an activity of a draft report (raises StaleObjectError for a stale form)."""
    _lock_draft(form.instance.report)
    return form.save_checked()


@transaction.atomic
def activity_delete(*, activity, expected_version: int | None):
    _lock_draft(activity.report)
    stored = Activity.objects.select_for_update().filter(pk=activity.pk).values_list("version", flat=True).first()
    if stored is None or stored != expected_version:
        raise StaleObjectError
    activity.delete()


# --- reads ----------------------------------------------------------------------------------------------


def figures_for(reports) -> dict[int, ind.Figures]:
    """The figures of each report in `reports` (a queryset), in four queries however many reports there are."""
    ids = reports.values("pk")
    activity_rows = (
        Activity.objects.filter(report__in=ids)
        .values("report")
        .annotate(occurrences=Sum("count"), institutions=Sum("institutions_reached"))
        .order_by()
    )
    fields: dict[int, set] = {}
    for report_id, field in (
        Activity.objects.filter(report__in=ids).values_list("report", "field_of_action").distinct().order_by()
    ):
        fields.setdefault(report_id, set()).add(field)
    stages: dict[int, set] = {}
    for report_id, stage in (
        Activity.objects.filter(report__in=ids)
        .exclude(education_stage="")
        .values_list("report", "education_stage")
        .distinct()
        .order_by()
    ):
        stages.setdefault(report_id, set()).add(stage)
    fte = dict(
        StaffingInPlace.objects.filter(report__in=ids)
        .values("report")
        .annotate(total=Sum("fte"))
        .order_by()
        .values_list("report", "total")
    )
    totals = {row["report"]: row for row in activity_rows}
    result = {}
    for report_id in set(totals) | set(fte) | set(fields):
        row = totals.get(report_id, {})
        result[report_id] = ind.Figures(
            occurrences=row.get("occurrences") or 0,
            fte=fte.get(report_id) or Decimal("0"),
            fields=frozenset(fields.get(report_id, ())),
            stages=frozenset(stages.get(report_id, ())),
            institutions=row.get("institutions") or 0,
        )
    return result


def report_indicators(report) -> ind.Indicators:
    figures = figures_for(ControllingReport.objects.filter(pk=report.pk)).get(report.pk, ind.Figures())
    return ind.indicators(figures)


def state_average(*, year: int, period: str) -> ind.Indicators | None:
    """The mean indicators of all submitted reports of the year and period, in five queries."""
    reports = ControllingReport.objects.submitted().filter(year=year, period=period)
    figures = figures_for(reports)
    ids = list(reports.values_list("pk", flat=True))
    return ind.average([figures.get(pk, ind.Figures()) for pk in ids])


_FIELD_RANK = {value: rank for rank, value in enumerate(FieldOfAction.values)}
_STAGE_RANK = {value: rank for rank, value in enumerate([*EducationStage.values, ""])}


def activity_order(activity):
    """Fields of action and stages in the programme's order (not alphabetically by code), then by title."""
    return (_FIELD_RANK[activity.field_of_action], _STAGE_RANK[activity.education_stage], activity.title, activity.pk)


def activity_matrix(activities) -> dict:
    """Occurrences per field of action (rows) and education stage (columns, the last one "no stage")."""
    stages = [*EducationStage.values, ""]
    sums: dict[tuple[str, str], int] = {}
    for a in activities:
        sums[a.field_of_action, a.education_stage] = sums.get((a.field_of_action, a.education_stage), 0) + a.count
    rows = []
    for field, label in FieldOfAction.choices:
        counts = [sums.get((field, stage), 0) for stage in stages]
        rows.append({"field": field, "label": label, "counts": counts, "total": sum(counts)})
    column_totals = [sum(row["counts"][i] for row in rows) for i in range(len(stages))]
    return {"rows": rows, "column_totals": column_totals, "total": sum(column_totals)}


@dataclass
class DueRow:
    municipality: Municipality
    report: ControllingReport | None
    period: str
    due_date: date
    status: rules.DueStatus

    @property
    def period_label(self):
        return ReportPeriod(self.period).label


def due_row(report, today: date) -> DueRow:
    return DueRow(
        municipality=report.municipality,
        report=report,
        period=report.period,
        due_date=report.due_date,
        status=rules.due_status(due_date=report.due_date, submitted=report.is_submitted, today=today),
    )


SORTS = ("status", "name", "due")


def state_table(*, year: int, today: date, sort: str = "status") -> list[DueRow]:
    """One row per report of the year for every municipality; a municipality without a report gets a row
    with the default due date of a full-year report. Two queries, however many municipalities and reports."""
    by_municipality: dict[int, list] = {}
    for report in ControllingReport.objects.filter(year=year).select_related("municipality").order_by("period"):
        by_municipality.setdefault(report.municipality_id, []).append(report)
    rows = []
    default_due = rules.default_due_date(year, ReportPeriod.YEAR)
    for municipality in Municipality.objects.order_by("name"):
        reports = by_municipality.get(municipality.pk)
        if reports:
            rows.extend(due_row(report, today) for report in reports)
        else:
            status = rules.due_status(due_date=default_due, submitted=False, today=today)
            rows.append(DueRow(municipality, None, ReportPeriod.YEAR, default_due, status))
    if sort == "name":
        rows.sort(key=lambda r: r.municipality.name)
    elif sort == "due":
        rows.sort(key=lambda r: (r.due_date, r.municipality.name))
    else:
        rows.sort(key=lambda r: (rules.STATUS_ORDER[r.status], r.due_date, r.municipality.name))
    return rows


def due_reports(*, municipality, today: date) -> list[DueRow]:
    """The municipality's reports that are still to be submitted, most urgent first, and the latest submitted."""
    reports = list(ControllingReport.objects.filter(municipality=municipality).select_related("municipality"))
    drafts = sorted((r for r in reports if r.is_draft), key=lambda r: r.due_date)
    submitted = sorted((r for r in reports if r.is_submitted), key=lambda r: r.due_date, reverse=True)[:1]
    return [due_row(r, today) for r in drafts + submitted]


def today() -> date:
    return timezone.localdate()
