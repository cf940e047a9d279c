"""Money is Decimal euros with two places; rounding to the cent happens here and nowhere else.

`round_cents` rounds one amount; `allocate` splits a whole into parts that add up to it exactly, so that no split
of money (an approval over items, a repayment over payouts) gains or loses a cent by rounding each part.
"""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def round_cents(amount) -> Decimal:
    """Round a euro amount to the cent, half up (kaufmännisches Runden)."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def _cents(amount) -> int:
    return int(round_cents(amount) * 100)


def allocate(total, weights) -> list[Decimal]:
    """Split `total` over parts in proportion to `weights`, to the cent, adding up to `total` exactly.

    Largest remainder: each part is first rounded down to the cent, then the cents left over go one each to the
    parts with the largest remainders (the earlier part first on a tie). Amounts and weights are rounded to the
    cent first and must not be negative. When `total` is at most the sum of the weights, no part exceeds its own
    weight, so a weight can serve as the part's cap (a part below its weight stays below it after the extra cent,
    because the weight is a whole number of cents).
    """
    whole = _cents(total)
    shares = [_cents(weight) for weight in weights]
    if whole < 0 or any(share < 0 for share in shares):
        raise ValueError("allocate() splits amounts that are not negative")
    denominator = sum(shares)
    if denominator == 0:
        if whole != 0:
            raise ValueError("allocate() cannot split an amount over weights that are all zero")
        return [Decimal("0.00") for _share in shares]
    parts = [whole * share // denominator for share in shares]
    remainders = [whole * share % denominator for share in shares]
    left = whole - sum(parts)
    for index in sorted(range(len(shares)), key=lambda i: -remainders[i])[:left]:
        parts[index] += 1
    return [(Decimal(part) / 100).quantize(CENT) for part in parts]


def format_euro(amount) -> str:
    """German notation: 1.234,56 € (a non-breaking space before the sign)."""
    if amount is None or amount == "":
        return "–"
    value = round_cents(amount)
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{'.'.join(groups)},{cents}\u00a0€"


def format_decimal(value, places: int = 2) -> str:
    """A plain number in German notation, e.g. 3,50 for FTE."""
    if value is None or value == "":
        return "–"
    text = f"{Decimal(value):,.{places}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
