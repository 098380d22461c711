from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "sakip.organization"

    def ready(self):
        # Connected here (models are loaded): exporting an employee's history writes the personal-data log.
        from sakip.core.audit import history_exported

        from . import privacy
        from .models import Employee

        history_exported.connect(privacy.log_history_export, sender=Employee, dispatch_uid="organization.history")
