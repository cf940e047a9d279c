from django.urls import reverse

from tests.factories import PASSWORD


def test_wrong_password_shows_german_error_and_keeps_user_name(client, editor):
    response = client.post(reverse("login"), {"username": editor.username, "password": "falsch"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte Benutzername und Passwort eingeben" in html
    assert f'value="{editor.username}"' in html


def test_login_and_logout(client, editor):
    response = client.post(reverse("login"), {"username": editor.username, "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_lockout_after_repeated_failures(client, editor, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("login"), {"username": editor.username, "password": "falsch"})
    response = client.post(reverse("login"), {"username": editor.username, "password": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche." in html
    assert "nach 3 Fehlversuchen gesperrt" in html
    assert client.get(reverse("home")).status_code == 302  # the correct password did not sign in


def test_password_validators_apply(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password("12345678")
    except ValidationError as error:
        text = " ".join(error.messages)
    assert "zu kurz" in text and "komplett numerisch" in text
