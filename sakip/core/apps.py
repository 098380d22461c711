from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "sakip.core"
    verbose_name = "Inti"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models import fields
        from django.utils.translation import gettext_lazy

        from . import checks, dbguards, fsm_speed, middleware, startup  # noqa: F401 (registers sakip.W001, E002)

        user_logged_in.connect(middleware.start_idle_clock, dispatch_uid="sakip-idle-clock")

        # The empty choice of every dropdown: Django 6 says "- Select an option -", which its
        # Indonesian catalogue does not translate (docs/ui.md).
        fields.BLANK_CHOICE_LABEL = gettext_lazy("— Pilih —")

        # PostgreSQL triggers that refuse changes to history, archives and locked data (sakip.core.dbguards).
        post_migrate.connect(dbguards.on_post_migrate, sender=self, dispatch_uid="sakip-dbguards")
        # Fast `migrate`: no django-fsm signal receivers for migration models (sakip.core.fsm_speed).
        fsm_speed.install()
