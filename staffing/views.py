"""Pages of the staff plan: plans per year, the posts with their expected cost, and the pay rates."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kiz import policy
from kiz.concurrency import STALE_MESSAGE, StaleObjectError, posted_version
from kiz.history import history_entries
from kiz.tenancy import current_municipality

from . import services
from .costs import expected_cost, plan_costs, plan_totals, rates_for
from .forms import PayRateForm, PostForm, StaffPlanCopyForm, StaffPlanCreateForm, StaffPlanForm
from .models import PayRate, PayScheme, Post, StaffPlan
from .selectors import plans_for, post_changes


def _plan_or_404(user, ags, year):
    return policy.get_visible_or_404(
        StaffPlan.objects.select_related("municipality"), user, municipality__ags=ags, year=year
    )


def _post_or_404(user, pk):
    return policy.get_visible_or_404(
        Post.objects.select_related("plan__municipality"), user, "plan__municipality", pk=pk
    )


def _require_edit(user, municipality):
    if not policy.can_edit(user, municipality):
        raise PermissionDenied


def plan_list(request):
    """The staff plans of the current municipality (city roles) or of all municipalities (state roles)."""
    user = request.user
    municipality = None if policy.is_state_user(user) else current_municipality(request)
    if municipality is None and not policy.is_state_user(user):
        plans = StaffPlan.objects.none()
    else:
        plans = plans_for(user, municipality)
    can_edit = municipality is not None and policy.can_edit(user, municipality)
    form = StaffPlanCreateForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                plan = services.staff_plan_create(municipality=municipality, year=form.cleaned_data["year"], user=user)
            except services.StaffPlanError as exc:
                form.add_error("year", str(exc))
            else:
                messages.success(request, _("The staff plan %(year)s has been created.") % {"year": plan.year})
                return redirect(plan)
    return render(
        request,
        "staffing/staffplan_list.html",
        {"plans": plans, "municipality": municipality, "can_edit": can_edit, "form": form},
    )


def plan_detail(request, ags, year):
    """The posts of one plan with their expected cost and the calculation, totals, and recent changes."""
    plan = _plan_or_404(request.user, ags, year)
    costs = plan_costs(plan)
    return render(
        request,
        "staffing/staffplan_detail.html",
        {
            "plan": plan,
            "municipality": plan.municipality,
            "costs": costs,
            "totals": plan_totals(costs),
            "can_edit": policy.can_edit(request.user, plan.municipality),
            "show_occupants": policy.can_see_occupants(request.user, plan.municipality),
            "changes": post_changes(plan),
        },
    )


def plan_edit(request, ags, year):
    """The notes of a plan."""
    plan = _plan_or_404(request.user, ags, year)
    _require_edit(request.user, plan.municipality)
    form = StaffPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            form.save_checked()
        except StaleObjectError:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("The notes have been saved."))
            return redirect(plan)
    return render(request, "staffing/staffplan_form.html", {"plan": plan, "form": form})


def plan_copy(request, ags, year):
    """Copy a plan into another year (usually the next)."""
    plan = _plan_or_404(request.user, ags, year)
    _require_edit(request.user, plan.municipality)
    form = StaffPlanCopyForm(request.POST or None, initial={"year": plan.year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            new_plan = services.staff_plan_copy(plan=plan, year=form.cleaned_data["year"], user=request.user)
        except services.StaffPlanError as exc:
            form.add_error("year", str(exc))
        else:
            messages.success(
                request,
                _("The staff plan %(old)s has been copied to %(new)s. Please check the months filled.")
                % {"old": plan.year, "new": new_plan.year},
            )
            return redirect(new_plan)
    return render(request, "staffing/staffplan_copy.html", {"plan": plan, "form": form})


def plan_delete(request, ags, year):
    """Delete a plan after a confirmation; refused while a submitted funding application refers to it."""
    plan = _plan_or_404(request.user, ags, year)
    _require_edit(request.user, plan.municipality)
    if request.method == "POST":
        version = request.POST.get("expected_version", "")
        try:
            services.staff_plan_delete(
                plan=plan, expected_version=int(version) if version.isdigit() else None, user=request.user
            )
        except StaleObjectError:
            messages.error(
                request, _("Somebody else has changed this staff plan in the meantime. Please check it again.")
            )
            return redirect(plan)
        except services.StaffPlanError as exc:
            messages.error(request, str(exc))
            return redirect(plan)
        messages.success(request, _("The staff plan %(year)s has been deleted.") % {"year": plan.year})
        return redirect("staffing:plan_list")
    return render(request, "staffing/staffplan_confirm_delete.html", {"plan": plan})


def post_create(request, ags, year):
    plan = _plan_or_404(request.user, ags, year)
    _require_edit(request.user, plan.municipality)
    return _post_form(request, plan, Post(plan=plan, position=services.next_position(plan)))


def post_edit(request, pk):
    post = _post_or_404(request.user, pk)
    _require_edit(request.user, post.plan.municipality)
    return _post_form(request, post.plan, post)


def _post_form(request, plan, post):
    show_occupant = policy.can_see_occupants(request.user, plan.municipality)
    stored_title = post.title  # the heading keeps the saved title while the form shows the input
    form = PostForm(request.POST or None, instance=post, plan=plan, show_occupant=show_occupant)
    if request.method == "POST" and form.is_valid():
        try:
            form.save_checked()
        except StaleObjectError:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("The post “%(title)s” has been saved.") % {"title": post.title})
            return redirect(plan)
    return render(
        request,
        "staffing/post_form.html",
        {
            "plan": plan,
            "post": post,
            "stored_title": stored_title,
            "form": form,
            "preview": _preview(form, plan),
            "history": history_entries(post) if post.pk else [],
        },
    )


def post_preview(request, ags, year):
    """htmx: the expected cost of the post being edited, recalculated while the form changes."""
    plan = _plan_or_404(request.user, ags, year)
    _require_edit(request.user, plan.municipality)
    form = PostForm(request.POST or None, instance=Post(plan=plan), plan=plan, show_occupant=False)
    form.is_valid()
    return render(request, "staffing/_post_cost_preview.html", {"preview": _preview(form, plan)})


def _preview(form, plan):
    """The cost of the form's post if the fields the calculation needs are valid, else None."""
    if not form.is_bound:
        if not form.instance.pk:
            return None
        post = form.instance
    else:
        needed = ("fte", "pay_scheme", "pay_grade", "starts_on", "ends_on", "filled_months")
        data = getattr(form, "cleaned_data", {})
        if any(name in form.errors for name in needed) or not all(name in data for name in needed):
            return None
        post = Post(plan=plan, **{name: data[name] for name in needed})
    rate = rates_for([post], plan.year).get((post.pay_scheme, post.pay_grade))
    return expected_cost(post, rate, plan.year)


