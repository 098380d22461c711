import django_tables2 as tables
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from sakip.core import permissions as P
from sakip.core.formats import tanggal

from .models import ArchivedDocument, Klasifikasi, Letter, NumberRecord


class DateColumn(tables.Column):
    def render(self, value):
        return tanggal(value) if value else "—"

    def value(self, value):
        return value


class ArchiveTable(tables.Table):
    date = DateColumn(verbose_name=_("Tanggal"))
    number = tables.Column(verbose_name=_("Nomor"), empty_values=())
    doc_type = tables.Column(verbose_name=_("Jenis"), order_by=("doc_type__name",))
    subject = tables.Column(verbose_name=_("Perihal"), linkify=lambda record: record.get_absolute_url())
    signer_name = tables.Column(verbose_name=_("Penanda tangan"))
    opd = tables.Column(verbose_name=_("OPD"), order_by=("opd__akronim",))
    version = tables.Column(verbose_name=_("Versi"))
    signed = tables.Column(verbose_name=_("TTE"))
    verification_code = tables.Column(verbose_name=_("Kode"))
    download = tables.Column(verbose_name="", empty_values=(), orderable=False, exclude_from_export=True)

    class Meta:
        model = ArchivedDocument
        fields = [
            "date",
            "number",
            "doc_type",
            "subject",
            "signer_name",
            "opd",
            "version",
            "signed",
            "verification_code",
        ]
        attrs = {"data-testid": "archive-table"}

    def render_number(self, value, record):
        return value or "—"

    def render_signed(self, value):
        return format_html(
            '<span class="badge {}">{}</span>',
            "text-bg-success" if value else "text-bg-secondary",
            _("Ya") if value else _("Tidak"),
        )

    def value_signed(self, value):
        return "Ya" if value else "Tidak"

    def render_version(self, value, record):
        if getattr(record, "superseded", False):
            return format_html('{} <span class="badge text-bg-warning">{}</span>', value, _("diganti"))
        return value

    def value_version(self, value):
        return value

    def render_verification_code(self, value, record):
        return record.code_display

    def render_download(self, record):
        return format_html(
            '<a class="btn btn-sm btn-link px-1" href="{}" title="{}"><i class="bi bi-download"></i></a>',
            record.download_url,
            _("Unduh"),
        )


class AgendaTable(tables.Table):
    urut = tables.Column(verbose_name=_("No. urut"))
    number = tables.Column(verbose_name=_("Nomor"))
    date = DateColumn(verbose_name=_("Tanggal"))
    doc_type = tables.Column(verbose_name=_("Jenis"), order_by=("doc_type__name",))
    subject = tables.Column(verbose_name=_("Perihal"))
    recipient = tables.Column(verbose_name=_("Tujuan"))
    status = tables.Column(verbose_name=_("Status"))
    cancel_reason = tables.Column(verbose_name=_("Alasan pembatalan"))
    opd = tables.Column(verbose_name=_("OPD"), order_by=("opd__akronim",))
    actions = tables.TemplateColumn(
        template_name="documents/includes/agenda_actions.html",
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    def render_actions(self, record):
        # "Batalkan" only for whoever may cancel it (the same check as views.number_cancel).
        user = getattr(self.request, "user", None)
        can_cancel = (
            user is not None
            and record.status != NumberRecord.Status.CANCELLED
            and P.can_write_scope(user, record.opd_id, record.unit)
        )
        return render_to_string(
            "documents/includes/agenda_actions.html", {"record": record, "can_cancel": can_cancel}, self.request
        )

    class Meta:
        model = NumberRecord
        fields = [
            "urut",
            "number",
            "date",
            "doc_type",
            "subject",
            "recipient",
            "status",
            "cancel_reason",
            "opd",
            "year",
        ]
        sequence = [
            "year",
            "urut",
            "number",
            "date",
            "doc_type",
            "subject",
            "recipient",
            "status",
            "cancel_reason",
            "opd",
            "actions",
        ]
        attrs = {"data-testid": "agenda-table"}
        order_by = ["-year", "-urut"]

    def render_status(self, value, record):
        css = {"issued": "text-bg-success", "external": "text-bg-info", "cancelled": "text-bg-danger"}[record.status]
        return format_html('<span class="badge {}">{}</span>', css, value)

    def value_status(self, value, record):
        return record.get_status_display()


class LetterTable(tables.Table):
    date = DateColumn(verbose_name=_("Tanggal"))
    doc_type = tables.Column(verbose_name=_("Jenis"), order_by=("doc_type__name",))
    subject = tables.Column(verbose_name=_("Perihal"), linkify=lambda record: record.get_absolute_url())
    number = tables.Column(verbose_name=_("Nomor"), accessor="number_record__number", default="—")
    state = tables.Column(verbose_name=_("Status"))
    signer_position = tables.Column(verbose_name=_("Penanda tangan"))
    opd = tables.Column(verbose_name=_("OPD"), order_by=("opd__akronim",))

    class Meta:
        model = Letter
        fields = ["date", "doc_type", "subject", "number", "state", "signer_position", "opd"]
        attrs = {"data-testid": "letter-table"}

    def render_state(self, value, record):
        css = {
            "draft": "text-bg-secondary",
            "numbered": "text-bg-info",
            "signed": "text-bg-success",
            "cancelled": "text-bg-danger",
        }[record.state]
        return format_html('<span class="badge {}">{}</span>', css, value)

    def value_state(self, value, record):
        return record.get_state_display()


class RetentionTable(ArchiveTable):
    retention_active_until = DateColumn(verbose_name=_("Aktif sampai"))
    retention_until = DateColumn(verbose_name=_("Retensi berakhir"))
    retention_disposition = tables.Column(verbose_name=_("Keterangan akhir"))

    class Meta(ArchiveTable.Meta):
        fields = [
            "date",
            "number",
            "doc_type",
            "subject",
            "opd",
            "retention_active_until",
            "retention_until",
            "retention_disposition",
        ]
        exclude = ["signer_name", "version", "signed", "verification_code"]
        attrs = {"data-testid": "retention-table"}


class KlasifikasiTable(tables.Table):
    class Meta:
        model = Klasifikasi
        fields = ["code", "name", "parent_code", "scheme", "active"]
        attrs = {"data-testid": "klasifikasi-table"}

    def render_active(self, value):
        return _("Ya") if value else _("Tidak")


def agenda_url(record):
    return reverse("documents:number_cancel", args=[record.pk])
