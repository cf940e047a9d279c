from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NRW_STATE_KEY = "05"


def validate_ags(value: str) -> None:
    """The official municipality key (Amtlicher Gemeindeschlüssel) of an NRW Kreis or city: 8 digits, '05…'."""
    if len(value) != 8 or not value.isdigit():
        raise ValidationError(
            _("The official municipality key (AGS) must consist of exactly 8 digits, e.g. 05913000."),
            code="ags_format",
        )
    if not value.startswith(NRW_STATE_KEY):
        raise ValidationError(
            _("The official municipality key (AGS) of a municipality in North Rhine-Westphalia starts with 05."),
            code="ags_state",
        )
