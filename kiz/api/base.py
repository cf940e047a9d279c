"""The shared parts of every app's API module: German descriptions, the filters, tenancy, drafts, writes.

Every endpoint reads through the model's `.for_user(user)` queryset, so a key sees exactly what its user sees
and another municipality's object is not found (404). Documents still in preparation are left out for users
who may not see drafts (kiz.policy.draft_municipality_ids). Writes go through the app's forms and services.
"""

from django.db.models import Q
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.filters import BaseFilterBackend

from kiz import policy
from kiz.concurrency import STALE_MESSAGE, StaleObjectError

YEAR_MIN, YEAR_MAX = 2000, 2100
AGS_HELP = _("Municipality: official municipality key (AGS).")


def ags_field(source=None):
    """The municipality of a row, named by its AGS (`source`: the path to it, if not `municipality`)."""
    extra = {"source": source} if source else {}
    return serializers.SlugRelatedField(slug_field="ags", read_only=True, help_text=AGS_HELP, **extra)


def parse_year(value: str) -> int:
    """A year given as a query parameter; anything else than 2000–2100 is a 400."""
    if not value.isdigit() or not YEAR_MIN <= int(value) <= YEAR_MAX:
        raise exceptions.ValidationError({"year": _("Give a year between 2000 and 2100.")})
    return int(value)


class Serializer(serializers.ModelSerializer):
    """A model serializer whose schema descriptions carry the German field labels (and help texts)."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            describe(field)
        return fields


def describe(field):
    label = force_str(field.label) if field.label else ""
    hint = force_str(field.help_text) if field.help_text else ""
    if label and hint and hint != label:
        field.help_text = f"{label}. {hint}"
    elif label:
        field.help_text = label
    return field


class YearMunicipalityFilter(BaseFilterBackend):
    """`?year=2024` and `?municipality=05913000` (AGS) on every list whose view names the fields to filter."""

    def filter_queryset(self, request, queryset, view):
        year_field = getattr(view, "year_field", None)
        municipality_field = getattr(view, "municipality_field", None)
        year = request.query_params.get("year")
        if year_field and year not in (None, ""):
            queryset = queryset.filter(**{year_field: parse_year(year)})
        ags = request.query_params.get("municipality")
        if municipality_field and ags not in (None, ""):
            if not (ags.isdigit() and len(ags) == 8):
                raise exceptions.ValidationError({"municipality": _("Give the 8-digit AGS of the municipality.")})
            queryset = queryset.filter(**{f"{municipality_field}__ags": ags})
        return queryset

    def get_schema_operation_parameters(self, view):
        parameters = []
        if getattr(view, "year_field", None):
            parameters.append(
                {
                    "name": "year",
                    "in": "query",
                    "required": False,
                    "description": force_str(getattr(view, "year_description", _("Year"))),
                    "schema": {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX},
                }
            )
        if getattr(view, "municipality_field", None):
            parameters.append(
                {
                    "name": "municipality",
                    "in": "query",
                    "required": False,
                    "description": force_str(_("Municipality: official municipality key (AGS), 8 digits.")),
                    "schema": {"type": "string", "pattern": r"^[0-9]{8}$"},
                }
            )
        return parameters


def without_drafts(queryset, user, *, drafts: Q, path: str):
    """Leave out the documents in preparation (`drafts`) of municipalities where the user may not see drafts."""
    preparing = policy.draft_municipality_ids(user)
    if preparing is None:
        return queryset
    return queryset.exclude(drafts & ~Q(**{f"{path}__in": preparing}))


class ReadViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only endpoint of tenant-owned rows, scoped to the user. Subclasses set `queryset` and may
    set `year_field`, `municipality_field` (path to the municipality) and `drafts` (a Q of the draft rows)."""

    filter_backends = [YearMunicipalityFilter]
    lookup_value_regex = "[0-9]{1,18}"  # larger numbers are no id (and would overflow the database's integer)
    year_field = None
    municipality_field = "municipality"
    drafts = None

    def get_queryset(self):
        queryset = super().get_queryset().for_user(self.request.user)
        if self.drafts is not None:
            queryset = without_drafts(queryset, self.request.user, drafts=self.drafts, path=self.municipality_field)
        return queryset


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = STALE_MESSAGE
    default_code = "stale"


def form_errors(form) -> exceptions.ValidationError:
    """A Django form's errors as the API's 400 answer; errors of the whole form under `non_field_errors`."""
    errors = {}
    for name, messages in form.errors.items():
        key = "non_field_errors" if name == "__all__" else name
        errors.setdefault(key, []).extend(str(m) for m in messages)
    return exceptions.ValidationError(errors)


def save_checked(save):
    """Run a version-checked save; somebody else's change since the client read the object is a 409."""
    try:
        return save()
    except StaleObjectError as exc:
        raise Conflict from exc


def require(allowed: bool):
    if not allowed:
        raise exceptions.PermissionDenied(_("You may not change this."))
