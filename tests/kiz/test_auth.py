from django.urls import reverse

from tests.factories import PASSWORD, login_verified


def test_wrong_password_shows_german_error_and_keeps_user_name(client, editor):
    response = client.post(reverse("login"), {"username": editor.username, "password": "falsch"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Benutzername oder Passwort ist falsch. Bitte prüfen Sie beide" in html
    assert "Bitte Benutzername und Passwort eingeben" not in html  # both were entered
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


def test_the_superuser_without_membership_is_sent_to_the_administration_not_asked_to_contact_it(client, db):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("chef", password=PASSWORD)
    login_verified(client, admin)
    html = client.get(reverse("home")).content.decode()
    assert "Als Superuser verwalten Sie Benutzer" in html
    assert f'href="{reverse("admin:index")}"' in html
    assert "wenden Sie sich" not in html.lower() and "Administration der Anwendung" not in html


def test_a_user_without_membership_is_asked_to_contact_the_administration(client, db):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("neu", password=PASSWORD))
    html = client.get(reverse("home")).content.decode()
    assert "Als Superuser" not in html
    assert reverse("admin:index") not in html.split("<main", 1)[-1]


def test_the_administration_says_speichern_like_the_application(client, editor):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("chef", password=PASSWORD)
    login_verified(client, admin)
    html = client.get(reverse("admin:auth_user_change", args=[editor.pk])).content.decode()
    assert 'value="Speichern"' in html and "Speichern und weiter bearbeiten" in html
    assert "Sichern" not in html
