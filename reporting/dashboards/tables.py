"""Table definitions of the exports: the state-wide lists and a municipality's financing plan, staff plan and
activities. Each is a reporting.tables.Table, so the CSV and the XLSX carry German headers and number formats.

Names of post holders are personal data and are never part of an export (the staff plan lists posts only).
"""

from datetime import date

from django.utils.translation import gettext as _

from concepts.rules import age_in_years, concept_age_rule, concept_too_old
from concepts.selectors import concept_overview
from funding.applications.record import assessed
from kiz.money import format_euro

from ..controlling import services as controlling
from ..controlling.models import Activity
from ..tables import DATE, DECIMAL, EURO, INTEGER, Column, Table
from .selectors import ZERO, _sum


def concepts_table(municipalities, *, today: date) -> Table:
    """The concepts state-wide list: adopted version, date of the resolution, age, draft in progress."""
    rows = []
    age_rule = concept_age_rule(today)
    for m in concept_overview().filter(pk__in=municipalities.values("pk")):
        since = m.adopted_resolution_date or m.adopted_on
        rows.append(
            {
                "name": m.name,
                "ags": m.ags,
                "adopted": m.adopted_number,
                "since": since,
                "age": age_in_years(since, today) if since else None,
                "too_old": (_("yes") if concept_too_old(since, today, age_rule) else _("no")) if since else "",
                "draft": m.draft_number,
            }
        )
    return Table(
        title=_("Integration concepts state-wide"),
        columns=[
            Column("name", _("Municipality")),
            Column("ags", _("AGS")),
            Column("adopted", _("Adopted version"), INTEGER),
            Column("since", _("Date of the resolution"), DATE),
            Column("age", _("Age in years"), INTEGER),
            Column("too_old", _("Older than the guideline allows")),
            Column("draft", _("Draft version in progress"), INTEGER),
        ],
        rows=rows,
    )


def controlling_table(*, year: int, today: date) -> Table:
    """The controlling state-wide table: every KIZ's reports of the year with due date and status."""
    rows = [
        {
            "name": row.municipality.name,
            "ags": row.municipality.ags,
            "period": str(row.period_label),
            "due": row.due_date,
            "status": str(row.status.label),
            "submitted": row.report.submitted_at.date() if row.report and row.report.submitted_at else None,
        }
        for row in controlling.state_table(year=year, today=today, sort="name")
    ]
    return Table(
        title=_("Controlling reports %(year)s of all KIZ") % {"year": year},
        columns=[
            Column("name", _("Municipality")),
            Column("ags", _("AGS")),
            Column("period", _("Period")),
            Column("due", _("Due on"), DATE),
            Column("status", _("Status")),
            Column("submitted", _("Submitted on"), DATE),
        ],
        rows=rows,
    )


def inbox_table(applications) -> Table:
    """The authority's application inbox (already filtered and ordered)."""
    rows = [
        {
            "year": str(a.funding_year),
            "name": a.municipality.name,
            "district": a.municipality.get_district_display(),
            "state": a.get_state_display(),
            "guideline": str(a.guideline or ""),
            "requested": a.requested_grant,
            "granted": getattr(getattr(a, "notice", None), "approved_amount", None),
        }
        for a in applications
    ]
    return Table(
        title=_("Funding applications"),
        columns=[
            Column("year", _("Funding year")),
            Column("name", _("Municipality")),
            Column("district", _("Government region")),
            Column("state", _("Status")),
            Column("guideline", _("Guideline edition")),
            Column("requested", _("Requested grant"), EURO),
            Column("granted", _("Approved amount"), EURO),
        ],
        rows=rows,
        footer={
            "year": _("Total"),
            "requested": _sum(r["requested"] for r in rows),
            "granted": _sum(r["granted"] for r in rows),
        },
    )


