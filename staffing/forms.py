import re

from django import forms
from django.utils.translation import gettext_lazy as _

from kiz.concurrency import VersionedModelForm
from kiz.forms import FteField, MoneyField

from .costs import term_months
from .models import PayRate, Post, StaffPlan

_GRADE = re.compile(r"^\s*([A-Za-z]+)\s*(\d+\s*[A-Za-z]?)\s*$")


def normalize_pay_grade(value: str) -> str:
    """'s12' → 'S 12', 'eg9C' → 'EG 9c', 'A13' → 'A 13'; anything else is only trimmed."""
    match = _GRADE.match(value or "")
    if not match:
        return " ".join((value or "").split())
    letters, number = match.groups()
    return f"{letters.upper()} {number.replace(' ', '').lower()}"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("min_value", 2012)
        kwargs.setdefault("max_value", 2100)
        super().__init__(**kwargs)


class StaffPlanCreateForm(forms.Form):
    year = YearField(help_text=_("The funding year of the new staff plan."))


class StaffPlanCopyForm(forms.Form):
    year = YearField(help_text=_("The year of the new plan. Posts that ended before it are not copied."))


NOTES_MAX_LENGTH = 4000


class StaffPlanForm(VersionedModelForm):
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("At most 4000 characters."),
    )

    class Meta:
        model = StaffPlan
        fields = ["notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class PostForm(VersionedModelForm):
    """A post of one plan; the term must touch the plan's year and the months filled must fit into it."""

    class Meta:
        model = Post
        fields = [
            "title",
            "category",
            "fte",
            "funding_source",
            "origin",
            "pay_scheme",
            "pay_grade",
            "starts_on",
            "ends_on",
            "filled_months",
            "occupant_name",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        field_classes = {"fte": FteField}
        error_messages = {
            "fte": {
                "max_decimal_places": _("Enter the FTE with at most two decimals, e.g. 0,75."),
                "max_digits": _("A post has at most 1.00 FTE; split larger posts."),
                "max_whole_digits": _("A post has at most 1.00 FTE; split larger posts."),
            },
            "filled_months": {"max_value": _("A year has 12 months.")},
        }

    def __init__(self, *args, plan, show_occupant=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        if not show_occupant:
            del self.fields["occupant_name"]
        if not self.instance.pk and not self.is_bound:
            self.fields["filled_months"].initial = 12

    def clean_pay_grade(self):
        return normalize_pay_grade(self.cleaned_data["pay_grade"])

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on is None:
            return cleaned
        if ends_on is not None and ends_on < starts_on:
            self.add_error("ends_on", _("The post cannot end before it starts."))
            return cleaned
        year = self.plan.year
        probe = Post(starts_on=starts_on, ends_on=ends_on)
        months = term_months(probe, year)
        if months == 0:
            self.add_error(
                "ends_on" if ends_on is not None and ends_on.year < year else "starts_on",
                _("The post does not run in %(year)s, the year of this staff plan.") % {"year": year},
            )
            return cleaned
        filled = cleaned.get("filled_months")
        if filled is not None and filled > months:
            self.add_error(
                "filled_months",
                _("The post runs only %(months)s months in %(year)s; it cannot be filled for more.")
                % {"months": months, "year": year},
            )
        return cleaned

    def save_checked(self):
        self.instance.plan = self.plan
        return super().save_checked()


class PayRateForm(VersionedModelForm):
    class Meta:
        model = PayRate
        fields = ["year", "pay_scheme", "pay_grade", "annual_cost"]
        field_classes = {"annual_cost": MoneyField}
        error_messages = {"annual_cost": {"min_value": _("The annual cost must be more than 0,00 €.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annual_cost"].help_text = _(
            "Employer cost of one full-time post for a whole year, in euros, e.g. 52.000,00."
        )

    def clean_pay_grade(self):
        return normalize_pay_grade(self.cleaned_data["pay_grade"])

    def clean(self):
        # Checked here, before the model's constraints: the error then sits at the grade, and the unique
        # constraint (which skips fields with errors) does not repeat it as a general message.
        data = super().clean()
        if {"year", "pay_scheme", "pay_grade"} <= data.keys():
            clash = PayRate.objects.filter(
                year=data["year"], pay_scheme=data["pay_scheme"], pay_grade=data["pay_grade"]
            )
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("pay_grade", _("There is already a rate for this pay grade and year."))
        return data
