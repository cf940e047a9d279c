"""Indicators of a controlling report, as pure functions of its figures: no database access here.

- activities per FTE: occurrences of all activities divided by the FTE actually in place;
- coverage of the fields of action: share of the 9 fields with at least one activity, in per cent;
- coverage of the education chain: share of the 5 stages with at least one activity, in per cent;
- institutions reached: the sum over the activities.

The state average is the mean of each indicator over the reports given (reports without FTE do not count
towards the activities per FTE), computed from unrounded values and rounded once.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kiz.choices import EducationStage, FieldOfAction

FIELD_COUNT = len(FieldOfAction.choices)
STAGE_COUNT = len(EducationStage.choices)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Figures:
    """What the indicators are computed from, for one report."""

    occurrences: int = 0
    fte: Decimal = Decimal("0")
    fields: frozenset = frozenset()
    stages: frozenset = frozenset()
    institutions: int = 0


@dataclass(frozen=True)
class Indicators:
    activities_per_fte: Decimal | None
    field_coverage: Decimal
    stage_coverage: Decimal
    institutions_reached: Decimal
    reports: int = 1


def _round(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _raw(figures: Figures):
    per_fte = Decimal(figures.occurrences) / figures.fte if figures.fte > 0 else None
    fields = Decimal(len(figures.fields)) * HUNDRED / FIELD_COUNT
    stages = Decimal(len(figures.stages)) * HUNDRED / STAGE_COUNT
    return per_fte, fields, stages, Decimal(figures.institutions)


def indicators(figures: Figures) -> Indicators:
    """The indicators of one report: activities per FTE to two decimals, coverages in per cent to one."""
    per_fte, fields, stages, institutions = _raw(figures)
    return Indicators(
        activities_per_fte=None if per_fte is None else _round(per_fte, "0.01"),
        field_coverage=_round(fields, "0.1"),
        stage_coverage=_round(stages, "0.1"),
        institutions_reached=institutions,
    )


def average(all_figures: list[Figures]) -> Indicators | None:
    """The mean indicators of several reports (the state average); None without any report."""
    if not all_figures:
        return None
    raws = [_raw(f) for f in all_figures]
    per_fte = [r[0] for r in raws if r[0] is not None]
    count = Decimal(len(raws))
    return Indicators(
        activities_per_fte=_round(sum(per_fte) / len(per_fte), "0.01") if per_fte else None,
        field_coverage=_round(sum(r[1] for r in raws) / count, "0.1"),
        stage_coverage=_round(sum(r[2] for r in raws) / count, "0.1"),
        institutions_reached=_round(sum(r[3] for r in raws) / count, "0.1"),
        reports=len(raws),
    )