def post_delete(request, pk):
    post = _post_or_404(request.user, pk)
    plan = post.plan
    _require_edit(request.user, plan.municipality)
    if request.method == "POST":
        try:
            services.post_delete(post=post, expected_version=posted_version(request.POST), user=request.user)
        except StaleObjectError:
            messages.error(request, _("Somebody else has changed this post in the meantime. Please check it again."))
            return redirect("staffing:post_delete", pk=pk)
        messages.success(request, _("The post “%(title)s” has been removed.") % {"title": post.title})
        return redirect(plan)
    return render(request, "staffing/post_confirm_delete.html", {"plan": plan, "post": post})


def payrate_list(request):
    """The employer cost rates of one year; the authority maintains them."""
    years = sorted(set(PayRate.objects.values_list("year", flat=True)), reverse=True)
    try:
        year = int(request.GET.get("jahr", ""))
    except ValueError:
        year = None
    if year not in years:
        year = _default_rate_year(years)
    rates = sorted(PayRate.objects.filter(year=year), key=_grade_order) if year else []
    return render(
        request,
        "staffing/payrate_list.html",
        {"rates": rates, "year": year, "years": years, "can_edit": policy.can_edit_pay_rates(request.user)},
    )


def _grade_order(rate):
    """TVöD before TV-L before Besoldung; within a scheme EG 6 before EG 10 (numbers as numbers)."""
    match = re.match(r"([A-Za-z]*)\s*(\d*)(.*)", rate.pay_grade)
    letters, number, rest = match.groups()
    return (PayScheme.values.index(rate.pay_scheme), letters, int(number or 0), rest)


def _default_rate_year(years):
    this_year = timezone.localdate().year
    if this_year in years:
        return this_year
    return years[0] if years else None


def payrate_create(request):
    return _payrate_form(request, PayRate())


def payrate_edit(request, pk):
    return _payrate_form(request, get_object_or_404(PayRate, pk=pk))


def _payrate_form(request, rate):
    if not policy.can_edit_pay_rates(request.user):
        raise PermissionDenied
    form = PayRateForm(request.POST or None, instance=rate)
    if request.method == "POST" and form.is_valid():
        try:
            saved = form.save_checked()
        except StaleObjectError:
            form.add_error(None, STALE_MESSAGE)
        else:
            messages.success(request, _("The pay rate %(rate)s has been saved.") % {"rate": saved})
            return redirect(f"{reverse('staffing:payrate_list')}?jahr={saved.year}")
    history = history_entries(rate) if rate.pk else []
    return render(request, "staffing/payrate_form.html", {"form": form, "rate": rate, "history": history})
