from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    """Indonesian unless the user chose another language (cookie set by the id/en switch).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: government
    laptops are often set to English, yet the application must speak Indonesian by default.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.available:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
