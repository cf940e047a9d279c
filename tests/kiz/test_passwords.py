"""The password check knows the German keyboard and German words, and explains itself in German."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REFUSED = (
    "Dieses Passwort ist zu leicht zu erraten: Es enthält ein Tastaturmuster, ein häufiges Wort, einen Namen, "
    "ein Datum oder eine Wiederholung. Verwenden Sie ein längeres Passwort aus mehreren Wörtern, die nichts "
    "miteinander zu tun haben, oder eine zufällige Zeichenfolge."
)


@pytest.mark.parametrize(
    "password",
    [
        "qwertzuiopasdf",
        "yxcvbnmasdfghjkl",
        "Passwort12345",
        "ichliebedich123",
        "Dortmund2026!",
        "Integrationszentrum",
    ],
)
def test_keyboard_rows_and_german_words_are_refused(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert REFUSED in refused.value.messages


def test_the_users_own_name_counts_as_guessable():
    user = UserFactory(username="kvogelsang", first_name="Karoline", last_name="Vogelsang")
    with pytest.raises(ValidationError):
        validate_password("Karoline-Vogelsang", user=user)


@pytest.mark.parametrize("password", ["Feldweg-Kaktus-Omnibus", "Kx9#mQ2vLp8!zR", "Lampe Gurke Tandem Nebel"])
def test_long_unrelated_words_and_random_strings_pass(password):
    validate_password(password)
