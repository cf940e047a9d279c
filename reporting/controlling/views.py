"""Pages of the programme controlling: a municipality's reports, one report with its activities and indicators,
the forms of editors and lead, and the state-wide table of due dates for the coordination office."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kiz import policy
from kiz.concurrency import STALE_MESSAGE, StaleObjectError, posted_version
from kiz.history import history_entries
from kiz.steps import perform_step
from kiz.tenancy import current_municipality
from kiz.workflow import events_for, moves_for

from . import rules, services
from .forms import ActivityForm, NarrativeForm, ReportCreateForm, StaffingForm
from .models import Activity, ControllingReport, PartnerKind, ReportState


def _report(request, pk):
    return policy.get_visible_or_404(
        ControllingReport.objects.select_related("municipality", "submitted_by"), request.user, pk=pk
    )


def _activity(request, pk):
    return policy.get_visible_or_404(
        Activity.objects.select_related("report__municipality"), request.user, "report__municipality", pk=pk
    )


def _editable(request, report):
    """A draft the user may edit; a submitted report or a reading role is refused (403), for GET as for POST."""
    if not (report.is_draft and policy.can_edit(request.user, report.municipality)):
        raise PermissionDenied
    return report


def _expected_version(request):
    return posted_version(request.POST)


@require_http_methods(["GET", "POST"])
def report_list(request):
    """The controlling reports of the municipality the user works in, with due dates; editors start new ones."""
    if policy.is_state_user(request.user):
        return redirect("reporting:controlling:state_overview")
    municipality = current_municipality(request)
    if municipality is None:
        raise Http404
    can_edit = policy.can_edit(request.user, municipality)
    form = ReportCreateForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                report = services.report_create(
                    municipality=municipality, year=form.cleaned_data["year"], period=form.cleaned_data["period"]
                )
            except services.ControllingError as exc:
                form.add_error(exc.field, exc.message)
            else:
                messages.success(request, _("%(report)s has been created.") % {"report": report})
                return redirect(report)
    today = services.today()
    reports = ControllingReport.objects.for_user(request.user).filter(municipality=municipality).order_by("-year")
    rows = [services.due_row(report, today) for report in reports.select_related("municipality")]
    return render(
        request,
        "reporting/controlling/report_list.html",
        {"municipality": municipality, "rows": rows, "form": form, "can_edit": can_edit},
    )


def report_detail(request, pk):
    """One report: activities by field of action and stage, indicators against the state average, staffing,
    narrative, progress and history, in a fixed number of queries."""
    report = _report(request, pk)
    activities = sorted(report.activities.all(), key=services.activity_order)
    staffing = list(report.staffing.all())
    groups = []
    for activity in activities:
        if not groups or groups[-1]["field"] != activity.field_of_action:
            groups.append(
                {"field": activity.field_of_action, "label": activity.get_field_of_action_display(), "items": []}
            )
        groups[-1]["items"].append(activity)
    own = services.report_indicators(report)
    average = services.state_average(year=report.year, period=report.period)
    return render(
        request,
        "reporting/controlling/report_detail.html",
        {
            "report": report,
            "municipality": report.municipality,
            "groups": groups,
            "matrix": services.activity_matrix(activities),
            "stage_labels": [label for _value, label in services.EducationStage.choices],
            "staffing": staffing,
            "staffing_total": sum((row.fte for row in staffing), start=0),
            "indicators": own,
            "average": average,
            "due": services.due_row(report, services.today()),
            "can_edit": report.is_draft and policy.can_edit(request.user, report.municipality),
            "moves": moves_for(report, request.user),
            "events": events_for(report),
            "history": history_entries(report),
            "partner_labels": dict(PartnerKind.choices),
        },
    )


@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    """The narrative of a draft report."""
    report = _editable(request, _report(request, pk))
    form = NarrativeForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(form=form)
        except StaleObjectError:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("The narrative has been saved."))
            return redirect(report)
    return render(request, "reporting/controlling/report_form.html", {"report": report, "form": form})


@require_http_methods(["GET", "POST"])
def staffing_edit(request, pk):
    """The FTE actually in place per post category, prefilled from the staff plan of the year."""
    report = _editable(request, _report(request, pk))
    form = StaffingForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.staffing_update(
                report=report, values=form.values(), expected_version=form.cleaned_data["expected_version"]
            )
        except StaleObjectError:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("The staffing in place has been saved."))
            return redirect(report)
    return render(request, "reporting/controlling/staffing_form.html", {"report": report, "form": form})


@require_http_methods(["GET", "POST"])
def activity_create(request, pk):
    report = _editable(request, _report(request, pk))
    return _activity_form(request, report, Activity(report=report))


@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    activity = _activity(request, pk)
    report = _editable(request, activity.report)
    return _activity_form(request, report, activity)


def _activity_form(request, report, activity):
    form = ActivityForm(request.POST or None, instance=activity, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_save(form=form)
        except StaleObjectError:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("The activity “%(title)s” has been saved.") % {"title": activity.title})
            if "another" in request.POST:
                return redirect("reporting:controlling:activity_create", pk=report.pk)
            return redirect(report)
    return render(
        request, "reporting/controlling/activity_form.html", {"report": report, "activity": activity, "form": form}
    )


@require_http_methods(["GET", "POST"])
def activity_delete(request, pk):
    activity = _activity(request, pk)
    report = _editable(request, activity.report)
    if request.method == "POST":
        try:
            services.activity_delete(activity=activity, expected_version=_expected_version(request))
        except StaleObjectError:
            messages.error(request, _("Somebody else has changed this activity in the meantime. Please check again."))
            return redirect("reporting:controlling:activity_delete", pk=pk)
        messages.success(request, _("The activity “%(title)s” has been removed.") % {"title": activity.title})
        return redirect(report)
    return render(
        request, "reporting/controlling/activity_confirm_delete.html", {"report": report, "activity": activity}
    )


@require_http_methods(["GET", "POST"])
def report_submit(request, pk):
    """The lead confirms and submits the report; from then on it is read-only for the city."""
    report = _report(request, pk)
    if not any(move.target == ReportState.SUBMITTED for move in moves_for(report, request.user)):
        raise PermissionDenied
    problems = services.submission_problems(report)
    if request.method == "POST":
        submit = partial(services.report_submit, report=report, user=request.user)
        if not perform_step(request, submit, success=_("%(report)s has been submitted.") % {"report": report}):
            return redirect("reporting:controlling:report_submit", pk=report.pk)
        return redirect(report)
    return render(request, "reporting/controlling/report_submit.html", {"report": report, "problems": problems})


def state_overview(request):
    """All KIZ × one year with the due date and status of their reports, sortable; coordination and authority."""
    if not policy.can_see_all_controlling(request.user):
        raise PermissionDenied
    today = services.today()
    try:
        year = int(request.GET.get("jahr", ""))
    except ValueError:
        year = today.year - 1
    if not 2012 <= year <= today.year + 1:
        year = today.year - 1
    sort = request.GET.get("sortierung", "status")
    if sort not in services.SORTS:
        sort = "status"
    rows = services.state_table(year=year, today=today, sort=sort)
    counts = dict.fromkeys(rules.DueStatus, 0)
    for row in rows:
        counts[row.status] += 1
    return render(
        request,
        "reporting/controlling/state_overview.html",
        {
            "year": year,
            "year_query": f"jahr={year}",
            "years": list(range(today.year, 2012, -1)),
            "sort": sort,
            "rows": rows,
            "counts": [(status, counts[status]) for status in rules.DueStatus],
        },
    )
