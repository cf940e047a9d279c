"""Money is Decimal euros with two places; rounding to the cent happens here and nowhere else."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def round_cents(amount) -> Decimal:
    """Round a euro amount to the cent, half up (kaufmännisches Runden)."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


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
