"""The guideline editions with their rules, read-only."""

from django.db.models import Prefetch
from django.shortcuts import render

from kiz import policy

from .models import Guideline, PostRule


def guideline_list(request):
    """The guideline editions with their rules, read-only (the admin is where a new edition is added)."""
    guidelines = Guideline.objects.prefetch_related(
        Prefetch("post_rules", queryset=PostRule.objects.order_by("pk")), "extra_items"
    )
    context = {"guidelines": guidelines, "show_assumptions": policy.can_read_guideline_assumptions(request.user)}
    return render(request, "funding/guideline_list.html", context)
