"""Pages of the grant: granted, called off, paid and remaining per item; the call-offs and their steps."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kiz import policy
from kiz.concurrency import STALE_MESSAGE, StaleObjectError
from kiz.history import history_entries
from kiz.parsing import ascii_int
from kiz.steps import perform_step, step_move
from kiz.workflow import events_for, moves_for, workflow_for

from ..applications.models import FundingApplication
from ..forms import TransitionForm
from ..proofs.rules import proof_due_on
from . import services
from .budget import item_labels
from .forms import CallOffForm, PaidForm, payment_formset
from .models import CallOff, CallOffPayment, CallOffState
from .rules import PaymentEntry, expected_payout

TENANT = "application__municipality"


def granted_application(request, pk):
    """A granted application the user may see, with what the money pages need (404 otherwise)."""
    queryset = FundingApplication.objects.select_related("municipality", "guideline", "notice")
    application = policy.get_visible_or_404(queryset, request.user, pk=pk)
    if not services.is_granted(application):
        raise Http404
    prefetch_items(application)
    return application


def prefetch_items(application):
    prefetch_related_objects([application], "items")
    if application.guideline is not None:
        prefetch_related_objects([application.guideline], "extra_items")


def load_call_offs(application):
    call_offs = list(
        CallOff.objects.filter(application=application)
        .select_related("requested_by")
        .prefetch_related(Prefetch("payments", queryset=CallOffPayment.objects.order_by("due_on", "pk")))
    )
    application._prefetched_objects_cache["call_offs"] = call_offs  # statement_for reads them from here
    return call_offs


def _label(call_offs, labels):
    for call_off in call_offs:
        call_off.item_label = labels.get(call_off.item, call_off.item)
    return call_offs


def add_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def grant_detail(request, pk):
    """The grant: granted, called off, paid and remaining per guideline item; call-offs and proofs of use."""
    application = granted_application(request, pk)
    labels = item_labels(application.guideline)
    call_offs = _label(load_call_offs(application), labels)
    municipality = application.municipality
    return render(
        request,
        "funding/grant_detail.html",
        {
            "application": application,
            "notice": application.notice,
            "budget": services.budget_for(application, call_offs=call_offs),
            "call_offs": call_offs,
            "proofs": list(application.proofs.for_user(request.user)),
            "proof_due_on": proof_due_on(application.notice.period_end.year),
            "can_request": policy.can_submit(request.user, municipality),
            "can_create_proof": policy.can_edit(request.user, municipality),
        },
    )


# --- call-offs ----------------------------------------------------------------------------------------------


def _calloff_forms(request, application, *, call_off=None):
    choices = list(item_labels(application.guideline).items())
    data = request.POST if request.method == "POST" else None
    initial = {}
    if call_off is not None:
        initial = {
            "amount": call_off.amount,
            "justification": call_off.justification,
            "expected_version": call_off.version,
        }
    form = CallOffForm(data, initial=initial)
    payments = list(call_off.payments.all()) if call_off is not None else ()
    formset = payment_formset(data, item_choices=choices, payments=payments)
    return form, formset


@require_http_methods(["GET", "POST"])
def calloff_create(request, pk):
    application = granted_application(request, pk)
    if not policy.can_submit(request.user, application.municipality):
        raise PermissionDenied
    form, formset = _calloff_forms(request, application)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        payments = formset.entries()
        if form.check_sum(payments):
            try:
                call_off = services.calloff_request(
                    application=application,
                    user=request.user,
                    payments=payments,
                    justification=form.cleaned_data["justification"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The call-off has been requested."))
                return redirect(call_off)
    return render(
        request,
        "funding/calloff_form.html",
        {"application": application, "form": form, "formset": formset, "call_off": None},
    )


@require_http_methods(["POST"])
def calloff_check(request, pk):
    """The findings for the call-off form's current (unsaved) input: the htmx fragment of the form page."""
    application = granted_application(request, pk)
    if not policy.can_submit(request.user, application.municipality):
        raise PermissionDenied
    call_off = None
    if request.POST.get("call_off"):
        call_off_id = ascii_int(request.POST["call_off"])
        if call_off_id is None:
            raise Http404
        call_off = policy.get_visible_or_404(CallOff.objects.all(), request.user, TENANT, pk=call_off_id)
    form, formset = _calloff_forms(request, application)
    findings = []
    if formset.is_valid():
        payments = formset.entries()
        findings = services.check_calloff(
            application=application,
            payments=payments,
            amount=sum((p.amount for p in payments), 0),
            requested_on=call_off.requested_on if call_off else timezone.localdate(),
            call_off=call_off,
        )
    return render(request, "funding/_findings.html", {"findings": findings, "live": True})


