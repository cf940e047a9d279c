"""REST API of the concepts app: the adopted versions of the integration concepts and the council process."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from kiz.api.base import ReadViewSet, Serializer, ags_field

from .models import CouncilStep, IntegrationConcept, WorkPlanItem


class WorkPlanItemSerializer(Serializer):
    class Meta:
        model = WorkPlanItem
        fields = ["id", "theme", "goal", "measures", "responsible_unit", "target_date"]


class ConceptSerializer(Serializer):
    municipality = ags_field()
    has_document = serializers.SerializerMethodField(help_text=_("An adopted document (PDF) is stored."))
    work_plan = WorkPlanItemSerializer(many=True, read_only=True, help_text=_("work plan"))

    class Meta:
        model = IntegrationConcept
        fields = [
            "id",
            "municipality",
            "number",
            "status",
            "title",
            "based_on",
            "plan_start",
            "education_text",
            "cross_cutting_text",
            "anchoring_text",
            "priorities_start_year",
            "priorities_text",
            "fields_of_action",
            "education_stages",
            "resolution_body",
            "resolution_date",
            "resolution_paper",
            "resolution_outcome",
            "adopted_on",
            "superseded_on",
            "has_document",
            "work_plan",
        ]

    def get_has_document(self, concept) -> bool:
        return bool(concept.document)


class CouncilStepSerializer(Serializer):
    municipality = ags_field()

    class Meta:
        model = CouncilStep
        fields = [
            "id",
            "municipality",
            "concept",
            "title",
            "body",
            "body_name",
            "kind",
            "planned_date",
            "actual_date",
            "outcome",
            "resolution_text",
        ]


@extend_schema_view(
    list=extend_schema(summary=_("Adopted versions of the integration concepts (current and superseded)")),
    retrieve=extend_schema(summary=_("One adopted version of an integration concept")),
)
class ConceptViewSet(ReadViewSet):
    """Drafts are never served here: a version appears once the council has adopted it."""

    serializer_class = ConceptSerializer
    queryset = (
        IntegrationConcept.objects.exclude(status=IntegrationConcept.Status.DRAFT)
        .select_related("municipality")
        .prefetch_related(Prefetch("work_plan", queryset=WorkPlanItem.objects.order_by("theme", "target_date", "pk")))
        .order_by("municipality__name", "-number")
    )
    year_field = "adopted_on__year"
    year_description = _("Year of adoption")


@extend_schema_view(
    list=extend_schema(summary=_("Steps of the council process (Gremienlauf)")),
    retrieve=extend_schema(summary=_("One step of the council process")),
)
class CouncilStepViewSet(ReadViewSet):
    serializer_class = CouncilStepSerializer
    queryset = CouncilStep.objects.select_related("municipality").order_by("municipality__name", "planned_date", "pk")
    year_field = "planned_date__year"
    year_description = _("Year of the planned date")
    drafts = Q(concept__status=IntegrationConcept.Status.DRAFT)


def register(router):
    router.register("concepts", ConceptViewSet, basename="concept")
    router.register("council-steps", CouncilStepViewSet, basename="council-step")
