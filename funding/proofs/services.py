"""Writes of the proof of use, through the workflow service and its event log.

Created from the financing plan (`proof_create`), edited as drafts, submitted by the lead, taken into review,
checked with the computed repayment and interest (`proof_check`), and closed by the authority (`proof_move`).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kiz import policy
from kiz.concurrency import duplicate_raises, lock_row
from kiz.findings import has_errors
from kiz.freshness import data_changed
from kiz.money import format_euro, round_cents
from kiz.workflow import Move, TransitionBlocked, TransitionNotAllowed, Workflow, register, transition
from staffing.models import FundingSource

from ..applications.models import FundingApplication
from ..applications.record import assessed
from ..grants.models import CallOffState, extra_item_key
from ..grants.services import is_granted
from ..guidelines.rules import Share
from ..interest.calculation import Payout, Use, total_interest
from ..interest.services import interest_for, interim_for
from .models import ProofLine, ProofLineKind, ProofOfUse, ProofState
from .rules import proof_findings
from .statement import proof_statement

STATE_GRANT = FundingSource.LANDESZUSCHUSS
OWN_FIELDS = ["own_rooms", "own_admin_travel", "own_material", "own_project_funds"]


def _lead(user, obj) -> bool:
    return policy.can_submit(user, obj.municipality)


def _authority(user, obj) -> bool:
    return policy.can_review(user)


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


def statement_for(proof, *, application=None, lines=None):
    application = application or proof.application
    if lines is None:
        lines = list(proof.lines.all())
    paid = sum(
        (c.amount for c in application.call_offs.all() if c.state == CallOffState.PAID),
        Decimal("0.00"),
    )
    return proof_statement(proof=proof, application=application, notice=application.notice, lines=lines, paid=paid)


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
    lock_row(application)  # a simultaneous second click waits here, then finds the first one's proof
    problem = proof_year_problem(application, year)
    if problem:
        raise ValidationError({"year": problem})
    with duplicate_raises(lambda: ValidationError({"year": proof_year_problem(application, year)})):
        proof = ProofOfUse.objects.create(application=application, year=year)
    plan = assessed(application).plan  # the record the grant was decided on
    lines = []
    for line in plan.lines:
        post = line.post
        if line.share == Share.SECONDED:
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
    data_changed()
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
        data_changed()
    return transition(obj=proof, to_state=to_state, user=user, comment=comment)


def interim_decision_problems(*, total, waived, reason: str) -> list[str]:
    """What is wrong with the authority's decision on the interim interest (a waiver needs a reason)."""
    waived = waived or Decimal("0.00")
    if waived < 0 or waived > total:
        return [_("At most the interim interest of %(total)s can be waived.") % {"total": format_euro(total)}]
    if waived > 0 and not reason.strip():
        return [_("Please give the reason for waiving the interim interest.")]
    return []


@transaction.atomic
def proof_check(
    *,
    proof,
    user,
    payouts: list[Payout],
    repaid_on,
    repayment_due_on,
    note: str = "",
    uses: list[Use] = (),
    interim_waived=None,
    waiver_reason: str = "",
):
    """Record the authority's check: eligible costs, grant due, overpayment, repayment and interest, the interim
    interest on money used later than two months after payout with the authority's decision (charged, or waived
    in full or in part with a reason), then move the proof to "checked"."""
    if not policy.can_review(user):
        raise TransitionNotAllowed(_("This step is not possible for you in the current state."))
    statement = statement_for(proof)
    calculations = interest_for(statement=statement, payouts=payouts, repaid_on=repaid_on)
    interim = interim_for(uses=list(uses))
    interim_total = total_interest(interim)
    problems = interim_decision_problems(total=interim_total, waived=interim_waived, reason=waiver_reason)
    if problems:
        raise TransitionBlocked(problems)
    if interim:
        proof.interim_uses = [
            {"paid_on": u.paid_on.isoformat(), "amount": str(u.amount), "used_on": u.used_on.isoformat()}
            for u in uses
            if u.late
        ]
        proof.interim_interest_amount = interim_total
        proof.interim_interest_waived = round_cents(interim_waived or 0)
        proof.interim_waiver_reason = waiver_reason.strip() if proof.interim_interest_waived else ""
    else:
        proof.interim_uses, proof.interim_interest_amount, proof.interim_interest_waived = [], None, None
        proof.interim_waiver_reason = ""
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
        interim_uses=proof.interim_uses,
        interim_interest_amount=proof.interim_interest_amount,
        interim_interest_waived=proof.interim_interest_waived,
        interim_waiver_reason=proof.interim_waiver_reason,
    )
    data_changed()
    return transition(obj=proof, to_state=ProofState.CHECKED, user=user, comment=note)
