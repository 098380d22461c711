"""Rate limits on expensive or public endpoints (issue 12 item 4): uploads, imports, the public verification
page. Counted in Django's cache (per process with the default local-memory cache; shared across servers
when CACHES points at Redis), per signed-in user, or per client address for anonymous visitors
(sakip.core.clientip: REMOTE_ADDR or the configured trusted proxy header).

Settings: SAKIP_RATE_LIMITS = {"upload": "30/600", "verify": "60/60"} (requests / seconds) and
SAKIP_RATELIMIT_ENABLED (on; off under pytest unless a test turns it on). Scopes "password_reset" (per
client address, 429) and "password_reset_email" (per e-mail address, silently not sent) guard the reset page."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

from .clientip import client_ip

DEFAULTS = {"upload": "30/600", "verify": "60/60", "password_reset": "10/3600", "password_reset_email": "3/3600"}


def _rule(scope: str) -> tuple[int, int]:
    text = getattr(settings, "SAKIP_RATE_LIMITS", {}).get(scope, DEFAULTS[scope])
    count, seconds = text.split("/")
    return int(count), int(seconds)


def client_key(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    return "a" + client_ip(request)  # through the trusted proxy header (sakip.core.clientip)


def hit(scope: str, key: str) -> bool:
    """Count one request; False when the scope's limit for this key is exceeded in the current window."""
    if not getattr(settings, "SAKIP_RATELIMIT_ENABLED", True):
        return True
    count, seconds = _rule(scope)
    name = f"sakip-rl:{scope}:{key}"
    if cache.add(name, 1, timeout=seconds):
        return True
    try:
        value = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.add(name, 1, timeout=seconds)
        return True
    return value <= count


def refused(request, scope: str):
    _count, seconds = _rule(scope)
    minutes = max(1, seconds // 60)
    response = render(
        request,
        "core/error.html",
        {
            "code": 429,
            "title": _("Terlalu banyak permintaan"),
            "message": _("Batas permintaan terlampaui. Coba lagi dalam %(m)s menit.") % {"m": minutes},
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


def rate_limited(scope: str, methods=("POST",)):
    """Decorator: count the view's requests of `methods` under `scope`; over the limit → 429 in Indonesian."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods and not hit(scope, client_key(request)):
                return refused(request, scope)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def upload_limited(view):
    """Decorator for views that take a file among other actions: only requests carrying a file count under
    the "upload" scope (the other actions of the same view stay unlimited)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and request.FILES and not hit("upload", client_key(request)):
            return refused(request, "upload")
        return view(request, *args, **kwargs)

    return wrapper
