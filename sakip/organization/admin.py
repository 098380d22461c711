from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from sakip.twofactor import services

from .models import (
    OPD,
    Assignment,
    Employee,
    Golongan,
    Pemda,
    PersonalDataExport,
    Position,
    TimSakip,
    TimSakipMember,
    Unit,
    User,
)


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history list has no inline style (Content-Security-Policy)."""

    object_history_list_template = "organization/admin/object_history_list.html"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "opd", "unit", "role_list", "two_factor", "is_active", "last_login"]
    list_filter = ["groups", "opd", "is_active"]
    list_select_related = ["employee", "opd", "unit"]
    search_fields = ["username", "first_name", "last_name", "employee__name", "employee__nip"]
    autocomplete_fields = ["employee"]
    fieldsets = BaseUserAdmin.fieldsets + ((_("Lingkup sakip"), {"fields": ("employee", "pemda", "opd", "unit")}),)

    actions = ["reset_two_factor"]

    @admin.display(description=_("Peran"))
    def role_list(self, obj):
        return ", ".join(sorted(g.name for g in obj.groups.all()))

    @admin.display(description=_("2FA"), boolean=True)
    def two_factor(self, obj):
        return obj.has_2fa

    def get_queryset(self, request):
        confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).prefetch_related("groups").annotate(has_2fa=Exists(confirmed))

    @admin.action(description=_("Atur ulang verifikasi dua langkah"))
    def reset_two_factor(self, request, queryset):
        """Lost phone: the users' authenticators and recovery codes are removed (audited, sakip.twofactor)."""
        done = 0
        for user in queryset:
            try:
                services.reset(user, actor=request.user, request=request, note=_("dari halaman admin"))
            except PermissionDenied:
                self.message_user(request, _("Hanya administrator yang dapat mengatur ulang."), messages.ERROR)
                return
            done += 1
        self.message_user(request, _("Verifikasi dua langkah %(n)d pengguna diatur ulang.") % {"n": done})


@admin.register(Employee)
class EmployeeAdmin(HistoryAdmin):
    list_display = ["full_name", "nip", "kind", "golongan", "opd", "active"]
    list_filter = ["kind", "opd", "active"]
    search_fields = ["name", "nip"]
    list_select_related = ["golongan", "opd"]


class TimSakipMemberInline(admin.TabularInline):
    model = TimSakipMember
    autocomplete_fields = ["employee"]
    extra = 0


@admin.register(TimSakip)
class TimSakipAdmin(HistoryAdmin):
    list_display = ["opd", "year", "decree_number", "decree_date"]
    inlines = [TimSakipMemberInline]


@admin.register(Position)
class PositionAdmin(HistoryAdmin):
    list_display = ["name", "kind", "opd", "unit", "superior"]
    list_filter = ["kind", "opd"]
    search_fields = ["name"]
    list_select_related = ["opd", "unit", "superior"]


for model in (Pemda, OPD, Unit, Assignment):
    admin.site.register(model, HistoryAdmin)
admin.site.register(Golongan)
admin.site.site_header = "sakip — administrasi"
admin.site.site_title = "sakip"


@admin.register(PersonalDataExport)
class PersonalDataExportAdmin(admin.ModelAdmin):
    """Read only: the log is written by the exports themselves (sakip.organization.privacy)."""

    list_display = ["created_at", "username", "opd", "channel", "what", "row_count", "ip_address"]
    list_filter = ["channel", "opd"]
    search_fields = ["username", "what", "query"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
