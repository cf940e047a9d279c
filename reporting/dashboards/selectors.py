"""The data of the dashboards, each read in a fixed number of queries however much data there is.

The council dashboard (one municipality) and the state dashboard (all KIZ) are built here once; the pages, the
PDF reports (council briefing, state overview) and the CSV/XLSX exports all take their figures from these
functions, so a number reads the same wherever it appears.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Prefetch, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concepts.rules import age_in_years, concept_age_rule, concept_too_old
from concepts.selectors import adopted_concept, concept_overview, council_steps
from concepts.timeline import timeline_entries
from funding.models import (
    ApplicationState,
    CallOff,
    FundingApplication,
    ProofOfUse,
    ProofState,
)
from funding.proofs.rules import proof_due_on
from kiz.choices import EducationStage
from kiz.models import Municipality
from staffing.costs import plan_costs, plan_totals
from staffing.models import PostCategory, StaffPlan
from staffing.selectors import current_plan, current_plans

from .. import charts
from ..controlling import rules as controlling_rules
from ..controlling.models import Activity, ControllingReport, ReportState
from ..controlling.services import activity_matrix
from ..tables import DATE, DECIMAL, EURO, INTEGER, Column, Table

ZERO = Decimal("0.00")
# The money chart shows the latest years; the table above it lists all of them.
CHART_YEARS = 6
GRANTED_STATES = (ApplicationState.GRANTED, ApplicationState.PARTIALLY_GRANTED)

# Short labels of the post categories, so that the chart's axis stays readable.
CATEGORY_SHORT = {
    PostCategory.PAED_FACHKRAFT: gettext_lazy("Pedagogical specialists"),
    PostCategory.FACHKRAFT_SONSTIGE: gettext_lazy("Other specialists"),
    PostCategory.VERWALTUNGSFACHKRAFT: gettext_lazy("Administration"),
    PostCategory.VERWALTUNGSASSISTENZ: gettext_lazy("Assistance"),
    PostCategory.LEHRKRAFT: gettext_lazy("Teachers"),
    PostCategory.LEITUNG: gettext_lazy("Head"),
}


# --- the council dashboard of one municipality ---------------------------------------------------------


@dataclass
class Staffing:
    plan: StaffPlan | None
    table: Table
    chart: charts.Chart | None
    planned: Decimal = ZERO
    filled: Decimal = ZERO


def staffing_summary(municipality, *, year: int) -> Staffing:
    """Planned FTE against filled FTE (yearly average of the months filled) of the current staff plan (that of the
    funding year `year`, never a later one), by category.

    Three queries: the plan, its posts, their pay rates.
    """
    plan = current_plan(municipality, year=year)
    title = _("Staffing planned and filled")
    columns = [
        Column("category", _("Post category")),
        Column("planned", _("Planned FTE"), DECIMAL, width="narrow"),
        Column("filled", _("Filled FTE (yearly average)"), DECIMAL, width="medium"),
        Column("gap", _("Not filled (FTE)"), DECIMAL, width="narrow"),
    ]
    if plan is None:
        return Staffing(None, Table(title, columns), None)
    totals = plan_totals(plan_costs(plan))
    rows = [
        {
            "category": str(total.label),
            "short": str(CATEGORY_SHORT.get(total.key, total.label)),
            "planned": total.fte,
            "filled": total.filled_fte_rounded,
            "gap": total.fte - total.filled_fte_rounded,
        }
        for total in totals.by_category
    ]
    overall = totals.overall
    table = Table(
        _("Staffing planned and filled, staff plan %(year)s") % {"year": plan.year},
        columns,
        rows,
        footer={
            "category": _("Total"),
            "planned": overall.fte,
            "filled": overall.filled_fte_rounded,
            "gap": overall.fte - overall.filled_fte_rounded,
        },
    )
    chart = None
    if rows:
        chart = charts.grouped_bar_chart(
            title=_("Planned and filled FTE per post category, %(year)s") % {"year": plan.year},
            description=_(
                "For each post category of the staff plan the planned full-time equivalents and those filled on "
                "average over the year; vacant months lower the filled value."
            ),
            categories=[row["short"] for row in rows],
            series=[(_("Planned FTE"), [r["planned"] for r in rows]), (_("Filled FTE"), [r["filled"] for r in rows])],
            category_header=_("Post category"),
            value_type=DECIMAL,
        )
    return Staffing(plan, table, chart, overall.fte, overall.filled_fte_rounded)


@dataclass
class MoneyYear:
    year: int
    state: str
    requested: Decimal | None
    granted: Decimal | None
    called_off: Decimal
    spent: Decimal | None = None  # all actual expenses of the year's submitted proofs of use
    grant_used: Decimal | None = None  # of which the grant pays: the grant due under the edition's rules
    other_funds: Decimal | None = None  # of which the city's own funds and third parties pay (spent − grant)
    repayment: Decimal | None = None  # the repayment the authority fixed at its check
    interest: Decimal | None = None  # the interest the authority fixed with it


def _add(total, value):
    return value if total is None else total + value


def _proof_figures(municipality) -> dict[int, dict]:
    """Per year of the submitted proofs of use: expenses, the grant's share of them (funding's one proof
    statement, as on the proof's page and in its PDF), the rest, and the repayment and interest the authority
    fixed. Seven queries, however many proofs there are."""
    from funding.models import PostRule
    from funding.proofs.services import statement_for

    proofs = (
        ProofOfUse.objects.filter(application__municipality=municipality)
        .exclude(state=ProofState.DRAFT)
        .select_related("application__municipality", "application__notice", "application__guideline")
        .prefetch_related(
            "lines",
            "application__call_offs",
            Prefetch("application__guideline__post_rules", queryset=PostRule.objects.order_by("pk")),
            "application__guideline__extra_items",
        )
    )
    figures = {}
    for proof in proofs:
        if getattr(proof.application, "notice", None) is None:
            continue
        statement = statement_for(proof, application=proof.application, lines=list(proof.lines.all()))
        year = figures.setdefault(proof.year, {})
        year["spent"] = _add(year.get("spent"), statement.actual_expenses)
        year["grant_used"] = _add(year.get("grant_used"), statement.due)
        year["other_funds"] = _add(year.get("other_funds"), statement.actual_expenses - statement.due)
        if proof.checked_on is not None:
            year["repayment"] = _add(year.get("repayment"), proof.repayment_amount or ZERO)
            year["interest"] = _add(year.get("interest"), proof.interest_amount or ZERO)
    return figures


def money_years(municipality) -> list[MoneyYear]:
    """Per funding year: requested (application), granted (notice), called off (call-offs not rejected), and from
    the submitted proofs of use what was spent, how much of it the grant pays and how much the city's own funds
    (and third parties) pay – grant money and the city's money kept apart – with the repayment and interest the
    authority fixed at its check.

    Drafts and withdrawn applications are left out: the dashboard is published to the integration council, which
    does not see drafts (kiz.policy). A constant number of queries.
    """
    applications = list(
        FundingApplication.objects.filter(municipality=municipality)
        .exclude(state__in=[ApplicationState.WITHDRAWN, ApplicationState.DRAFT])
        .select_related("notice")
        .order_by("funding_year")
    )
    called = dict(
        CallOff.objects.counting()
        .filter(application__municipality=municipality)
        .values("application__funding_year")
        .annotate(total=Sum("amount"))
        .order_by()
        .values_list("application__funding_year", "total")
    )
    proofs = _proof_figures(municipality)
    return [
        MoneyYear(
            year=application.funding_year,
            state=application.get_state_display(),
            requested=application.requested_grant,
            granted=getattr(getattr(application, "notice", None), "approved_amount", None),
            called_off=called.get(application.funding_year) or ZERO,
            **proofs.get(application.funding_year, {}),
        )
        for application in applications
    ]


def _sum(values) -> Decimal:
    return sum((v for v in values if v is not None), ZERO)


MONEY_FIGURES = ("requested", "granted", "called_off", "spent", "grant_used", "other_funds", "repayment", "interest")


def money_table(years: list[MoneyYear]) -> Table:
    """Each year's money; "spent" is the grant's share plus the city's own and third-party funds, to the cent."""
    return Table(
        title=_("Money requested, granted, called off and spent per funding year"),
        columns=[
            Column("year", _("Funding year")),
            Column("state", _("Application status")),
            Column("requested", _("Requested"), EURO),
            Column("granted", _("Granted"), EURO),
            Column("called_off", _("Called off"), EURO),
            Column("spent", _("Spent (proof of use)"), EURO),
            Column("grant_used", _("of which from the grant"), EURO),
            Column("other_funds", _("of which own and third-party funds"), EURO),
            Column("repayment", _("Repayment fixed"), EURO),
            Column("interest", _("Interest fixed"), EURO),
        ],
        rows=[{"year": str(y.year), "state": y.state, **{k: getattr(y, k) for k in MONEY_FIGURES}} for y in years],
        footer={"year": _("Total"), **{k: _sum(getattr(y, k) for y in years) for k in MONEY_FIGURES}},
    )