def _call_off(request, pk):
    queryset = CallOff.objects.select_related(
        "application__municipality", "application__notice", "application__guideline", "requested_by"
    )
    call_off = policy.get_visible_or_404(queryset, request.user, TENANT, pk=pk)
    prefetch_items(call_off.application)
    return call_off


def calloff_detail(request, pk):
    call_off = _call_off(request, pk)
    application = call_off.application
    payments = list(call_off.payments.all())
    labels = item_labels(application.guideline)
    call_off.item_label = labels.get(call_off.item, call_off.item)
    # The findings stay after a decision: a refused call-off still shows what the check found (the reasons).
    entries = [PaymentEntry(p.description, p.amount, p.due_on, p.item) for p in payments]
    findings = services.check_calloff(
        application=application,
        payments=entries,
        amount=call_off.amount,
        requested_on=call_off.requested_on,
        call_off=call_off,
    )
    return render(
        request,
        "funding/calloff_detail.html",
        {
            "call_off": call_off,
            "application": application,
            "payments": payments,
            "findings": findings,
            "expected_payout": expected_payout(call_off.requested_on, call_off.paid_on),
            "events": events_for(call_off),
            "moves": moves_for(call_off, request.user),
            "can_edit": call_off.is_requested and policy.can_submit(request.user, application.municipality),
            "history": history_entries(call_off),
        },
    )


@require_http_methods(["GET", "POST"])
def calloff_edit(request, pk):
    call_off = _call_off(request, pk)
    application = call_off.application
    if not (call_off.is_requested and policy.can_submit(request.user, application.municipality)):
        raise PermissionDenied
    form, formset = _calloff_forms(request, application, call_off=call_off)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        payments = formset.entries()
        if form.check_sum(payments):
            try:
                services.calloff_update(
                    call_off=call_off,
                    user=request.user,
                    payments=payments,
                    justification=form.cleaned_data["justification"],
                    expected_version=form.cleaned_data.get("expected_version"),
                )
            except StaleObjectError:
                form.add_error(None, STALE_MESSAGE)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The call-off has been saved."))
                return redirect(call_off)
    return render(
        request,
        "funding/calloff_form.html",
        {"application": application, "form": form, "formset": formset, "call_off": call_off},
    )


@require_http_methods(["GET", "POST"])
def calloff_step(request, pk, to_state):
    """The authority marks a call-off paid (with the date) or rejects it (with a comment)."""
    call_off = _call_off(request, pk)
    move = step_move(request, call_off, to_state, workflow=workflow_for(call_off))
    if move is None:
        return redirect(call_off)
    data = request.POST if request.method == "POST" else None
    form = PaidForm(data) if to_state == CallOffState.PAID else TransitionForm(data, move=move)
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        if to_state == CallOffState.PAID:
            step = partial(
                services.calloff_mark_paid,
                call_off=call_off,
                user=request.user,
                paid_on=form.cleaned_data["paid_on"],
                comment=comment,
            )
        else:
            step = partial(
                services.calloff_move, call_off=call_off, to_state=to_state, user=request.user, comment=comment
            )

        def success():
            return _("The call-off is now: %(state)s.") % {"state": call_off.get_state_display()}

        if perform_step(request, step, form=form, success=success):
            return redirect(call_off)
    return render(request, "funding/calloff_step.html", {"call_off": call_off, "move": move, "form": form})
