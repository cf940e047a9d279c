"""Writes after the grant: call-offs and proofs of use, through the same workflow service and event log.

Call-offs: the lead requests (`calloff_request`, `calloff_update` while requested), the authority marks paid with
the date (`calloff_mark_paid`) or rejects with a comment (`calloff_move`). Proofs of use: created from the
financing plan (`proof_create`), edited as drafts, submitted by the lead, taken into review, checked with the
computed repayment and interest (`proof_check`), and closed by the authority (`proof_move`).
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
from kiz.findings import has_errors
from staffing.models import FundingSource

from .interest import Payout, overpayment_interest, total_interest
from .models import ApplicationState as A
from .models import (
    BaseRate,
    CallOff,
    CallOffPayment,
    CallOffState,
    FundingApplication,
    ProofLine,
    ProofLineKind,
    ProofOfUse,
    ProofState,
    extra_item_key,
)
from .rules import financing_plan
from .rules_money import (
    PaymentEntry,
    calloff_findings,
    expected_payout,
    grant_budget,
    item_labels,
    proof_findings,
    proof_statement,
)
from .workflow import Move, TransitionBlocked, TransitionNotAllowed, Workflow, register, transition

GRANTED_STATES = (A.GRANTED, A.PARTIALLY_GRANTED)
STATE_GRANT = FundingSource.LANDESZUSCHUSS
OWN_FIELDS = ["own_rooms", "own_admin_travel", "own_material", "own_project_funds"]


def _lead(user, obj) -> bool:
    return policy.can_submit(user, obj.municipality)


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


def _proof_complete(proof) -> list[str]:
    findings = proof_findings(statement_for(proof))
    if not has_errors(findings):
        return []
    return [_("The financial statement is incomplete; please correct it before submitting.")] + [
        f.message for f in findings if f.is_error
    ]


def _checked(proof) -> list[str]:
    return [] if proof.checked_on else [_("The check must be recorded with its result.")]


P = ProofState
PROOF_WORKFLOW = register(
    Workflow(
        model=ProofOfUse,
        moves=[
            Move(P.DRAFT, P.SUBMITTED, _lead, gettext_lazy("Submit"), guard=_proof_complete),
            Move(P.SUBMITTED, P.IN_REVIEW, _authority, gettext_lazy("Take into review")),
            Move(P.SUBMITTED, P.DRAFT, _authority, gettext_lazy("Return for correction"), comment_required=True),
            Move(P.IN_REVIEW, P.DRAFT, _authority, gettext_lazy("Return for correction"), comment_required=True),
            Move(P.IN_REVIEW, P.CHECKED, _authority, gettext_lazy("Record the check"), guard=_checked),
            Move(P.CHECKED, P.CLOSED, _authority, gettext_lazy("Close")),
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


def statement_for(proof, *, application=None, lines=None):
    application = application or proof.application
    if lines is None:
        lines = list(proof.lines.all())
    paid = sum(
        (c.amount for c in application.call_offs.all() if c.state == CallOffState.PAID),
        Decimal("0.00"),
    )
    return proof_statement(proof=proof, application=application, notice=application.notice, lines=lines, paid=paid)


def base_rates() -> list[tuple]:
    return list(BaseRate.objects.order_by("valid_from").values_list("valid_from", "rate"))


# --- call-offs ----------------------------------------------------------------------------------------------


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
    return transition(obj=call_off, to_state=CallOffState.PAID, user=user, comment=comment)


@transaction.atomic
def calloff_move(*, call_off, to_state, user, comment: str = ""):
    if to_state == CallOffState.PAID:
        raise TransitionBlocked([_("A payout is recorded with its date.")])
    return transition(obj=call_off, to_state=to_state, user=user, comment=comment)


# --- proofs of use ------------------------------------------------------------------------------------------


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def proof_year_problem(application, year: int) -> str:
    """Why a proof of use cannot be made for the year (outside the grant's funding period, or a second one)."""
    notice = application.notice
    if not notice.period_start.year <= year <= notice.period_end.year:
        return _("The year %(year)s is outside the funding period of the grant (%(start)s – %(end)s).") % {
            "year": year,
            "start": notice.period_start.strftime("%d.%m.%Y"),
            "end": notice.period_end.strftime("%d.%m.%Y"),
        }
    if ProofOfUse.objects.filter(application=application, year=year).exists():
        return _("There is already a proof of use for this year.")
    return ""


@transaction.atomic
def proof_create(*, application, year: int, user) -> ProofOfUse:
    """A draft proof of use whose lines derive from the financing plan: posts (with the months in post from the
    staff plan), the edition's extra items, and the municipal own contribution."""
    if not policy.can_edit(user, application.municipality):
        raise TransitionNotAllowed(_("This step is not possible for you in the current state."))
    if not is_granted(application):
        raise ValidationError(_("A proof of use needs a granted application."))
    problem = proof_year_problem(application, year)
    if problem:
        raise ValidationError({"year": problem})
    proof = ProofOfUse.objects.create(application=application, year=year)
    plan = financing_plan(application)
    lines = []
    for line in plan.lines:
        post = line.post
        if post.funding_source == FundingSource.LEHRKRAFT_MSW:
            continue  # seconded teachers are no cost of the municipality's financing plan
        lines.append(
            ProofLine(
                proof=proof,
                kind=ProofLineKind.POST,
                key=f"post:{post.pk}",
                label=post.title,
                planned=line.expected,
                category=post.category,
                funding_source=post.funding_source,
                fte=post.fte,
                planned_months=line.months,
                months=line.months,
            )
        )
    for extra in plan.extras:
        lines.append(
            ProofLine(
                proof=proof,
                kind=ProofLineKind.EXTRA,
                key=extra_item_key(extra.rule.pk),
                label=extra.rule.name,
                planned=extra.eligible,
            )
        )
    for name in OWN_FIELDS:
        field = FundingApplication._meta.get_field(name)
        lines.append(
            ProofLine(
                proof=proof,
                kind=ProofLineKind.OWN,
                key=name,
                label=_upper_first(str(field.verbose_name)),
                planned=getattr(application, name),
            )
        )
    for position, line in enumerate(lines):
        line.position = position
    ProofLine.objects.bulk_create(lines)
    return proof


@transaction.atomic
def proof_update(*, form, line_values: dict, field: str) -> ProofOfUse:
    """Save a draft from its form (version-checked) with the lines' values: `field` is "actual" or "months"."""
    proof = form.save_checked()
    for line in proof.lines.all():
        if line.pk in line_values and getattr(line, field) != line_values[line.pk]:
            setattr(line, field, line_values[line.pk])
            line.save(update_fields=[field])
    return proof


@transaction.atomic
def proof_move(*, proof, to_state, user, comment: str = ""):
    """A workflow step of the proof; on submission the date is recorded (retention: five years from it)."""
    if to_state == ProofState.CHECKED:
        raise TransitionBlocked([_("The check is recorded with its result on the check page.")])
    if to_state == ProofState.SUBMITTED:
        proof.submitted_on = timezone.localdate()
        ProofOfUse.objects.filter(pk=proof.pk, state=ProofState.DRAFT).update(submitted_on=proof.submitted_on)
    return transition(obj=proof, to_state=to_state, user=user, comment=comment)


def interest_for(*, statement, payouts, repaid_on):
    """The interest calculations for the statement's overpayment; empty without an overpayment."""
    if statement.overpayment <= 0 or repaid_on is None:
        return []
    return overpayment_interest(
        overpayment=statement.overpayment, payouts=payouts, repaid_on=repaid_on, base_rates=base_rates()
    )


@transaction.atomic
def proof_check(*, proof, user, payouts: list[Payout], repaid_on, repayment_due_on, note: str = ""):
    """Record the authority's check: eligible costs, grant due, overpayment, repayment and interest, then move
    the proof to "checked" (with or without a repayment demand)."""
    if not policy.can_review(user):
        raise TransitionNotAllowed(_("This step is not possible for you in the current state."))
    statement = statement_for(proof)
    calculations = interest_for(statement=statement, payouts=payouts, repaid_on=repaid_on)
    proof.checked_on = timezone.localdate()
    proof.eligible_costs = statement.eligible
    proof.grant_due = statement.due
    proof.paid_total = statement.paid
    proof.check_note = note
    if statement.overpayment > 0:
        proof.repayment_amount = statement.overpayment
        proof.repayment_due_on = repayment_due_on
        proof.interest_until = repaid_on
        proof.interest_amount = total_interest(calculations)
        proof.interest_payouts = [{"paid_on": p.paid_on.isoformat(), "amount": str(p.amount)} for p in payouts]
    else:
        proof.repayment_amount = Decimal("0.00")
        proof.repayment_due_on = proof.interest_until = proof.interest_amount = None
        proof.interest_payouts = []
    ProofOfUse.objects.filter(pk=proof.pk).update(
        checked_on=proof.checked_on,
        eligible_costs=proof.eligible_costs,
        grant_due=proof.grant_due,
        paid_total=proof.paid_total,
        check_note=proof.check_note,
        repayment_amount=proof.repayment_amount,
        repayment_due_on=proof.repayment_due_on,
        interest_until=proof.interest_until,
        interest_amount=proof.interest_amount,
        interest_payouts=proof.interest_payouts,
    )
    return transition(obj=proof, to_state=ProofState.CHECKED, user=user, comment=note)


@transaction.atomic
def base_rate_save(*, valid_from: date, rate, user) -> BaseRate:
    """Record the base rate from a date on, or correct the rate of a date already recorded (history kept)."""
    if not policy.can_edit_base_rates(user):
        raise TransitionNotAllowed(_("Only the granting authority keeps the base rates."))
    base_rate = BaseRate.objects.select_for_update().filter(valid_from=valid_from).first()
    if base_rate is None:
        return BaseRate.objects.create(valid_from=valid_from, rate=rate)
    if base_rate.rate != rate:
        base_rate.rate = rate
        base_rate.save()
    return base_rate
