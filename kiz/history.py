"""The change history of an object, as rows a page can show: when, who, what changed (from → to)."""

from dataclasses import dataclass


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    date: object
    user: object
    kind: str
    changes: list[Change]


def history_entries(instance, limit: int = 20) -> list[HistoryEntry]:
    """The latest changes of a model instance with django-simple-history, newest first, in two queries at most."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=["version"])
            for change in delta.changes:
                field = instance._meta.get_field(change.field)
                changes.append(Change(str(field.verbose_name), _show(change.old), _show(change.new)))
        entries.append(
            HistoryEntry(record.history_date, record.history_user, record.get_history_type_display(), changes)
        )
    return entries


def _show(value) -> str:
    if value in (None, ""):
        return "–"
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"
