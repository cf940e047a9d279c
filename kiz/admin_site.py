from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _


class SuperuserAdminSite(admin.AdminSite):
    """The Django admin is for superusers only; everybody else works in the application's own pages."""

    site_header = _("KIZ administration")
    site_title = _("KIZ administration")

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_superuser and getattr(user, "is_verified", lambda: False)()

    @method_decorator(login_not_required)
    def login(self, request, extra_context=None):
        """The admin has no sign-in of its own: the application's, with its second factor."""
        from django.contrib.auth.views import redirect_to_login
        from django.urls import reverse

        return redirect_to_login(request.GET.get("next") or reverse("admin:index"), login_url=reverse("login"))
