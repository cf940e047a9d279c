"""Eligibility: the findings of an application, judged by its guideline edition against its financing plan.

`application_findings(application)` is the one rule check; the form (live, via htmx), the submit step, the
application page and the PDF all show its result. It does not write to the database and runs a constant
number of queries whatever the size of the staff plan.
"""

from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from concepts.rules import prerequisite_findings
from kiz.findings import Finding, Severity
from kiz.money import format_decimal, format_euro
from staffing import costs

from ..guidelines.rules import Share, concept_age_rule
from .financing import ZERO, FinancingPlan, financing_plan

MONTHS = 12


def _peak_fte(posts, year) -> Decimal:
    """The highest FTE in any month of the year, so that a post and its successor are not counted twice."""
    per_month = dict.fromkeys(range(1, MONTHS + 1), ZERO)
    for post in posts:
        for month in costs.active_months(post, year):
            per_month[month] += post.fte
    return max(per_month.values())


def _post_field(post) -> str:
    return f"post:{post.pk}"


def _finding(code, severity, message, field="", **numbers) -> Finding:
    return Finding(code=code, severity=severity, message=message, field=field, numbers=numbers)


def _period_findings(application, guideline) -> list[Finding]:
    period = {
        "start": application.period_start.strftime("%d.%m.%Y"),
        "end": application.period_end.strftime("%d.%m.%Y"),
    }
    if guideline is None:
        return [
            _finding(
                "period_outside_guideline",
                Severity.ERROR,
                _("No guideline edition is in force for the funding period %(start)s – %(end)s.") % period,
                "period_start",
                period_start=application.period_start,
                period_end=application.period_end,
            )
        ]
    if guideline.covers(application.period_start, application.period_end):
        return []
    period["name"] = guideline.name
    period["from"] = guideline.valid_from.strftime("%d.%m.%Y")
    period["until"] = guideline.valid_until.strftime("%d.%m.%Y") if guideline.valid_until else "–"
    return [
        _finding(
            "period_outside_guideline",
            Severity.ERROR,
            _(
                "The funding period %(start)s – %(end)s is not covered by the edition “%(name)s” "
                "(valid %(from)s – %(until)s)."
            )
            % period,
            "period_end",
            period_start=application.period_start,
            period_end=application.period_end,
            valid_from=guideline.valid_from,
            valid_until=guideline.valid_until,
        )
    ]


def _fte_findings(plan: FinancingPlan, year: int) -> list[Finding]:
    findings = []
    guideline = plan.guideline
    active_lines = [line for line in plan.lines if line.term_months > 0]
    seen = set()
    for line in active_lines:
        rule = line.rule
        if rule is None or rule.pk in seen or rule.max_fte is None:
            continue
        seen.add(rule.pk)
        posts = [
            other.post
            for other in active_lines
            if other.rule is not None and other.rule.pk == rule.pk and other.share != Share.OWN
        ]
        planned = _peak_fte(posts, year)
        if planned > rule.max_fte:
            findings.append(
                _finding(
                    "category_fte_over_max",
                    Severity.ERROR,
                    _("%(rule)s: %(planned)s FTE planned, the edition allows at most %(max)s FTE.")
                    % {"rule": rule.label, "planned": format_decimal(planned), "max": format_decimal(rule.max_fte)},
                    "posts",
                    rule=rule.label,
                    categories=list(rule.categories),
                    planned=planned,
                    max=rule.max_fte,
                )
            )
    # Municipal posts: those the grant funds under the edition (seconded teachers are outside the grant).
    municipal = [line.post for line in active_lines if line.share == Share.GRANT]
    planned = _peak_fte(municipal, year)
    maximum = guideline.max_fte(plan.group)
    if planned > maximum:
        findings.append(
            _finding(
                "municipal_fte_over_max",
                Severity.ERROR,
                _("Municipal posts funded by the grant: %(planned)s FTE planned, at most %(max)s FTE allowed.")
                % {"planned": format_decimal(planned), "max": format_decimal(maximum)},
                "posts",
                planned=planned,
                max=maximum,
            )
        )
    return findings


