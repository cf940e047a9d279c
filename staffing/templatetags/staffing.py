"""Template helpers of the staff plan pages: policy questions the navigation asks."""

from django import template

from kiz import policy

register = template.Library()


@register.simple_tag
def can_edit_pay_rates(user) -> bool:
    return policy.can_edit_pay_rates(user)


@register.simple_tag(takes_context=True)
def staffing_section(context) -> str:
    """'rates' on the pay-rate pages, 'plans' on the other staff plan pages, '' elsewhere."""
    match = getattr(context.get("request"), "resolver_match", None)
    if match is None or match.app_name != "staffing":
        return ""
    return "rates" if match.url_name.startswith("payrate") else "plans"