def financing_plan_table(application, plan=None) -> Table:
    """The financing plan: each post with its calculation, the extra items, the own contribution, the request.

    Every column adds up to the footer, except that the seconded teachers' expected costs (paid by the school
    ministry, no cost of the municipality) are listed but left out of the total; the footer says so and by how much.
    """
    plan = plan or assessed(application).plan
    rows = [
        {
            "line": line.post.title,
            "category": line.post.get_category_display(),
            "fte": line.post.fte,
            "months": line.months,
            "expected": line.cost.amount,
            "eligible": line.eligible,
            "explanation": line.explanation,
        }
        for line in plan.lines
    ]
    rows += [
        {
            "line": str(extra.rule.name),
            "category": _("Extra item"),
            "expected": extra.requested,
            "eligible": extra.eligible,
        }
        for extra in plan.extras
    ]
    rows.append(
        {"line": _("Municipal own contribution"), "category": _("Own funds"), "expected": plan.own_contribution}
    )
    total = _("Total")
    if plan.seconded_costs:
        total = _("Total without the seconded teachers (%(amount)s expected costs, paid by the school ministry)") % {
            "amount": Column("x", "", EURO).display(plan.seconded_costs)
        }
    return Table(
        title=_("Financing plan %(year)s") % {"year": application.funding_year},
        columns=[
            Column("line", _("Item"), width="xlarge"),
            Column("category", _("Category")),
            Column("fte", _("FTE"), DECIMAL),
            Column("months", _("Months"), INTEGER),
            Column("expected", _("Expected costs"), EURO),
            Column("eligible", _("Eligible"), EURO, width="large"),
            Column("explanation", _("Calculation"), width="wide"),
        ],
        rows=rows,
        footer={
            "line": total,
            "expected": plan.total_costs,
            "eligible": plan.total_eligible,
            "explanation": _("Requested grant: %(amount)s")
            % {"amount": Column("x", "", EURO).display(plan.requested if plan.requested else ZERO)},
        },
    )


def staff_plan_table(plan, costs) -> Table:
    """The staff plan's posts with their expected cost; without the names of the post holders."""
    rows = [
        {
            "title": c.post.title,
            "category": c.post.get_category_display(),
            "fte": c.post.fte,
            "source": c.post.get_funding_source_display(),
            "origin": c.post.get_origin_display(),
            "scheme": c.post.get_pay_scheme_display(),
            "grade": c.post.pay_grade,
            "starts": c.post.starts_on,
            "ends": c.post.ends_on,
            "months": c.months,
            "cost": c.amount,
        }
        for c in costs
    ]
    return Table(
        title=_("Staff plan %(year)s") % {"year": plan.year},
        columns=[
            Column("title", _("Post"), width="narrow"),
            Column("category", _("Category")),
            Column("fte", _("FTE"), DECIMAL),
            Column("source", _("Funding source"), width="xlarge"),
            Column("origin", _("Origin"), width="narrow"),
            Column("scheme", _("Pay scheme"), width="narrow"),
            Column("grade", _("Pay grade"), width="large"),
            Column("starts", _("Start"), DATE, nowrap=True),
            Column("ends", _("End"), DATE, nowrap=True),
            Column("months", _("Months filled"), INTEGER),
            Column("cost", _("Expected cost"), EURO),
        ],
        rows=rows,
        footer={
            "title": _("Total"),
            "fte": sum((c.post.fte for c in costs), ZERO),
            "cost": _sum(c.amount for c in costs),
        },
    )


def activities_table(report) -> Table:
    activities = sorted(Activity.objects.filter(report=report), key=controlling.activity_order)
    rows = [
        {
            "field": a.get_field_of_action_display(),
            "stage": a.get_education_stage_display() if a.education_stage else "",
            "kind": a.get_kind_display(),
            "title": a.title,
            "count": a.count,
            "participants": a.participants,
            "institutions": a.institutions_reached,
            "partners": ", ".join(a.partner_labels()),
        }
        for a in activities
    ]
    return Table(
        title=_("Activities: %(report)s") % {"report": report},
        columns=[
            Column("field", _("Field of action")),
            Column("stage", _("Education stage")),
            Column("kind", _("Kind")),
            Column("title", _("Title")),
            Column("count", _("Occurrences"), INTEGER),
            Column("participants", _("Participants"), INTEGER),
            Column("institutions", _("Institutions reached"), INTEGER),
            Column("partners", _("Partners advised")),
        ],
        rows=rows,
        footer={
            "field": _("Total"),
            "count": sum(r["count"] for r in rows),
            "participants": sum(r["participants"] for r in rows),
            "institutions": sum(r["institutions"] for r in rows),
        },
    )


