from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kiz.concurrency import VersionedModelForm
from kiz.forms import FteField
from staffing.models import PostCategory

from .models import Activity, ActivityKind, ControllingReport, PartnerKind, ReportPeriod

NOT_NEGATIVE = _("The number cannot be negative.")


class ReportCreateForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2012,
        max_value=2100,
        help_text=_("A year covered by a grant notice of your integration centre."),
        error_messages={
            "min_value": _("The programme started in 2012."),
            "max_value": _("Enter a year up to 2100."),
            "invalid": _("Enter the year as a number, e.g. 2026."),
            "required": _("Enter the year of the report."),
        },
    )
    period = forms.ChoiceField(
        label=_("Period"),
        choices=ReportPeriod.choices,
        initial=ReportPeriod.YEAR,
        widget=forms.RadioSelect,
        help_text=_("Half-years only where the guideline edition asks for them."),
    )


class NarrativeForm(VersionedModelForm):
    class Meta:
        model = ControllingReport
        fields = ["narrative"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 8})}


class StaffingForm(forms.Form):
    """The FTE actually in place per post category; the report's version guards against stale saves."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        current = {row.category: row.fte for row in report.staffing.all()}
        self.fields["expected_version"].initial = report.version
        for category, label in PostCategory.choices:
            self.fields[category] = FteField(
                label=label,
                required=False,
                min_value=Decimal("0"),
                max_value=Decimal("99.99"),
                max_digits=4,
                initial=current.get(category),
                error_messages={
                    "min_value": _("The FTE in place cannot be negative."),
                    "max_value": _("Enter at most 99,99 FTE."),
                    "max_digits": _("Enter at most 99,99 FTE."),
                    "max_whole_digits": _("Enter at most 99,99 FTE."),
                    "max_decimal_places": _("Enter the FTE with at most two decimals, e.g. 0,75."),
                },
            )

    def values(self) -> dict:
        return {category: self.cleaned_data.get(category) for category in PostCategory.values}


class ActivityForm(VersionedModelForm):
    partners = forms.MultipleChoiceField(
        label=_("Partner institutions advised"),
        choices=PartnerKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The kinds of departments and institutions the activity advised or involved."),
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "kind",
            "field_of_action",
            "education_stage",
            "count",
            "participants",
            "institutions_reached",
            "partners",
        ]
        error_messages = {
            "count": {
                "min_value": _("An activity takes place at least once."),
                "invalid": _("Enter a whole number."),
                "required": _("Enter how often the activity took place."),
            },
            "participants": {"min_value": NOT_NEGATIVE, "invalid": _("Enter a whole number.")},
            "institutions_reached": {"min_value": NOT_NEGATIVE, "invalid": _("Enter a whole number.")},
            "title": {"required": _("Enter a title for the activity.")},
            "kind": {"required": _("Choose the kind of activity.")},
            "field_of_action": {"required": _("Choose the field of action.")},
        }

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.fields["kind"].choices = [("", _("Please choose"))] + ActivityKind.choices
        self.fields["field_of_action"].choices = [("", _("Please choose"))] + list(
            self.fields["field_of_action"].choices
        )[1:]
        self.fields["education_stage"].choices = [("", _("No particular stage"))] + list(
            self.fields["education_stage"].choices
        )[1:]

    def clean_partners(self):
        chosen = set(self.cleaned_data.get("partners") or [])
        return [code for code in PartnerKind.values if code in chosen]

    def save_checked(self):
        self.instance.report = self.report
        return super().save_checked()
