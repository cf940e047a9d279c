"""Demo data of the core: the 54 municipalities, Dortmund's centre from the seed, and one user per role."""

from datetime import date

from . import policy
from .models import IntegrationCentre, Municipality, Role
from .services import municipalities_load, user_ensure

DEMO_PASSWORD = "Demo-KIZ-2026!"
# The second factor of the demo's state users and admin: one known authenticator key (hex, 20 bytes), so that
# `manage.py demo_code` can print the current code, or any authenticator app can be set up with DEMO_TOTP_BASE32.
DEMO_TOTP_KEY = b"KIZ-Demo-Zweitfaktor".hex()

# (user name, first name, last name, [(role, AGS or None)], description shown at start-up)
DEMO_USERS = [
    ("redaktion.dortmund", "Mara", "Schulz", [(Role.EDITOR, "05913000")], "Sachbearbeitung, Dortmund"),
    ("leitung.dortmund", "Deniz", "Aydın", [(Role.LEAD, "05913000")], "KIZ-Leitung, Dortmund"),
    ("integrationsrat.dortmund", "Olena", "Kovalenko", [(Role.COUNCIL, "05913000")], "Integrationsrat, Dortmund"),
    ("redaktion.bochum", "Jonas", "Becker", [(Role.EDITOR, "05911000")], "Sachbearbeitung, Bochum"),
    (
        "verbund.ruhr",
        "Sami",
        "Haddad",
        [(Role.EDITOR, "05913000"), (Role.EDITOR, "05911000")],
        "Sachbearbeitung, Dortmund und Bochum (Kommunenwechsel)",
    ),
    ("koordinierung", "Petra", "Lange", [(Role.COORDINATION, None)], "Landesweite Koordinierungsstelle (LaKI)"),
    ("bewilligung", "Thomas", "Richter", [(Role.AUTHORITY, None)], "Bewilligungsbehörde, Bezirksregierung Arnsberg"),
]


def seed(stdout=None):
    municipalities_load()
    dortmund = Municipality.objects.get(ags="05913000")
    IntegrationCentre.objects.update_or_create(
        municipality=dortmund,
        defaults={
            "name": "Kommunales Integrationszentrum Dortmund (MIA-DO-KI)",
            "org_unit": "Fachbereich I / Geschäftsbereich III",
            "opened_on": date(2013, 7, 1),
            "former_raa": True,
        },
    )
    by_ags = {m.ags: m for m in Municipality.objects.all()}
    logins = []
    for username, first, last, roles, description in DEMO_USERS:
        user_ensure(
            username=username,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            memberships=[(role, by_ags[ags] if ags else None) for role, ags in roles],
        )
        logins.append((username, description))
    user_ensure(username="admin", password=DEMO_PASSWORD, first_name="", last_name="", superuser=True)
    logins.append(("admin", "Superuser (Django-Admin unter /admin/)"))
    _demo_second_factor()
    return logins


def _demo_second_factor():
    """State users and the admin need a second factor: they get the demo's known authenticator key."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for user in get_user_model().objects.filter(username__in=[u[0] for u in DEMO_USERS] + ["admin"]):
        if policy.requires_second_factor(user):
            TOTPDevice.objects.update_or_create(
                user=user, name="app", defaults={"key": DEMO_TOTP_KEY, "confirmed": True, "last_t": -1}
            )


def demo_totp_base32() -> str:
    import base64

    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()


def demo_totp_code() -> str:
    """The code the demo key gives now."""
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(DEMO_TOTP_KEY)):06d}"