def proof_statement_tables(statement) -> list[Table]:
    """The financial statement of a proof of use (funding's one Statement) as tables for the PDF and the export:
    expenses and income, per grant notice beside actual in € and %, each with its total; then the grant due.

    The proof page renders the same Statement object, so a line, an amount and a percentage read the same on the
    page, in the PDF and in the CSV/XLSX.
    """
    percent = Column("percent", _("Actual in %"), DECIMAL)
    expenses = Table(
        title=_("Expenses"),
        columns=[
            Column("line", _("Line of the financing plan")),
            Column("kind", _("Kind")),
            Column("planned", _("Per grant notice"), EURO),
            Column("actual", _("Actual"), EURO),
            percent,
            Column("eligible", _("Eligible"), EURO),
            Column("explanation", _("Calculation")),
        ],
        rows=[
            {
                "line": row.line.label,
                "kind": row.line.get_kind_display(),
                "planned": row.planned,
                "actual": row.actual,
                "percent": row.percent,
                "eligible": row.eligible,
                "explanation": row.explanation,
            }
            for row in statement.expenses
        ],
        footer={
            "line": _("Total expenses"),
            "planned": statement.planned_expenses,
            "actual": statement.actual_expenses,
            "percent": statement.expenses_percent,
            "eligible": statement.lines_eligible,
        },
    )
    income = Table(
        title=_("Income"),
        columns=[
            Column("line", _("Source")),
            Column("planned", _("Per grant notice"), EURO),
            Column("actual", _("Actual"), EURO),
            percent,
        ],
        rows=[
            {"line": row.label, "planned": row.planned, "actual": row.actual, "percent": row.percent}
            for row in statement.income
        ],
        footer={
            "line": _("Total income"),
            "planned": statement.planned_income,
            "actual": statement.actual_income,
            "percent": statement.income_percent,
        },
    )
    cap = ""
    if statement.annual_cap is not None and statement.personnel_eligible > statement.annual_cap:
        cap = _("capped at %(cap)s") % {"cap": format_euro(statement.annual_cap)}
    due = Table(
        title=_("Grant due"),
        columns=[
            Column("line", _("Item")),
            Column("amount", _("Amount"), EURO),
            Column("explanation", _("Calculation")),
        ],
        rows=[
            {
                "line": _("Eligible personnel costs (actual)"),
                "amount": statement.personnel_eligible,
                "explanation": cap,
            },
            {"line": _("Eligible extra items (actual)"), "amount": statement.extras_eligible},
            {"line": _("Eligible actual costs"), "amount": statement.eligible},
            {"line": _("Grant due"), "amount": statement.due, "explanation": statement.due_explanation},
            {"line": _("Paid out"), "amount": statement.paid},
            {"line": _("Overpayment"), "amount": statement.overpayment},
        ],
    )
    return [expenses, income, due]


def proof_statement_export(statement, *, year: int) -> Table:
    """The statement's expenses and income as one table for CSV/XLSX: a column names the part, and each part ends
    with its total row (sum the lines of one part, not the totals)."""
    columns = [Column("part", _("Part"))]
    parts = proof_statement_tables(statement)
    for column in parts[0].columns:
        columns.append(column)
    rows = []
    for part in parts[:2]:
        for row in [*part.rows, part.footer]:
            rows.append({"part": part.title, **row})
    return Table(title=_("Financial statement %(year)s") % {"year": year}, columns=columns, rows=rows)
