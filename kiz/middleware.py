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
