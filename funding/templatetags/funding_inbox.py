"""Template helpers of the inbox: what waits for the authority (call-offs, proofs of use)."""

from django import template

from kiz import policy

from ..grants.models import CallOff
from ..proofs.models import ProofOfUse

register = template.Library()


@register.simple_tag
def money_waiting(user) -> dict:
    """Call-offs waiting for payout and proofs of use waiting for the check, for the state roles (two queries)."""
    if not policy.is_state_user(user):
        return {"call_offs": [], "proofs": []}
    call_offs = CallOff.objects.for_user(user).waiting().select_related("application__municipality")
    proofs = ProofOfUse.objects.for_user(user).waiting().select_related("application__municipality")
    return {
        "call_offs": list(call_offs.order_by("requested_on", "pk")),
        "proofs": list(proofs.order_by("submitted_on", "pk")),
    }
