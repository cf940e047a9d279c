"""The access policy: who may see and do what, decided in this module only.

City roles (editor, lead, council) hold per municipality; the state-wide roles (coordination, authority)
see every municipality. Lookups of tenant-owned objects go through querysets scoped with
`visible_municipality_ids`, so an object of another municipality is simply not found (404), never shown.
"""

from django.http import Http404

from .models import CITY_ROLES, STATE_ROLES, Membership, Role, TenantQuerySet

_CACHE_ATTR = "_kiz_memberships"


def memberships(user) -> list[Membership]:
    """The user's memberships, loaded once per user object (that is, once per request)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("municipality"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def state_roles(user) -> set[str]:
    return {m.role for m in memberships(user) if m.role in STATE_ROLES}


def is_state_user(user) -> bool:
    return bool(state_roles(user))


def city_municipalities(user) -> list:
    """The municipalities in which the user holds a city role, in name order, without repeats."""
    seen = {}
    for m in memberships(user):
        if m.role in CITY_ROLES:
            seen.setdefault(m.municipality_id, m.municipality)
    return sorted(seen.values(), key=lambda mun: mun.name)


def visible_municipality_ids(user) -> set[int] | None:
    """None means every municipality (state roles); otherwise the ids of the user's own municipalities."""
    if is_state_user(user):
        return None
    return {m.municipality_id for m in memberships(user) if m.role in CITY_ROLES}


def roles_in(user, municipality) -> set[str]:
    """The roles the user holds for this municipality, the state-wide ones included."""
    roles = state_roles(user)
    roles |= {m.role for m in memberships(user) if m.municipality_id == municipality.pk}
    return roles


def can_view(user, municipality) -> bool:
    return bool(roles_in(user, municipality))


def can_edit(user, municipality) -> bool:
    """Editors and leads prepare the documents of their own municipality."""
    return bool(roles_in(user, municipality) & {Role.EDITOR, Role.LEAD})


def can_submit(user, municipality) -> bool:
    """Only the KIZ lead submits to the authority."""
    return Role.LEAD in roles_in(user, municipality)


def can_adopt(user, municipality) -> bool:
    """The KIZ lead records the council's resolution that adopts the integration concept."""
    return Role.LEAD in roles_in(user, municipality)


def can_review(user) -> bool:
    """The granting authority reviews and decides for all municipalities."""
    return Role.AUTHORITY in state_roles(user)


def scope(queryset, user, path: str = "municipality"):
    """Restrict a queryset of tenant-owned rows to what the user may see; `path` leads to the municipality."""
    ids = visible_municipality_ids(user)
    if ids is None:
        return queryset
    lookup = "pk__in" if path == "pk" else f"{path}__in"
    return queryset.filter(**{lookup: ids})


def get_visible_or_404(queryset, user, path: str = "municipality", **lookup):
    """Fetch one tenant-owned object the user may see; another municipality's object is a 404 like a missing one."""
    # A model's own for_user may narrow further (e.g. drafts); it applies when it scopes along the same path.
    if isinstance(queryset, TenantQuerySet) and queryset.tenant_path == path:
        visible = queryset.for_user(user)
    else:
        visible = scope(queryset, user, path)
    try:
        return visible.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def can_edit_pay_rates(user) -> bool:
    """The granting authority maintains the employer cost rates per pay grade (staff plans)."""
    return Role.AUTHORITY in state_roles(user)


def can_see_occupants(user, municipality) -> bool:
    """Names of post holders are personal data: only the municipality's own city roles see them."""
    return any(m.role in CITY_ROLES and m.municipality_id == municipality.pk for m in memberships(user))


def can_run_report_batches(user) -> bool:
    """The coordination office generates one report kind for all municipalities at once."""
    return Role.COORDINATION in state_roles(user)


def can_see_all_controlling(user) -> bool:
    """The coordination office and the granting authority follow the controlling reports of all KIZ."""
    return bool(state_roles(user) & {Role.COORDINATION, Role.AUTHORITY})


def can_edit_base_rates(user) -> bool:
    """The granting authority keeps the base rates (Basiszinssatz) for repayment interest up to date."""
    return Role.AUTHORITY in state_roles(user)


def draft_municipality_ids(user) -> set[int] | None:
    """Where the user may see documents still in preparation (drafts); None means everywhere.

    State roles read everything; editors and leads see their own drafts. The integration council reads what
    the city has submitted or published, not the working drafts (DESIGN: "the published documents").
    """
    if is_state_user(user):
        return None
    return {m.municipality_id for m in memberships(user) if m.role in (Role.EDITOR, Role.LEAD)}