def money_chart(years: list[MoneyYear]) -> charts.Chart | None:
    shown = years[-CHART_YEARS:]
    if not shown:
        return None
    return charts.grouped_bar_chart(
        title=_("Money per funding year"),
        description=_(
            "For each of the latest funding years the grant requested, the amount granted, the money called off "
            "and the grant money spent according to the proof of use (the city's own funds left out), in euros."
        ),
        categories=[str(y.year) for y in shown],
        series=[
            (_("Requested"), [y.requested for y in shown]),
            (_("Granted"), [y.granted for y in shown]),
            (_("Called off"), [y.called_off for y in shown]),
            (_("Spent from the grant"), [y.grant_used for y in shown]),
        ],
        category_header=_("Funding year"),
        value_type=EURO,
    )


@dataclass
class Activities:
    report: ControllingReport | None
    table: Table | None = None
    charts: list = field(default_factory=list)
    total: int = 0


def activities_summary(municipality) -> Activities:
    """Occurrences by field of action × education stage from the latest submitted controlling report (2 queries)."""
    report = (
        ControllingReport.objects.submitted()
        .filter(municipality=municipality)
        .order_by("-year", "-due_date", "-pk")
        .first()
    )
    if report is None:
        return Activities(None)
    activities = list(Activity.objects.filter(report=report))
    matrix = activity_matrix(activities)
    stage_labels = [str(label) for _value, label in EducationStage.choices] + [_("No stage")]
    stage_keys = [f"stage{i}" for i in range(len(stage_labels))]
    columns = [Column("field", _("Field of action"))]
    columns += [
        Column(key, label, INTEGER, width="medium") for key, label in zip(stage_keys, stage_labels, strict=True)
    ]
    columns.append(Column("total", _("Total"), INTEGER))
    rows = []
    for row in matrix["rows"]:
        cells = {"field": str(row["label"]), "total": row["total"]}
        cells.update(dict(zip(stage_keys, row["counts"], strict=True)))
        rows.append(cells)
    footer = {"field": _("Total"), "total": matrix["total"]}
    footer.update(dict(zip(stage_keys, matrix["column_totals"], strict=True)))
    table = Table(
        title=_("Activities by field of action and education stage (%(report)s)") % {"report": report},
        columns=columns,
        rows=rows,
        footer=footer,
    )
    by_field = charts.bar_chart(
        title=_("Activities per field of action"),
        description=_("Occurrences of all activities of the report in each field of action."),
        items=[(str(row["label"]), row["total"]) for row in matrix["rows"]],
        label_header=_("Field of action"),
        value_header=_("Occurrences"),
    )
    by_stage = charts.bar_chart(
        title=_("Activities per education stage"),
        description=_(
            "Occurrences of all activities of the report at each stage of the education chain; the last bar counts "
            "activities that address no single stage."
        ),
        items=list(zip(stage_labels, matrix["column_totals"], strict=True)),
        label_header=_("Education stage"),
        value_header=_("Occurrences"),
    )
    return Activities(report, table, [by_field, by_stage], matrix["total"])


