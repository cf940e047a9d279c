"""REST API of the funding app: applications with their rule check, grant notices, call-offs, proofs of use.

A city's editors and leads create and change their draft application here, through the same forms (and so
the same rules) as in the browser; a change names the `version` it read, a newer stored version answers 409.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from kiz import policy
from kiz.api.base import AGS_HELP, ReadViewSet, Serializer, ags_field, form_errors, require, save_checked
from kiz.models import Municipality

from .applications import services
from .applications.forms import MONEY_FIELDS, ApplicationCreateForm, ApplicationForm
from .applications.models import ApplicationRevision, RevisionExtra, RevisionPost
from .applications.record import assessed
from .models import (
    CallOff,
    CallOffPayment,
    FundingApplication,
    GrantNotice,
    ProofLine,
    ProofOfUse,
    ProofState,
)

MONEY = {"max_digits": 14, "decimal_places": 2, "coerce_to_string": True, "read_only": True}
AGS = _("Municipality: official municipality key (AGS).")


def _ags_field():
    return ags_field()


class ApplicationSerializer(Serializer):
    municipality = ags_field()
    guideline = serializers.CharField(
        source="guideline.name", read_only=True, allow_null=True, help_text=_("guideline edition")
    )
    own_contribution = serializers.DecimalField(help_text=_("Municipal own contribution in total"), **MONEY)
    notice = serializers.IntegerField(
        source="notice.pk", read_only=True, allow_null=True, help_text=_("grant notice (id), once issued")
    )

    class Meta:
        model = FundingApplication
        fields = ["id", "municipality", "funding_year", "period_start", "period_end", "guideline", "state"]
        fields += ["raa_transition", *MONEY_FIELDS, "own_contribution", "notice", "version", "created_at"]


class FindingSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Code of the rule"))
    severity = serializers.ChoiceField(
        choices=["error", "warning"], help_text=_("error: blocks the submission; warning: informs")
    )
    message = serializers.CharField(help_text=_("Message"))
    field = serializers.CharField(help_text=_("The field the finding concerns"))


class FinancingPlanSerializer(serializers.Serializer):
    expected_personnel = serializers.DecimalField(help_text=_("Expected personnel costs"), **MONEY)
    personnel_eligible = serializers.DecimalField(help_text=_("Eligible personnel costs"), **MONEY)
    extras_requested = serializers.DecimalField(help_text=_("Extra items requested"), **MONEY)
    extras_eligible = serializers.DecimalField(help_text=_("Extra items eligible"), **MONEY)
    annual_cap = serializers.DecimalField(help_text=_("Annual cap of the edition"), allow_null=True, **MONEY)
    own_contribution = serializers.DecimalField(help_text=_("Municipal own contribution"), **MONEY)
    total_costs = serializers.DecimalField(help_text=_("Total costs"), **MONEY)
    max_grant = serializers.DecimalField(help_text=_("Maximum grant under the rules"), **MONEY)
    requested = serializers.DecimalField(help_text=_("Requested grant"), **MONEY)


class RevisionPostSerializer(Serializer):
    class Meta:
        model = RevisionPost
        fields = ["position", "title", "category", "fte", "funding_source", "origin", "pay_scheme", "pay_grade"]
        fields += ["starts_on", "ends_on", "filled_months", "rate", "expected", "rule_label", "months", "eligible"]


class RevisionExtraSerializer(Serializer):
    class Meta:
        model = RevisionExtra
        fields = ["name", "max_amount", "requested", "eligible"]


class RevisionSerializer(Serializer):
    """One submission as it was frozen: later changes of the live data never alter it."""

    guideline = serializers.CharField(
        source="guideline.name", read_only=True, allow_null=True, help_text=_("guideline edition")
    )
    posts = RevisionPostSerializer(many=True, read_only=True, help_text=_("Posts as submitted"))
    extras = RevisionExtraSerializer(many=True, read_only=True, help_text=_("Extra items as submitted"))
    findings = FindingSerializer(many=True, read_only=True, help_text=_("Findings at the submission"))

    class Meta:
        model = ApplicationRevision
        fields = ["number", "submitted_at", "returned_at", "return_comment", "guideline", "period_start"]
        fields += ["period_end", "raa_transition", *MONEY_FIELDS[:4], "expected_personnel", "personnel_eligible"]
        fields += ["extras_requested", "extras_eligible", "annual_cap", "own_contribution", "total_eligible"]
        fields += ["max_grant", "requested", "total_costs", "municipal_share", "posts", "extras", "findings"]


class ApplicationDetailSerializer(ApplicationSerializer):
    revisions = RevisionSerializer(
        many=True, read_only=True, help_text=_("Submitted records (revisions), the first submission first")
    )
    financing_plan = serializers.SerializerMethodField(
        help_text=_("Financing plan as submitted (for a draft: as the rules calculate it now)")
    )
    findings = serializers.SerializerMethodField(
        help_text=_("Findings of the rule check as submitted (for a draft: as of now)")
    )

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "financing_plan", "findings", "revisions"]

    def _assessed(self, application):
        if getattr(self, "_assessment", (None,))[0] is not application:
            self._assessment = (application, *assessed(application))
        return self._assessment[1:]

    @extend_schema_field(FinancingPlanSerializer)
    def get_financing_plan(self, application) -> dict:
        return FinancingPlanSerializer(self._assessed(application)[0]).data

    @extend_schema_field(FindingSerializer(many=True))
    def get_findings(self, application) -> list:
        return FindingSerializer(self._assessed(application)[1], many=True).data


class ApplicationCreateSerializer(serializers.Serializer):
    municipality = serializers.SlugRelatedField(
        slug_field="ags", queryset=Municipality.objects.none(), help_text=AGS_HELP
    )
    funding_year = serializers.IntegerField(min_value=2012, max_value=2100, help_text=_("Funding year"))
    raa_transition = serializers.BooleanField(
        default=False, help_text=_("Apply for the transitional rule for a former RAA")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["municipality"].queryset = Municipality.objects.for_user(request.user)


class ApplicationUpdateSerializer(Serializer):
    """The draft's period, own contribution and requested grant; `version` is the version read."""

    version = serializers.IntegerField(min_value=1, help_text=_("The version read; required to change."))

    class Meta:
        model = FundingApplication
        fields = ["period_start", "period_end", "raa_transition", *MONEY_FIELDS, "version"]
        extra_kwargs = {name: {"coerce_to_string": True} for name in MONEY_FIELDS}

    def get_fields(self):
        fields = super().get_fields()
        fields["version"].required = True
        return fields


