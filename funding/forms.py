"""Form pieces shared by the funding pages: the comment of a workflow step, date and money fields."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kiz.forms import MoneyField

DATE_WIDGET = {"type": "date"}
NEGATIVE = _("An amount cannot be negative.")


def date_field(**kwargs):
    return forms.DateField(widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"), **kwargs)


def money_field(*, negative_message=NEGATIVE, **kwargs):
    """An amount in euros as the application shows it (1.000,50), or typed as 1000,50 or 1000.50."""
    return MoneyField(min_value=Decimal("0"), error_messages={"min_value": negative_message}, **kwargs)


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, move, **kwargs):
        super().__init__(*args, **kwargs)
        if move.comment_required:
            self.fields["comment"].required = True
            self.fields["comment"].help_text = _("Required: say what should be corrected or why.")
