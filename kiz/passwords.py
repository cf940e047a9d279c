"""Password strength: zxcvbn, taught the German keyboard (QWERTZ) and common German words.

zxcvbn estimates how many guesses a password needs, knowing keyboard walks, dates, repetitions, sequences,
common passwords and names; out of the box it knows the US keyboard and English words only, so
"qwertzuiopasdf" or "Sommerferien" pass as strong. This module adds the QWERTZ adjacency graph and the list in
kiz/data/german_words.txt (plus the user's own names) and asks for a score of 3 of 4 ("safely unguessable:
moderate protection from offline slow-hash scenario"). The explanation is German.
"""

from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WORDS = Path(__file__).resolve().parent / "data" / "german_words.txt"

# The German keyboard, laid out as zxcvbn's own layouts: each key's unshifted and shifted character.
QWERTZ = """
^° 1! 2" 3§ 4$ 5% 6& 7/ 8( 9) 0= ß? ´`
    qQ wW eE rR tT zZ uU iI oO pP üÜ +*
     aA sS dD fF gG hH jJ kK lL öÖ äÄ #'
  <> yY xX cC vV bB nN mM ,; .: -_
"""


def _slanted_graph(layout: str) -> dict[str, list[str | None]]:
    """zxcvbn's adjacency graph of a slanted keyboard: for every character its six neighbouring keys."""
    positions = {}
    for y, line in enumerate(layout.split("\n")):
        slant = y - 1
        for token in line.split():
            x = (line.index(token) - slant) // 3
            positions[(x, y)] = token
    graph = {}
    for (x, y), chars in positions.items():
        neighbours = [(x - 1, y), (x, y - 1), (x + 1, y - 1), (x + 1, y), (x, y + 1), (x - 1, y + 1)]
        for char in chars:
            graph[char] = [positions.get(coord) for coord in neighbours]
    return graph


@cache
def _zxcvbn():
    from zxcvbn import matching, zxcvbn

    matching.GRAPHS.setdefault("qwertz", _slanted_graph(QWERTZ))
    words = [w.strip() for w in WORDS.read_text(encoding="utf-8").splitlines() if w.strip() and w[0] != "#"]
    matching.add_frequency_lists({"german": words})
    return zxcvbn


class StrengthValidator:
    """AUTH_PASSWORD_VALIDATORS entry; OPTIONS: min_score (0–4, default 3)."""

    def __init__(self, min_score: int = 3):
        self.min_score = min_score

    def validate(self, password, user=None):
        inputs = []
        if user is not None:
            inputs = [getattr(user, name, "") or "" for name in ("username", "first_name", "last_name", "email")]
            inputs = [part for value in inputs for part in str(value).replace("@", " ").replace(".", " ").split()]
        result = _zxcvbn()(password[:128], user_inputs=inputs)
        if result["score"] >= self.min_score:
            return
        raise ValidationError(
            _(
                "This password is too easy to guess: it contains a keyboard pattern, a common word, a name, a date "
                "or a repetition. Use a longer password of several unrelated words or a random combination."
            ),
            code="password_too_guessable",
        )

    def get_help_text(self):
        return _(
            "The password must not be easy to guess: no keyboard rows (such as qwertz), common words, names, "
            "dates or repetitions."
        )
