"""The access policy: who may see and do what, decided in this module only.

City roles (editor, lead, council) hold per municipality; the state-wide roles (coordination, authority)
see every municipality. Lookups of tenant-owned objects go through querysets scoped with
`visible_municipality_ids`, so an object of another municipality is simply not found (404), never shown.
"""

from django.db.models import Q, QuerySet
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


def requires_second_factor(user) -> bool:
    """Who decides on money for all municipalities (authority, coordination) or administers everything
    (superusers) signs in with a second factor; for city roles it is optional."""
    return bool(user.is_authenticated and (user.is_superuser or is_state_user(user)))


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


def visible(queryset, user, path: str | None = None):
    """What the user may read of a queryset: their municipalities' rows, and of those only the published ones
    unless the user prepares the municipality's documents (see `published`)."""
    path = path or queryset.tenant_path
    visible_rows = scope(queryset, user, path)
    preparing = draft_municipality_ids(user)
    if preparing is None or _publication(queryset.model) is None:
        return visible_rows
    own_drafts = Q(**{"pk__in" if path == "pk" else f"{path}__in": preparing})
    return visible_rows.filter(_published_q(queryset.model) | own_drafts)


def get_visible_or_404(queryset, user, path: str = "municipality", **lookup):
    """Fetch one tenant-owned object the user may see; another municipality's object, or a draft the user does
    not prepare, is a 404 like a missing one."""
    # A model's own for_user may narrow further; it applies when it scopes along the same path.
    if isinstance(queryset, TenantQuerySet) and queryset.tenant_path == path:
        rows = queryset.for_user(user)
    else:
        rows = visible(queryset, user, path)
    try:
        return rows.get(**lookup)
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


def can_read_guideline_assumptions(user) -> bool:
    """The modelling notes of a guideline edition (assumptions, where sources disagree) are for the authority."""
    return Role.AUTHORITY in state_roles(user)


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


def _publication(model):
    """(state path, published states) as the model declares them, or None for a model without drafts.

    A model declares `published_states` and, when its state is not its own `state` field, `state_field`: the
    lookup path to the state that decides, e.g. "report__state" for the rows that belong to a report.
    """
    states = getattr(model, "published_states", None)
    if states is None:
        return None
    return getattr(model, "state_field", "state"), frozenset(states)


def _published_q(model) -> Q:
    path, states = _publication(model)
    return Q(**{f"{path}__in": states})


def published(queryset_or_obj):
    """The one rule of what is published, i.e. what the integration council may read, for every kind of document.

    Given a queryset: only its published rows. Given an object: whether it is published. A document is
    published once it has left preparation: an adopted (later superseded) concept, an application from its
    submission on, a submitted proof of use or controlling report. Each model names those states itself
    (`published_states`); a model without the declaration has no drafts, and all of it is published.
    """
    if isinstance(queryset_or_obj, QuerySet):
        if _publication(queryset_or_obj.model) is None:
            return queryset_or_obj
        return queryset_or_obj.filter(_published_q(queryset_or_obj.model))
    publication = _publication(type(queryset_or_obj))
    if publication is None:
        return True
    path, states = publication
    value = queryset_or_obj
    for name in path.split("__"):
        value = getattr(value, name)
    return value in states


def can_read(user, obj, municipality) -> bool:
    """Whether the user may read this document of the municipality: a role there, and a published document
    unless the user prepares the municipality's documents."""
    if not can_view(user, municipality):
        return False
    preparing = draft_municipality_ids(user)
    return preparing is None or municipality.pk in preparing or published(obj)
