"""Writes of the application: creating and saving applications, moving them through the workflow, deciding.

The application's workflow is the table below; every state change goes through kiz.workflow.transition.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kiz import policy
from kiz.concurrency import duplicate_raises, lock_row
from kiz.findings import has_errors
from kiz.money import format_euro
from kiz.workflow import Move, TransitionBlocked, TransitionNotAllowed, Workflow, register, transition

from ..grants.models import GrantNotice
from ..guidelines.rules import guideline_for
from . import record
from .financing import financing_plan
from .models import ApplicationItem, ApplicationState, FundingApplication
from .rules import application_findings

S = ApplicationState


def _city_lead(user, application) -> bool:
    return policy.can_submit(user, application.municipality)


def _authority(user, application) -> bool:
    return policy.can_review(user)


def _no_error_findings(application) -> list[str]:
    findings = application_findings(application)
    if not has_errors(findings):
        return []
    return [_("The rule check found errors; please correct them before submitting.")] + [
        f.message for f in findings if f.is_error
    ]


def _notice_issued(application) -> list[str]:
    if GrantNotice.objects.filter(application=application).exists():
        return []
    return [_("A grant notice must be issued with this decision.")]


APPLICATION_WORKFLOW = register(
    Workflow(
        model=FundingApplication,
        moves=[
            Move(S.DRAFT, S.SUBMITTED, _city_lead, gettext_lazy("Submit"), guard=_no_error_findings),
            Move(S.SUBMITTED, S.IN_REVIEW, _authority, gettext_lazy("Take into review")),
            Move(S.SUBMITTED, S.DRAFT, _authority, gettext_lazy("Return for correction"), comment_required=True),
            Move(S.IN_REVIEW, S.DRAFT, _authority, gettext_lazy("Return for correction"), comment_required=True),
            Move(S.SUBMITTED, S.WITHDRAWN, _city_lead, gettext_lazy("Withdraw")),
            Move(S.IN_REVIEW, S.WITHDRAWN, _city_lead, gettext_lazy("Withdraw")),
            Move(S.IN_REVIEW, S.GRANTED, _authority, gettext_lazy("Grant"), guard=_notice_issued),
            Move(S.IN_REVIEW, S.PARTIALLY_GRANTED, _authority, gettext_lazy("Grant in part"), guard=_notice_issued),
            Move(S.IN_REVIEW, S.REJECTED, _authority, gettext_lazy("Reject"), comment_required=True),
        ],
    )
)

DECISIONS = (S.GRANTED, S.PARTIALLY_GRANTED)


@transaction.atomic
def application_create(*, municipality, funding_year: int, raa_transition: bool = False) -> FundingApplication:
    """A new draft for the funding year: the calendar year as period, the edition in force, the maximum grant.

    The municipality's row is locked first, so of two simultaneous clicks the second finds the first one's
    draft and gets the form's message; a unique-constraint race on a database without row locks gets it too.
    """
    lock_row(municipality)
    if (
        FundingApplication.objects.filter(municipality=municipality, funding_year=funding_year)
        .exclude(state=ApplicationState.WITHDRAWN)
        .exists()
    ):
        raise _application_exists()
    application = FundingApplication(
        municipality=municipality,
        funding_year=funding_year,
        period_start=date(funding_year, 1, 1),
        period_end=date(funding_year, 12, 31),
        raa_transition=raa_transition,
    )
    application.guideline = guideline_for(application.period_start)
    with duplicate_raises(_application_exists):
        application.save()
    return application


def _application_exists() -> ValidationError:
    return ValidationError({"funding_year": _("There is already an application for this funding year.")})


@transaction.atomic
def application_update(*, form, extras: dict) -> FundingApplication:
    """Save a draft from its form (version-checked) with the amounts requested for the extra items."""
    application = form.instance
    application.guideline = guideline_for(application.period_start)
    application = form.save_checked()
    valid_rules = {rule.pk for rule in application.guideline.extra_items.all()} if application.guideline else set()
    ApplicationItem.objects.filter(application=application).exclude(rule_id__in=valid_rules).delete()
    for rule_id, amount in extras.items():
        if rule_id not in valid_rules:
            continue
        item = ApplicationItem.objects.filter(application=application, rule_id=rule_id).first()
        if amount in (None, ""):
            if item is not None:
                item.delete()
        elif item is None:
            ApplicationItem.objects.create(application=application, rule_id=rule_id, amount=amount)
        elif item.amount != amount:
            item.amount = amount
            item.save()
    return application


@transaction.atomic
def application_move(*, application, to_state: str, user, comment: str = ""):
    """A workflow step of the application.

    On submission the requested grant is fixed at its current value and what was submitted is recorded as a new
    revision (funding.applications.record); a return for correction closes that revision.
    """
    if to_state in DECISIONS:
        raise TransitionBlocked([_("A grant is decided together with its grant notice.")])
    if to_state == S.SUBMITTED and application.requested_grant is None:
        application.requested_grant = financing_plan(application).requested
        application.save(update_fields=["requested_grant"])
    event = transition(obj=application, to_state=to_state, user=user, comment=comment)
    if to_state == S.SUBMITTED:
        revision = record.record_submission(application=application, user=user, submitted_at=event.created_at)
        # the staff plan may have changed between the check and the record: never record a failing submission
        if has_errors(record.revision_findings(revision)):
            raise TransitionBlocked(_no_error_findings(application) or [_("The rule check found errors.")])
    elif to_state == S.DRAFT:
        record.record_return(application=application, user=user, comment=event.comment, returned_at=event.created_at)
    return event


@transaction.atomic
def application_decide(*, application, user, decision: str, notice: GrantNotice, comment: str = "") -> GrantNotice:
    """Grant in full or in part: issue the grant notice and move the application, both or neither."""
    if decision not in DECISIONS:
        raise TransitionBlocked([_("Unknown decision.")])
    if not policy.can_review(user):
        raise TransitionNotAllowed(_("This step is not possible for you in the current state."))
    lock_row(application)  # a simultaneous second "issue notice" waits here, then finds the notice
    if GrantNotice.objects.filter(application=application).exists():
        raise _changed_meanwhile()
    notice.application = application
    notice.issued_by = user
    problems = notice_problems(application=application, decision=decision, notice=notice)
    if problems:
        raise TransitionBlocked(problems.values())
    notice.full_clean()
    with duplicate_raises(_changed_meanwhile):
        notice.save()
    transition(obj=application, to_state=decision, user=user, comment=comment or notice.reason)
    return notice


def _changed_meanwhile() -> TransitionBlocked:
    return TransitionBlocked([_("Somebody else has changed the state in the meantime. Please reload the page.")])


def notice_problems(*, application, decision: str, notice) -> dict:
    """Field → message for a grant notice that does not fit the decision (shown next to the form's fields)."""
    problems = {}
    requested = application.requested_grant
    amount = notice.approved_amount
    if amount is not None and requested is not None:
        if amount > requested:
            problems["approved_amount"] = _(
                "The approved amount must not exceed the requested grant of %(amount)s."
            ) % {"amount": format_euro(requested)}
        elif decision == S.GRANTED and amount < requested:
            problems["approved_amount"] = _(
                "Less than requested is a partial grant; choose “Partially granted” and give a reason."
            )
        elif decision == S.PARTIALLY_GRANTED and amount == requested:
            problems["approved_amount"] = _("The full requested amount is a grant, not a partial grant.")
    if decision == S.PARTIALLY_GRANTED and not (notice.reason or "").strip():
        problems["reason"] = _("A partial grant needs a reason.")
    return problems
