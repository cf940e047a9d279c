"""Text that goes into a spreadsheet (CSV or XLSX) must stay text.

Excel, LibreOffice and Numbers read a cell that starts with `=`, `+`, `-` or `@` as a formula, and a leading
TAB or carriage return lets a formula hide behind white space (CSV injection, OWASP). City staff write post
titles and activity titles; the authority and the coordination office open the exports. So every text cell of
every export passes through `inert_text`: a formula-like text gets an apostrophe in front, which spreadsheet
programs take as "this is text" and do not show. In XLSX the cell is additionally stored with the string type
(see reporting.exports), so no formula is ever written. Numbers and dates are not text and are left alone.
"""

# The ASCII triggers and their full-width forms, which some spreadsheet programs normalise.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def inert_text(value):
    """A text value made safe for a spreadsheet cell; anything that is not a string is returned unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value
