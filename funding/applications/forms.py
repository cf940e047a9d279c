"""Forms of the application: the new draft, the draft itself, the decision with its grant notice, the inbox filter."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kiz.concurrency import VersionedModelForm
from kiz.forms import MoneyField
from kiz.models import Municipality
from kiz.money import format_euro

from ..grants.models import GrantNotice
from .financing import financing_plan
from .models import ApplicationState, FundingApplication
from .services import notice_problems

MONEY_FIELDS = ["own_rooms", "own_admin_travel", "own_material", "own_project_funds", "requested_grant"]


def _money_field(**kwargs):
    return MoneyField(min_value=Decimal("0"), **kwargs)


class ApplicationCreateForm(forms.Form):
    funding_year = forms.IntegerField(label=_("Funding year"), min_value=2012, max_value=2100)
    raa_transition = forms.BooleanField(
        label=_("Apply for the transitional rule for a former RAA"),
        required=False,
        help_text=_("Only for the 2012 edition: the old organisational form, funded until 31.07.2013 at the latest."),
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality

    def clean_funding_year(self):
        year = self.cleaned_data["funding_year"]
        exists = (
            FundingApplication.objects.filter(municipality=self.municipality, funding_year=year)
            .exclude(state=ApplicationState.WITHDRAWN)
            .exists()
        )
        if exists:
            raise forms.ValidationError(_("There is already an application for this funding year."))
        return year


class ApplicationForm(VersionedModelForm):
    """The draft: funding period, own contribution, extra items of the edition, and the requested grant."""

    class Meta:
        model = FundingApplication
        fields = ["period_start", "period_end", "raa_transition", *MONEY_FIELDS]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in MONEY_FIELDS:
            model_field = self.fields[name]
            self.fields[name] = _money_field(
                label=model_field.label, required=model_field.required, help_text=model_field.help_text
            )
        self.fields["requested_grant"].help_text = _(
            "Empty: the maximum the rules allow. You may request less, never more."
        )
        self.extra_rules = list(self.instance.guideline.extra_items.all()) if self.instance.guideline_id else []
        amounts = {item.rule_id: item.amount for item in self.instance.items.all()} if self.instance.pk else {}
        for rule in self.extra_rules:
            self.fields[f"extra_{rule.pk}"] = _money_field(
                label=rule.name,
                required=False,
                initial=amounts.get(rule.pk),
                help_text=_("At most %(amount)s a year.") % {"amount": format_euro(rule.max_amount)},
            )

    def extras(self) -> dict:
        """Rule id → amount entered for the extra items (valid entries only)."""
        data = getattr(self, "cleaned_data", {})
        return {rule.pk: data.get(f"extra_{rule.pk}") for rule in self.extra_rules if f"extra_{rule.pk}" in data}

    def _post_clean(self):
        super()._post_clean()  # the instance now carries the entered values
        requested = self.cleaned_data.get("requested_grant")
        if requested is None or self.has_error("requested_grant"):
            return
        plan = financing_plan(self.instance, extras={k: v or 0 for k, v in self.extras().items()})
        if requested > plan.max_grant:
            self.add_error(
                "requested_grant",
                _("At most %(amount)s can be requested under the rules (eligible costs and cap).")
                % {"amount": format_euro(plan.max_grant)},
            )


class GrantNoticeForm(forms.ModelForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ApplicationState.GRANTED.value, ApplicationState.GRANTED.label),
            (ApplicationState.PARTIALLY_GRANTED.value, ApplicationState.PARTIALLY_GRANTED.label),
        ],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = GrantNotice
        fields = ["decision", "approved_amount", "period_start", "period_end", "file_number", "issued_on"]
        fields += ["side_conditions", "reason"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "side_conditions": forms.Textarea(attrs={"rows": 4}),
            "reason": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.fields["approved_amount"] = _money_field(label=self.fields["approved_amount"].label)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        notice = GrantNotice(
            approved_amount=data.get("approved_amount"), reason=data.get("reason", ""), application=self.application
        )
        for name, message in notice_problems(
            application=self.application, decision=data.get("decision"), notice=notice
        ).items():
            self.add_error(name, message)
        return data


class InboxFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states")), *ApplicationState.choices]
    )
    district = forms.ChoiceField(
        label=_("Government region"),
        required=False,
        choices=[("", _("All government regions")), *Municipality.District.choices],
    )
    year = forms.IntegerField(label=_("Funding year"), required=False, min_value=2012, max_value=2100)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if state := self.cleaned_data["state"]:
            queryset = queryset.filter(state=state)
        if district := self.cleaned_data["district"]:
            queryset = queryset.filter(municipality__district=district)
        if year := self.cleaned_data["year"]:
            queryset = queryset.filter(funding_year=year)
        return queryset
