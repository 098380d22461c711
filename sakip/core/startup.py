"""Settings validated before a production server starts (issue "A whole Pemda", docs/deployment.md).

`missing_settings()` names every setting a production installation lacks; `sakip/wsgi.py` refuses to start
(gunicorn exits with the message) and check sakip.E002 fails `manage.py check`. Development (DEBUG on) needs none
of them. SECRET_KEY is refused earlier, by the settings module itself."""

import os

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def missing_settings() -> list[str]:
    if settings.DEBUG or not getattr(settings, "SAKIP_PRODUCTION", True):
        return []
    missing = []
    if not settings.ALLOWED_HOSTS:
        missing.append("ALLOWED_HOSTS (the host names the server answers to)")
    if not getattr(settings, "SITE_URL_CONFIGURED", True):
        missing.append("SITE_URL (the address users reach: verification QR codes and e-mail links)")
    if getattr(settings, "SAKIP_APP_SERVERS", 1) > 1:
        if not getattr(settings, "REDIS_URL", ""):
            missing.append("REDIS_URL (cache, sessions and rate limits shared by every app server)")
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            missing.append("DATABASE_URL=postgres://… (SQLite cannot serve several app servers)")
        for name, what in (
            ("MEDIA_ROOT", "uploads and the archive"),
            ("SAKIP_SIGNING_DIR", "signing keys and certificates"),
        ):
            if not os.environ.get(name):
                missing.append(f"{name} ({what} on storage every app server mounts)")
    return missing


def refuse_incomplete_settings():
    missing = missing_settings()
    if missing:
        raise ImproperlyConfigured(
            "sakip cannot start: set " + "; ".join(missing) + " (docs/deployment.md, section Environment)."
        )


@checks.register(checks.Tags.security)
def complete_settings(app_configs=None, **kwargs):
    missing = missing_settings()
    # SITE_URL alone stays the warning sakip.W001 for `manage.py` commands (a developer's DEBUG=0 check);
    # the server itself refuses it (wsgi.py).
    missing = [m for m in missing if not m.startswith("SITE_URL")]
    if not missing:
        return []
    return [
        checks.Error(
            "Production settings incomplete: " + "; ".join(missing) + ".",
            hint="See docs/deployment.md, section Environment.",
            id="sakip.E002",
        )
    ]
