"""Pages after the grant: the grant page (granted, called off, paid, remaining per item), call-offs, proofs of use
and the authority's check with the repayment and its interest."""

from datetime import date
from decimal import Decimal

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
from kiz.extensions import panels
from kiz.history import history_entries

from . import services_money as services
from .forms import TransitionForm
from .forms_money import (
    BaseRateForm,
    CallOffForm,
    PaidForm,
    ProofCheckForm,
    ProofCreateForm,
    ProofReportForm,
    ProofStatementForm,
    payment_formset,
)
from .interest import MARGIN, MissingBaseRate, Payout, overpayment_interest, total_interest
from .models import BaseRate, CallOff, CallOffPayment, CallOffState, FundingApplication, ProofOfUse, ProofState
from .rules_money import item_labels, proof_due_on, proof_findings
from .workflow import TransitionBlocked, TransitionNotAllowed, events_for, moves_for

TENANT = "application__municipality"


def _granted(request, pk):
    """A granted application the user may see, with what the money pages need (404 otherwise)."""
    queryset = FundingApplication.objects.select_related("municipality", "guideline", "notice")
    application = policy.get_visible_or_404(queryset, request.user, pk=pk)
    if not services.is_granted(application):
        raise Http404
    _prefetch(application)
    return application


def _prefetch(application):
    prefetch_related_objects([application], "items")
    if application.guideline is not None:
        prefetch_related_objects([application.guideline], "extra_items")


def _call_offs(application):
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


