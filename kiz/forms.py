import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
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


_GROUPED = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+(,\d*)?$")  # 1.000 · 1.000,50 · 12.345.678,9
_PLAIN = re.compile(r"^\d+([.,]\d*)?$|^[.,]\d+$")  # 1000 · 1000,50 · 1000.50 · 0,75 · ,5


class GermanDecimalField(forms.DecimalField):
    """A number typed the way the application shows it, or the way a keyboard's number pad gives it.

    Accepted: `1.000,50` (points group thousands, the comma separates the decimals), `1000,50` and `1000.50`.
    A single point followed by exactly three digits groups thousands (`1.000` is one thousand, as the
    application writes it); otherwise a single point is the decimal separator. Spaces and a trailing € sign are
    ignored. The error message names the accepted forms, with the field's own example.
    """

    example = "1.000,50"
    default_error_messages = {
        "invalid": _("Enter a number written like %(examples)s."),
        "max_decimal_places": _("Enter at most %(max)s decimal places, e.g. %(example)s."),
    }

    def __init__(self, *, example: str | None = None, **kwargs):
        if example:
            self.example = example
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)
        self.widget.input_type = "text"
        self.widget.attrs["inputmode"] = "decimal"

    def examples(self) -> str:
        """The accepted forms of the example: „1.000,50“, „1000,50“ or „1000.50“."""
        number = self.example.replace(".", "")
        forms_ = [f"„{form}“" for form in dict.fromkeys([self.example, number, number.replace(",", ".")])]
        return f"{', '.join(forms_[:-1])} {gettext('or')} {forms_[-1]}"

    def run_validators(self, value):
        try:
            super().run_validators(value)
        except ValidationError as error:
            for item in error.error_list:
                if item.code == "max_decimal_places":
                    item.params = {**(item.params or {}), "example": self.example}
            raise

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        text = re.sub(r"[\s\u00a0\u202f]", "", str(value)).removesuffix("€").replace("\u2212", "-")  # − as -
        sign = "-" if text.startswith("-") else ""
        text = text.removeprefix("-").removeprefix("+")
        if _GROUPED.match(text):
            text = text.replace(".", "").replace(",", ".")
        elif _PLAIN.match(text):
            text = text.replace(",", ".")
        else:
            raise self._invalid()
        try:
            number = Decimal(sign + text)
        except InvalidOperation as exc:
            raise self._invalid() from exc
        if not number.is_finite():
            raise self._invalid()
        return number

    def _invalid(self):
        message = self.error_messages["invalid"]
        if "%(examples)s" in str(message):
            return ValidationError(message, code="invalid", params={"examples": self.examples()})
        return ValidationError(message, code="invalid")


class MoneyField(GermanDecimalField):
    """An amount in euros: two decimals at most, never negative unless min_value says otherwise."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("example", "1.000,50")
        super().__init__(**kwargs)


class FteField(GermanDecimalField):
    """Full-time equivalents (Stellenanteile), two decimals."""

    def __init__(self, **kwargs):
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("example", "0,75")
        super().__init__(**kwargs)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the key"),
        max_length=100,
        help_text=_("What the key is for, e.g. “budget tool of the finance department”."),
    )
