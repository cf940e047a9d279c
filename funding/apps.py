from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Funding")

    def ready(self):
        # registers the workflow tables: applications; call-offs and proofs of use
        from . import services, services_money  # noqa: F401
