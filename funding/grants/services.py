"""Writes after the grant: call-offs, through the workflow service and its event log.

The lead requests (`calloff_request`, `calloff_update` while requested), the authority marks paid with the date
(`calloff_mark_paid`) or rejects with a comment (`calloff_move`).
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kiz import policy
from kiz.concurrency import save_versioned
from kiz.freshness import data_changed
from kiz.workflow import Move, TransitionBlocked, TransitionNotAllowed, Workflow, register, transition

from ..applications.models import ApplicationState as A
from ..applications.models import FundingApplication
from .budget import grant_budget, item_labels
from .models import CallOff, CallOffPayment, CallOffState
from .rules import PaymentEntry, calloff_findings, expected_payout

GRANTED_STATES = (A.GRANTED, A.PARTIALLY_GRANTED)


def _authority(user, obj) -> bool:
    return policy.can_review(user)


def _paid_on_set(call_off) -> list[str]:
    return [] if call_off.paid_on else [_("Please give the date of the payout.")]


C = CallOffState
CALLOFF_WORKFLOW = register(
    Workflow(
        model=CallOff,
        moves=[
            Move(C.REQUESTED, C.PAID, _authority, gettext_lazy("Mark as paid"), guard=_paid_on_set),
            Move(C.REQUESTED, C.REJECTED, _authority, gettext_lazy("Reject call-off"), comment_required=True),
        ],
    )
)

# --- reading helpers that several pages share --------------------------------------------------------------


def is_granted(application) -> bool:
    return application.state in GRANTED_STATES and getattr(application, "notice", None) is not None


def budget_for(application, *, call_offs=None):
    """The grant budget per item; `call_offs` may be passed in when the page has loaded them already."""
    if call_offs is None:
        call_offs = list(application.call_offs.all())
    return grant_budget(application, application.notice, call_offs)


def check_calloff(*, application, payments, amount, requested_on, call_off=None, call_offs=None):
    """The findings for a call-off before it is saved (the form and the service use the same check)."""
    budget = budget_for(application, call_offs=call_offs)
    own = Decimal("0.00")
    if call_off is not None and call_off.pk and call_off.state != CallOffState.REJECTED:
        own = CallOff.objects.filter(pk=call_off.pk).values_list("amount", flat=True).first() or own
    return calloff_findings(
        budget=budget,
        amount=amount,
        payments=payments,
        payout_on=expected_payout(requested_on, call_off.paid_on if call_off else None),
        labels=item_labels(application.guideline),
        own_amount=own,
    )


def _refuse_errors(findings):
    errors = [f for f in findings if f.is_error]
    if errors:
        raise ValidationError({f.field or "__all__": [f.message] for f in errors})


@transaction.atomic
def calloff_request(*, application, user, payments: list[PaymentEntry], justification: str, requested_on=None):
    """The lead calls off funds for the payments; refused (ValidationError) above what remains of the item."""
    if not policy.can_submit(user, application.municipality):
        raise TransitionNotAllowed(_("Only the KIZ lead may call off funds."))
    # lock the application so that two call-offs at the same time cannot both pass the limit
    application = (
        FundingApplication.objects.select_for_update(of=("self",))
        .select_related("notice", "guideline")
        .get(pk=application.pk)
    )
    if not is_granted(application):
        raise ValidationError(_("Funds can only be called off against a granted application."))
    requested_on = requested_on or timezone.localdate()
    amount = sum((p.amount for p in payments), Decimal("0.00"))
    _refuse_errors(check_calloff(application=application, payments=payments, amount=amount, requested_on=requested_on))
    call_off = CallOff.objects.create(
        application=application,
        item=payments[0].item,
        amount=amount,
        justification=justification,
        requested_by=user,
        requested_on=requested_on,
    )
    _save_payments(call_off, payments)
    return call_off


def _save_payments(call_off, payments):
    for payment in call_off.payments.all():
        payment.delete()  # one by one, so that the change history records each payment
    for p in payments:
        CallOffPayment.objects.create(
            call_off=call_off, item=p.item, description=p.description, amount=p.amount, due_on=p.due_on
        )


@transaction.atomic
def calloff_update(*, call_off, user, payments: list[PaymentEntry], justification: str, expected_version):
    """Correct a requested call-off (version-checked; StaleObjectError if somebody else changed it)."""
    if not (call_off.is_requested and policy.can_submit(user, call_off.municipality)):
        raise TransitionNotAllowed(_("This call-off can no longer be changed."))
    FundingApplication.objects.select_for_update().filter(pk=call_off.application_id).first()
    amount = sum((p.amount for p in payments), Decimal("0.00"))
    _refuse_errors(
        check_calloff(
            application=call_off.application,
            payments=payments,
            amount=amount,
            requested_on=call_off.requested_on,
            call_off=call_off,
        )
    )
    call_off.item = payments[0].item
    call_off.amount = amount
    call_off.justification = justification
    save_versioned(call_off, expected_version=expected_version)
    _save_payments(call_off, payments)
    return call_off


@transaction.atomic
def calloff_mark_paid(*, call_off, user, paid_on: date, comment: str = ""):
    """The authority records the payout with its date."""
    if not policy.can_review(user):
        raise TransitionNotAllowed(_("This step is not possible for you in the current state."))
    call_off.paid_on = paid_on
    CallOff.objects.filter(pk=call_off.pk, state=CallOffState.REQUESTED).update(paid_on=paid_on)
    data_changed()
    return transition(obj=call_off, to_state=CallOffState.PAID, user=user, comment=comment)


@transaction.atomic
def calloff_move(*, call_off, to_state, user, comment: str = ""):
    if to_state == CallOffState.PAID:
        raise TransitionBlocked([_("A payout is recorded with its date.")])
    return transition(obj=call_off, to_state=to_state, user=user, comment=comment)
