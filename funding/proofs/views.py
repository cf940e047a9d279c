"""Pages of the proof of use: the statement, its drafts and steps, and the authority's check with the repayment
and its interest."""

from datetime import date
from decimal import Decimal
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kiz import policy
from kiz.concurrency import STALE_MESSAGE, StaleObjectError
from kiz.extensions import panels
from kiz.history import history_entries, merged, page_label, part_entries
from kiz.steps import perform_step, step_move
from kiz.workflow import events_for, moves_for, workflow_for

from ..forms import TransitionForm
from ..grants.models import CallOffState
from ..grants.views import TENANT, add_errors, granted_application, load_call_offs, prefetch_items
from ..interest import services as interest_services
from ..interest.calculation import MissingBaseRate, Payout, Use, interim_interest, overpayment_interest, total_interest
from . import services
from .forms import ProofCheckForm, ProofCreateForm, ProofReportForm, ProofStatementForm
from .models import ProofLine, ProofOfUse, ProofState
from .rules import proof_findings


@require_http_methods(["GET", "POST"])
def proof_create(request, pk):
    application = granted_application(request, pk)
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
            add_errors(form, exc)
        else:
            messages.success(request, _("The proof of use has been created from the financing plan."))
            return redirect(proof)
    return render(request, "funding/proof_create.html", {"application": application, "form": form})


def _proof(request, pk):
    queryset = ProofOfUse.objects.select_related(
        "application__municipality", "application__notice", "application__guideline"
    )
    proof = policy.get_visible_or_404(queryset, request.user, TENANT, pk=pk)
    prefetch_items(proof.application)
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
            base_rates=interest_services.base_rates(),
        )
    except MissingBaseRate:
        return []


def _interim_display(proof):
    """The stored check's interim interest, recomputed period by period from the uses it recorded."""
    uses = [
        Use(date.fromisoformat(u["paid_on"]), Decimal(u["amount"]), date.fromisoformat(u["used_on"]))
        for u in proof.interim_uses
    ]
    try:
        return interim_interest(uses=uses, base_rates=interest_services.base_rates())
    except MissingBaseRate:
        return []


def _proof_history(proof):
    """The changes of the proof and of its lines' actual amounts and months in post, named as the forms name them."""
    lines = part_entries(
        ProofLine.history.filter(proof_id=proof.pk),
        fields=["actual", "months"],
        label=lambda record, name: (
            record.label if name == "actual" else _("%(post)s: months in post") % {"post": record.label}
        ),
        before=lambda record: {"actual": None, "months": record.planned_months},
    )
    return merged(history_entries(proof, label=page_label), lines)


def proof_detail(request, pk):
    proof = _proof(request, pk)
    application = proof.application
    lines = list(proof.lines.all())
    load_call_offs(application)
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
            "interim": _interim_display(proof),
            "history": _proof_history(proof),
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
    move = step_move(request, proof, to_state, workflow=workflow_for(proof))
    if move is None:
        return redirect(proof)
    if to_state == ProofState.CHECKED:
        return redirect("funding:proof_check", pk=proof.pk)
    form = TransitionForm(request.POST if request.method == "POST" else None, move=move)
    if request.method == "POST" and form.is_valid():
        load_call_offs(proof.application)
        # A blocked step is explained on the proof's page, next to its findings.
        perform_step(
            request,
            partial(
                services.proof_move,
                proof=proof,
                to_state=to_state,
                user=request.user,
                comment=form.cleaned_data["comment"],
            ),
            success=lambda: _("The proof of use is now: %(state)s.") % {"state": proof.get_state_display()},
        )
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
    call_offs = load_call_offs(application)
    statement = services.statement_for(proof, application=application)
    paid = [c for c in call_offs if c.state == CallOffState.PAID]
    form = ProofCheckForm(
        request.POST if request.method == "POST" else None,
        call_offs=paid,
        repayment=statement.overpayment > 0,
        initial={"expected_version": proof.version},
    )
    calculations, interim = [], []
    if request.method == "POST" and form.is_valid():
        payouts = form.payouts()
        try:
            calculations = interest_services.interest_for(
                statement=statement, payouts=payouts, repaid_on=form.cleaned_data["repaid_on"]
            )
            interim = interest_services.interim_for(uses=form.uses())
        except MissingBaseRate as exc:
            form.add_error(None, exc.message)
        else:
            problems = services.interim_decision_problems(
                total=total_interest(interim),
                waived=form.cleaned_data.get("interim_waived"),
                reason=form.cleaned_data.get("interim_reason", ""),
            )
            for problem in problems:
                form.add_error("interim_waived", problem)
            if request.POST.get("action") == "record" and not problems:
                if form.cleaned_data.get("expected_version") != proof.version:
                    form.add_error(None, STALE_MESSAGE)
                else:
                    check = partial(
                        services.proof_check,
                        proof=proof,
                        user=request.user,
                        payouts=payouts,
                        repaid_on=form.cleaned_data["repaid_on"],
                        repayment_due_on=form.cleaned_data["repayment_due_on"],
                        note=form.cleaned_data["note"],
                        uses=form.uses(),
                        interim_waived=form.cleaned_data.get("interim_waived"),
                        waiver_reason=form.cleaned_data.get("interim_reason", ""),
                    )
                    if perform_step(request, check, form=form, success=_("The check has been recorded.")):
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
            "interim": interim,
            "interim_total": total_interest(interim),
        },
    )
