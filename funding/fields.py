"""Field options shared by the funding models: money and FTE."""

MONEY = {"max_digits": 12, "decimal_places": 2}
FTE = {"max_digits": 4, "decimal_places": 2}