@extend_schema_view(
    list=extend_schema(summary=_("Funding applications")),
    retrieve=extend_schema(
        summary=_("One funding application with its financing plan and the findings of the rule check")
    ),
    create=extend_schema(
        summary=_("Start a draft application for a funding year"),
        request=ApplicationCreateSerializer,
        responses={201: ApplicationDetailSerializer},
    ),
    update=extend_schema(
        summary=_("Change a draft application"),
        request=ApplicationUpdateSerializer,
        responses={200: ApplicationDetailSerializer},
    ),
)
class ApplicationViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadViewSet):
    """Drafts are seen only by those who prepare them and by the state roles (the model's for_user)."""

    queryset = FundingApplication.objects.select_related("municipality", "guideline", "notice").order_by(
        "-funding_year", "municipality__name", "pk"
    )
    year_field = "funding_year"
    year_description = _("Funding year")
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action != "list":
            queryset = queryset.prefetch_related("revisions__guideline", "revisions__posts", "revisions__extras")
        return queryset

    def get_serializer_class(self):
        return {
            "list": ApplicationSerializer,
            "create": ApplicationCreateSerializer,
            "update": ApplicationUpdateSerializer,
        }.get(self.action, ApplicationDetailSerializer)

    def create(self, request, *args, **kwargs):
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        municipality = incoming.validated_data["municipality"]
        require(policy.can_edit(request.user, municipality))
        form = ApplicationCreateForm(
            {k: v for k, v in incoming.validated_data.items() if k != "municipality"}, municipality=municipality
        )
        if not form.is_valid():
            raise form_errors(form)
        application = services.application_create(municipality=municipality, **form.cleaned_data)
        return Response(ApplicationDetailSerializer(application).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        application = self.get_object()
        require(application.is_draft and policy.can_edit(request.user, application.municipality))
        incoming = self.get_serializer(application, data=request.data)
        incoming.is_valid(raise_exception=True)
        values = {name: getattr(application, name) for name in ApplicationUpdateSerializer.Meta.fields[:-1]}
        values.update(incoming.validated_data)
        values["expected_version"] = values.pop("version")
        extras = {f"extra_{item.rule_id}": item.amount for item in application.items.all()}
        form = ApplicationForm({**extras, **values}, instance=application)
        if not form.is_valid():
            raise form_errors(form)
        application = save_checked(lambda: services.application_update(form=form, extras=form.extras()))
        return Response(ApplicationDetailSerializer(application).data)


class GrantNoticeSerializer(Serializer):
    municipality = ags_field("application.municipality")

    class Meta:
        model = GrantNotice
        fields = ["id", "application", "municipality", "file_number", "issued_on", "approved_amount"]
        fields += ["period_start", "period_end", "side_conditions", "reason"]


@extend_schema_view(
    list=extend_schema(summary=_("Grant notices")), retrieve=extend_schema(summary=_("One grant notice"))
)
class GrantNoticeViewSet(ReadViewSet):
    serializer_class = GrantNoticeSerializer
    queryset = GrantNotice.objects.select_related("application__municipality").order_by("-issued_on", "pk")
    year_field = "application__funding_year"
    year_description = _("Funding year")
    municipality_field = "application__municipality"


class PaymentSerializer(Serializer):
    class Meta:
        model = CallOffPayment
        fields = ["item", "description", "amount", "due_on"]


class CallOffSerializer(Serializer):
    municipality = ags_field("application.municipality")
    payments = PaymentSerializer(many=True, read_only=True, help_text=_("payments"))

    class Meta:
        model = CallOff
        fields = ["id", "application", "municipality", "item", "amount", "justification", "requested_on"]
        fields += ["paid_on", "state", "payments"]


@extend_schema_view(list=extend_schema(summary=_("Call-offs")), retrieve=extend_schema(summary=_("One call-off")))
class CallOffViewSet(ReadViewSet):
    serializer_class = CallOffSerializer
    queryset = (
        CallOff.objects.select_related("application__municipality")
        .prefetch_related("payments")
        .order_by("-requested_on", "pk")
    )
    year_field = "application__funding_year"
    year_description = _("Funding year")
    municipality_field = "application__municipality"


class ProofLineSerializer(Serializer):
    class Meta:
        model = ProofLine
        fields = ["kind", "key", "label", "planned", "actual", "category", "funding_source", "fte"]
        fields += ["planned_months", "months"]


class ProofOfUseSerializer(Serializer):
    municipality = ags_field("application.municipality")
    lines = ProofLineSerializer(many=True, read_only=True, help_text=_("financial statement lines"))

    class Meta:
        model = ProofOfUse
        fields = ["id", "application", "municipality", "year", "state", "activities", "results", "deviations"]
        fields += ["own_funds_actual", "third_party_actual", "submitted_on", "checked_on", "eligible_costs"]
        fields += ["grant_due", "paid_total", "repayment_amount", "repayment_due_on", "interest_until"]
        fields += ["interest_amount", "lines"]


@extend_schema_view(
    list=extend_schema(summary=_("Proofs of use")), retrieve=extend_schema(summary=_("One proof of use"))
)
class ProofOfUseViewSet(ReadViewSet):
    serializer_class = ProofOfUseSerializer
    queryset = (
        ProofOfUse.objects.select_related("application__municipality").prefetch_related("lines").order_by("-year", "pk")
    )
    year_field = "year"
    year_description = _("Year of the proof of use")
    municipality_field = "application__municipality"
    drafts = Q(state=ProofState.DRAFT)


def register(router):
    router.register("applications", ApplicationViewSet, basename="application")
    router.register("grant-notices", GrantNoticeViewSet, basename="grant-notice")
    router.register("call-offs", CallOffViewSet, basename="call-off")
    router.register("proofs-of-use", ProofOfUseViewSet, basename="proof-of-use")
