from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class SuperuserAdminSite(admin.AdminSite):
    """The Django admin is for superusers only; everybody else works in the application's own pages."""

    site_header = _("KIZ administration")
    site_title = _("KIZ administration")

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser
