from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kiz.demo import demo_totp_code


class Command(BaseCommand):
    help = "Zeigt den aktuellen Code des zweiten Faktors der Demo-Landesrollen (nur im Entwicklungsmodus)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Den Demo-Code gibt es nur im Entwicklungsmodus (DEBUG=True).")
        self.stdout.write(demo_totp_code())