@dataclass
class Deadline:
    due: date
    what: str
    status: str
    status_label: str
    url: str = ""


_STATUS_LABELS = {
    "overdue": gettext_lazy("Overdue"),
    "due_soon": gettext_lazy("Due soon"),
    "open": gettext_lazy("Open"),
}


def _deadline_status(due: date, today: date) -> str:
    return controlling_rules.due_status(due_date=due, submitted=False, today=today).value


def open_deadlines(municipality, *, today: date, years: list[MoneyYear] | None = None) -> list[Deadline]:
    """What the municipality still has to deliver or decide, earliest first: controlling reports not submitted,
    proofs of use of granted years not submitted, council steps that have not taken place. Three queries."""
    deadlines = []
    for report in ControllingReport.objects.filter(municipality=municipality, state=ReportState.DRAFT):
        status = _deadline_status(report.due_date, today)
        deadlines.append(
            Deadline(report.due_date, str(report), status, str(_STATUS_LABELS[status]), report.get_absolute_url())
        )
    submitted_proofs = set(
        ProofOfUse.objects.filter(application__municipality=municipality)
        .exclude(state=ProofState.DRAFT)
        .values_list("year", flat=True)
    )
    granted_years = [
        y.year for y in (years if years is not None else money_years(municipality)) if y.granted is not None
    ]
    for year in granted_years:
        if year in submitted_proofs or year >= today.year:
            continue
        due = proof_due_on(year)
        status = _deadline_status(due, today)
        deadlines.append(
            Deadline(due, _("Proof of use %(year)s") % {"year": year}, status, str(_STATUS_LABELS[status]))
        )
    for step in council_steps(municipality).filter(actual_date__isnull=True):
        status = _deadline_status(step.planned_date, today)
        label = _("%(subject)s (%(body)s)") % {"subject": step.title, "body": step.body_label}
        deadlines.append(Deadline(step.planned_date, label, status, str(_STATUS_LABELS[status])))
    return sorted(deadlines, key=lambda d: (d.due, d.what))


