"""The change history of an object, as rows a page can show: when, who, what changed (from → to)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .money import format_decimal


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
                changes.append(Change(str(field.verbose_name), _show(field, change.old), _show(field, change.new)))
            if not changes:
                continue  # saved without a change of content
        entries.append(
            HistoryEntry(record.history_date, record.history_user, record.get_history_type_display(), changes)
        )
    return entries


def _show(field, value) -> str:
    """A stored value as the pages show it: choice labels, ja/nein, German dates and numbers."""
    if value in (None, ""):
        return "–"
    if field.choices:
        value = dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return date_format(value, "d.m.Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "d.m.Y")
    if isinstance(value, Decimal):
        return format_decimal(value, -value.as_tuple().exponent if value.as_tuple().exponent < 0 else 0)
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"
