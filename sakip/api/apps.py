from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "sakip.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from . import webhooks  # noqa: PLC0415 — needs every app's models, loaded only now

        webhooks.connect()