def _add_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def grant_detail(request, pk):
    """The grant: granted, called off, paid and remaining per guideline item; call-offs and proofs of use."""
    application = _granted(request, pk)
    labels = item_labels(application.guideline)
    call_offs = _label(_call_offs(application), labels)
    municipality = application.municipality
    return render(
        request,
        "funding/grant_detail.html",
        {
            "application": application,
            "notice": application.notice,
            "budget": services.budget_for(application, call_offs=call_offs),
            "call_offs": call_offs,
            "proofs": list(application.proofs.all()),
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
    application = _granted(request, pk)
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
                _add_errors(form, exc)
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
    application = _granted(request, pk)
    if not policy.can_submit(request.user, application.municipality):
        raise PermissionDenied
    call_off = None
    if request.POST.get("call_off"):
        call_off = policy.get_visible_or_404(CallOff.objects.all(), request.user, TENANT, pk=request.POST["call_off"])
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
    _prefetch(call_off.application)
    return call_off


def calloff_detail(request, pk):
    call_off = _call_off(request, pk)
    application = call_off.application
    payments = list(call_off.payments.all())
    labels = item_labels(application.guideline)
    call_off.item_label = labels.get(call_off.item, call_off.item)
    findings = []
    if call_off.state != CallOffState.REJECTED:
        entries = [services.PaymentEntry(p.description, p.amount, p.due_on, p.item) for p in payments]
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
            "expected_payout": services.expected_payout(call_off.requested_on, call_off.paid_on),
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
                _add_errors(form, exc)
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
    move = next((m for m in moves_for(call_off, request.user) if m.target == to_state), None)
    if move is None:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = PaidForm(data) if to_state == CallOffState.PAID else TransitionForm(data, move=move)
    if request.method == "POST" and form.is_valid():
        try:
            if to_state == CallOffState.PAID:
                services.calloff_mark_paid(
                    call_off=call_off,
                    user=request.user,
                    paid_on=form.cleaned_data["paid_on"],
                    comment=form.cleaned_data["comment"],
                )
            else:
                services.calloff_move(
                    call_off=call_off, to_state=to_state, user=request.user, comment=form.cleaned_data["comment"]
                )
        except TransitionNotAllowed as exc:
            raise PermissionDenied from exc
        except TransitionBlocked as exc:
            for reason in exc.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, _("The call-off is now: %(state)s.") % {"state": call_off.get_state_display()})
            return redirect(call_off)
    return render(request, "funding/calloff_step.html", {"call_off": call_off, "move": move, "form": form})


# --- proofs of use ------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def proof_create(request, pk):
    application = _granted(request, pk)
    if not policy.can_edit(request.user, application.municipality):
        raise PermissionDenied
    form = ProofCreateForm(
        request.POST if request.method == "POST" else None,
        application=application,
        initial={"year": application.notice.period_end.year},
    )
    if request.method == "POST" and form.is_valid():
        try:
            proof = services.proof_create(application=application, year=form.cleaned_data["year"], user=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The proof of use has been created from the financing plan."))
            return redirect(proof)
    return render(request, "funding/proof_create.html", {"application": application, "form": form})


def _proof(request, pk):
    queryset = ProofOfUse.objects.select_related(
        "application__municipality", "application__notice", "application__guideline"
    )
    proof = policy.get_visible_or_404(queryset, request.user, TENANT, pk=pk)
    _prefetch(proof.application)
    return proof


def _editable_proof(request, pk):
    """A draft the user may edit; a submitted proof is read-only for the city (403, for a GET as for a POST)."""
    proof = _proof(request, pk)
    if not (proof.is_draft and policy.can_edit(request.user, proof.municipality)):
        raise PermissionDenied
    return proof


def _interest_display(proof):
    """The stored check's interest, recomputed period by period from the payouts it recorded."""
    if not proof.interest_payouts or proof.interest_until is None:
        return []
    payouts = [Payout(date.fromisoformat(p["paid_on"]), Decimal(p["amount"])) for p in proof.interest_payouts]
    try:
        return overpayment_interest(
            overpayment=proof.repayment_amount,
            payouts=payouts,
            repaid_on=proof.interest_until,
            base_rates=services.base_rates(),
        )
    except MissingBaseRate:
        return []


def proof_detail(request, pk):
    proof = _proof(request, pk)
    application = proof.application
    lines = list(proof.lines.all())
    _call_offs(application)
    statement = services.statement_for(proof, application=application, lines=lines)
    return render(
        request,
        "funding/proof_detail.html",
        {
            "proof": proof,
            "application": application,
            "statement": statement,
            "staff": [line for line in lines if line.kind == "post" and line.funding_source == services.STATE_GRANT],
            "findings": proof_findings(statement),
            "events": events_for(proof),
            "moves": moves_for(proof, request.user),
            "can_edit": proof.is_draft and policy.can_edit(request.user, proof.municipality),
            "calculations": _interest_display(proof),
            "history": history_entries(proof),
            "panels": panels("proof_of_use", user=request.user, proof=proof),
        },
    )


@require_http_methods(["GET", "POST"])
def proof_report_edit(request, pk):
    proof = _editable_proof(request, pk)
    form = ProofReportForm(request.POST if request.method == "POST" else None, instance=proof)
    if request.method == "POST" and form.is_valid():
        try:
            services.proof_update(form=form, line_values=form.line_values(), field="months")
        except StaleObjectError:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("The narrative report has been saved."))
            return redirect(proof)
    return render(request, "funding/proof_form.html", {"proof": proof, "form": form, "kind": "report"})


@require_http_methods(["GET", "POST"])
def proof_statement_edit(request, pk):
    proof = _editable_proof(request, pk)
    form = ProofStatementForm(request.POST if request.method == "POST" else None, instance=proof)
    if request.method == "POST" and form.is_valid():
        try:
            services.proof_update(form=form, line_values=form.line_values(), field="actual")
        except StaleObjectError:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("The financial statement has been saved."))
            return redirect(proof)
    return render(request, "funding/proof_form.html", {"proof": proof, "form": form, "kind": "statement"})


