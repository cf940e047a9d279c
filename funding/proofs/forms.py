"""Forms of the proof of use: the narrative report, the financial statement, and the authority's check."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kiz.concurrency import VersionedModelForm
from kiz.money import format_decimal, format_euro

from ..forms import date_field, money_field
from ..interest.calculation import Payout, Use
from .models import ProofLineKind, ProofOfUse
from .services import STATE_GRANT, proof_year_problem

ACTUAL_NEGATIVE = _("An actual amount cannot be negative; enter 0,00 € if nothing was spent.")


class ProofCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2012, max_value=2100)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application

    def clean_year(self):
        year = self.cleaned_data["year"]
        problem = proof_year_problem(self.application, year)
        if problem:
            raise forms.ValidationError(problem)
        return year


class ProofReportForm(VersionedModelForm):
    """The narrative report (Sachbericht) with the months each funded post was actually in post."""

    class Meta:
        model = ProofOfUse
        fields = ["activities", "results", "deviations"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].help_text = _("Activities by field of action, events, institutions advised.")
        self.fields["deviations"].help_text = _("Vacancies, later starts, changed priorities, and why.")
        self.post_lines = [
            line
            for line in self.instance.lines.all()
            if line.kind == ProofLineKind.POST and line.funding_source == STATE_GRANT
        ]
        for line in self.post_lines:
            self.fields[f"months_{line.pk}"] = forms.IntegerField(
                label=_("%(post)s: months in post") % {"post": line.label},
                min_value=0,
                max_value=12,
                initial=line.months,
                help_text=_("%(fte)s FTE; planned: %(months)s months.")
                % {"fte": format_decimal(line.fte), "months": line.planned_months},
                error_messages={
                    "min_value": _("Between 0 and 12 months."),
                    "max_value": _("Between 0 and 12 months."),
                    "required": _("Please enter the months in post (0 to 12)."),
                },
            )

    def line_values(self) -> dict:
        return {line.pk: self.cleaned_data[f"months_{line.pk}"] for line in self.post_lines}


class ProofStatementForm(VersionedModelForm):
    """The financial statement: the actual amount of every line of the financing plan and the income."""

    class Meta:
        model = ProofOfUse
        fields = ["own_funds_actual", "third_party_actual"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(self.instance.lines.all())
        fields = {}
        for line in self.lines:
            fields[f"actual_{line.pk}"] = money_field(
                negative_message=ACTUAL_NEGATIVE,
                label=line.label,
                required=False,
                initial=line.actual,
                help_text=_("Per grant notice: %(amount)s.") % {"amount": format_euro(line.planned)},
            )
        for name in self.Meta.fields:
            fields[name] = money_field(
                negative_message=ACTUAL_NEGATIVE,
                label=str(self.fields[name].label)[:1].upper() + str(self.fields[name].label)[1:],
                required=False,
            )
        fields["expected_version"] = self.fields["expected_version"]
        self.fields = fields

    def line_values(self) -> dict:
        return {line.pk: self.cleaned_data.get(f"actual_{line.pk}") for line in self.lines}


class ProofCheckForm(forms.Form):
    """The authority's check: payout dates (from the paid call-offs), the repayment's due date and repayment day."""

    repaid_on = date_field(
        label=_("Repayment on"),
        required=False,
        help_text=_("Interest runs from the day after each payout up to and including this day."),
    )
    repayment_due_on = date_field(label=_("Repayment due on"), required=False)
    note = forms.CharField(label=_("Note of the check"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, call_offs, repayment: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.call_offs = call_offs
        self.repayment = repayment
        for call_off in call_offs:
            self.fields[f"payout_{call_off.pk}"] = date_field(
                label=_("Payout of %(amount)s (call-off of %(date)s)")
                % {"amount": format_euro(call_off.amount), "date": call_off.requested_on.strftime("%d.%m.%Y")},
                initial=call_off.paid_on,
                required=repayment,
            )
            self.fields[f"used_{call_off.pk}"] = date_field(
                label=_("Used for its purpose on (payout of %(amount)s)") % {"amount": format_euro(call_off.amount)},
                required=False,
                help_text=_(
                    "Only if the money was used later than two months after the payout: interim interest "
                    "(§ 49a Abs. 4 VwVfG NRW) runs from the payout to this day."
                ),
            )
        if call_offs:
            self.fields["interim_waived"] = money_field(
                label=_("Interim interest waived"),
                required=False,
                help_text=_("Empty or 0: the interim interest is charged in full."),
            )
            self.fields["interim_reason"] = forms.CharField(
                label=_("Reason for the waiver"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        for name in ("note", "expected_version"):
            self.fields[name] = self.fields.pop(name)
        if repayment:
            self.fields["repaid_on"].required = True
            self.fields["repayment_due_on"].required = True

    def clean(self):
        data = super().clean()
        repaid_on = data.get("repaid_on")
        if repaid_on:
            for call_off in self.call_offs:
                paid_on = data.get(f"payout_{call_off.pk}")
                if paid_on and paid_on > repaid_on:
                    self.add_error(f"payout_{call_off.pk}", _("The payout cannot be after the repayment on that day."))
        for call_off in self.call_offs:
            paid_on, used_on = data.get(f"payout_{call_off.pk}"), data.get(f"used_{call_off.pk}")
            if used_on and not paid_on:
                self.add_error(f"payout_{call_off.pk}", _("Please enter the payout day for the interim interest."))
            elif used_on and used_on < paid_on:
                self.add_error(f"used_{call_off.pk}", _("The money cannot have been used before its payout."))
        return data

    def uses(self) -> list[Use]:
        data = self.cleaned_data
        return [
            Use(data[f"payout_{c.pk}"], c.amount, data[f"used_{c.pk}"])
            for c in self.call_offs
            if data.get(f"payout_{c.pk}") and data.get(f"used_{c.pk}")
        ]

    def payouts(self):
        data = self.cleaned_data
        return [
            Payout(data[f"payout_{c.pk}"], c.amount) for c in self.call_offs if data.get(f"payout_{c.pk}") is not None
        ]
