"""The findings of a call-off, as pure functions: one item per call-off, within what remains, payments due soon.

Nothing here writes to the database. Money: every amount is a Decimal.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from kiz.findings import Finding, Severity
from kiz.money import format_euro

from .budget import GrantBudget
from .models import PERSONNEL_ITEM

ZERO = Decimal("0.00")

# Days the authority needs from a call-off to the payout, when it has not been paid yet (assumption: two weeks).
PROCESSING_DAYS = 14
# Funds may only be called off for payments due within two months after the payout.
DUE_WITHIN_MONTHS = 2


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the last day of the month where that month is shorter (31.12. + 2 → 28./29.02.)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expected_payout(requested_on: date, paid_on: date | None = None) -> date:
    """The day the money arrives: the day the authority paid it, else the request day plus the processing time."""
    return paid_on or requested_on + timedelta(days=PROCESSING_DAYS)


def _f(code, severity, message, field="", **numbers) -> Finding:
    return Finding(code=code, severity=severity, message=message, field=field, numbers=numbers)


@dataclass(frozen=True)
class PaymentEntry:
    description: str
    amount: Decimal
    due_on: date
    item: str = PERSONNEL_ITEM


def calloff_findings(*, budget: GrantBudget, amount, payments, payout_on: date, labels: dict, own_amount=ZERO):
    """The findings of a call-off: items mixed (error), above what remains of the item (error), payments due
    more than two months after the payout (warning). `own_amount` is what this call-off already counts in the
    budget (when an existing call-off is edited), so that it is not counted twice."""
    findings = []
    items = sorted({p.item for p in payments})
    if len(items) > 1:
        findings.append(
            _f(
                "calloff_items_mixed",
                Severity.ERROR,
                _("One call-off per guideline item: this one mixes %(items)s. Please request them separately.")
                % {"items": ", ".join(labels.get(i, i) for i in items)},
                "item",
                items=items,
            )
        )
    elif items:
        item = budget.item(items[0])
        granted = item.granted if item else ZERO
        already = (item.called_off if item else ZERO) - own_amount
        remaining = granted - already
        if amount > remaining:
            findings.append(
                _f(
                    "calloff_above_remaining",
                    Severity.ERROR,
                    _(
                        "%(item)s: this call-off of %(amount)s is above what remains of the grant. Granted "
                        "%(granted)s, already called off %(called)s, remaining %(remaining)s."
                    )
                    % {
                        "item": labels.get(items[0], items[0]),
                        "amount": format_euro(amount),
                        "granted": format_euro(granted),
                        "called": format_euro(already),
                        "remaining": format_euro(remaining),
                    },
                    "amount",
                    granted=granted,
                    called_off=already,
                    amount=amount,
                    remaining=remaining,
                )
            )
    limit = add_months(payout_on, DUE_WITHIN_MONTHS)
    for payment in payments:
        if payment.due_on > limit:
            findings.append(
                _f(
                    "payment_due_late",
                    Severity.WARNING,
                    _(
                        "“%(payment)s” is due on %(due)s, more than two months after the expected payout on "
                        "%(payout)s (limit %(limit)s): funds may only be called off for payments due by then."
                    )
                    % {
                        "payment": payment.description,
                        "due": payment.due_on.strftime("%d.%m.%Y"),
                        "payout": payout_on.strftime("%d.%m.%Y"),
                        "limit": limit.strftime("%d.%m.%Y"),
                    },
                    "payments",
                    due_on=payment.due_on,
                    payout_on=payout_on,
                    limit=limit,
                )
            )
    return findings
