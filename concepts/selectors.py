"""Reads of the concepts app: the adopted version at a date, a municipality's versions, the state-wide overview."""

from django.db.models import OuterRef, Q, Subquery

from kiz.models import Municipality

from .models import CouncilStep, IntegrationConcept


def adopted_concept(municipality, on_date=None):
    """The version in force: today the adopted one; at an earlier date the one adopted then and not yet superseded."""
    concepts = IntegrationConcept.objects.filter(municipality=municipality).prefetch_related("work_plan")
    if on_date is None:
        return concepts.filter(status=IntegrationConcept.Status.ADOPTED).first()
    return (
        concepts.filter(adopted_on__lte=on_date)
        .filter(Q(superseded_on__isnull=True) | Q(superseded_on__gt=on_date))
        .order_by("-adopted_on", "-number")
        .first()
    )


def concept_versions(municipality, user):
    """The versions of a municipality the user may read (drafts only for those who prepare them), newest first."""
    versions = IntegrationConcept.objects.filter(municipality=municipality).for_user(user)
    return versions.select_related("municipality", "created_by").order_by("-number")


def council_steps(municipality):
    return (
        CouncilStep.objects.filter(municipality=municipality).select_related("concept").order_by("planned_date", "pk")
    )


def concept_overview():
    """Every municipality with the number, adoption and resolution date of its adopted version, and its open draft.

    One query, however many municipalities and versions there are.
    """
    adopted = IntegrationConcept.objects.filter(municipality=OuterRef("pk"), status=IntegrationConcept.Status.ADOPTED)
    draft = IntegrationConcept.objects.filter(municipality=OuterRef("pk"), status=IntegrationConcept.Status.DRAFT)
    return Municipality.objects.annotate(
        adopted_number=Subquery(adopted.values("number")[:1]),
        adopted_on=Subquery(adopted.values("adopted_on")[:1]),
        adopted_resolution_date=Subquery(adopted.values("resolution_date")[:1]),
        draft_number=Subquery(draft.values("number")[:1]),
    ).order_by("name")
