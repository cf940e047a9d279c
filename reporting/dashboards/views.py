"""Dashboards: the integration council's view of its municipality, the state view of all KIZ, and the exports.

Read-only pages: every role that may see a municipality may see its dashboard (the council included); the
state dashboard and the state-wide exports are for the state roles. Another municipality's URL is a 404.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from funding.applications.forms import InboxFilterForm
from funding.applications.record import assessed
from funding.models import FundingApplication, ProofOfUse
from kiz import freshness, policy
from kiz.models import Municipality
from kiz.tenancy import current_municipality
from staffing.costs import plan_costs
from staffing.models import StaffPlan

from .. import exports, registry
from ..controlling.models import ControllingReport
from ..models import ReportKind
from . import selectors, tables
from .forms import StateFilterForm


@require_safe
def index(request):
    """State roles go to the state dashboard, city roles to their municipality's dashboard."""
    if policy.is_state_user(request.user):
        return redirect("reporting:dashboards:state")
    municipality = current_municipality(request)
    if municipality is None:
        raise Http404
    return redirect("reporting:dashboards:council", ags=municipality.ags)


def _municipality(request, ags):
    return policy.get_visible_or_404(Municipality.objects.select_related("centre"), request.user, "pk", ags=ags)


@require_safe
def council(request, ags):
    """The integration council's dashboard of one municipality, read-only.

    The figures depend on the municipality and the data only, so they are rendered once per data generation.
    """
    municipality = _municipality(request, ags)
    today = timezone.localdate()
    body = freshness.cached(
        ("council-dashboard", municipality.pk, today),
        lambda: render_to_string(
            "reporting/dashboards/_council_body.html",
            {"dashboard": selectors.council_dashboard(municipality, today=today), "municipality": municipality},
        ),
    )
    briefing = registry.get(ReportKind.COUNCIL_BRIEFING)
    return render(
        request,
        "reporting/dashboards/council.html",
        {
            "body": body,
            "today": today,
            "municipality": municipality,
            "can_request_briefing": briefing is not None and briefing.may_request(request.user, municipality),
        },
    )


def _state_only(request):
    if not policy.is_state_user(request.user):
        raise Http404


def _state_data(request):
    today = timezone.localdate()
    form = StateFilterForm(request.GET or None)
    values = form.values() if form.is_bound else {}
    year = values.get("year") or today.year
    rows = selectors.state_rows(year=year, today=today, municipalities=Municipality.objects.for_user(request.user))
    all_rows = rows
    rows = selectors.filter_rows(rows, values)
    sort_key, descending = selectors.parse_sort(request.GET.get("sort"))
    rows = selectors.sort_rows(rows, sort_key, descending)
    return today, form, values, year, all_rows, rows, sort_key, descending


def _sort_headers(request, table, sort_key, descending):
    """Each column header with the link that sorts by it (again: the other way round) and its aria-sort."""
    params = {k: v for k, v in request.GET.items() if k != "sort" and v}
    headers = []
    for column in table.columns:
        key = {"kind_label": "kind", "district_label": "district", "concept_label": "concept"}.get(
            column.key, column.key
        )
        key = {"application_label": "application"}.get(key, key)
        sortable = key in selectors.SORTS
        current = sortable and key == sort_key
        next_value = f"-{key}" if current and not descending else key
        headers.append(
            {
                "column": column,
                "url": "?" + urlencode({**params, "sort": next_value}) if sortable else "",
                "aria_sort": ("descending" if descending else "ascending") if current else "",
            }
        )
    return headers


# The first view of the state table: enough for the 54 KIZ of the state; a longer list (a wide filter at a larger
# scale) shows its first rows and a link to all, so that the page costs the same however many KIZ there are.
STATE_FIRST_VIEW = 100


@require_safe
def state(request):
    """All KIZ in one sortable, filterable table with totals, charts and the tile map of NRW.

    Everything below the page head depends only on the data and the query string, not on the user (the state
    roles see all KIZ): it is rendered once per data generation and query (kiz/freshness.py).
    """
    _state_only(request)
    query = request.GET.urlencode()
    body = freshness.cached(("state-dashboard", timezone.localdate(), query), lambda: _state_body(request, query))
    return render(
        request,
        "reporting/dashboards/state.html",
        {"body": body, "can_request_overview": policy.is_state_user(request.user)},
    )


