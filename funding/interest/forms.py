"""The base rate form of the authority."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kiz.forms import GermanDecimalField

from ..forms import DATE_WIDGET
from .models import BaseRate


class BaseRateForm(forms.ModelForm):
    """A base rate from a date on; a date already recorded has its rate corrected."""

    class Meta:
        model = BaseRate
        fields = ["valid_from", "rate"]
        widgets = {"valid_from": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rate"] = GermanDecimalField(
            label=_("Base rate in percent a year"),
            max_digits=5,
            decimal_places=2,
            example="-0,88",
            help_text=_("As published by the Deutsche Bundesbank; may be negative, e.g. −0,88."),
        )

    def validate_unique(self):
        pass  # a date already recorded is corrected (funding.interest.services.base_rate_save)
