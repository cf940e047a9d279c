from . import extensions, policy
from .tenancy import current_municipality


def membership(request):
    """What the header needs: the user's municipalities, the current one, and whether the user is state-wide."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    own = policy.city_municipalities(user)
    return {
        "current_municipality": current_municipality(request),
        "own_municipalities": own,
        "is_state_user": policy.is_state_user(user),
        "state_roles": sorted(policy.state_roles(user)),
        "nav_templates": extensions.nav_templates(),
    }
