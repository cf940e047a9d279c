"""The change history of an object, as rows a page can show: when, who, what changed (from → to)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.text import capfirst
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


def page_label(field) -> str:
    """A field's label as a form shows it: its verbose name with a capital first letter."""
    return capfirst(str(field.verbose_name))


def history_entries(instance, limit: int = 20, *, label=None) -> list[HistoryEntry]:
    """The latest changes of a model instance with django-simple-history, newest first, in two queries at most.

    `label(field)` names a field as the object's page does (default: its verbose name).
    """
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
                name = label(field) if label else str(field.verbose_name)
                changes.append(Change(name, _show(field, change.old), _show(field, change.new)))
            if not changes:
                continue  # saved without a change of content
        entries.append(
            HistoryEntry(record.history_date, record.history_user, record.get_history_type_display(), changes)
        )
    return entries


def part_entries(records, *, fields, label, before=None, limit: int = 20) -> list[HistoryEntry]:
    """The changes of the rows that make up an object, newest first, one query: e.g. the amounts requested for
    the extra items of an application, or the actual amounts and months of a proof of use's lines.

    `records` are the rows' historical records (e.g. ``ApplicationItem.history.filter(application_id=…)``);
    `fields` the money fields to show; `label(record, field_name)` the figure's label as the page shows it;
    `before(record)` the values a row had before its first record, for rows created without one (bulk-created).
    A row created shows "– → amount", a row removed "amount → –".
    """
    rows = list(records.select_related("history_user").order_by("history_date", "history_id"))
    latest = {}
    entries = []
    for record in rows:
        previous = latest.get(record.id)
        if record.history_type == "+":
            old_values = dict.fromkeys(fields)
        elif previous is not None:
            old_values = {name: getattr(previous, name) for name in fields}
        else:
            old_values = before(record) if before else dict.fromkeys(fields)
        new_values = dict.fromkeys(fields) if record.history_type == "-" else {n: getattr(record, n) for n in fields}
        latest[record.id] = record
        changes = [
            Change(
                label(record, name),
                _show(record._meta.get_field(name), old_values[name]),
                _show(record._meta.get_field(name), new_values[name]),
            )
            for name in fields
            if old_values[name] != new_values[name]
        ]
        if changes:
            entries.append(
                HistoryEntry(record.history_date, record.history_user, record.get_history_type_display(), changes)
            )
    return list(reversed(entries))[:limit]


def merged(*entry_lists, limit: int = 40) -> list[HistoryEntry]:
    """Several objects' entries in one list, newest first."""
    entries = [entry for entries in entry_lists for entry in entries]
    return sorted(entries, key=lambda entry: entry.date, reverse=True)[:limit]


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
