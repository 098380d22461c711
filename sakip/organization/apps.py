from django.apps import AppConfig
from django.utils import timezone


def update_last_login_without_history(sender, user, **kwargs):
    """Django's update_last_login, without a history entry: a sign-in changes no scope or role (User.history)."""
    # A queryset update writes no history (no save signals) and, unlike an attribute set and deleted on the
    # instance, is safe when several requests sign in the same user object at once.
    now = timezone.now()
    type(user)._default_manager.filter(pk=user.pk).update(last_login=now)
    user.last_login = now


class OrganizationConfig(AppConfig):
    name = "sakip.organization"

    def ready(self):
        # Connected here (models are loaded): exporting an employee's history writes the personal-data log.
        from django.contrib.auth import user_logged_in
        from django.contrib.auth.models import update_last_login

        from sakip.core.audit import history_exported

        from . import privacy
        from .models import Employee

        history_exported.connect(privacy.log_history_export, sender=Employee, dispatch_uid="organization.history")
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(update_last_login_without_history, dispatch_uid="organization.update_last_login")
