from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "sakip.planning"
    verbose_name = "Perencanaan Kinerja"

    def ready(self):
        from . import bands, pemda_services

        bands.connect()
        pemda_services.register_permissions()