def _post_findings(plan: FinancingPlan, year: int) -> list[Finding]:
    findings = []
    year_end = date(year, 12, 31)
    for line in plan.lines:
        post = line.post
        where = _post_field(post)
        if line.share == Share.NOT_FUNDED and line.rule is not None:
            findings.append(
                _finding(
                    "post_outside_grant",
                    Severity.ERROR,
                    _(
                        "“%(title)s” is entered as funded by the state grant, but the edition keeps such posts "
                        "outside the grant (%(rule)s)."
                    )
                    % {"title": post.title, "rule": line.rule.label},
                    where,
                    post=post.pk,
                    fte=post.fte,
                    rule=line.rule.label,
                )
            )
        if line.cost.amount is None and line.rule is not None and line.rule.funded:
            findings.append(
                _finding(
                    "pay_rate_missing",
                    Severity.WARNING,
                    _("“%(title)s”: no annual cost rate for %(grade)s in %(year)s; expected costs counted as 0,00 €.")
                    % {"title": post.title, "grade": post.pay_grade, "year": year},
                    where,
                    post=post.pk,
                )
            )
        if post.ends_on is not None and date(year, 1, 1) <= post.ends_on < year_end:
            findings.append(
                _finding(
                    "term_ends_in_year",
                    Severity.WARNING,
                    _(
                        "“%(title)s” ends on %(end)s: %(months)s of 12 months in the funding year, costs pro-rated "
                        "(%(eligible)s eligible)."
                    )
                    % {
                        "title": post.title,
                        "end": post.ends_on.strftime("%d.%m.%Y"),
                        "months": line.term_months,
                        "eligible": format_euro(line.eligible),
                    },
                    where,
                    post=post.pk,
                    ends_on=post.ends_on,
                    months=line.term_months,
                    eligible=line.eligible,
                )
            )
        if line.months < line.term_months:
            findings.append(
                _finding(
                    "vacancy_prorated",
                    Severity.WARNING,
                    _(
                        "“%(title)s” is filled for %(filled)s of %(term)s months; costs pro-rated to %(months)s "
                        "months (%(eligible)s eligible)."
                    )
                    % {
                        "title": post.title,
                        "filled": post.filled_months,
                        "term": line.term_months,
                        "months": line.months,
                        "eligible": format_euro(line.eligible),
                    },
                    where,
                    post=post.pk,
                    filled_months=post.filled_months,
                    term_months=line.term_months,
                    months=line.months,
                    eligible=line.eligible,
                )
            )
    return findings


def _grant_findings(plan: FinancingPlan) -> list[Finding]:
    findings = []
    for line in plan.extras:
        if line.requested > line.rule.max_amount:
            findings.append(
                _finding(
                    "extra_item_above_max",
                    Severity.ERROR,
                    _("%(item)s: %(requested)s requested, at most %(max)s a year are eligible.")
                    % {
                        "item": line.rule.name,
                        "requested": format_euro(line.requested),
                        "max": format_euro(line.rule.max_amount),
                    },
                    f"extra_{line.rule.pk}",
                    requested=line.requested,
                    max=line.rule.max_amount,
                )
            )
    if plan.requested > plan.cap_with_extras:
        findings.append(
            _finding(
                "grant_above_cap",
                Severity.ERROR,
                _(
                    "The requested grant of %(requested)s is above the cap of %(cap)s (personnel at most %(personnel)s "
                    "plus extra items %(extras)s)."
                )
                % {
                    "requested": format_euro(plan.requested),
                    "cap": format_euro(plan.cap_with_extras),
                    "personnel": format_euro(plan.annual_cap),
                    "extras": format_euro(plan.extras_eligible),
                },
                "requested_grant",
                requested=plan.requested,
                cap=plan.cap_with_extras,
                annual_cap=plan.annual_cap,
            )
        )
    if plan.requested > plan.total_eligible:
        findings.append(
            _finding(
                "grant_above_eligible",
                Severity.ERROR,
                _("The requested grant of %(requested)s is above the eligible costs of %(eligible)s.")
                % {"requested": format_euro(plan.requested), "eligible": format_euro(plan.total_eligible)},
                "requested_grant",
                requested=plan.requested,
                eligible=plan.total_eligible,
            )
        )
    return findings


