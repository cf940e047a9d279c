"""Strict parsing of numbers that arrive as text (query strings, hidden form fields).

`str.isdigit()` is true for superscripts and other digits that `int()` refuses ("²"), and `int()` accepts
digits of every script ("٣") as well as white space and signs. Ids and versions are ASCII digits and fit a
database integer, or they are no number at all.
"""

import re

_ASCII_DIGITS = re.compile(r"[0-9]{1,18}")
DB_INT_MAX = 2**63 - 1


def ascii_int(value, *, default=None, maximum: int = DB_INT_MAX):
    """`value` as an int if it is 1 to 18 ASCII digits not above `maximum`, else `default`."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 <= value <= maximum else default
    if not isinstance(value, str) or not _ASCII_DIGITS.fullmatch(value):
        return default
    number = int(value)
    return number if number <= maximum else default
