"""The application's workflow: every move of the table, who may make it, and what is refused."""

from decimal import Decimal as D

import pytest

from funding.applications.services import APPLICATION_WORKFLOW, application_decide, application_move
from funding.models import ApplicationState as S
from funding.models import GrantNotice
from kiz.models import WorkflowEvent
from kiz.workflow import TransitionBlocked, TransitionNotAllowed, events_for, moves_for, transition

from .conftest import put_in_state

pytestmark = pytest.mark.django_db

ROLES = ["editor", "lead", "council", "coordination", "authority", "bochum_lead"]
# (from, to): the one role that may make the move
TABLE = {
    (S.DRAFT, S.SUBMITTED): "lead",
    (S.SUBMITTED, S.IN_REVIEW): "authority",
    (S.SUBMITTED, S.DRAFT): "authority",
    (S.IN_REVIEW, S.DRAFT): "authority",
    (S.SUBMITTED, S.WITHDRAWN): "lead",
    (S.IN_REVIEW, S.WITHDRAWN): "lead",
    (S.IN_REVIEW, S.GRANTED): "authority",
    (S.IN_REVIEW, S.PARTIALLY_GRANTED): "authority",
    (S.IN_REVIEW, S.REJECTED): "authority",
}


def test_the_table_is_the_documented_one():
    assert {(m.source, m.target) for m in APPLICATION_WORKFLOW.moves} == set(TABLE)


def _notice(application, amount, reason=""):
    return GrantNotice(
        approved_amount=D(amount),
        period_start=application.period_start,
        period_end=application.period_end,
        file_number="36.08.01-2014/0815",
        issued_on=application.period_start,
        reason=reason,
    )


def _do(application, target, user):
    if target in (S.GRANTED, S.PARTIALLY_GRANTED):
        amount, reason = ("165000.00", "") if target == S.GRANTED else ("150000.00", "Stelle erst ab März besetzt.")
        return application_decide(
            application=application, user=user, decision=target, notice=_notice(application, amount, reason)
        )
    return application_move(application=application, to_state=target, user=user, comment="Bitte prüfen.")


@pytest.mark.parametrize(("source", "target"), list(TABLE), ids=lambda s: str(s))
@pytest.mark.parametrize("role", ROLES)
def test_every_move_and_role(request, ready, source, target, role):
    user = request.getfixturevalue(role)
    application = put_in_state(ready, source)
    if role == TABLE[(source, target)]:
        _do(application, target, user)
        application.refresh_from_db()
        assert application.state == target
        event = WorkflowEvent.objects.get()
        assert (event.from_state, event.to_state, event.user) == (source, target, user)
    else:
        with pytest.raises(TransitionNotAllowed):
            _do(application, target, user)
        application.refresh_from_db()
        assert application.state == source
        assert not WorkflowEvent.objects.exists()
        assert not GrantNotice.objects.exists()


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (S.DRAFT, S.IN_REVIEW),
        (S.DRAFT, S.WITHDRAWN),
        (S.SUBMITTED, S.REJECTED),
        (S.GRANTED, S.DRAFT),
        (S.REJECTED, S.SUBMITTED),
        (S.WITHDRAWN, S.SUBMITTED),
        (S.PARTIALLY_GRANTED, S.GRANTED),
    ],
)
@pytest.mark.parametrize("role", ["lead", "authority"])
def test_moves_outside_the_table_are_refused(request, ready, source, target, role):
    application = put_in_state(ready, source)
    with pytest.raises(TransitionNotAllowed):
        transition(obj=application, to_state=target, user=request.getfixturevalue(role))
    application.refresh_from_db()
    assert application.state == source


def test_submission_blocked_by_an_error_finding(ready, lead):
    ready.requested_grant = D("165000.01")
    ready.save()
    with pytest.raises(TransitionBlocked) as exc:
        application_move(application=ready, to_state=S.SUBMITTED, user=lead)
    assert any("165.000,01" in str(reason) for reason in exc.value.reasons)
    ready.refresh_from_db()
    assert ready.state == S.DRAFT
    assert not WorkflowEvent.objects.exists()


def test_submission_fixes_the_requested_grant_and_records_the_event(ready, lead):
    assert ready.requested_grant is None
    version = ready.version
    application_move(application=ready, to_state=S.SUBMITTED, user=lead, comment="Antrag 2014")
    ready.refresh_from_db()
    assert ready.requested_grant == D("165000.00")
    assert ready.version > version
    [event] = events_for(ready)
    assert (event.from_label, event.to_label, event.comment, event.user) == (
        "Entwurf",
        "Eingereicht",
        "Antrag 2014",
        lead,
    )


def test_return_needs_a_comment(ready, authority):
    application = put_in_state(ready, S.IN_REVIEW)
    with pytest.raises(TransitionBlocked):
        application_move(application=application, to_state=S.DRAFT, user=authority, comment="  ")
    application_move(application=application, to_state=S.DRAFT, user=authority, comment="Stellenplan korrigieren")
    application.refresh_from_db()
    assert application.state == S.DRAFT
    assert WorkflowEvent.objects.get().comment == "Stellenplan korrigieren"


def test_rejection_needs_a_comment(ready, authority):
    application = put_in_state(ready, S.IN_REVIEW)
    with pytest.raises(TransitionBlocked):
        application_move(application=application, to_state=S.REJECTED, user=authority)


def test_a_grant_goes_only_with_a_notice(ready, authority):
    application = put_in_state(ready, S.IN_REVIEW)
    with pytest.raises(TransitionBlocked):
        application_move(application=application, to_state=S.GRANTED, user=authority)
    with pytest.raises(TransitionBlocked):
        transition(obj=application, to_state=S.GRANTED, user=authority)


def test_stale_state_is_refused(ready, lead, authority):
    stale = type(ready).objects.get(pk=ready.pk)
    application_move(application=ready, to_state=S.SUBMITTED, user=lead)
    with pytest.raises(TransitionBlocked):
        application_move(application=stale, to_state=S.SUBMITTED, user=lead)


def test_moves_offered_per_role(ready, lead, editor, authority):
    application = put_in_state(ready, S.SUBMITTED)
    assert [m.target for m in moves_for(application, lead)] == [S.WITHDRAWN]
    assert moves_for(application, editor) == []
    assert [m.target for m in moves_for(application, authority)] == [S.IN_REVIEW, S.DRAFT]
