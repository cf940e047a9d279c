"""The base rates: reading them for the interest calculation, and the authority's writes."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from kiz import policy
from kiz.workflow import TransitionNotAllowed

from .calculation import interim_interest, overpayment_interest
from .models import BaseRate


def base_rates() -> list[tuple]:
    return list(BaseRate.objects.order_by("valid_from").values_list("valid_from", "rate"))


def interest_for(*, statement, payouts, repaid_on):
    """The interest calculations for the statement's overpayment; empty without an overpayment."""
    if statement.overpayment <= 0 or repaid_on is None:
        return []
    return overpayment_interest(
        overpayment=statement.overpayment, payouts=payouts, repaid_on=repaid_on, base_rates=base_rates()
    )


def interim_for(*, uses):
    """The interim interest calculations for payouts used later than two months after payout."""
    return interim_interest(uses=uses, base_rates=base_rates()) if uses else []


@transaction.atomic
def base_rate_save(*, valid_from: date, rate, user) -> BaseRate:
    """Record the base rate from a date on, or correct the rate of a date already recorded (history kept)."""
    if not policy.can_edit_base_rates(user):
        raise TransitionNotAllowed(_("Only the granting authority keeps the base rates."))
    base_rate = BaseRate.objects.select_for_update().filter(valid_from=valid_from).first()
    if base_rate is None:
        return BaseRate.objects.create(valid_from=valid_from, rate=rate)
    if base_rate.rate != rate:
        base_rate.rate = rate
        base_rate.save()
    return base_rate
