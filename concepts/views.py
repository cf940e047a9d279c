"""Pages of the concepts app. Views look up through the access policy, call a service, and render."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kiz import policy
from kiz.choices import FocusTheme
from kiz.concurrency import STALE_MESSAGE, StaleObjectError
from kiz.history import history_entries
from kiz.models import Municipality
from kiz.steps import perform_step
from kiz.tenancy import current_municipality
from kiz.workflow import events_for

from . import selectors, services
from .compare import compare_versions
from .forms import ConceptForm, CouncilStepForm, DocumentForm, ResolutionForm, WorkPlanItemForm
from .models import CouncilStep, IntegrationConcept, WorkPlanItem
from .rules import age_in_years, concept_age_rule, concept_too_old, content_findings, prerequisite_findings
from .timeline import timeline_entries, work_plan_history


def _municipality(request, ags):
    return policy.get_visible_or_404(Municipality.objects.all(), request.user, "pk", ags=ags)


def _concept(request, ags, number, *, for_update=False):
    queryset = IntegrationConcept.objects.select_related("municipality").prefetch_related(
        Prefetch("work_plan", queryset=WorkPlanItem.objects.order_by("theme", "target_date", "pk"))
    )
    return policy.get_visible_or_404(queryset, request.user, "municipality", municipality__ags=ags, number=number)


def _require_edit(request, municipality):
    if not policy.can_edit(request.user, municipality):
        raise PermissionDenied


def _locked(request, concept):
    messages.error(
        request,
        _("Version %(number)s is no longer a draft and cannot be changed. Start a new version to revise it.")
        % {"number": concept.number},
    )
    return redirect(concept)


def index(request):
    """State roles go to the state-wide list, city roles to their current municipality's concept."""
    if policy.is_state_user(request.user):
        return redirect("concepts:overview")
    municipality = current_municipality(request)
    if municipality is None:
        return redirect("home")
    return redirect("concepts:municipality", ags=municipality.ags)


def overview(request):
    """The state-wide list: for each KIZ whether an adopted concept exists, its resolution date and age."""
    if not policy.is_state_user(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    age_rule = concept_age_rule(today)
    rows = []
    for municipality in selectors.concept_overview().for_user(request.user):
        since = municipality.adopted_resolution_date or municipality.adopted_on
        rows.append(
            {
                "municipality": municipality,
                "since": since,
                "age": age_in_years(since, today) if since else None,
                "too_old": concept_too_old(since, today, age_rule),
            }
        )
    adopted = sum(1 for row in rows if row["municipality"].adopted_number)
    return render(
        request,
        "concepts/concept_overview.html",
        {
            "rows": rows,
            "adopted": adopted,
            "too_old": sum(1 for row in rows if row["too_old"]),
            "age_rule": age_rule,
            "today": today,
        },
    )


def municipality_concepts(request, ags):
    """A municipality's concept: the version in force, the prerequisite check, all versions, the next steps."""
    municipality = _municipality(request, ags)
    today = timezone.localdate()
    versions = list(selectors.concept_versions(municipality, request.user))
    adopted = next((v for v in versions if v.status == IntegrationConcept.Status.ADOPTED), None)
    draft = next((v for v in versions if v.is_draft), None)
    steps = list(selectors.council_steps(municipality))
    return render(
        request,
        "concepts/concept_list.html",
        {
            "municipality": municipality,
            "versions": versions,
            "adopted": adopted,
            "draft": draft,
            "findings": prerequisite_findings(municipality, today),
            "timeline": timeline_entries(steps, today),
            "today": today,
            "can_edit": policy.can_edit(request.user, municipality),
        },
    )


def concept_create(request, ags):
    municipality = _municipality(request, ags)
    _require_edit(request, municipality)
    existing = municipality.concepts.drafts().first()
    if existing is not None:
        return redirect(existing)
    form = ConceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ConceptForm.Meta.fields}
        try:
            concept = services.concept_create(municipality=municipality, user=request.user, **fields)
        except services.DraftExists as exc:
            return redirect(exc.draft)
        messages.success(request, _("The draft of the integration concept has been created."))
        return redirect(concept)
    return render(request, "concepts/concept_form.html", {"form": form, "municipality": municipality, "concept": None})


