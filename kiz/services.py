"""Writes of the core domain: loading the municipalities and setting up demo accounts."""

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import IntegrationCentre, Membership, Municipality
from .municipalities import NRW_MUNICIPALITIES, centre_name


@transaction.atomic
def municipalities_load() -> int:
    """Create or update the 54 municipalities and a centre for each; returns how many were created."""
    created = 0
    for name, kind, ags, district in NRW_MUNICIPALITIES:
        municipality, was_created = Municipality.objects.update_or_create(
            ags=ags, defaults={"name": name, "kind": kind, "district": district}
        )
        IntegrationCentre.objects.get_or_create(municipality=municipality, defaults={"name": centre_name(name)})
        created += was_created
    return created


@transaction.atomic
def user_ensure(
    *,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    memberships: list[tuple[str, Municipality | None]] = (),
    superuser: bool = False,
):
    """Create the user if missing, (re)set the password, and give exactly the listed memberships."""
    user, _created = get_user_model().objects.get_or_create(username=username)
    user.first_name, user.last_name = first_name, last_name
    user.is_superuser = user.is_staff = superuser
    user.set_password(password)
    user.save()
    wanted = {(role, municipality.pk if municipality else None) for role, municipality in memberships}
    for membership in Membership.objects.filter(user=user):
        if (membership.role, membership.municipality_id) not in wanted:
            membership.delete()
    for role, municipality in memberships:
        Membership.objects.get_or_create(user=user, role=role, municipality=municipality)
    return user
