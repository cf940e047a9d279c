"""The council process as a timeline, and the work plan's change log, prepared for the templates."""

from dataclasses import dataclass

from kiz.history import HistoryEntry

from .models import CouncilStep, WorkPlanItem


@dataclass
class TimelineEntry:
    step: CouncilStep
    state: str
    state_label: str


def timeline_entries(steps, today) -> list[TimelineEntry]:
    """Each step with its state (done, upcoming, overdue) on `today`, in the order given."""
    entries = []
    for step in steps:
        state = step.state(today)
        entries.append(TimelineEntry(step, state, CouncilStep.State(state).label))
    return entries


def work_plan_history(concept, limit: int = 20) -> list[HistoryEntry]:
    """Who added, changed or removed which goal of this version's work plan, newest first; one query."""
    records = (
        WorkPlanItem.history.filter(concept_id=concept.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    return [
        HistoryEntry(r.history_date, r.history_user, f"{r.get_history_type_display()}: {r.goal}", []) for r in records
    ]
