"""Property tests of the money helpers: rounding to the cent, splitting a whole, the euro notation."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiz.money import allocate, format_euro, round_cents
from kiz.templatetags.kern import euro

CENT = Decimal("0.01")
# Euro amounts with up to four places, as computed values are before they are rounded.
raw_amounts = st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False)
cents = st.integers(0, 10**10).map(lambda c: Decimal(c) / 100)


def _parse_euro(text: str) -> Decimal:
    assert text.endswith("\u00a0€")
    return Decimal(text[:-2].replace(".", "").replace(",", "."))


@given(raw_amounts)
def test_round_cents_is_half_up_to_the_nearest_cent(amount):
    rounded = round_cents(amount)
    assert rounded.as_tuple().exponent == -2
    assert abs(rounded - amount) <= Decimal("0.005")
    # computed by hand: whole cents towards zero, one more cent from half a cent on, the sign put back
    scaled = abs(amount) * 100
    down = int(scaled)
    expected = Decimal(down + (1 if scaled - down >= Decimal("0.5") else 0)) / 100
    assert rounded == (expected if amount >= 0 else -expected)
    assert round_cents(rounded) == rounded


def test_round_cents_examples():
    assert round_cents(Decimal("0.005")) == Decimal("0.01")
    assert round_cents(Decimal("-0.005")) == Decimal("-0.01")
    assert round_cents(Decimal("2.344999")) == Decimal("2.34")
    assert round_cents("96.665") == Decimal("96.67")


@given(raw_amounts)
def test_euro_notation_shows_the_rounded_amount(amount):
    text = format_euro(amount)
    assert _parse_euro(text) == round_cents(amount)
    whole = text[:-2].lstrip("-").split(",")[0]
    groups = whole.split(".")
    assert all(len(group) == 3 for group in groups[1:]) and 1 <= len(groups[0]) <= 3
    assert euro(amount) == text  # the template filter is the same notation


def test_euro_notation_examples():
    assert euro(Decimal("1234567.891")) == "1.234.567,89\u00a0€"
    assert euro(Decimal("-0.001")) == "0,00\u00a0€"
    assert euro(None) == "–"


@given(total=cents, weights=st.lists(cents, min_size=1, max_size=12))
def test_allocate_adds_up_exactly_and_no_part_exceeds_its_weight(total, weights):
    if sum(weights) == 0:
        total = Decimal("0.00")
    total = min(total, sum(weights, Decimal("0.00")))
    parts = allocate(total, weights)
    assert sum(parts, Decimal("0.00")) == total
    assert all(Decimal("0") <= part <= weight for part, weight in zip(parts, weights, strict=True))
    assert all(part.as_tuple().exponent == -2 for part in parts)
    # proportional: each part is its exact share, rounded up or down by less than a cent
    whole = sum(weights)
    if whole == 0:
        return
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part - total * weight / whole) < CENT


@given(total=cents, weights=st.lists(cents.filter(lambda c: c > 0), min_size=1, max_size=12))
def test_allocate_adds_up_above_the_weights_too(total, weights):
    assert sum(allocate(total, weights), Decimal("0.00")) == total


def test_allocate_examples():
    assert allocate(Decimal("100.00"), [1, 1, 1]) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert allocate(Decimal("60000"), [Decimal("40000"), Decimal("40000")]) == [Decimal("30000.00")] * 2
    assert allocate(0, [0, 0]) == [Decimal("0.00")] * 2
    with pytest.raises(ValueError):
        allocate(1, [0])
    with pytest.raises(ValueError):
        allocate(-1, [1])
