"""Writes of the staff plan: create a plan, copy it into the next year, delete a plan, remove a post."""

from datetime import date

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from kiz.concurrency import StaleObjectError, duplicate_raises, lock_row

from .costs import term_months
from .models import Post, StaffPlan


class StaffPlanError(Exception):
    """A plan cannot be created or copied; the message is German and meant for the user."""


@transaction.atomic
def staff_plan_create(*, municipality, year: int, notes: str = "", user=None) -> StaffPlan:
    """An empty staff plan of the municipality for `year`."""
    lock_row(municipality)
    if StaffPlan.objects.filter(municipality=municipality, year=year).exists():
        raise _plan_exists(year)
    plan = StaffPlan(municipality=municipality, year=year, notes=notes)
    plan._history_user = user
    with duplicate_raises(lambda: _plan_exists(year)):
        plan.save()
    return plan


def _plan_exists(year) -> StaffPlanError:
    return StaffPlanError(_("There is already a staff plan for %(year)s.") % {"year": year})


@transaction.atomic
def staff_plan_copy(*, plan: StaffPlan, year: int, user=None) -> StaffPlan:
    """Copy a plan's posts into a new plan for `year`.

    Posts whose term ended before the new year are left out; the months filled are reset to the months of the
    term in the new year (a vacancy of last year says nothing about the next). The occupant is kept: the city
    removes the name where the person leaves.
    """
    lock_row(plan.municipality)
    if StaffPlan.objects.filter(municipality_id=plan.municipality_id, year=year).exists():
        raise _plan_exists(year)
    new_plan = StaffPlan(municipality_id=plan.municipality_id, year=year, notes=plan.notes)
    new_plan._history_user = user
    with duplicate_raises(lambda: _plan_exists(year)):
        new_plan.save()
    new_year_starts = date(year, 1, 1)
    for post in plan.posts.all():
        if post.ends_on is not None and post.ends_on < new_year_starts:
            continue
        copy = Post(
            plan=new_plan,
            title=post.title,
            category=post.category,
            fte=post.fte,
            funding_source=post.funding_source,
            origin=post.origin,
            pay_scheme=post.pay_scheme,
            pay_grade=post.pay_grade,
            starts_on=post.starts_on,
            ends_on=post.ends_on,
            filled_months=0,
            occupant_name=post.occupant_name,
            position=post.position,
        )
        copy.filled_months = term_months(copy, year)
        if copy.filled_months == 0:  # starts after the new year
            continue
        copy._history_user = user
        copy.save()
    return new_plan


@transaction.atomic
def staff_plan_delete(*, plan: StaffPlan, expected_version: int | None, user=None) -> None:
    """Delete a plan with its posts, unless a submitted funding application refers to it (the record of a
    submission protects the plan it was computed from) or somebody changed the plan since the confirmation."""
    stored = StaffPlan.objects.select_for_update().filter(pk=plan.pk).values_list("version", flat=True).first()
    if stored is None or stored != expected_version:
        raise StaleObjectError
    plan._history_user = user
    try:
        with transaction.atomic():
            plan.delete()  # with its posts; the change history records each of them
    except ProtectedError as exc:
        raise StaffPlanError(
            _("The staff plan %(year)s cannot be deleted: a submitted funding application refers to it.")
            % {"year": plan.year}
        ) from exc


def next_position(plan: StaffPlan) -> int:
    last = plan.posts.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


@transaction.atomic
def post_delete(*, post: Post, expected_version: int | None, user=None) -> None:
    """Remove a post, unless somebody changed it since the confirmation page was shown (or the confirmation
    carried no version: then it cannot be told whether it is current)."""
    stored = Post.objects.select_for_update().filter(pk=post.pk).values_list("version", flat=True).first()
    if stored is None or stored != expected_version:
        raise StaleObjectError
    post._history_user = user
    post.delete()
