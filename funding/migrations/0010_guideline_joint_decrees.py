"""The 2012 and 2018 guidelines were joint decrees of two ministries each; their legal basis names both."""

from django.db import migrations

LEGAL_BASIS = {
    "Förderrichtlinie 2012": (
        "Gemeinsamer Runderlass des Ministeriums für Arbeit, Integration und Soziales (MAIS) und des Ministeriums "
        "für Schule und Weiterbildung (MSW) vom 25.06.2012 (Förderung Kommunaler Integrationszentren, § 7 TIntG vom "
        "14.02.2012)"
    ),
    "Förderrichtlinie 2018": (
        "Gemeinsamer Runderlass des Ministeriums für Kinder, Familie, Flüchtlinge und Integration (MKFFI) und des "
        "Ministeriums für Schule und Bildung (MSB) vom 27.03.2018"
    ),
}
FORMER = {
    "Förderrichtlinie 2012": (
        "Runderlass des Ministeriums für Arbeit, Integration und Soziales vom 25.06.2012 "
        "(Förderung Kommunaler Integrationszentren, § 7 TIntG vom 14.02.2012)"
    ),
    "Förderrichtlinie 2018": "Runderlass des Ministeriums für Kinder, Familie, Flüchtlinge und Integration vom 27.03.2018",
}


def load(apps, schema_editor):
    Guideline = apps.get_model("funding", "Guideline")
    for name, legal in LEGAL_BASIS.items():
        Guideline.objects.filter(name=name, legal_reference=FORMER[name]).update(legal_reference=legal)


def unload(apps, schema_editor):
    Guideline = apps.get_model("funding", "Guideline")
    for name, legal in FORMER.items():
        Guideline.objects.filter(name=name, legal_reference=LEGAL_BASIS[name]).update(legal_reference=legal)


class Migration(migrations.Migration):
    dependencies = [("funding", "0009_proof_interim_interest")]

    operations = [migrations.RunPython(load, unload)]
