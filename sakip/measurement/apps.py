from django.apps import AppConfig


class MeasurementConfig(AppConfig):
    name = "sakip.measurement"
    verbose_name = "Pengukuran Kinerja"

    def ready(self):
        from sakip.planning.services import register_realisasi_check, register_realisasi_values

        from .selectors import indicator_has_realisasi, indicator_realisasi_values

        register_realisasi_check(indicator_has_realisasi)
        register_realisasi_values(indicator_realisasi_values)
