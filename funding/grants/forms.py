"""Forms of the call-offs: the call-off with its payments, and the payout."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiz.money import format_euro

from ..forms import date_field, money_field
from .rules import PaymentEntry


class CallOffForm(forms.Form):
    """The call-off itself; its payments come from `PaymentFormSet`."""

    amount = money_field(
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
    amount = money_field(label=_("Amount"), required=False)
    due_on = date_field(label=_("Due on"), required=False)

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
    paid_on = date_field(label=_("Paid on"), help_text=_("The date of the payout."))
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()
