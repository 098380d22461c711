"""Admin of two-factor sign-in. django-otp's own device pages are removed: they show a user's secret key and QR
code, which would let an administrator copy someone's authenticator. An administrator resets a user's 2FA instead
(the action "Atur ulang verifikasi dua langkah" on Pengguna, or `manage.py reset_2fa USER`), and reads the log."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import TwoFactorEvent

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(TwoFactorEvent)
class TwoFactorEventAdmin(admin.ModelAdmin):
    """Read only: the log is written by sakip.twofactor.services."""

    list_display = ["created_at", "username", "action", "actor_name", "note", "ip_address"]
    list_filter = ["action"]
    search_fields = ["username", "actor_name"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