@require_http_methods(["GET", "POST"])
def proof_transition(request, pk, to_state):
    """Confirm and perform a workflow step of the proof (submit, take into review, return, close)."""
    proof = _proof(request, pk)
    move = next((m for m in moves_for(proof, request.user) if m.target == to_state), None)
    if move is None:
        raise PermissionDenied
    if to_state == ProofState.CHECKED:
        return redirect("funding:proof_check", pk=proof.pk)
    form = TransitionForm(request.POST if request.method == "POST" else None, move=move)
    if request.method == "POST" and form.is_valid():
        _call_offs(proof.application)
        try:
            services.proof_move(proof=proof, to_state=to_state, user=request.user, comment=form.cleaned_data["comment"])
        except TransitionNotAllowed as exc:
            raise PermissionDenied from exc
        except TransitionBlocked as exc:
            for reason in exc.reasons:
                messages.error(request, reason)
        else:
            messages.success(request, _("The proof of use is now: %(state)s.") % {"state": proof.get_state_display()})
        return redirect(proof)
    return render(request, "funding/proof_transition.html", {"proof": proof, "move": move, "form": form})


@require_http_methods(["GET", "POST"])
def proof_check(request, pk):
    """The authority's check: planned beside actual, the grant due, the overpayment; with payout and repayment
    dates the interest per base-rate period ("Berechnen"), then the result is recorded ("Prüfung erfassen")."""
    proof = _proof(request, pk)
    if not (policy.can_review(request.user) and proof.state == ProofState.IN_REVIEW):
        raise PermissionDenied
    application = proof.application
    call_offs = _call_offs(application)
    statement = services.statement_for(proof, application=application)
    paid = [c for c in call_offs if c.state == CallOffState.PAID]
    form = ProofCheckForm(
        request.POST if request.method == "POST" else None,
        call_offs=paid,
        repayment=statement.overpayment > 0,
        initial={"expected_version": proof.version},
    )
    calculations = []
    if request.method == "POST" and form.is_valid():
        payouts = form.payouts()
        try:
            calculations = services.interest_for(
                statement=statement, payouts=payouts, repaid_on=form.cleaned_data["repaid_on"]
            )
        except MissingBaseRate as exc:
            form.add_error(
                "repaid_on",
                _("No base rate is recorded for %(date)s; the authority adds it in the administration.")
                % {"date": exc.day.strftime("%d.%m.%Y")},
            )
        else:
            if request.POST.get("action") == "record":
                if form.cleaned_data.get("expected_version") != proof.version:
                    form.add_error(None, STALE_MESSAGE)
                else:
                    try:
                        services.proof_check(
                            proof=proof,
                            user=request.user,
                            payouts=payouts,
                            repaid_on=form.cleaned_data["repaid_on"],
                            repayment_due_on=form.cleaned_data["repayment_due_on"],
                            note=form.cleaned_data["note"],
                        )
                    except TransitionNotAllowed as exc:
                        raise PermissionDenied from exc
                    except TransitionBlocked as exc:
                        for reason in exc.reasons:
                            form.add_error(None, reason)
                    else:
                        messages.success(request, _("The check has been recorded."))
                        return redirect(proof)
    return render(
        request,
        "funding/proof_check.html",
        {
            "proof": proof,
            "application": application,
            "statement": statement,
            "form": form,
            "calculations": calculations,
            "interest_total": total_interest(calculations),
        },
    )


@require_http_methods(["GET", "POST"])
def base_rates(request):
    """The base rates for repayment interest: everybody may read them, the authority records new ones."""
    can_edit = policy.can_edit_base_rates(request.user)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = BaseRateForm(request.POST if request.method == "POST" else None) if can_edit else None
    if form is not None and request.method == "POST" and form.is_valid():
        services.base_rate_save(
            valid_from=form.cleaned_data["valid_from"], rate=form.cleaned_data["rate"], user=request.user
        )
        messages.success(request, _("The base rate has been recorded."))
        return redirect("funding:base_rates")
    rates = list(BaseRate.objects.order_by("-valid_from"))
    for rate in rates:
        rate.interest_rate = max(rate.rate + MARGIN, 0)
    return render(request, "funding/base_rates.html", {"rates": rates, "form": form})
