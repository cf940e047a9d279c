"""What changed in a financing plan: between two submitted revisions, since the last one in the draft being
corrected, or between the record and the live staff plan. Posts are matched by the staff plan's post they were
taken from, so a renamed post is one post changed, not one removed and one added."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from kiz.money import format_decimal, format_euro

from .financing import FinancingPlan

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PlanChange:
    kind: str  # "added", "removed", "changed"
    subject: str  # the post, extra item or total
    what: str = ""  # the changed figure
    old: str = ""
    new: str = ""


def _post_key(line) -> object:
    post = line.post
    return getattr(post, "source_post_id", None) or post.pk or post.title


_POST_FIGURES = (
    ("fte", lambda line: line.post.fte, format_decimal),
    ("months", lambda line: line.months, str),
    ("expected", lambda line: line.cost.amount, format_euro),
    ("eligible", lambda line: line.eligible, format_euro),
)
_TOTAL_FIGURES = ("expected_personnel", "personnel_eligible", "total_eligible", "requested", "total_costs")


def _labels():
    return {
        "fte": _("FTE"),
        "months": _("Months"),
        "expected": _("Expected costs"),
        "eligible": _("Eligible"),
        "title": _("Post"),
        "requested_extra": _("Requested"),
        "expected_personnel": _("Expected personnel costs"),
        "personnel_eligible": _("Eligible personnel costs"),
        "total_eligible": _("Total eligible costs"),
        "requested": _("Requested grant"),
        "total_costs": _("Total costs"),
    }


def _shown(value, formatter) -> str:
    return "–" if value is None else formatter(value)


def plan_changes(old: FinancingPlan, new: FinancingPlan) -> list[PlanChange]:
    """What differs from `old` to `new`: posts added or removed, figures of a post changed, extra items and totals."""
    labels = _labels()
    changes = []
    before = {_post_key(line): line for line in old.lines}
    after = {_post_key(line): line for line in new.lines}
    for key, line in after.items():
        if key not in before:
            changes.append(PlanChange("added", line.post.title, labels["eligible"], "", format_euro(line.eligible)))
            continue
        previous = before[key]
        if previous.post.title != line.post.title:
            changes.append(
                PlanChange("changed", line.post.title, labels["title"], previous.post.title, line.post.title)
            )
        for name, value, formatter in _POST_FIGURES:
            if value(previous) != value(line):
                changes.append(
                    PlanChange(
                        "changed",
                        line.post.title,
                        labels[name],
                        _shown(value(previous), formatter),
                        _shown(value(line), formatter),
                    )
                )
    for key, line in before.items():
        if key not in after:
            changes.append(PlanChange("removed", line.post.title, labels["eligible"], format_euro(line.eligible), ""))
    extras_before = {extra.rule.pk: extra for extra in old.extras}
    for extra in new.extras:
        previous = extras_before.get(extra.rule.pk)
        old_amount = previous.requested if previous else ZERO
        if old_amount != extra.requested:
            changes.append(
                PlanChange(
                    "changed",
                    extra.rule.name,
                    labels["requested_extra"],
                    format_euro(old_amount),
                    format_euro(extra.requested),
                )
            )
    for name in _TOTAL_FIGURES:
        if getattr(old, name) != getattr(new, name):
            changes.append(
                PlanChange(
                    "changed",
                    labels[name],
                    "",
                    format_euro(getattr(old, name)),
                    format_euro(getattr(new, name)),
                )
            )
    return changes
