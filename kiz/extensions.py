"""Hooks through which later apps add to the core's pages without the core importing them.

An app may ship a module with a known name (``demo``, ``panels``); the core looks for it in every installed
app, in the order of INSTALLED_APPS, so imports still flow one way (kiz ← concepts, staffing ← funding ← reporting).
"""

from importlib import import_module

from django.apps import apps


def app_modules(module_name: str):
    """Yield the `<app>.<module_name>` modules that exist, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        try:
            yield import_module(f"{config.name}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{module_name}":
                raise


def panels(hook: str, **kwargs) -> list[dict]:
    """Collect page sections from every app's ``panels`` module.

    A hook function returns a list of dicts, each with a ``template`` and the context that template needs.
    Hooks in use: ``home_city(user, municipality)``, ``home_state(user)``, ``municipality(user, municipality)``.
    """
    sections = []
    for module in app_modules("panels"):
        function = getattr(module, hook, None)
        if function is not None:
            sections.extend(function(**kwargs))
    return sections
