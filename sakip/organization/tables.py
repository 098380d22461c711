import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from sakip.core.nip import format_nip

from .models import Assignment, Employee, PersonalDataExport, Position, TimSakip, Unit


class EditColumnMixin(tables.Table):
    actions = tables.TemplateColumn(
        template_name="organization/includes/row_actions.html",
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )


class UnitTable(EditColumnMixin):
    name = tables.Column(linkify=False, verbose_name=_("Nama unit"))
    parent = tables.Column(verbose_name=_("Unit induk"))

    class Meta:
        model = Unit
        fields = ["name", "kind", "parent", "opd"]
        order_by = ["opd", "order"]


class PositionTable(EditColumnMixin):
    class Meta:
        model = Position
        fields = ["name", "kind", "eselon", "unit", "superior", "opd"]


class EmployeeTable(EditColumnMixin):
    full_name = tables.Column(verbose_name=_("Nama"), order_by=("name",), accessor="full_name")
    nip = tables.Column(verbose_name=_("NIP"), attrs={"td": {"class": "text-nowrap"}})
    golongan = tables.Column(verbose_name=_("Pangkat/golongan"))

    class Meta:
        model = Employee
        fields = ["full_name", "nip", "kind", "golongan", "opd", "active"]
        sequence = ["full_name", "nip", "kind", "golongan", "opd", "active"]

    def render_nip(self, value):
        return format_nip(value)

    def value_nip(self, value):
        return format_nip(value)

    def render_active(self, value):
        return format_html(
            '<span class="badge {}">{}</span>',
            "text-bg-success" if value else "text-bg-secondary",
            _("Aktif") if value else _("Nonaktif"),
        )

    def value_active(self, value):
        return "Ya" if value else "Tidak"


class AssignmentTable(EditColumnMixin):
    class Meta:
        model = Assignment
        fields = ["employee", "position", "kind", "start_date", "end_date", "decree"]


class TimSakipTable(EditColumnMixin):
    members = tables.Column(empty_values=(), verbose_name=_("Anggota"), orderable=False)

    class Meta:
        model = TimSakip
        fields = ["opd", "year", "decree_number", "decree_date"]

    def render_members(self, record):
        return len(record.members.all())

    def value_members(self, record):
        return "; ".join(f"{m.get_role_display()}: {m.employee.full_name}" for m in record.members.all())


class PersonalDataExportTable(tables.Table):
    created_at = tables.DateTimeColumn(verbose_name=_("Waktu"), format="d/m/Y H:i")

    class Meta:
        model = PersonalDataExport
        fields = ["created_at", "username", "opd", "channel", "what", "row_count", "query", "ip_address"]
        sequence = ["created_at", "username", "opd", "channel", "what", "row_count", "query", "ip_address"]