def deadlines_table(deadlines: list[Deadline]) -> Table:
    return Table(
        title=_("Open deadlines"),
        columns=[
            Column("due", _("Due on"), DATE),
            Column("what", _("What")),
            Column("status", _("Status"), width="medium"),
        ],
        rows=[{"due": d.due, "what": d.what, "status": d.status_label} for d in deadlines],
    )


def timeline_table(entries) -> Table:
    return Table(
        title=_("Council process"),
        columns=[
            Column("planned", _("Planned"), DATE),
            Column("title", _("Subject")),
            Column("body", _("Body"), width="medium"),
            Column("kind", _("Kind"), width="narrow"),
            Column("held", _("Took place"), DATE),
            Column("state", _("Status"), width="narrow"),
        ],
        rows=[
            {
                "planned": e.step.planned_date,
                "title": e.step.title,
                "body": e.step.body_label,
                "kind": e.step.get_kind_display(),
                "held": e.step.actual_date,
                "state": str(e.state_label),
            }
            for e in entries
        ],
    )


@dataclass
class CouncilDashboard:
    municipality: Municipality
    centre: object
    concept: object
    today: date
    staffing: Staffing
    money: list[MoneyYear]
    money_table: Table
    money_chart: charts.Chart | None
    activities: Activities
    timeline: list
    timeline_table: Table
    deadlines: list[Deadline]
    deadlines_table: Table

    @property
    def totals(self) -> dict:
        return {key: _sum(getattr(y, key) for y in self.money) for key in MONEY_FIGURES}


def council_dashboard(municipality, *, today: date) -> CouncilDashboard:
    """Everything the integration council sees about its municipality, for the page and the briefing PDF."""
    years = money_years(municipality)
    entries = timeline_entries(list(council_steps(municipality)), today)
    deadlines = open_deadlines(municipality, today=today, years=years)
    return CouncilDashboard(
        municipality=municipality,
        centre=getattr(municipality, "centre", None),
        concept=adopted_concept(municipality),
        today=today,
        staffing=staffing_summary(municipality, year=today.year),
        money=years,
        money_table=money_table(years),
        money_chart=money_chart(years),
        activities=activities_summary(municipality),
        timeline=entries,
        timeline_table=timeline_table(entries),
        deadlines=deadlines,
        deadlines_table=deadlines_table(deadlines),
    )


# --- the state dashboard of all KIZ --------------------------------------------------------------------


class ConceptStatus:
    CURRENT = "current"
    TOO_OLD = "too_old"
    DRAFT = "draft"
    NONE = "none"

    LABELS = {
        CURRENT: gettext_lazy("Adopted"),
        TOO_OLD: gettext_lazy("Adopted, older than the guideline allows"),
        DRAFT: gettext_lazy("Draft only"),
        NONE: gettext_lazy("No concept"),
    }

    @classmethod
    def choices(cls):
        return list(cls.LABELS.items())


