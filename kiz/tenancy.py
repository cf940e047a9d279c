"""The municipality a city user is currently working in, kept in the session."""

from . import policy

SESSION_KEY = "current_municipality_id"


def current_municipality(request):
    """The selected municipality among the user's own; the first one when nothing (valid) is selected."""
    own = policy.city_municipalities(request.user)
    if not own:
        return None
    selected = request.session.get(SESSION_KEY)
    for municipality in own:
        if municipality.pk == selected:
            return municipality
    return own[0]


def switch_municipality(request, municipality_id: int) -> bool:
    """Select one of the user's own municipalities; anything else is refused (returns False)."""
    if any(m.pk == municipality_id for m in policy.city_municipalities(request.user)):
        request.session[SESSION_KEY] = municipality_id
        return True
    return False
