"""System checks of sakip (run by every manage.py command, `check --deploy` and at start-up).

sakip.W001: SITE_URL is not set while DEBUG is off. Every verification QR code and every e-mail link is
built from SITE_URL (docs/deployment.md); without it they point at http://127.0.0.1:8000, which nobody
outside the server reaches."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=False)
def site_url_configured(app_configs=None, **kwargs):
    if settings.DEBUG or getattr(settings, "SITE_URL_CONFIGURED", True):
        return []
    return [
        checks.Warning(
            "SITE_URL is not set: verification QR codes and e-mail links point at %s." % settings.SITE_URL,
            hint="Set SITE_URL to the address users reach (e.g. https://sakip.banyumaskab.go.id); see "
            "docs/deployment.md.",
            id="sakip.W001",
        )
    ]
