"""The guideline editions with their rules, read-only."""

from django.db.models import Prefetch
from django.shortcuts import render

from .models import Guideline, PostRule


def guideline_list(request):
    """The guideline editions with their rules, read-only (the admin is where a new edition is added)."""
    guidelines = Guideline.objects.prefetch_related(
        Prefetch("post_rules", queryset=PostRule.objects.order_by("pk")), "extra_items"
    )
    return render(request, "funding/guideline_list.html", {"guidelines": guidelines})
