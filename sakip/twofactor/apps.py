from django.apps import AppConfig


class TwoFactorConfig(AppConfig):
    name = "sakip.twofactor"
    label = "twofactor"
    verbose_name = "Verifikasi dua langkah"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import checks, policy  # noqa: F401 (checks registers sakip.W002)

        user_logged_in.connect(policy.on_login, dispatch_uid="sakip-2fa-on-login")
