"""Forms after the grant: call-offs with their payments, the proof of use (narrative, figures), the check."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiz.concurrency import VersionedModelForm
from kiz.money import format_decimal, format_euro

from .interest import Payout
from .models import BaseRate, ProofLineKind, ProofOfUse
from .rules_money import PaymentEntry
from .services_money import STATE_GRANT, proof_year_problem

DATE_WIDGET = {"type": "date"}
NEGATIVE = _("An amount cannot be negative.")
ACTUAL_NEGATIVE = _("An actual amount cannot be negative; enter 0,00 € if nothing was spent.")


def _date_field(**kwargs):
    return forms.DateField(widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"), **kwargs)


def _money(*, negative_message=NEGATIVE, **kwargs):
    return forms.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        localize=True,
        error_messages={"min_value": negative_message},
        **kwargs,
    )


class CallOffForm(forms.Form):
    """The call-off itself; its payments come from `PaymentFormSet`."""

    amount = _money(
        label=_("Amount of the call-off"),
        required=False,
        help_text=_("The sum of the payments below; leave it empty to have it added up."),
    )
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the money is needed for, e.g. the salaries of the funded posts for two months."),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def check_sum(self, payments) -> bool:
        """The amount, where entered, must be the sum of the payments."""
        total = sum((p.amount for p in payments), Decimal("0.00"))
        entered = self.cleaned_data.get("amount")
        if entered is not None and entered != total:
            self.add_error(
                "amount",
                _("The amount must be the sum of the payments (%(total)s).") % {"total": format_euro(total)},
            )
            return False
        return True


class PaymentForm(forms.Form):
    item = forms.ChoiceField(label=_("Guideline item"), required=False)
    description = forms.CharField(label=_("Payment"), max_length=200, required=False)
    amount = _money(label=_("Amount"), required=False)
    due_on = _date_field(label=_("Due on"), required=False)

    def __init__(self, *args, item_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = item_choices
        self.fields["item"].initial = item_choices[0][0]
        if len(item_choices) == 1:
            self.fields["item"].widget = forms.HiddenInput()

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) not in (None, "") for name in ("description", "amount", "due_on"))

    def clean(self):
        data = super().clean()
        if self.is_blank():
            return data
        for name, message in [
            ("description", _("Please say what the payment is for.")),
            ("amount", _("Please enter the amount of the payment.")),
            ("due_on", _("Please enter the date the payment is due.")),
        ]:
            if data.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, message)
        return data


class BasePaymentFormSet(forms.BaseFormSet):
    def entries(self) -> list[PaymentEntry]:
        entries = []
        for form in self.forms:
            if form.is_blank():
                continue
            data = form.cleaned_data
            entries.append(PaymentEntry(data["description"], data["amount"], data["due_on"], data["item"]))
        return entries

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.entries():
            raise forms.ValidationError(_("Please enter at least one payment that the call-off covers."))


def payment_formset(data=None, *, item_choices, payments=()):
    """The payment rows: the existing payments and two empty rows (at least three rows)."""
    initial = [{"item": p.item, "description": p.description, "amount": p.amount, "due_on": p.due_on} for p in payments]
    extra = max(3 - len(initial), 2)
    formset_class = forms.formset_factory(PaymentForm, formset=BasePaymentFormSet, extra=extra)
    return formset_class(data, initial=initial or None, prefix="payments", form_kwargs={"item_choices": item_choices})


class PaidForm(forms.Form):
    paid_on = _date_field(label=_("Paid on"), help_text=_("The date of the payout."))
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()


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
            fields[f"actual_{line.pk}"] = _money(
                negative_message=ACTUAL_NEGATIVE,
                label=line.label,
                required=False,
                initial=line.actual,
                help_text=_("Per grant notice: %(amount)s.") % {"amount": format_euro(line.planned)},
            )
        for name in self.Meta.fields:
            fields[name] = _money(
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

    repaid_on = _date_field(
        label=_("Repayment on"),
        required=False,
        help_text=_("Interest runs from the day after each payout up to and including this day."),
    )
    repayment_due_on = _date_field(label=_("Repayment due on"), required=False)
    note = forms.CharField(label=_("Note of the check"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, call_offs, repayment: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.call_offs = call_offs
        self.repayment = repayment
        for call_off in call_offs:
            self.fields[f"payout_{call_off.pk}"] = _date_field(
                label=_("Payout of %(amount)s (call-off of %(date)s)")
                % {"amount": format_euro(call_off.amount), "date": call_off.requested_on.strftime("%d.%m.%Y")},
                initial=call_off.paid_on,
                required=repayment,
            )
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
        return data

    def payouts(self):
        data = self.cleaned_data
        return [
            Payout(data[f"payout_{c.pk}"], c.amount) for c in self.call_offs if data.get(f"payout_{c.pk}") is not None
        ]


class BaseRateForm(forms.ModelForm):
    """A base rate from a date on; a date already recorded has its rate corrected."""

    class Meta:
        model = BaseRate
        fields = ["valid_from", "rate"]
        widgets = {"valid_from": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rate"] = forms.DecimalField(
            label=_("Base rate in percent a year"),
            max_digits=5,
            decimal_places=2,
            localize=True,
            help_text=_("As published by the Deutsche Bundesbank; may be negative, e.g. −0,88."),
        )

    def validate_unique(self):
        pass  # a date already recorded is corrected (services_money.base_rate_save)
