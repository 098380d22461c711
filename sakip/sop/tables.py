from datetime import date

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from sakip.core.formats import tanggal

from .models import Sop


def _current(record, on=None):
    """The version in force on the date (today by default), else the latest (prefetched versions: no query per row)."""
    cache = getattr(record, "_current_version", None)
    if cache is None:
        versions = list(record.versions.all())
        on = on or date.today()
        cache = next((v for v in versions if v.in_force_on(on)), None) or (
            max(versions, key=lambda v: v.version) if versions else False
        )
        record._current_version = cache
    return cache or None


class SopTable(tables.Table):
    number = tables.Column(verbose_name=_("Nomor"), attrs={"td": {"class": "text-nowrap"}})
    judul = tables.Column(verbose_name=_("Judul SOP"))
    unit = tables.Column(verbose_name=_("Pemilik"), empty_values=(), order_by=("unit__name",))
    version = tables.Column(verbose_name=_("Versi"), empty_values=(), orderable=False)
    status = tables.Column(verbose_name=_("Status"), empty_values=(), orderable=False)
    efektif = tables.Column(verbose_name=_("Berlaku"), empty_values=(), orderable=False)
    draft = tables.Column(verbose_name=_("Draf/pengajuan"), empty_values=(), orderable=False)

    class Meta:
        model = Sop
        fields = ["number", "judul", "opd", "unit", "version", "status", "efektif", "draft"]
        order_by = ["opd", "number"]
        attrs = {"class": "table table-hover table-sm align-middle", "data-testid": "sop-table"}

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.on_date = None
        if request is not None and request.GET.get("berlaku_pada"):
            try:
                self.on_date = date.fromisoformat(request.GET["berlaku_pada"])
            except ValueError:
                self.on_date = None

    def _v(self, record):
        return _current(record, self.on_date)

    def render_number(self, record, value):
        return format_html('<a href="{}">{}</a>', reverse("sop:sop_detail", args=[record.pk]), value)

    def render_judul(self, record, value):
        return format_html('<a href="{}">{}</a>', reverse("sop:sop_detail", args=[record.pk]), value)

    def render_unit(self, record):
        return record.unit.name if record.unit_id else _("OPD (Sekretariat/Tim SAKIP)")

    def value_unit(self, record):
        return record.unit.name if record.unit_id else "OPD"

    def render_version(self, record):
        v = self._v(record)
        return v.version if v else "—"

    def value_version(self, record):
        v = self._v(record)
        return v.version if v else ""

    def render_status(self, record):
        v = self._v(record)
        if not v:
            return "—"
        return format_html(
            '<span class="badge text-bg-{}">{}</span>', v.status_badge(self.on_date), v.display_status(self.on_date)
        )

    def value_status(self, record):
        v = self._v(record)
        return str(v.display_status(self.on_date)) if v else ""

    def render_efektif(self, record):
        v = self._v(record)
        if not v or not v.valid_from:
            return "—"
        text = _("sejak %(d)s") % {"d": tanggal(v.valid_from)}
        if v.valid_until:
            text = _("%(a)s s.d. %(b)s") % {"a": tanggal(v.valid_from), "b": tanggal(v.valid_until)}
        return text

    def value_efektif(self, record):
        return self.render_efektif(record)

    def render_draft(self, record):
        open_version = next((v for v in record.versions.all() if v.status in ("draft", "diajukan")), None)
        if not open_version:
            return ""
        return format_html(
            '<a href="{}" class="badge text-bg-{}">{} {}</a>',
            reverse("sop:version", args=[open_version.pk]),
            "warning" if open_version.status == "diajukan" else "secondary",
            _("Versi"),
            f"{open_version.version}: {open_version.get_status_display()}",
        )

    def value_draft(self, record):
        open_version = next((v for v in record.versions.all() if v.status in ("draft", "diajukan")), None)
        return f"{open_version.version} {open_version.get_status_display()}" if open_version else ""