def concept_detail(request, ags, number):
    concept = _concept(request, ags, number)
    municipality = concept.municipality
    work_plan = {theme: [] for theme in FocusTheme}
    for item in concept.work_plan.all():
        work_plan[FocusTheme(item.theme)].append(item)
    can_edit = policy.can_edit(request.user, municipality)
    other_versions = (
        municipality.concepts.for_user(request.user)
        .exclude(pk=concept.pk)
        .order_by("-number")
        .values_list("number", flat=True)
    )
    return render(
        request,
        "concepts/concept_detail.html",
        {
            "concept": concept,
            "municipality": municipality,
            "work_plan": [(theme, work_plan[theme]) for theme in FocusTheme],
            "findings": content_findings(concept),
            "steps": timeline_entries(
                concept.council_steps.select_related("concept").order_by("planned_date", "pk"), timezone.localdate()
            ),
            "history": history_entries(concept),
            "events": events_for(concept),
            "work_plan_history": work_plan_history(concept),
            "other_versions": list(other_versions),
            "can_edit": can_edit and concept.is_draft,
            "can_start_version": can_edit and not municipality.concepts.drafts().exists(),
            "can_adopt": policy.can_adopt(request.user, municipality) and concept.status != concept.Status.SUPERSEDED,
            "can_upload": can_edit and concept.status != concept.Status.SUPERSEDED,
        },
    )


def concept_edit(request, ags, number):
    concept = _concept(request, ags, number)
    _require_edit(request, concept.municipality)
    if not concept.is_draft:
        return _locked(request, concept)
    form = ConceptForm(request.POST or None, instance=concept)
    if request.method == "POST" and form.is_valid():
        try:
            services.concept_update(concept=form.instance, expected_version=form.cleaned_data["expected_version"])
        except StaleObjectError:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(concept)
    return render(
        request, "concepts/concept_form.html", {"form": form, "municipality": concept.municipality, "concept": concept}
    )


@require_POST
def concept_new_version(request, ags, number):
    concept = _concept(request, ags, number)
    _require_edit(request, concept.municipality)
    try:
        copy = services.concept_new_version(concept=concept, user=request.user)
    except services.DraftExists as exc:
        messages.error(
            request,
            _("Version %(number)s is still a draft; finish it before starting another one.")
            % {"number": exc.draft.number},
        )
        return redirect(exc.draft)
    messages.success(
        request,
        _("Version %(new)s has been started as a copy of version %(old)s.")
        % {"new": copy.number, "old": concept.number},
    )
    return redirect(copy)


def concept_resolution(request, ags, number):
    """The lead records the council resolution; an adopting outcome makes the version the one in force."""
    concept = _concept(request, ags, number)
    if not policy.can_adopt(request.user, concept.municipality):
        raise PermissionDenied
    if concept.status == IntegrationConcept.Status.SUPERSEDED:
        return _locked(request, concept)
    form = ResolutionForm(request.POST or None, instance=concept)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        was_draft = concept.is_draft

        def success():
            if was_draft and concept.status == IntegrationConcept.Status.ADOPTED:
                return _("The resolution has been recorded; version %(number)s is now adopted.") % {
                    "number": concept.number
                }
            return _("The resolution has been recorded.")

        record = partial(
            services.concept_record_resolution,
            concept=form.instance,
            expected_version=data["expected_version"],
            user=request.user,
            body=data["resolution_body"],
            resolution_date=data["resolution_date"],
            paper=data["resolution_paper"],
            outcome=data["resolution_outcome"],
        )
        try:
            done = perform_step(request, record, form=form, success=success)
        except StaleObjectError:
            form.add_error(None, STALE_MESSAGE)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            if done:
                return redirect(concept)
    return render(
        request,
        "concepts/concept_resolution.html",
        {"form": form, "concept": concept, "municipality": concept.municipality},
    )


