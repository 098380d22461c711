from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "sakip.reporting"
    verbose_name = "Pelaporan Kinerja"

    def ready(self):
        # The Dokumen Pengukuran Kinerja steps register into measurement's step-action registry.
        from . import (
            pemda,  # noqa: F401  (registers the sakip.view_pemda_dashboard permission)
            step_actions,  # noqa: F401
        )
