from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    """German unless the user picked another language in the footer (cookie); the browser's header is ignored,
    because the people working here share terminology in German whatever their browser is set to."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.available:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RequestBodyLimitMiddleware:
    """Refuse a request whose declared body is larger than REQUEST_BODY_MAX_BYTES before any of it is read.

    Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but spools file uploads of any size to the temporary
    directory; so one user could fill the disk with large uploads. The reverse proxy caps the body as well
    (docker/Caddyfile); this check holds where the application runs without it. A body without a declared
    length is not read by Django at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.REQUEST_BODY_MAX_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit and length > limit:
            from django.http import HttpResponse
            from django.utils.translation import gettext as _

            megabytes = f"{limit / (1024 * 1024):.0f}"
            request.upload_handlers = []  # nothing of the body is read or stored
            return HttpResponse(
                _("The request is too large: at most %(size)s MB may be sent at once.") % {"size": megabytes},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class SecondFactorMiddleware:
    """After the password: a user with a second factor reaches only the code page until the code is entered;
    a user whose role requires one (policy.requires_second_factor) only the enrolment until it is set up.

    Pages without sign-in (login, accessibility, health, language, static files) and sign-out stay open.
    """

    OPEN = ("login", "logout", "set_language", "health", "accessibility")
    CODE_STEP = "second_factor"
    ENROLMENT = ("second_factor_enrol", "second_factor_codes")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.shortcuts import redirect
        from django.urls import Resolver404, resolve

        from . import policy

        user = request.user
        if not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            return self.get_response(request)
        if name in self.OPEN:
            return self.get_response(request)
        from django_otp import user_has_device

        if user_has_device(user):
            target = self.CODE_STEP
        elif policy.requires_second_factor(user):
            target = self.ENROLMENT[0]
        else:
            return self.get_response(request)
        if name == target or (target == self.ENROLMENT[0] and name in self.ENROLMENT):
            return self.get_response(request)
        from django.urls import reverse
        from django.utils.http import urlencode

        if request.method == "GET" and not request.headers.get("HX-Request"):
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return redirect(target)
