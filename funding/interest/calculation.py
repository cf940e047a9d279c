"""Repayment interest on an overpaid grant: 3 percentage points above the base rate, piecewise per rate period.

§ 49a Abs. 3 VwVfG NRW: a sum to be repaid carries interest of 3 percentage points a year above the base rate
(§ 247 BGB) from the day it was paid out. The base rate changes on 1 January and 1 July; the interest is
therefore computed period by period with the rate valid in each period (`BaseRate` rows, editable by the
authority in the admin).

Day count (act/365): interest runs for the days after the payout up to and including the repayment day
(payout on 15.12., repayment on 15.03. of the next year: 16 days in December and 74 days in the next year,
90 days). Each day carries the rate in force on that day; a year is counted as 365 days, leap years included,
as is usual for § 49a interest in the administrative practice. Interest of each period is
principal × rate / 100 × days / 365, rounded to the cent (kiz.money.round_cents); the total is the sum of the
rounded periods, so every line the authority sees adds up to the total. A rate below zero (base rate below
−3 %) would count as 0 %.

Several payouts: the overpayment is attributed to the latest payouts first (the money paid out last is the
money that was not needed), which keeps the interest period as short as the facts allow.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from kiz.money import round_cents

MARGIN = Decimal("3")  # percentage points above the base rate
DAYS_IN_YEAR = Decimal("365")
ZERO = Decimal("0.00")


class MissingBaseRate(ValueError):
    """No base rate is recorded for a day of the interest period."""

    def __init__(self, day: date):
        self.day = day
        super().__init__(f"no base rate for {day:%d.%m.%Y}")


@dataclass(frozen=True)
class InterestPeriod:
    first_day: date  # first day counted
    last_day: date  # last day counted
    days: int
    base_rate: Decimal
    rate: Decimal  # base rate + margin, in percent a year
    principal: Decimal
    amount: Decimal


@dataclass
class InterestCalculation:
    principal: Decimal
    paid_out_on: date
    repaid_on: date
    periods: list[InterestPeriod] = field(default_factory=list)

    @property
    def days(self) -> int:
        return sum(p.days for p in self.periods)

    @property
    def total(self) -> Decimal:
        return round_cents(sum((p.amount for p in self.periods), ZERO))


def _rate_on(rates, day: date):
    """The (valid_from, rate) in force on `day` from rates sorted by date, and the index of the next change."""
    current = None
    index = 0
    for index, (valid_from, rate) in enumerate(rates):
        if valid_from > day:
            return current, index
        current = (valid_from, rate)
    return current, len(rates)


def repayment_interest(*, principal, paid_out_on: date, repaid_on: date, base_rates) -> InterestCalculation:
    """Interest on `principal` for the days after `paid_out_on` up to `repaid_on`; `base_rates`: (valid_from, %)."""
    rates = sorted((valid_from, Decimal(rate)) for valid_from, rate in base_rates)
    principal = round_cents(principal)
    calculation = InterestCalculation(principal, paid_out_on, repaid_on)
    day = paid_out_on + timedelta(days=1)
    while day <= repaid_on:
        current, next_index = _rate_on(rates, day)
        if current is None:
            raise MissingBaseRate(day)
        next_change = rates[next_index][0] if next_index < len(rates) else None
        last = repaid_on if next_change is None else min(repaid_on, next_change - timedelta(days=1))
        days = (last - day).days + 1
        base = current[1]
        rate = max(base + MARGIN, Decimal("0"))
        amount = round_cents(principal * rate / 100 * days / DAYS_IN_YEAR)
        calculation.periods.append(InterestPeriod(day, last, days, base, rate, principal, amount))
        day = last + timedelta(days=1)
    return calculation


@dataclass(frozen=True)
class Payout:
    paid_on: date
    amount: Decimal


def allocate_overpayment(overpayment, payouts) -> list[Payout]:
    """The parts of the overpayment per payout, latest payout first, each at most what was paid out then."""
    remaining = round_cents(overpayment)
    parts = []
    for payout in sorted(payouts, key=lambda p: p.paid_on, reverse=True):
        if remaining <= 0:
            break
        part = min(remaining, round_cents(payout.amount))
        if part > 0:
            parts.append(Payout(payout.paid_on, part))
            remaining -= part
    return parts


def overpayment_interest(*, overpayment, payouts, repaid_on: date, base_rates) -> list[InterestCalculation]:
    """The interest calculations for an overpayment spread over the payouts (see the module's docstring)."""
    base_rates = list(base_rates)
    return [
        repayment_interest(principal=part.amount, paid_out_on=part.paid_on, repaid_on=repaid_on, base_rates=base_rates)
        for part in allocate_overpayment(overpayment, payouts)
        if part.paid_on < repaid_on
    ]


def total_interest(calculations) -> Decimal:
    return round_cents(sum((c.total for c in calculations), ZERO))