def _state_body(request, query):
    today, form, values, year, all_rows, rows, sort_key, descending = _state_data(request)
    table = selectors.state_table(rows, year=year)
    indicator = values.get("indicator") or "granted"
    shown = rows if request.GET.get("alle") or len(rows) <= STATE_FIRST_VIEW else rows[:STATE_FIRST_VIEW]
    body = list(zip(shown, table.display_rows()[: len(shown)], strict=True))
    return render_to_string(
        "reporting/dashboards/_state_body.html",
        {
            "form": form,
            "year": year,
            "table": table,
            "headers": _sort_headers(request, table, sort_key, descending),
            "rows": rows,
            "body": body,
            "hidden_count": len(rows) - len(shown),
            "show_all_url": "?" + urlencode({**request.GET.dict(), "alle": "1"}),
            "total_count": len(all_rows),
            "charts": selectors.state_charts(rows, year=year),
            "map": selectors.indicator_map(rows, indicator, year=year),
            "indicator": indicator,
            "sort": request.GET.get("sort", ""),
            "query_items": [(k, v) for k, v in request.GET.items()],
            "export_query": f"?{query}" if query else "",
        },
    )


def _fmt(fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    return fmt


@require_safe
def state_export(request, fmt):
    """The state dashboard's table as shown (filters and order of the query string)."""
    _state_only(request)
    _today, _form, _values, year, _all, rows, _key, _desc = _state_data(request)
    table = selectors.state_table(rows, year=year)
    return exports.download(table, filename_stem=_("KIZ-NRW-%(year)s") % {"year": year}, fmt=_fmt(fmt))


@require_safe
def concepts_export(request, fmt):
    _state_only(request)
    table = tables.concepts_table(Municipality.objects.for_user(request.user), today=timezone.localdate())
    return exports.download(table, filename_stem=_("integration-concepts-NRW"), fmt=_fmt(fmt))


@require_safe
def controlling_export(request, fmt):
    if not policy.can_see_all_controlling(request.user):
        raise Http404
    today = timezone.localdate()
    try:
        year = int(request.GET.get("jahr", ""))
    except ValueError:
        year = today.year - 1
    if not 2012 <= year <= today.year + 1:
        year = today.year - 1
    table = tables.controlling_table(year=year, today=today)
    return exports.download(table, filename_stem=_("controlling-reports-%(year)s") % {"year": year}, fmt=_fmt(fmt))


@require_safe
def inbox_export(request, fmt):
    """The authority's application inbox, with the inbox's filters."""
    _state_only(request)
    form = InboxFilterForm(request.GET or None)
    applications = form.filter(
        FundingApplication.objects.for_user(request.user).select_related("municipality", "guideline", "notice")
    ).order_by("-funding_year", "municipality__name")
    return exports.download(tables.inbox_table(applications), filename_stem=_("funding-applications"), fmt=_fmt(fmt))


@require_safe
def financing_plan_export(request, pk, fmt):
    application = policy.get_visible_or_404(
        FundingApplication.objects.select_related("municipality", "guideline"), request.user, pk=pk
    )
    table = tables.financing_plan_table(application, assessed(application).plan)
    stem = _("financing-plan-%(year)s-%(name)s") % {"year": application.funding_year, "name": application.municipality}
    return exports.download(table, filename_stem=stem, fmt=_fmt(fmt))


@require_safe
def proof_statement_export(request, pk, fmt):
    """The financial statement of a proof of use, as its page and its PDF show it."""
    from funding.proofs.services import statement_for

    proof = policy.get_visible_or_404(
        ProofOfUse.objects.select_related("application__municipality", "application__guideline", "application__notice"),
        request.user,
        "application__municipality",
        pk=pk,
    )
    table = tables.proof_statement_export(statement_for(proof), year=proof.year)
    stem = _("proof-of-use-%(year)s-%(name)s") % {"year": proof.year, "name": proof.application.municipality}
    return exports.download(table, filename_stem=stem, fmt=_fmt(fmt))


@require_safe
def staff_plan_export(request, pk, fmt):
    plan = policy.get_visible_or_404(StaffPlan.objects.select_related("municipality"), request.user, pk=pk)
    table = tables.staff_plan_table(plan, plan_costs(plan))
    stem = _("staff-plan-%(year)s-%(name)s") % {"year": plan.year, "name": plan.municipality}
    return exports.download(table, filename_stem=stem, fmt=_fmt(fmt))


@require_safe
def activities_export(request, pk, fmt):
    report = policy.get_visible_or_404(ControllingReport.objects.select_related("municipality"), request.user, pk=pk)
    stem = _("activities-%(year)s-%(name)s") % {"year": report.year, "name": report.municipality}
    return exports.download(tables.activities_table(report), filename_stem=stem, fmt=_fmt(fmt))
