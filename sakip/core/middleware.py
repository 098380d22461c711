import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import resolve_url
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


IDLE_EXPIRED_KEY = "sakip_idle_expired"
LAST_SEEN_KEY = "sakip_last_seen"


class IdleTimeoutMiddleware:
    """Sign out a session that made no request for SAKIP_IDLE_TIMEOUT_MINUTES (default 30; 0 = off).

    The time of the last request is kept in the session (written at most once a minute, so a busy page does
    not write the session on every request). When it is too old the user is signed out and the request goes
    on as anonymous: a page answers with the login page (login_required), which says the session expired;
    an htmx request gets HX-Redirect to the login page instead of a login form inside a fragment. API calls
    with a token have no session and are not affected."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        minutes = getattr(settings, "SAKIP_IDLE_TIMEOUT_MINUTES", 30)
        user = getattr(request, "user", None)
        if minutes and user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            last = request.session.get(LAST_SEEN_KEY)
            if last is not None and now - int(last) > minutes * 60:
                logout(request)
                request.session[IDLE_EXPIRED_KEY] = minutes
                if getattr(request, "htmx", False) or request.headers.get("HX-Request") == "true":
                    login = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = login
                    return response
            elif last is None or now - int(last) >= 60:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def start_idle_clock(sender, request, user, **kwargs):
    """user_logged_in receiver: a fresh sign-in starts the idle clock (never a stale value of an old session)."""
    if hasattr(request, "session"):
        request.session[LAST_SEEN_KEY] = int(time.time())
