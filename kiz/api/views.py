"""The core's endpoints: the municipalities with their KIZ, the OpenAPI document and its documentation page."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import viewsets

from kiz.models import IntegrationCentre, Municipality

from .base import Serializer, YearMunicipalityFilter


class CentreSerializer(Serializer):
    class Meta:
        model = IntegrationCentre
        fields = ["name", "org_unit", "opened_on", "former_raa"]


class MunicipalitySerializer(Serializer):
    centre = CentreSerializer(read_only=True, allow_null=True, help_text=_("integration centre"))

    class Meta:
        model = Municipality
        fields = ["ags", "name", "kind", "district", "centre"]


@extend_schema_view(
    list=extend_schema(summary=_("Municipalities and their integration centres")),
    retrieve=extend_schema(summary=_("One municipality with its integration centre")),
)
class MunicipalityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MunicipalitySerializer
    queryset = Municipality.objects.select_related("centre")
    lookup_field = "ags"
    lookup_value_regex = "[0-9]{8}"
    filter_backends = [YearMunicipalityFilter]
    municipality_field = None

    def get_queryset(self):
        return super().get_queryset().for_user(self.request.user)


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 document, generated from the code, in the language of the request (German by default)."""


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the vendored files; the start script is a separate request, so no inline script runs."""

    template_name = "kiz/api_docs.html"
    url_name = "api:schema"
    title = _("KIZ administration – API documentation")
