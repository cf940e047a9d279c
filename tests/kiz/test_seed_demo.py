import pytest
from django.core.management import CommandError, call_command

from kiz.models import IntegrationCentre, Membership, Municipality, Role


def test_seed_demo_loads_the_54_municipalities_and_is_idempotent(db, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    assert Municipality.objects.count() == 54
    assert IntegrationCentre.objects.count() == 54
    kinds = {kind: Municipality.objects.filter(kind=kind).count() for kind, _label in Municipality.Kind.choices}
    assert kinds == {"kreis": 30, "staedteregion": 1, "kreisfreie_stadt": 23}  # 31 Kreise incl. StädteRegion
    assert Municipality.objects.get(name="Dortmund").ags == "05913000"
    assert Municipality.objects.get(name="Aachen").ags == "05334002"
    assert Municipality.objects.filter(district="arnsberg").count() == 12
    for municipality in Municipality.objects.all():
        municipality.full_clean()
    centre = IntegrationCentre.objects.get(municipality__name="Dortmund")
    assert centre.org_unit == "Fachbereich I / Geschäftsbereich III"
    assert centre.former_raa
    roles = set(Membership.objects.values_list("user__username", "role"))
    assert ("redaktion.dortmund", Role.EDITOR) in roles
    assert ("leitung.dortmund", Role.LEAD) in roles
    assert ("integrationsrat.dortmund", Role.COUNCIL) in roles
    assert ("koordinierung", Role.COORDINATION) in roles
    assert ("bewilligung", Role.AUTHORITY) in roles
    out = capsys.readouterr().out
    assert "redaktion.dortmund" in out and "Passwort" in out


def test_seed_demo_refuses_demo_users_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="nur im Entwicklungsmodus"):
        call_command("seed_demo")
    assert not Membership.objects.exists()
