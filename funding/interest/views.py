"""The base rates for repayment interest."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kiz import policy

from . import services
from .calculation import MARGIN, missing_half_years
from .forms import BaseRateForm
from .models import BaseRate


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
    missing = missing_half_years([rate.valid_from for rate in rates], timezone.localdate())
    return render(request, "funding/base_rates.html", {"rates": rates, "form": form, "missing": missing})
