"""Demo data of the core: the 54 municipalities, Dortmund's centre from the seed, and one user per role."""

from datetime import date

from .models import IntegrationCentre, Municipality, Role
from .services import municipalities_load, user_ensure

DEMO_PASSWORD = "Demo-KIZ-2026!"

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
    return logins
