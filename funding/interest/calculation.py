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

Missing rates: the base rate is fixed for each half-year (1 January, 1 July), and every half-year has its row,
also when the rate did not change. A day whose half-year has no row stops the calculation (`MissingBaseRate`,
naming the half-year); the last known rate is never carried on into a half-year nobody has recorded. Successive
half-years at the same rate form one interest period.

Several payouts: the overpayment is attributed to the latest payouts first (the money paid out last is the
money that was not needed), which keeps the interest period as short as the facts allow.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from kiz.money import round_cents

MARGIN = Decimal("3")  # percentage points above the base rate
DAYS_IN_YEAR = Decimal("365")
ZERO = Decimal("0.00")


def half_year_start(day: date) -> date:
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def half_year_end(day: date) -> date:
    return date(day.year, 6, 30) if day.month <= 6 else date(day.year, 12, 31)


class MissingBaseRate(ValueError):
    """No base rate is recorded for the half-year of a day of the interest period."""

    def __init__(self, day: date):
        self.day = day
        self.first_day = half_year_start(day)
        self.last_day = half_year_end(day)
        super().__init__(f"no base rate for {self.first_day:%d.%m.%Y} – {self.last_day:%d.%m.%Y}")

    @property
    def message(self) -> str:
        return _(
            "No base rate is recorded for the half-year %(first)s – %(last)s; the interest cannot be calculated "
            "until the authority records it (Base rates)."
        ) % {"first": self.first_day.strftime("%d.%m.%Y"), "last": self.last_day.strftime("%d.%m.%Y")}


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
    """The rate in force on `day` and the last day it stays in force, from rates sorted by date.

    The rate of a row holds until the end of its own half-year and on through the following half-years as long
    as their rows have the same rate; a day whose half-year has no row raises `MissingBaseRate`.
    """
    current = None
    index = 0
    for index, (valid_from, _rate) in enumerate(rates):
        if valid_from > day:
            break
        current = index
    else:
        index = len(rates)
    if current is None or rates[current][0] < half_year_start(day):
        raise MissingBaseRate(day)
    rate = rates[current][1]
    last = half_year_end(day)
    for valid_from, next_rate in rates[index:]:
        if valid_from > last + timedelta(days=1):
            break  # a gap: the next half-year has no row
        if next_rate != rate:
            return rate, min(last, valid_from - timedelta(days=1))
        last = max(last, half_year_end(valid_from))
    return rate, last


def repayment_interest(*, principal, paid_out_on: date, repaid_on: date, base_rates) -> InterestCalculation:
    """Interest on `principal` for the days after `paid_out_on` up to `repaid_on`; `base_rates`: (valid_from, %)."""
    rates = sorted((valid_from, Decimal(rate)) for valid_from, rate in base_rates)
    principal = round_cents(principal)
    calculation = InterestCalculation(principal, paid_out_on, repaid_on)
    day = paid_out_on + timedelta(days=1)
    while day <= repaid_on:
        base, in_force_until = _rate_on(rates, day)
        last = min(repaid_on, in_force_until)
        days = (last - day).days + 1
        rate = max(base + MARGIN, Decimal("0"))
        amount = round_cents(principal * rate / 100 * days / DAYS_IN_YEAR)
        calculation.periods.append(InterestPeriod(day, last, days, base, rate, principal, amount))
        day = last + timedelta(days=1)
    return calculation


def missing_half_years(recorded, until: date) -> list[tuple[date, date]]:
    """The half-years from the first recorded one up to the half-year of `until` that have no base rate."""
    starts = {half_year_start(day) for day in recorded}
    if not starts:
        return []
    missing = []
    start = min(starts)
    while start <= until:
        if start not in starts:
            missing.append((start, half_year_end(start)))
        start = half_year_end(start) + timedelta(days=1)
    return missing


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


# --- interim interest (§ 49a Abs. 4 VwVfG NRW) ----------------------------------------------------------------

USE_WITHIN_MONTHS = 2


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


@dataclass(frozen=True)
class Use:
    """A payout and the day its money was used for its purpose."""

    paid_on: date
    amount: Decimal
    used_on: date

    @property
    def late(self) -> bool:
        """Not used within two months of the payout."""
        return self.used_on > _add_months(self.paid_on, USE_WITHIN_MONTHS)


def interim_interest(*, uses, base_rates) -> list[InterestCalculation]:
    """Interest on money not used within two months of its payout, from the payout to its use, at the repayment
    interest rate (3 points above the base rate), with the same day count as the repayment interest: the days
    after the payout up to and including the day of use."""
    base_rates = list(base_rates)
    return [
        repayment_interest(principal=use.amount, paid_out_on=use.paid_on, repaid_on=use.used_on, base_rates=base_rates)
        for use in uses
        if use.late
    ]
