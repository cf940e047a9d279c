from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Funding")

    def ready(self):
        # registers the workflow tables: applications, call-offs and proofs of use
        from .applications import services as application_services  # noqa: F401
        from .grants import services as grant_services  # noqa: F401
        from .proofs import services as proof_services  # noqa: F401
