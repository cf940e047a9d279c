"""Property tests: every split of money adds up to its whole to the cent and no part exceeds its own cap.

The approval over the items of the edition, call-offs against the items, pro-rating by months, the repayment
over the payouts and the interest over the base-rate periods, each with random amounts.
"""

from datetime import date, timedelta
from decimal import Decimal as D
from types import SimpleNamespace

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from funding.grants.budget import grant_budget, granted_by_item, item_labels
from funding.grants.rules import PaymentEntry, calloff_findings
from funding.interest.calculation import Payout, allocate_overpayment, repayment_interest
from funding.models import PERSONNEL_ITEM, CallOffState, extra_item_key
from kiz.money import round_cents
from staffing.costs import prorate

ZERO = D("0.00")
euros = st.integers(0, 50_000_000).map(lambda c: D(c) / 100)  # up to 500.000,00 €


class Rows(list):
    """Stands in for a related manager: `.all()` of plain objects."""

    def all(self):
        return self


def _application(requested, items):
    """An application with extra items [(requested amount, the edition's maximum)]."""
    rules = [SimpleNamespace(pk=n, name=f"Posten {n}", max_amount=maximum) for n, (_a, maximum) in enumerate(items)]
    rows = [SimpleNamespace(rule_id=n, amount=amount) for n, (amount, _m) in enumerate(items)]
    return SimpleNamespace(
        guideline=SimpleNamespace(extra_items=Rows(rules)), items=Rows(rows), requested_grant=requested
    )


split_cases = st.tuples(euros, st.lists(st.tuples(euros, euros), max_size=4), st.floats(0, 1))


@given(split_cases)
def test_the_approval_is_split_over_the_items_exactly_and_no_item_gets_more_than_its_request(case):
    requested, items, share = case
    approved = round_cents(requested * D(str(share)))  # the authority approves at most the request
    split = granted_by_item(_application(requested, items), SimpleNamespace(approved_amount=approved))
    assert sum(split.values(), ZERO) == approved
    for n, (amount, maximum) in enumerate(items):
        assert ZERO <= split[extra_item_key(n)] <= min(amount, maximum)
    assert split[PERSONNEL_ITEM] >= ZERO
    extras = sum((min(a, m) for a, m in items), ZERO)
    if extras <= requested:
        assert split[PERSONNEL_ITEM] <= requested - extras


def test_two_items_of_40000_in_a_request_of_60000_share_the_60000():
    application = _application(D("60000.00"), [(D("40000.00"), D("50000.00")), (D("40000.00"), D("50000.00"))])
    split = granted_by_item(application, SimpleNamespace(approved_amount=D("60000.00")))
    assert split == {PERSONNEL_ITEM: ZERO, extra_item_key(0): D("30000.00"), extra_item_key(1): D("30000.00")}


calloff_attempts = st.lists(st.tuples(st.integers(0, 2), euros, st.booleans()), max_size=15)


@settings(max_examples=150)
@given(case=split_cases, attempts=calloff_attempts)
def test_call_offs_never_exceed_the_approval(case, attempts):
    requested, items, share = case
    application = _application(requested, items)
    approved = round_cents(requested * D(str(share)))
    notice = SimpleNamespace(approved_amount=approved)
    labels = item_labels(application.guideline)
    keys = list(labels)
    accepted = []
    for index, amount, paid in attempts:
        key = keys[index % len(keys)]
        budget = grant_budget(application, notice, accepted)
        payments = [PaymentEntry("Zahlung", amount, date(2024, 3, 1), key)]
        findings = calloff_findings(
            budget=budget, amount=amount, payments=payments, payout_on=date(2024, 2, 15), labels=labels
        )
        if not any(f.is_error for f in findings):
            state = CallOffState.PAID if paid else CallOffState.REQUESTED
            accepted.append(SimpleNamespace(item=key, amount=amount, state=state))
    budget = grant_budget(application, notice, accepted)
    assert budget.called_off <= approved
    assert all(item.called_off <= item.granted for item in budget.items)
    assert budget.granted == approved


@given(annual=euros, fte=st.integers(1, 100).map(lambda c: D(c) / 100), months=st.integers(0, 12))
def test_pro_rating_by_months_never_exceeds_the_year_and_twelve_months_are_the_year(annual, fte, months):
    whole = prorate(annual, fte, 12)
    assert whole == round_cents(annual * fte)
    part = prorate(annual, fte, months)
    assert ZERO <= part <= whole
    assert part <= prorate(annual, fte, min(months + 1, 12))
    assert abs(part - annual * fte * months / 12) <= D("0.005")


payout_lists = st.lists(
    st.tuples(st.integers(0, 700), euros.filter(lambda a: a > 0)).map(
        lambda t: Payout(date(2022, 1, 1) + timedelta(days=t[0]), t[1])
    ),
    min_size=1,
    max_size=6,
)


@given(overpayment=euros, payouts=payout_lists)
def test_the_repayment_is_spread_over_the_payouts_exactly(overpayment, payouts):
    parts = allocate_overpayment(overpayment, payouts)
    paid_out = sum((p.amount for p in payouts), ZERO)
    assert sum((p.amount for p in parts), ZERO) == min(overpayment, paid_out)
    for part in parts:
        assert part.amount > 0
        assert part.amount <= sum((p.amount for p in payouts if p.paid_on == part.paid_on), ZERO)


# A base rate for every half-year of the interest periods (one changes on 1 January and 1 July).
RATES = [
    (date(year, month, 1), D("-0.88") if year < 2023 else D("1.62") + (year - 2023) + D(month) / 10)
    for year in range(2021, 2027)
    for month in (1, 7)
]


@given(principal=euros, start=st.integers(0, 900), length=st.integers(0, 900))
def test_the_interest_periods_add_up_to_the_total_and_the_days(principal, start, length):
    paid_out = date(2021, 1, 1) + timedelta(days=start)
    repaid = paid_out + timedelta(days=length)
    assume(repaid <= date(2025, 12, 31))
    calculation = repayment_interest(principal=principal, paid_out_on=paid_out, repaid_on=repaid, base_rates=RATES)
    assert calculation.days == length
    assert calculation.total == sum((p.amount for p in calculation.periods), ZERO)
    for period in calculation.periods:
        assert period.amount == round_cents(principal * period.rate / 100 * period.days / D(365))
