"""Pages of the OParl import: the lead enters a council paper's address; the import runs in the background."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kiz import policy
from kiz.models import Municipality

from . import services
from .forms import OParlImportForm
from .models import OParlImport


def _municipality(request, ags):
    municipality = policy.get_visible_or_404(Municipality.objects.all(), request.user, "pk", ags=ags)
    if not policy.can_adopt(request.user, municipality):
        raise PermissionDenied
    return municipality


@require_http_methods(["GET", "POST"])
def oparl_import(request, ags):
    """The form, and the imports of this municipality so far."""
    municipality = _municipality(request, ags)
    form = OParlImportForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        record = services.oparl_import_start(
            municipality=municipality,
            concept=form.cleaned_data["concept"],
            source_url=form.cleaned_data["source_url"],
            user=request.user,
        )
        messages.success(request, _("The import has been started."))
        return redirect(record)
    imports = OParlImport.objects.for_user(request.user).filter(municipality=municipality).select_related("concept")
    return render(
        request,
        "concepts/oparl_import.html",
        {"form": form, "municipality": municipality, "imports": imports[:20]},
    )


def oparl_import_detail(request, ags, pk):
    """Progress, the error, or what the import changed; the page reloads itself while the import runs."""
    municipality = _municipality(request, ags)
    record = policy.get_visible_or_404(
        OParlImport.objects.filter(municipality=municipality).select_related("concept"), request.user, pk=pk
    )
    template = "concepts/_oparl_import_status.html" if request.htmx else "concepts/oparl_import_detail.html"
    return render(request, template, {"record": record, "municipality": municipality})
