"""REST API of the reporting app: controlling reports and the state-wide dashboard figures."""

from decimal import Decimal

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kiz import policy
from kiz.api.base import ReadViewSet, Serializer, ags_field, describe, parse_year
from kiz.models import Municipality

from .controlling.models import Activity, ControllingReport, StaffingInPlace
from .dashboards import selectors

MONEY = {"max_digits": 14, "decimal_places": 2, "coerce_to_string": True, "allow_null": True}


class StaffingSerializer(Serializer):
    class Meta:
        model = StaffingInPlace
        fields = ["category", "fte"]


class ActivitySerializer(Serializer):
    class Meta:
        model = Activity
        fields = ["field_of_action", "education_stage", "kind", "title", "count", "participants", "partners"]
        fields += ["institutions_reached"]


class ControllingReportSerializer(Serializer):
    municipality = ags_field()
    staffing = StaffingSerializer(many=True, read_only=True, help_text=_("staffing in place"))
    activities = ActivitySerializer(many=True, read_only=True, help_text=_("activities"))

    class Meta:
        model = ControllingReport
        fields = ["id", "municipality", "year", "period", "due_date", "state", "narrative", "submitted_at"]
        fields += ["staffing", "activities"]


@extend_schema_view(
    list=extend_schema(summary=_("Controlling reports")), retrieve=extend_schema(summary=_("One controlling report"))
)
class ControllingReportViewSet(ReadViewSet):
    serializer_class = ControllingReportSerializer
    queryset = (
        ControllingReport.objects.select_related("municipality")
        .prefetch_related("staffing", "activities")
        .order_by("municipality__name", "-year", "period")
    )
    year_field = "year"
    year_description = _("Year of the report")  # drafts: kept out by the published rule of for_user


def _field(field, label):
    field.label = label
    return describe(field)


class StateRowSerializer(serializers.Serializer):
    ags = _field(serializers.CharField(), _("official municipality key (AGS)"))
    name = _field(serializers.CharField(), _("name"))
    district = _field(serializers.ChoiceField(choices=Municipality.District.choices), _("government region"))
    kind = _field(serializers.ChoiceField(choices=Municipality.Kind.choices), _("kind"))
    concept = _field(
        serializers.ChoiceField(choices=selectors.ConceptStatus.choices()), _("Status of the integration concept")
    )
    concept_since = _field(serializers.DateField(allow_null=True), _("Concept adopted on"))
    concept_age = _field(serializers.IntegerField(allow_null=True), _("Age of the concept in years"))
    application = _field(
        serializers.ChoiceField(choices=selectors.application_status_choices()), _("State of the application")
    )
    requested = _field(serializers.DecimalField(**MONEY), _("Requested grant"))
    granted = _field(serializers.DecimalField(**MONEY), _("Approved amount"))
    plan_year = _field(serializers.IntegerField(allow_null=True), _("Year of the latest staff plan"))
    fte = _field(
        serializers.DecimalField(max_digits=8, decimal_places=2, coerce_to_string=True, allow_null=True),
        _("Planned FTE of the latest staff plan"),
    )
    overdue = _field(serializers.IntegerField(), _("Controlling reports overdue"))


class StateDashboardSerializer(serializers.Serializer):
    year = _field(serializers.IntegerField(), _("Funding year"))
    count = _field(serializers.IntegerField(), _("Number of KIZ"))
    requested = _field(serializers.DecimalField(**MONEY), _("Requested grants in total"))
    granted = _field(serializers.DecimalField(**MONEY), _("Approved amounts in total"))
    fte = _field(
        serializers.DecimalField(max_digits=10, decimal_places=2, coerce_to_string=True), _("Planned FTE in total")
    )
    rows = StateRowSerializer(many=True, help_text=_("One row per KIZ"))


def _total(rows, key) -> Decimal:
    return sum((row[key] for row in rows if row[key] is not None), Decimal("0.00"))


class StateDashboardViewSet(viewsets.ViewSet):
    """The figures of the state dashboard for one funding year; only for the state roles (others: 404)."""

    @extend_schema(
        summary=_("State-wide dashboard figures of all KIZ for one funding year"),
        parameters=[
            OpenApiParameter(
                "year",
                int,
                description=_("Funding year (default: the current year)"),
                required=False,
            )
        ],
        responses=StateDashboardSerializer,
    )
    @action(detail=False, methods=["get"], url_path="state")
    def state(self, request):
        if not policy.is_state_user(request.user):
            raise Http404
        today = timezone.localdate()
        year = parse_year(request.query_params.get("year") or str(today.year))
        rows = selectors.state_rows(year=year, today=today, municipalities=Municipality.objects.for_user(request.user))
        data = {
            "year": year,
            "count": len(rows),
            "requested": _total(rows, "requested"),
            "granted": _total(rows, "granted"),
            "fte": _total(rows, "fte"),
            "rows": rows,
        }
        return Response(StateDashboardSerializer(data).data)


def register(router):
    router.register("controlling-reports", ControllingReportViewSet, basename="controlling-report")
    router.register("dashboard", StateDashboardViewSet, basename="dashboard")
