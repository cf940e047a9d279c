"""Template side of the hooks in kiz.extensions: a page shows what later apps add to it, without naming them."""

from django import template
from django.utils.safestring import mark_safe

from kiz import extensions

register = template.Library()


def _render(context, hook: str, **kwargs) -> str:
    request = context.get("request")
    html = []
    for section in extensions.panels(hook, user=getattr(request, "user", None), **kwargs):
        values = dict(section)
        part = context.template.engine.get_template(values.pop("template"))
        # The section's values are there by name and, as on the home pages (kiz/_panels.html), as `panel`.
        with context.push(panel=values, **values):
            html.append(part.render(context))
    return mark_safe("".join(html))  # noqa: S308 - the parts are rendered templates, escaped by the engine


@register.simple_tag(takes_context=True)
def sections(context, hook: str, **kwargs):
    """The sections later apps add to this page through a hook, e.g. ``{% sections "council_dashboard"
    municipality=municipality %}``; each comes with its own template and context from the app's ``panels``."""
    return _render(context, hook, **kwargs)


@register.simple_tag(takes_context=True)
def downloads(context, page: str, subject=None, query: str = ""):
    """The downloads (PDF, CSV, Excel) that later apps offer on this page, e.g. ``{% downloads "funding:proof"
    subject=proof %}``, from the apps' ``panels.downloads(user, page, subject, query)``."""
    return _render(context, "downloads", page=page, subject=subject, query=query)
