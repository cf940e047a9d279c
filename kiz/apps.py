from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class KizConfig(AppConfig):
    default = True
    name = "kiz"
    verbose_name = _("Municipalities and integration centres")

    def ready(self):
        from . import freshness

        freshness.connect()


class KizAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "kiz.admin_site.SuperuserAdminSite"
