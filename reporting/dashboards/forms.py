"""The filter and map forms of the state dashboard (GET forms: the page works without JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kiz.models import Municipality

from .selectors import INDICATORS, ConceptStatus, application_status_choices


class StateFilterForm(forms.Form):
    district = forms.ChoiceField(label=_("Government region"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    concept = forms.ChoiceField(label=_("Concept status"), required=False)
    application = forms.ChoiceField(label=_("Application status"), required=False)
    indicator = forms.ChoiceField(label=_("Colour the map by"), required=False, initial="granted")
    year = forms.IntegerField(label=_("Funding year"), required=False, min_value=2012, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("all"))]
        self.fields["district"].choices = everything + list(Municipality.District.choices)
        self.fields["kind"].choices = everything + list(Municipality.Kind.choices)
        self.fields["concept"].choices = everything + ConceptStatus.choices()
        self.fields["application"].choices = everything + application_status_choices()
        self.fields["indicator"].choices = [(key, label) for key, (label, _type) in INDICATORS.items()]

    def values(self) -> dict:
        """The valid filter values; an invalid entry counts as not given."""
        if not self.is_valid():
            return {key: self.cleaned_data.get(key) for key in self.fields if key not in self.errors}
        return dict(self.cleaned_data)
