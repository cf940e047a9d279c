"""Pages of the application: applications of a municipality, the authority's inbox, the steps and the decision."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kiz import policy
from kiz.concurrency import STALE_MESSAGE, StaleObjectError
from kiz.history import history_entries, merged, page_label, part_entries
from kiz.steps import perform_step, step_move
from kiz.tenancy import current_municipality
from kiz.workflow import events_for, moves_for, workflow_for

from ..forms import TransitionForm
from . import services
from .forms import ApplicationCreateForm, ApplicationForm, GrantNoticeForm, InboxFilterForm
from .models import ApplicationItem, ApplicationState, FundingApplication
from .record import record_overview
from .rules import assess


def _application(request, pk):
    queryset = FundingApplication.objects.select_related("municipality", "guideline", "notice")
    return policy.get_visible_or_404(queryset, request.user, pk=pk)


def _editable(request, application):
    """A draft that the user may edit; anything else is refused (403), for a GET as for a POST."""
    if not (application.is_draft and policy.can_edit(request.user, application.municipality)):
        raise PermissionDenied
    return application


def application_list(request):
    """The applications of the municipality the user works in; the state roles go to the inbox."""
    if policy.is_state_user(request.user):
        return redirect("funding:inbox")
    municipality = current_municipality(request)
    if municipality is None:
        raise Http404
    applications = (
        FundingApplication.objects.for_user(request.user)
        .filter(municipality=municipality)
        .select_related("guideline", "notice")
    )
    return render(
        request,
        "funding/application_list.html",
        {
            "municipality": municipality,
            "applications": applications,
            "can_edit": policy.can_edit(request.user, municipality),
        },
    )


@require_http_methods(["GET", "POST"])
def application_create(request):
    municipality = current_municipality(request)
    if municipality is None or not policy.can_edit(request.user, municipality):
        raise PermissionDenied
    form = ApplicationCreateForm(request.POST if request.method == "POST" else None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(municipality=municipality, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The draft application has been created."))
            return redirect("funding:application_edit", pk=application.pk)
    return render(request, "funding/application_create.html", {"form": form, "municipality": municipality})


def application_detail(request, pk):
    application = _application(request, pk)
    notice = getattr(application, "notice", None)
    return render(
        request,
        "funding/application_detail.html",
        {
            "application": application,
            **record_overview(application),
            "notice": notice,
            "events": events_for(application),
            "moves": moves_for(application, request.user),
            "can_edit": application.is_draft and policy.can_edit(request.user, application.municipality),
            "history": _history(application, notice),
        },
    )


def _history(application, notice):
    """The changes of the application, of the amounts requested for its extra items and of its grant notice in
    one list, newest first, each figure named as the page names it."""
    entries = history_entries(application, label=page_label)
    items = part_entries(
        ApplicationItem.history.filter(application_id=application.pk).select_related("rule"),
        fields=["amount"],
        label=lambda record, name: record.rule.name,
    )
    notice_entries = []
    if notice is not None:
        for entry in history_entries(notice, label=page_label):
            entry.kind = f"{entry.kind} ({_('grant notice')})"
            notice_entries.append(entry)
    return merged(entries, items, notice_entries)


@require_http_methods(["GET", "POST"])
def application_edit(request, pk):
    application = _editable(request, _application(request, pk))
    form = ApplicationForm(request.POST if request.method == "POST" else None, instance=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(form=form, extras=form.extras())
        except StaleObjectError:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("The application has been saved."))
            return redirect("funding:application_edit", pk=application.pk)
    plan, findings = assess(form.instance, extras=form.extras() if form.is_bound else None)
    return render(
        request,
        "funding/application_form.html",
        {"application": application, "form": form, "plan": plan, "findings": findings},
    )


@require_http_methods(["POST"])
def application_findings(request, pk):
    """The findings for the form's current (unsaved) input: the htmx fragment of the edit page."""
    application = _editable(request, _application(request, pk))
    form = ApplicationForm(request.POST, instance=application)
    form.is_valid()  # applies the valid entries to the unsaved instance
    plan, findings = assess(form.instance, extras={k: v or 0 for k, v in form.extras().items()})
    return render(request, "funding/_findings.html", {"findings": findings, "plan": plan, "live": True})


@require_http_methods(["GET", "POST"])
def application_transition(request, pk, to_state):
    """Confirm and perform a workflow step (submit, review, return, withdraw, reject)."""
    application = _application(request, pk)
    move = step_move(request, application, to_state, workflow=workflow_for(application))
    if move is None:
        return redirect(application)
    if to_state in services.DECISIONS:
        return redirect("funding:application_decide", pk=application.pk)
    form = TransitionForm(request.POST if request.method == "POST" else None, move=move)
    if request.method == "POST" and form.is_valid():
        # A blocked step is explained on the application's page, next to its findings.
        perform_step(
            request,
            partial(
                services.application_move,
                application=application,
                to_state=to_state,
                user=request.user,
                comment=form.cleaned_data["comment"],
            ),
            success=lambda: _("The application is now: %(state)s.") % {"state": application.get_state_display()},
        )
        return redirect(application)
    return render(
        request, "funding/application_transition.html", {"application": application, "move": move, "form": form}
    )


@require_http_methods(["GET", "POST"])
def application_decide(request, pk):
    """The authority's decision with the grant notice (full or partial grant)."""
    application = _application(request, pk)
    if not any(m.target in services.DECISIONS for m in moves_for(application, request.user)):
        raise PermissionDenied
    initial = {
        "approved_amount": application.requested_grant,
        "period_start": application.period_start,
        "period_end": application.period_end,
        "issued_on": timezone.localdate(),
        "decision": ApplicationState.GRANTED,
    }
    form = GrantNoticeForm(request.POST if request.method == "POST" else None, application=application, initial=initial)
    if request.method == "POST" and form.is_valid():
        notice = form.save(commit=False)
        decide = partial(
            services.application_decide,
            application=application,
            user=request.user,
            decision=form.cleaned_data["decision"],
            notice=notice,
        )
        if perform_step(request, decide, form=form, success=_("The decision and the grant notice have been recorded.")):
            return redirect(application)
    return render(request, "funding/application_decide.html", {"application": application, "form": form})


def inbox(request):
    """All applications of all municipalities for the authority and the coordination office."""
    if not policy.is_state_user(request.user):
        raise PermissionDenied
    form = InboxFilterForm(request.GET or None)
    applications = form.filter(
        FundingApplication.objects.for_user(request.user).select_related("municipality", "guideline", "notice")
    ).order_by("-funding_year", "municipality__name")
    return render(
        request,
        "funding/inbox.html",
        {
            "filter_form": form,
            "applications": applications,
            "waiting": FundingApplication.objects.for_user(request.user).waiting_for_review().count(),
        },
    )
