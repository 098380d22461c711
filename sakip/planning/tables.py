from datetime import date

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import selectors
from .checks import smart as smart_rules
from .models import Indicator, PerjanjianKinerja, Renstra


def _year_from(request):
    try:
        return int(request.GET.get("tahun") or date.today().year) if request else date.today().year
    except (TypeError, ValueError):
        return date.today().year


def smart_of(indicator):
    """SMART result of one indicator from prefetched targets (no query)."""
    cache = getattr(indicator, "_smart", None)
    if cache is None:
        cache = indicator._smart = smart_rules.check(
            selectors._facts(indicator.node.renstra, indicator, indicator.node)
        )
    return cache


def smart_badge(result):
    if result.ok:
        return format_html(
            '<span class="badge text-bg-success" title="{}" data-testid="smart-ok">SMART</span>',
            _("Memenuhi seluruh kriteria SMART"),
        )
    letters = format_html_join(
        "",
        '<span class="{}">{}</span>',
        (("text-decoration-line-through opacity-75" if ch in result.letters_failed else "", ch) for ch in "SMART"),
    )
    reasons = " • ".join(r.message for r in result.reasons)
    return format_html(
        '<span class="badge text-bg-warning" title="{}" data-testid="smart-bad">{}</span> <small '
        'class="text-muted">{}</small>',
        reasons,
        letters,
        _("%(n)s catatan") % {"n": len(result.reasons)},
    )


SHORT_POLARITY = {"max": _("maks."), "min": _("min."), "stabil": _("stabil"), "binary": _("biner")}
SHORT_AGGREGATION = {
    "sum": _("jumlah"),
    "last": _("terakhir"),
    "average": _("rata-rata"),
    "max": _("tertinggi"),
    "min": _("terendah"),
}


class RenstraTable(tables.Table):
    name = tables.Column(
        linkify=lambda record: reverse("planning:renstra_detail", args=[record.pk]), verbose_name=_("Renstra")
    )
    period = tables.Column(empty_values=(), verbose_name=_("Periode"), order_by=("start_year",))

    class Meta:
        model = Renstra
        fields = ["opd", "name", "period", "rpjmd", "status", "adopted_on", "decree"]

    def render_period(self, record):
        return f"{record.start_year}–{record.end_year}"

    def value_period(self, record):
        return f"{record.start_year}-{record.end_year}"


class IndicatorTable(tables.Table):
    level = tables.Column(accessor="node__level", verbose_name=_("Tingkat"))
    code = tables.Column(verbose_name=_("Kode"))
    name = tables.Column(
        linkify=lambda record: reverse("planning:indicator_detail", args=[record.pk]),
        verbose_name=_("Indikator"),
        attrs={"td": {"class": "sk-minw-18rem"}},
    )
    kind = tables.Column(empty_values=(), verbose_name=_("Jenis"), orderable=False)
    owner = tables.Column(accessor="node__position", verbose_name=_("Pemilik"), order_by=("node__position__order",))
    target = tables.Column(empty_values=(), verbose_name=_("Target"), orderable=False)
    smart = tables.Column(empty_values=(), verbose_name=_("SMART"), orderable=False)

    class Meta:
        model = Indicator
        fields = [
            "opd",
            "level",
            "code",
            "name",
            "kind",
            "satuan",
            "polarity",
            "aggregation",
            "owner",
            "target",
            "smart",
        ]
        sequence = [
            "opd",
            "level",
            "code",
            "name",
            "kind",
            "satuan",
            "target",
            "polarity",
            "aggregation",
            "owner",
            "smart",
        ]
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "indicator-table"}

    opd = tables.Column(verbose_name=_("OPD"), accessor="opd__akronim", order_by=("opd__name",))
    aggregation = tables.Column(verbose_name=_("Agregasi"))

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.year = _year_from(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and getattr(user, "opd_id", None)
            and not user.has_role("Inspektorat", "Pemda Viewer", "Administrator")
        ):
            self.columns.hide("opd")  # one OPD: the column is noise on screen (still exported)

    def render_level(self, record):
        return record.node.get_level_display()

    def value_level(self, record):
        return record.node.get_level_display()

    def render_polarity(self, record):
        return SHORT_POLARITY.get(record.polarity, record.polarity)

    def value_polarity(self, record):
        return record.get_polarity_display()

    def render_aggregation(self, record):
        return SHORT_AGGREGATION.get(record.aggregation, record.aggregation)

    def value_aggregation(self, record):
        return record.get_aggregation_display()

    def render_owner(self, record):
        return record.node.position.display_short

    def value_owner(self, record):
        unit = record.node.unit
        return f"{record.node.position} ({unit})" if unit else str(record.node.position)

    def render_kind(self, record):
        label = record.kind_label
        css = {"IKU": "text-bg-primary", "IKI": "text-bg-info"}.get(str(label), "text-bg-light border")
        return format_html('<span class="badge {}">{}</span>', css, label)

    def value_kind(self, record):
        return str(record.kind_label)

    def _target(self, record):
        return next((t for t in record.targets.all() if t.year == self.year), None)

    def render_target(self, record):
        t = self._target(record)
        return t.display if t and t.display else "—"

    def value_target(self, record):
        t = self._target(record)
        return t.display if t else ""

    def render_smart(self, record):
        return smart_badge(smart_of(record))

    def value_smart(self, record):
        result = smart_of(record)
        return "SMART" if result.ok else "; ".join(r.message for r in result.reasons)


class PkTable(tables.Table):
    title = tables.Column(
        empty_values=(),
        verbose_name=_("Perjanjian Kinerja"),
        order_by=("position__order",),
        linkify=lambda record: reverse("planning:pk_detail", args=[record.pk]),
    )
    first = tables.Column(empty_values=(), verbose_name=_("Pihak pertama"), orderable=False)
    second = tables.Column(empty_values=(), verbose_name=_("Pihak kedua"), orderable=False)
    opd = tables.Column(verbose_name=_("OPD"))  # the model field has no verbose name ("Opd")

    class Meta:
        model = PerjanjianKinerja
        fields = ["year", "title", "version", "first", "second", "status", "sign_date", "opd"]
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "pk-table"}

    def render_title(self, record):
        return str(record)

    def value_title(self, record):
        return str(record)

    def render_first(self, record):
        return f"{record.first_prefix}{record.first_employee.full_name}"

    def value_first(self, record):
        return self.render_first(record)

    def render_second(self, record):
        return f"{record.second_prefix}{record.second_employee.full_name}"

    def value_second(self, record):
        return self.render_second(record)

    def render_status(self, record):
        css = "text-bg-success" if record.status == PerjanjianKinerja.Status.DITANDATANGANI else "text-bg-secondary"
        return format_html('<span class="badge {}">{}</span>', css, record.get_status_display())

    def value_status(self, record):
        return record.get_status_display()