NO_APPLICATION = "none"


def application_status_choices():
    return [*ApplicationState.choices, (NO_APPLICATION, gettext_lazy("No application"))]


def state_rows(*, year: int, today: date, municipalities=None) -> list[dict]:
    """One row per KIZ: district, kind, concept status and age, the application of `year` with its granted amount,
    the planned FTE of the current staff plan (that of `year`, never a later one) and the controlling reports
    overdue. One query for any number of KIZ.

    `municipalities` is a Municipality queryset already scoped to the user (all of them for the state roles).
    """
    application = FundingApplication.objects.filter(municipality=OuterRef("pk"), funding_year=year).exclude(
        state=ApplicationState.WITHDRAWN
    )
    plan = current_plans(year=year)
    plan_fte = plan.annotate(total=Sum("posts__fte")).values("total")[:1]
    overdue = (
        ControllingReport.objects.filter(municipality=OuterRef("pk"), state=ReportState.DRAFT, due_date__lt=today)
        .values("municipality")
        .annotate(n=Count("pk"))
        .values("n")
    )
    queryset = concept_overview().annotate(
        application_state=Subquery(application.values("state")[:1]),
        requested=Subquery(application.values("requested_grant")[:1]),
        granted=Subquery(application.values("notice__approved_amount")[:1]),
        plan_year=Subquery(plan.values("year")[:1]),
        fte=Subquery(plan_fte, output_field=DecimalField(max_digits=8, decimal_places=2)),
        overdue=Coalesce(Subquery(overdue, output_field=IntegerField()), Value(0)),
    )
    if municipalities is not None:
        queryset = queryset.filter(pk__in=municipalities.values("pk"))
    states = dict(ApplicationState.choices)
    age_rule = concept_age_rule(today)
    rows = []
    for m in queryset:
        since = m.adopted_resolution_date or m.adopted_on
        if m.adopted_number:
            concept = ConceptStatus.TOO_OLD if concept_too_old(since, today, age_rule) else ConceptStatus.CURRENT
        else:
            concept = ConceptStatus.DRAFT if m.draft_number else ConceptStatus.NONE
        state = m.application_state or NO_APPLICATION
        rows.append(
            {
                "municipality": m,
                "name": m.name,
                "ags": m.ags,
                "district": m.district,
                "district_label": m.get_district_display(),
                "kind": m.kind,
                "kind_label": m.get_kind_display(),
                "concept": concept,
                "concept_label": str(ConceptStatus.LABELS[concept]),
                "concept_since": since if m.adopted_number else None,
                "concept_age": age_in_years(since, today) if m.adopted_number and since else None,
                "application": state,
                "application_label": str(states.get(state, _("No application"))),
                "requested": m.requested,
                "granted": m.granted,
                "plan_year": m.plan_year,
                "fte": m.fte,
                "overdue": m.overdue,
            }
        )
    return rows


FILTERS = ("district", "kind", "concept", "application")


def filter_rows(rows: list[dict], filters: dict) -> list[dict]:
    """Keep the rows whose district, kind, concept status and application status match the given values."""
    for key in FILTERS:
        value = filters.get(key)
        if value:
            rows = [row for row in rows if row[key] == value]
    return rows


# Sort keys of the table: the column key and the value it sorts by; empty values always come last.
SORTS = {
    "name": lambda r: r["name"],
    "district": lambda r: (r["district_label"], r["name"]),
    "kind": lambda r: (r["kind_label"], r["name"]),
    "concept": lambda r: (r["concept_label"], r["name"]),
    "concept_age": lambda r: r["concept_age"],
    "application": lambda r: (r["application_label"], r["name"]),
    "granted": lambda r: r["granted"],
    "fte": lambda r: r["fte"],
    "overdue": lambda r: r["overdue"],
}


def parse_sort(value: str | None) -> tuple[str, bool]:
    """ "fte" → ("fte", False), "-fte" → ("fte", True); anything unknown sorts by name."""
    value = value or "name"
    descending = value.startswith("-")
    key = value.lstrip("-")
    if key not in SORTS:
        return "name", False
    return key, descending


