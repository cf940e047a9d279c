"""Writes of the core domain: loading the municipalities, setting up demo accounts, personal API keys."""

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .models import ApiToken, IntegrationCentre, Membership, Municipality
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


API_TOKEN_PREFIX = "kiz_"  # noqa: S105 (the visible start of every key, not a secret)


def api_token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new personal API key: returns the stored token and the secret, which is shown once and never stored."""
    secret = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=secret[:10], key_hash=api_token_hash(secret))
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke a key for good; requests with it are refused (401) from now on."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