def _raa_findings(application, guideline) -> list[Finding]:
    if not application.raa_transition:
        return []
    deadline = guideline.raa_transition_until
    if deadline is None:
        return [
            _finding(
                "raa_transition_expired",
                Severity.ERROR,
                _("The edition “%(name)s” has no transitional rule for former RAA.") % {"name": guideline.name},
                "raa_transition",
                deadline=None,
            )
        ]
    values = {"deadline": deadline.strftime("%d.%m.%Y"), "start": application.period_start.strftime("%d.%m.%Y")}
    if application.period_start > deadline:
        return [
            _finding(
                "raa_transition_expired",
                Severity.ERROR,
                _("The transitional rule for former RAA ended on %(deadline)s; the funding period starts on %(start)s.")
                % values,
                "raa_transition",
                deadline=deadline,
                period_start=application.period_start,
            )
        ]
    if application.period_end > deadline:
        return [
            _finding(
                "raa_transition_expired",
                Severity.WARNING,
                _("The transitional rule for former RAA ends on %(deadline)s, within the funding period.") % values,
                "raa_transition",
                deadline=deadline,
                period_end=application.period_end,
            )
        ]
    return []


def _window_findings(application, guideline, on_date) -> list[Finding]:
    """An application made outside the edition's application window (judged on the day of the check, which for a
    submitted application is the day it was submitted: its findings are frozen then)."""
    window = guideline.application_window(application.funding_year)
    if window is None or window[0] <= on_date <= window[1]:
        return []
    values = {
        "year": application.funding_year,
        "opens": window[0].strftime("%d.%m.%Y"),
        "closes": window[1].strftime("%d.%m.%Y"),
        "date": on_date.strftime("%d.%m.%Y"),
    }
    return [
        _finding(
            "outside_application_window",
            Severity.WARNING,
            _(
                "Applications for the funding year %(year)s are made from %(opens)s to %(closes)s; this application "
                "is made on %(date)s, outside the window."
            )
            % values,
            "funding_year",
            opens=window[0],
            closes=window[1],
            applied_on=on_date,
        )
    ]


def assess(application, *, extras: dict | None = None, on_date=None) -> tuple[FinancingPlan, list[Finding]]:
    """The financing plan and the findings together, computed once (what the pages show)."""
    plan = financing_plan(application, extras=extras)
    guideline = plan.guideline
    findings = list(_period_findings(application, guideline))
    if guideline is None:
        return plan, findings
    findings += prerequisite_findings(
        application.municipality, application.period_start, age_rule=concept_age_rule(guideline)
    )
    if plan.staff_plan is None:
        findings.append(
            _finding(
                "staff_plan_missing",
                Severity.ERROR,
                _("There is no staff plan for %(year)s; the personnel costs cannot be calculated.")
                % {"year": application.funding_year},
                "posts",
                year=application.funding_year,
            )
        )
    findings += _fte_findings(plan, application.funding_year)
    findings += _post_findings(plan, application.funding_year)
    findings += _grant_findings(plan)
    findings += _raa_findings(application, guideline)
    findings += _window_findings(application, guideline, on_date or timezone.localdate())
    return plan, findings


def application_findings(application, *, extras: dict | None = None) -> list[Finding]:
    """Every finding of the rule check for an application; errors block submission, warnings inform."""
    return assess(application, extras=extras)[1]