def _add_errors(form, exc):
    """Put a service's ValidationError next to the field it names, else above the form."""
    for field, errors in exc.update_error_dict({}).items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def concept_document(request, ags, number):
    """Upload the adopted document (PDF, checked by content and size)."""
    concept = _concept(request, ags, number)
    _require_edit(request, concept.municipality)
    if concept.status == IntegrationConcept.Status.SUPERSEDED:
        return _locked(request, concept)
    form = DocumentForm(request.POST or None, request.FILES or None, initial={"expected_version": concept.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.concept_attach_document(
                concept=concept,
                upload=form.cleaned_data["document"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except StaleObjectError:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("The document has been stored."))
            return redirect(concept)
    return render(
        request,
        "concepts/concept_document.html",
        {"form": form, "concept": concept, "municipality": concept.municipality},
    )


def concept_document_download(request, ags, number):
    """The stored PDF, only for users who may see the municipality; there is no public media URL."""
    concept = _concept(request, ags, number)
    if not concept.document:
        raise Http404
    filename = f"Integrationskonzept-{concept.municipality.name}-Fassung-{concept.number}.pdf"
    return FileResponse(concept.document.open("rb"), content_type="application/pdf", filename=filename)


def concept_compare(request, ags):
    """Two versions side by side, section by section, with the changes marked."""
    municipality = _municipality(request, ags)
    versions = list(
        selectors.concept_versions(municipality, request.user).prefetch_related(
            Prefetch("work_plan", queryset=WorkPlanItem.objects.order_by("theme", "target_date", "pk"))
        )
    )
    if len(versions) < 2:
        messages.info(request, _("There is only one version; start a new version to compare."))
        return redirect("concepts:municipality", ags=ags)
    by_number = {str(v.number): v for v in versions}
    new = by_number.get(request.GET.get("neu", ""), versions[0])
    old = by_number.get(request.GET.get("alt", ""), next(v for v in versions if v.pk != new.pk))
    return render(
        request,
        "concepts/concept_compare.html",
        {
            "municipality": municipality,
            "versions": versions,
            "old": old,
            "new": new,
            "sections": compare_versions(old, new) if old.pk != new.pk else [],
        },
    )


def _work_plan_item(request, concept, pk):
    items = WorkPlanItem.objects.filter(concept=concept)  # the queryset, not the manager, knows its tenant path
    return policy.get_visible_or_404(items, request.user, items.tenant_path, pk=pk)


def work_plan_item_form(request, ags, number, pk=None):
    concept = _concept(request, ags, number)
    _require_edit(request, concept.municipality)
    if not concept.is_draft:
        return _locked(request, concept)
    item = _work_plan_item(request, concept, pk) if pk is not None else None
    initial = {"theme": request.GET.get("thema")} if item is None else None
    form = WorkPlanItemForm(request.POST or None, instance=item, concept=concept, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.instance.concept = concept
        try:
            services.work_plan_item_save(item=form.instance, expected_version=form.cleaned_data["expected_version"])
        except StaleObjectError:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("The work plan has been saved."))
            return redirect(f"{concept.get_absolute_url()}#arbeitsplan")
    return render(
        request,
        "concepts/workplanitem_form.html",
        {"form": form, "concept": concept, "item": item, "municipality": concept.municipality},
    )


def work_plan_item_delete(request, ags, number, pk):
    concept = _concept(request, ags, number)
    _require_edit(request, concept.municipality)
    if not concept.is_draft:
        return _locked(request, concept)
    item = _work_plan_item(request, concept, pk)
    if request.method == "POST":
        services.work_plan_item_delete(item=item)
        messages.success(request, _("The goal has been removed from the work plan."))
        return redirect(f"{concept.get_absolute_url()}#arbeitsplan")
    return render(
        request,
        "concepts/confirm_delete.html",
        {"object": item, "municipality": concept.municipality, "back": concept.get_absolute_url()},
    )


def timeline(request, ags):
    """The council process of a municipality as an ordered list: done, upcoming and overdue steps."""
    municipality = _municipality(request, ags)
    steps = list(selectors.council_steps(municipality))
    return render(
        request,
        "concepts/councilstep_list.html",
        {
            "municipality": municipality,
            "timeline": timeline_entries(steps, timezone.localdate()),
            "can_edit": policy.can_edit(request.user, municipality),
            "can_import": policy.can_adopt(request.user, municipality),
        },
    )


def council_step_form(request, ags, pk=None):
    municipality = _municipality(request, ags)
    _require_edit(request, municipality)
    step = None
    if pk is not None:
        step = policy.get_visible_or_404(
            CouncilStep.objects.filter(municipality=municipality), request.user, "municipality", pk=pk
        )
    initial = None
    if step is None:
        initial = {"concept": municipality.concepts.order_by("-number").values_list("pk", flat=True).first()}
    form = CouncilStepForm(request.POST or None, instance=step, municipality=municipality, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.instance.municipality = municipality
        try:
            services.council_step_save(step=form.instance, expected_version=form.cleaned_data["expected_version"])
        except StaleObjectError:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("The step of the council process has been saved."))
            return redirect("concepts:timeline", ags=ags)
    return render(request, "concepts/councilstep_form.html", {"form": form, "step": step, "municipality": municipality})


def council_step_delete(request, ags, pk):
    municipality = _municipality(request, ags)
    _require_edit(request, municipality)
    step = policy.get_visible_or_404(
        CouncilStep.objects.filter(municipality=municipality), request.user, "municipality", pk=pk
    )
    if request.method == "POST":
        services.council_step_delete(step=step)
        messages.success(request, _("The step has been removed from the council process."))
        return redirect("concepts:timeline", ags=ags)
    return render(
        request,
        "concepts/confirm_delete.html",
        {"object": step, "municipality": municipality, "back": reverse("concepts:timeline", kwargs={"ags": ags})},
    )
