from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kiz.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Lädt die Demodaten (54 Kommunen, Demo-Benutzer je Rolle); beliebig oft ausführbar."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo-Benutzer mit bekannten Passwörtern werden nur im Entwicklungsmodus (DEBUG=True) angelegt."
            )
        logins = []
        # Each app may ship a demo module; apps are seeded in the order of INSTALLED_APPS, so the core comes first.
        for config in apps.get_app_configs():
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            logins += module.seed() or []
        self.stdout.write(self.style.SUCCESS("Demodaten geladen."))
        self.stdout.write("")
        self.stdout.write(f"Demo-Anmeldungen (Passwort für alle: {DEMO_PASSWORD})")
        for username, description in logins:
            self.stdout.write(f"  {username:<28} {description}")
