"""The prerequisite check of the integration concept: plain functions that return findings, never change data."""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kiz import extensions
from kiz.choices import FocusTheme
from kiz.findings import Finding, Severity

from .selectors import adopted_concept


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age_in_years(since: date, on_date: date) -> int:
    """Completed years between two dates, as in a person's age."""
    years = on_date.year - since.year
    return years - 1 if (on_date.month, on_date.day) < (since.month, since.day) else years


def is_too_old(since: date, on_date: date, max_years: int) -> bool:
    """Older than the limit: the anniversary `max_years` after `since` lies before `on_date`."""
    return add_years(since, max_years) < on_date


@dataclass(frozen=True)
class ConceptAgeRule:
    """How old the adopted concept may be, as the guideline edition in force says (data of the edition)."""

    max_years: int
    severity: str = Severity.ERROR


def concept_age_rule(on_date: date) -> ConceptAgeRule | None:
    """The concept age rule in force on a date. The concepts app knows no guideline edition: the app that keeps
    them answers through its ``hooks`` module (kiz.extensions.answer); None when no edition is in force."""
    return extensions.answer("concept_age_rule", on_date=on_date)


def concept_too_old(since: date | None, on_date: date, rule: ConceptAgeRule | None) -> bool:
    """Whether a concept adopted on `since` is older on `on_date` than the rule allows (never without a rule)."""
    return since is not None and rule is not None and is_too_old(since, on_date, rule.max_years)


def content_findings(concept) -> list[Finding]:
    """What a version itself lacks: an empty focus theme (text or work plan), the organisational anchoring.

    Expects the work plan to be prefetched (``work_plan``) when called for many concepts.
    """
    findings = []
    planned = {item.theme for item in concept.work_plan.all()}
    for theme in FocusTheme:
        text_missing = not concept.theme_text(theme).strip()
        plan_missing = theme not in planned
        if not (text_missing or plan_missing):
            continue
        if text_missing and plan_missing:
            message = _("The focus theme “%(theme)s” has neither a description nor a work plan.")
        elif text_missing:
            message = _("The focus theme “%(theme)s” has no description.")
        else:
            message = _("The focus theme “%(theme)s” has no work plan (goals and measures).")
        findings.append(
            Finding(
                code="focus_theme_empty",
                severity=Severity.ERROR,
                message=message % {"theme": theme.label},
                field=theme.value,
                numbers={"text_missing": text_missing, "work_plan_missing": plan_missing},
            )
        )
    if not concept.anchoring_text.strip():
        findings.append(
            Finding(
                code="anchoring_missing",
                severity=Severity.ERROR,
                message=_("The concept does not describe the organisational anchoring of the KIZ."),
                field="anchoring_text",
            )
        )
    return findings


def prerequisite_findings(municipality, on_date, *, age_rule: ConceptAgeRule | None = None) -> list[Finding]:
    """The prerequisites of the integration concept for funding, judged on `on_date`.

    The age limit is data of the guideline edition: the caller passes the edition's rule, or it is asked of the
    edition in force on `on_date` (`concept_age_rule`). Without an edition in force, the age is not judged.
    """
    concept = adopted_concept(municipality, on_date)
    if concept is None:
        return [
            Finding(
                code="concept_missing",
                severity=Severity.ERROR,
                message=_("On %(date)s the council had not adopted an integration concept for %(municipality)s.")
                % {"date": date_format(on_date, "d.m.Y"), "municipality": municipality.name},
                field="concept",
            )
        ]
    findings = []
    if not concept.has_resolution:
        findings.append(
            Finding(
                code="resolution_missing",
                severity=Severity.ERROR,
                message=_("No council resolution has been recorded for the adopted version %(number)s.")
                % {"number": concept.number},
                field="resolution_date",
            )
        )
    since = concept.resolution_date or concept.adopted_on
    if age_rule is None:
        age_rule = concept_age_rule(on_date)
    if concept_too_old(since, on_date, age_rule):
        age = age_in_years(since, on_date)
        max_concept_age_years = age_rule.max_years
        findings.append(
            Finding(
                code="concept_too_old",
                severity=age_rule.severity,
                message=_(
                    "The council adopted the concept on %(resolution)s; on %(date)s it is %(age)s years old, "
                    "more than the %(limit)s years the guideline allows."
                )
                % {
                    "resolution": date_format(since, "d.m.Y"),
                    "date": date_format(on_date, "d.m.Y"),
                    "age": age,
                    "limit": max_concept_age_years,
                },
                field="resolution_date",
                numbers={"resolution_date": since, "age_years": age, "max_age_years": max_concept_age_years},
            )
        )
    findings.extend(content_findings(concept))
    return findings
