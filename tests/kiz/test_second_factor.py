"""Two-factor sign-in: required for authority, coordination and superusers, optional for city roles; the code
step is throttled like the password step; recovery codes work once; the admin sits behind the same sign-in."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, app_device, current_code, user_with_role

pytestmark = pytest.mark.django_db

ENROL = reverse("second_factor_enrol")
CODE = reverse("second_factor")


def _password(client, user):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD})


def _enrol(client, user) -> list[str]:
    """Enrol the app as a user would: the key from the page, the code the app would show, the codes page."""
    html = client.get(ENROL).content.decode()
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', html).group(1)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    import base64

    assert base64.b32decode(secret.replace(" ", "")) == device.bin_key
    response = client.post(ENROL, {"code": current_code(device)})
    assert response.status_code == 302 and response.url == reverse("second_factor_codes")
    html = client.get(response.url).content.decode()
    return re.findall(r"<li><code>([a-z0-9]+)</code></li>", html)


@pytest.mark.parametrize("role", ["coordination", "authority"])
def test_a_state_user_without_second_factor_reaches_nothing_but_the_enrolment(client, role):
    user = user_with_role(role)
    assert _password(client, user).status_code == 302
    for path in [reverse("home"), "/berichte/", "/foerderung/", "/konzepte/landesweit/", "/admin/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(f"{ENROL}?next="), path
    assert client.post("/berichte/alle-kiz/", {"kind": "x"}).url == ENROL
    html = client.get(ENROL).content.decode()
    assert "Erforderlich für Ihre Rolle" in html
    assert 'src="data:image/svg+xml' in html


def test_enrol_then_sign_in_with_password_and_code(client, coordination, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong code below would make the right one wait a second
    _password(client, coordination)
    assert client.post(ENROL, {"code": "000000"}).status_code == 400
    codes = _enrol(client, coordination)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("second_factor_codes")).status_code == 302  # shown once only

    client.post(reverse("logout"))
    response = _password(client, coordination)
    assert response.status_code == 302
    assert client.get(reverse("home")).url == f"{CODE}?next=%2F"
    wrong = client.post(CODE, {"code": "123456", "next": "/"})
    assert wrong.status_code == 400
    assert "Der Code ist nicht gültig." in wrong.content.decode()
    device = app_device(coordination)
    response = client.post(CODE, {"code": current_code(device), "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    assert client.get(reverse("home")).status_code == 200


def test_a_recovery_code_works_once(client, coordination):
    _password(client, coordination)
    codes = _enrol(client, coordination)
    client.post(reverse("logout"))

    _password(client, coordination)
    response = client.post(CODE, {"code": codes[0].upper(), "next": "/"}, follow=True)
    assert response.status_code == 200
    assert "noch 9 übrig" in response.content.decode()
    client.post(reverse("logout"))

    _password(client, coordination)
    assert client.post(CODE, {"code": codes[0], "next": "/"}).status_code == 400
    assert client.get(reverse("home")).status_code == 302
    assert not StaticToken.objects.filter(token=codes[0]).exists()


def test_wrong_codes_lock_the_account_like_wrong_passwords(client, coordination, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    app_device(coordination)
    _password(client, coordination)
    for _ in range(2):
        assert client.post(CODE, {"code": "111111"}).status_code == 400
    response = client.post(CODE, {"code": "111111"})
    assert response.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche." in response.content.decode()
    assert client.get(reverse("home")).status_code == 302  # signed out
    response = _password(client, coordination)
    assert response.status_code == 429  # the password step is locked as well


def test_city_roles_may_but_need_not_use_a_second_factor(client, editor, lead):
    assert _password(client, editor).url == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    html = client.get(ENROL).content.decode()
    assert "Erforderlich für Ihre Rolle" not in html
    client.post(reverse("logout"))

    device = app_device(lead)
    _password(client, lead)
    assert client.get(reverse("home")).url.startswith(CODE)
    assert client.post(CODE, {"code": current_code(device), "next": "/"}).url == "/"
    assert client.get(reverse("home")).status_code == 200


def test_the_admin_has_no_sign_in_of_its_own(client, django_user_model):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response.url == "/anmelden/?next=/admin/"
    root = django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    _password(client, root)
    assert client.get("/admin/").url.startswith(ENROL)
    _enrol(client, root)
    assert client.get("/admin/").status_code == 200


def test_the_demo_state_users_have_the_known_key_and_demo_code_prints_its_code(settings, capsys):
    from django.contrib.auth import get_user_model

    from kiz.demo import DEMO_TOTP_KEY

    settings.DEBUG = True
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "manage.py demo_code" in out
    users = get_user_model().objects
    for name in ("koordinierung", "bewilligung", "admin"):
        assert TOTPDevice.objects.get(user=users.get(username=name), confirmed=True).key == DEMO_TOTP_KEY
    assert not TOTPDevice.objects.filter(user__username="redaktion.dortmund").exists()
    call_command("demo_code")
    code = capsys.readouterr().out.strip()
    device = TOTPDevice.objects.get(user__username="koordinierung")
    assert re.fullmatch(r"\d{6}", code) and device.verify_token(code)
