"""Reads of the staff plan pages, each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Sum

from kiz.history import Change

from .models import Post, StaffPlan


def plans_for(user, municipality=None):
    """The staff plans the user may see (one municipality's, if given), with post count and planned FTE."""
    plans = StaffPlan.objects.for_user(user).select_related("municipality")
    if municipality is not None:
        plans = plans.filter(municipality=municipality)
    return plans.annotate(post_count=Count("posts"), fte_total=Sum("posts__fte")).order_by(
        "municipality__name", "-year"
    )


def current_plan(municipality, *, year: int):
    """The staff plan of the funding year `year`, or, without one, the latest plan before it.

    A plan of a later year is never the current one: a plan prepared (or only created, still empty) for next
    year must not replace the plan the KIZ works with now.
    """
    return StaffPlan.objects.filter(municipality=municipality, year__lte=year).order_by("-year").first()


def current_plans(*, year: int):
    """`current_plan` of every municipality as a subquery over `OuterRef("pk")` of a Municipality queryset."""
    return StaffPlan.objects.filter(municipality=OuterRef("pk"), year__lte=year).order_by("-year")


@dataclass
class PostChange:
    date: object
    user: object
    kind: str
    title: str
    changes: list[Change]


def post_changes(plan, *, limit: int = 20, excluded=("version", "position")) -> list[PostChange]:
    """The latest changes to the plan's posts (deleted ones included), newest first, in one query.

    All history rows of the plan's posts are read once, so the change of each row against the post's previous
    row is computed in memory instead of a query per row.
    """
    records = list(
        Post.history.filter(plan_id=plan.pk).select_related("history_user").order_by("id", "history_date", "history_id")
    )
    previous_of = {}
    last_by_post = {}
    for record in records:
        previous_of[record.history_id] = last_by_post.get(record.id)
        last_by_post[record.id] = record
    newest = sorted(records, key=lambda r: (r.history_date, r.history_id), reverse=True)[:limit]
    excluded_fields = list(excluded)
    result = []
    for record in newest:
        changes = []
        previous = previous_of[record.history_id]
        if previous is not None and record.history_type == "~":
            for change in record.diff_against(previous, excluded_fields=excluded_fields).changes:
                field = Post._meta.get_field(change.field)
                if change.field == "occupant_name":
                    changes.append(Change(str(field.verbose_name), "…", "…"))
                    continue
                old, new = _display(field, change.old), _display(field, change.new)
                changes.append(Change(str(field.verbose_name), old, new))
        result.append(
            PostChange(
                record.history_date, record.history_user, record.get_history_type_display(), record.title, changes
            )
        )
    return result


def _display(field, value) -> str:
    if value in (None, ""):
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value).replace(".", ",") if field.get_internal_type() == "DecimalField" else str(value)
