"""Hooks through which later apps add to the core's pages without the core importing them.

An app may ship a module with a known name (``demo``, ``panels``); the core looks for it in every installed
app, in the order of INSTALLED_APPS, so imports still flow one way (kiz ← concepts, staffing ← funding ← reporting).
"""

from functools import cache
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template


def app_modules(module_name: str, *, project_only: bool = False):
    """Yield the `<app>.<module_name>` modules that exist, in INSTALLED_APPS order.

    `project_only` skips the apps that are not part of this project (Django's, the libraries'), for names that
    a library may use too (e.g. ``api``).
    """
    for config in apps.get_app_configs():
        if project_only and Path(config.path).parent != Path(settings.BASE_DIR):
            continue
        try:
            yield import_module(f"{config.name}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{module_name}":
                raise


def panels(hook: str, **kwargs) -> list[dict]:
    """Collect page sections from every app's ``panels`` module.

    A hook function returns a list of dicts, each with a ``template`` and the context that template needs.
    Hooks in use: ``home_city(user, municipality)``, ``home_state(user)``, ``municipality(user, municipality)``,
    and ``downloads(user, page, subject, query)``: the PDF and table downloads a later app offers on another app's
    page, named like ``"funding:application"`` (rendered with the template tag ``{% downloads %}``).
    """
    sections = []
    for module in app_modules("panels"):
        function = getattr(module, hook, None)
        if function is not None:
            sections.extend(function(**kwargs))
    return sections


def answer(hook: str, **kwargs):
    """The first answer (anything but None) of a function `hook` in an app's ``hooks`` module; None if none answers.

    For a question the core or an earlier app asks of a later one, e.g. ``concept_age_rule(on_date)``: the concepts
    app asks how old a concept may be, and the app that keeps the guideline editions (funding) answers.
    """
    for module in app_modules("hooks"):
        function = getattr(module, hook, None)
        if function is not None:
            result = function(**kwargs)
            if result is not None:
                return result
    return None


@cache
def nav_templates() -> list[str]:
    """The ``<app>/_nav.html`` templates that exist, in INSTALLED_APPS order: each app's main-navigation entries."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.label}/_nav.html"
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue
        found.append(name)
    return found