def sort_rows(rows: list[dict], key: str, descending: bool = False) -> list[dict]:
    getter = SORTS[key]
    present = [row for row in rows if getter(row) is not None]
    missing = [row for row in rows if getter(row) is None]
    present.sort(key=lambda r: (getter(r), r["name"]) if key != "name" else getter(r), reverse=descending)
    return present + sorted(missing, key=lambda r: r["name"])


def state_table(rows: list[dict], *, year: int) -> Table:
    """The state dashboard's table (also the state overview PDF's and the export's), with its totals."""
    return Table(
        title=_("Municipal integration centres in North Rhine-Westphalia, funding year %(year)s") % {"year": year},
        columns=[
            Column("name", _("Municipality"), width="large"),
            Column("kind_label", _("Kind"), width="narrow"),
            Column("district_label", _("Government region"), width="medium"),
            Column("ags", _("AGS"), nowrap=True, width="decimal"),
            Column("concept_label", _("Concept"), width="medium"),
            Column("concept_since", _("Resolution"), DATE, nowrap=True),
            Column("concept_age", _("Concept age (years)"), INTEGER),
            Column("application_label", _("Application %(year)s") % {"year": year}, nowrap=True),
            Column("requested", _("Requested"), EURO),
            Column("granted", _("Granted"), EURO),
            Column("fte", _("FTE (staff plan)"), DECIMAL, width="narrow"),
            Column("overdue", _("Reports overdue"), INTEGER, width="narrow"),
        ],
        rows=rows,
        footer={
            "name": _("Total (%(count)s KIZ)") % {"count": len(rows)},
            "requested": _sum(r["requested"] for r in rows),
            "granted": _sum(r["granted"] for r in rows),
            "fte": _sum(r["fte"] for r in rows),
            "overdue": sum(r["overdue"] for r in rows),
        },
    )


def state_charts(rows: list[dict], *, year: int) -> list[charts.Chart]:
    """Granted per government region and the KIZ per concept status."""
    granted = Counter()
    for row in rows:
        granted[row["district_label"]] += row["granted"] or ZERO
    districts = [label for _value, label in Municipality.District.choices]
    concept_counts = Counter(row["concept"] for row in rows)
    return [
        charts.bar_chart(
            title=_("Granted per government region, %(year)s") % {"year": year},
            description=_("The sum of the amounts granted for the funding year to the KIZ of each government region."),
            items=[(district, granted.get(district, ZERO)) for district in districts],
            label_header=_("Government region"),
            value_header=_("Granted"),
            value_type=EURO,
        ),
        charts.bar_chart(
            title=_("KIZ by status of the integration concept"),
            description=_(
                "How many KIZ have an adopted concept within the age the guideline allows, an older one, only a draft, "
                "or none."
            ),
            items=[(str(label), concept_counts.get(key, 0)) for key, label in ConceptStatus.choices()],
            label_header=_("Concept"),
            value_header=_("Number of KIZ"),
        ),
    ]


INDICATORS = {
    "concept_age": (gettext_lazy("Concept age (years)"), INTEGER),
    "granted": (gettext_lazy("Granted"), EURO),
    "fte": (gettext_lazy("FTE (staff plan)"), DECIMAL),
    "overdue": (gettext_lazy("Reports overdue"), INTEGER),
}


def indicator_map(rows: list[dict], indicator: str, *, year: int) -> charts.Chart:
    """The tile map of NRW with every KIZ coloured by the indicator; its table lists the same values."""
    if indicator not in INDICATORS:
        indicator = "granted"
    label, value_type = INDICATORS[indicator]
    if indicator == "granted":
        label = _("Granted %(year)s") % {"year": year}
    return charts.tile_grid(
        title=_("Map of the KIZ: %(indicator)s") % {"indicator": label},
        description=_(
            "Tile map of North Rhine-Westphalia: each KIZ is a tile at its approximate position, coloured by "
            "“%(indicator)s” (darker is more; white: no value). The table lists every KIZ with its value."
        )
        % {"indicator": label},
        municipalities=[row["municipality"] for row in rows],
        values={row["ags"]: row[indicator] for row in rows},
        value_header=str(label),
        value_type=value_type,
    )
