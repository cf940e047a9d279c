"""Base views: the home page of each role, a municipality's page, the municipality switch."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import policy, services
from .extensions import panels
from .forms import ApiTokenForm, MunicipalityFilterForm, SwitchMunicipalityForm
from .history import history_entries
from .models import ApiToken, Municipality, Role
from .tenancy import current_municipality, switch_municipality


def home(request):
    """State roles get the list of all KIZ with filters; city roles their current municipality."""
    user = request.user
    if policy.is_state_user(user):
        form = MunicipalityFilterForm(request.GET or None)
        municipalities = form.filter(Municipality.objects.for_user(user).select_related("centre"))
        return render(
            request,
            "kiz/home_state.html",
            {
                "filter_form": form,
                "municipalities": municipalities,
                "total": Municipality.objects.count(),
                "panels": panels("home_state", user=user),
            },
        )
    municipality = current_municipality(request)
    if municipality is None:
        return render(request, "kiz/home_no_membership.html")
    context = _municipality_context(user, municipality)
    context["panels"] = panels("home_city", user=user, municipality=municipality)
    return render(request, "kiz/home_city.html", context)


def municipality_detail(request, ags):
    """One municipality and its centre; another municipality's key answers 404 for city roles."""
    municipality = policy.get_visible_or_404(Municipality.objects.select_related("centre"), request.user, "pk", ags=ags)
    context = _municipality_context(request.user, municipality)
    context["panels"] = panels("municipality", user=request.user, municipality=municipality)
    return render(request, "kiz/municipality_detail.html", context)


def _municipality_context(user, municipality):
    centre = getattr(municipality, "centre", None)
    history = history_entries(centre) if centre else []
    roles = policy.roles_in(user, municipality)
    return {
        "municipality": municipality,
        "centre": centre,
        "centre_history": history,
        "roles": [label for value, label in Role.choices if value in roles],
    }


@require_POST
def switch(request):
    """Change the municipality a user with several memberships is working in."""
    form = SwitchMunicipalityForm(request.POST, municipalities=policy.city_municipalities(request.user))
    if form.is_valid() and switch_municipality(request, form.cleaned_data["municipality"]):
        messages.success(request, _("You are now working in %(name)s.") % {"name": current_municipality(request)})
    else:
        messages.error(request, _("This municipality cannot be selected."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "home"
    return redirect(_same_page_in(target, current_municipality(request)))


def _same_page_in(target: str, municipality) -> str:
    """Where to go after a switch: the page the user came from, shown for the municipality now selected.

    A page addressed by a municipality key opens for the new municipality; a page of one object (a plan, a
    post, a concept version) belongs to the old municipality and is left for the home page.
    """
    if target == "home":
        return target
    try:
        match = resolve(urlsplit(target).path)
    except Resolver404:
        return "home"
    if not match.kwargs:
        return target
    if set(match.kwargs) == {"ags"} and municipality is not None:
        return reverse(match.view_name, kwargs={"ags": municipality.ags})
    return "home"


def bench_floor(request):
    """The benchmark's floor: 50 rows from the database through a simple template, behind the same middleware.

    Mounted only when settings.BENCH_FLOOR_VIEW is on (`manage.py bench` sets it for its own server): it is a
    yardstick for what the framework costs per request, not a page anybody needs.
    """
    rows = Municipality.objects.order_by("name").values_list("ags", "name", "kind", "district")[:50]
    return render(request, "kiz/bench_floor.html", {"rows": rows})


@login_not_required
def accessibility(request):
    """The accessibility statement with its feedback channel (BITV NRW)."""
    return render(request, "kiz/accessibility.html")


@login_not_required
def health(request):
    """Liveness for load balancers and containers: the application answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_http_methods(["GET", "POST"])
def api_tokens(request):
    """The user's personal API keys: create one (its secret is shown on this answer only), see and revoke them."""
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    secret = None
    if request.method == "POST" and form.is_valid():
        token, secret = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    response = render(
        request,
        "kiz/api_tokens.html",
        {"form": form, "secret": secret, "tokens": ApiToken.objects.filter(user=request.user)},
    )
    if secret:
        response["Cache-Control"] = "no-store"
    return response


@require_POST
def api_token_revoke(request, pk):
    token = get_object_or_404(ApiToken.objects.active(), user=request.user, pk=pk)
    services.api_token_revoke(token=token)
    messages.success(request, _("The key “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("api_tokens")
