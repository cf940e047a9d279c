from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Municipality


class MunicipalityFilterForm(forms.Form):
    """Filters of the state-wide list; an empty choice means 'all'."""

    district = forms.ChoiceField(
        label=_("Government region"),
        required=False,
        choices=[("", _("All government regions")), *Municipality.District.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Municipality.Kind.choices]
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if district := self.cleaned_data["district"]:
            queryset = queryset.filter(district=district)
        if kind := self.cleaned_data["kind"]:
            queryset = queryset.filter(kind=kind)
        return queryset


class SwitchMunicipalityForm(forms.Form):
    municipality = forms.TypedChoiceField(label=_("Municipality"), coerce=int)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [(m.pk, m.name) for m in municipalities]
