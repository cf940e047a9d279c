from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kiz.demo import DEMO_PASSWORD, demo_totp_base32
from kiz.extensions import app_modules


class Command(BaseCommand):
    help = "Lädt die Demodaten (54 Kommunen, Demo-Benutzer je Rolle); beliebig oft ausführbar."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo-Benutzer mit bekannten Passwörtern werden nur im Entwicklungsmodus (DEBUG=True) angelegt."
            )
        logins = []
        # Each app may ship a demo module; they run in the order of INSTALLED_APPS, so the core comes first.
        for module in app_modules("demo"):
            logins += module.seed() or []
        self.stdout.write(self.style.SUCCESS("Demodaten geladen."))
        self.stdout.write("")
        self.stdout.write(f"Demo-Anmeldungen (Passwort für alle: {DEMO_PASSWORD})")
        for username, description in logins:
            self.stdout.write(f"  {username:<28} {description}")
        self.stdout.write("")
        self.stdout.write(
            "Zweiter Faktor (koordinierung, bewilligung, admin): den aktuellen Code zeigt\n"
            "  .venv/bin/python manage.py demo_code\n"
            f"oder eine Authenticator-App mit dem Schlüssel {demo_totp_base32()} (zeitbasiert, 6 Ziffern)."
        )
