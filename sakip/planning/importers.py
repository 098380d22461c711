"""Excel import of indicators and their targets (template → preview with row errors → all-or-nothing).

One row = one indicator and its target for one year (TW I–IV optional). The result (kinerja) is
found by its code in the Renstra of the user's OPD that covers the year; the indicator by its
uraian under that result (created when missing, updated otherwise). Writes go through the services,
so permissions (a Kabid only his unit) and every validation apply per row."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.core.imports import Column, Importer
from sakip.organization.models import OPD

from . import services
from .models import BudgetItem, Indicator, Kinerja, Pagu

POLARITY = {
    "max": "max",
    "maks": "max",
    "maksimal": "max",
    "min": "min",
    "minimal": "min",
    "rentang": "stabil",
    "range": "stabil",
    "stabil": "stabil",
    "biner": "binary",
    "binary": "binary",
}
AGGREGATION = {
    "sum": "sum",
    "jumlah": "sum",
    "kumulatif": "sum",
    "last": "last",
    "terakhir": "last",
    "nilai terakhir": "last",
    "average": "average",
    "rata-rata": "average",
    "ratarata": "average",
    "max": "max",
    "tertinggi": "max",
    "min": "min",
    "terendah": "min",
}
YES = {"ya", "y", "yes", "true", "1", "iku"}
NO = {"tidak", "t", "no", "false", "0", "bukan"}
BY_SATUAN = {"menurut satuan", "satuan", "otomatis", "-"}


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _yes_no(value, label, *, by_satuan=False) -> bool:
    raw = _text(value).lower()
    if raw in YES:
        return True
    if raw in NO:
        return False
    if by_satuan:
        raise ValidationError(
            _('%(f)s "%(v)s" tidak dikenal (ya / tidak / menurut satuan).') % {"f": label, "v": _text(value)}
        )
    raise ValidationError(_('%(f)s "%(v)s" tidak dikenal (ya/tidak).') % {"f": label, "v": _text(value)})


class IndicatorImporter(Importer):
    title = gettext_lazy("Impor indikator dan target")
    filename = "templat-indikator-target"
    columns = [
        Column("opd", "OPD", help="Akronim OPD; kosongkan untuk OPD Anda sendiri.", example="Dinsospermasdes"),
        Column(
            "kode_kinerja",
            "Kode kinerja",
            required=True,
            help="Kode sasaran/program/kegiatan pada pohon kinerja Renstra.",
            example="K1.1",
        ),
        Column("kode", "Kode indikator", example="IK 1.1"),
        Column(
            "indikator",
            "Indikator",
            required=True,
            help="Uraian indikator; indikator yang sudah ada dengan uraian sama diperbarui.",
            example="Jumlah anak terlantar yang memperoleh rehabilitasi sosial dasar",
        ),
        Column("satuan", "Satuan", example="orang"),
        Column("polaritas", "Polaritas", help="maksimal / minimal / rentang / biner", example="maksimal"),
        Column(
            "agregasi", "Agregasi", help="jumlah / nilai terakhir / rata-rata / tertinggi / terendah", example="jumlah"
        ),
        Column("kumulatif", "Target TW kumulatif", help="ya/tidak", example="tidak"),
        Column(
            "negatif",
            "Dapat bernilai negatif",
            help="ya/tidak: target dan realisasi boleh negatif (mis. laju pertumbuhan).",
            example="tidak",
        ),
        Column(
            "bulat",
            "Bilangan bulat",
            help="ya / tidak (boleh desimal) / menurut satuan (orang, dokumen … bulat; persen, indeks … desimal).",
            example="menurut satuan",
        ),
        Column("baseline", "Baseline", help="Angka, koma sebagai pemisah desimal boleh.", example="410"),
        Column(
            "definisi",
            "Definisi operasional",
            example="Anak terlantar yang menerima layanan rehabilitasi sosial dasar di luar panti.",
        ),
        Column("formula", "Formula", example="Jumlah penerima layanan dalam tahun berjalan"),
        Column("sumber_data", "Sumber data", example="SIKS-NG"),
        Column("iku", "IKU", help="ya/tidak (hanya tingkat sasaran strategis)", example="tidak"),
        Column("tahun", "Tahun", required=True, help="Tahun dalam periode Renstra.", example="2026"),
        Column("target", "Target", help="Angka (batas bawah untuk rentang).", example="460"),
        Column("batas_atas", "Batas atas", help="Hanya untuk polaritas rentang."),
        Column("target_kualitatif", "Target kualitatif", help="Predikat dari skala indikator."),
        Column("tw1", "TW I", example="115"),
        Column("tw2", "TW II", example="115"),
        Column("tw3", "TW III", example="115"),
        Column("tw4", "TW IV", example="115"),
        Column(
            "tw1_max",
            "Batas atas TW I",
            help="Target rentang saja: batas atas triwulan, untuk tiap triwulan yang bertarget atau tidak sama sekali.",
        ),
        Column("tw2_max", "Batas atas TW II"),
        Column("tw3_max", "Batas atas TW III"),
        Column("tw4_max", "Batas atas TW IV"),
    ]

    def import_row(self, data, ctx):
        try:
            return self._import_row(data)
        except PermissionDenied:
            raise ValidationError(
                _("Anda tidak berwenang mengubah indikator pada kinerja ini (di luar unit Anda).")
            ) from None

    def _import_row(self, data):
        user = self.user
        akronim = _text(data.get("opd"))
        if akronim:
            opd = OPD.objects.filter(akronim__iexact=akronim).first()
            if opd is None:
                raise ValidationError(_('OPD "%(a)s" tidak dikenal.') % {"a": akronim})
        else:
            opd = user.opd
            if opd is None:
                raise ValidationError(_("Kolom OPD wajib diisi untuk pengguna tanpa OPD."))
        try:
            year = int(_text(data.get("tahun")))
        except ValueError:
            raise ValidationError(_('Tahun "%(y)s" bukan tahun yang sah.') % {"y": data.get("tahun")}) from None
        renstra = services.renstra_for(opd, year)
        if renstra is None:
            raise ValidationError(_("Tahun %(y)s di luar periode Renstra %(o)s.") % {"y": year, "o": opd})
        code = _text(data.get("kode_kinerja"))
        nodes = list(Kinerja.objects.filter(renstra=renstra, code=code).filter(services.models_q_year(year)))
        if not nodes:
            raise ValidationError(
                _('Kinerja berkode "%(c)s" tidak ada pada Renstra %(r)s.') % {"c": code, "r": renstra}
            )
        if len(nodes) > 1:
            raise ValidationError(_('Kode kinerja "%(c)s" tidak unik pada Renstra ini.') % {"c": code})
        node = nodes[0]
        values = {}
        for key, field in (
            ("kode", "code"),
            ("satuan", "satuan"),
            ("definisi", "definition"),
            ("formula", "formula"),
            ("sumber_data", "data_source"),
        ):
            if _text(data.get(key)):
                values[field] = _text(data.get(key))
        if _text(data.get("polaritas")):
            pol = POLARITY.get(_text(data["polaritas"]).lower())
            if pol is None:
                raise ValidationError(
                    _('Polaritas "%(v)s" tidak dikenal (maksimal/minimal/rentang/biner).') % {"v": data["polaritas"]}
                )
            values["polarity"] = pol
        if _text(data.get("agregasi")):
            agg = AGGREGATION.get(_text(data["agregasi"]).lower())
            if agg is None:
                raise ValidationError(_('Agregasi "%(v)s" tidak dikenal.') % {"v": data["agregasi"]})
            values["aggregation"] = agg
        if _text(data.get("kumulatif")):
            values["cumulative_targets"] = _text(data["kumulatif"]).lower() in YES
        if _text(data.get("negatif")):
            values["allow_negative"] = _yes_no(data["negatif"], _("Dapat bernilai negatif"))
        if _text(data.get("bulat")):
            raw = _text(data["bulat"]).lower()
            values["whole_number"] = None if raw in BY_SATUAN else _yes_no(raw, _("Bilangan bulat"), by_satuan=True)
        if _text(data.get("baseline")):
            values["baseline"] = data["baseline"]  # parsed by the service (digits, allow_negative)
        if _text(data.get("iku")):
            values["is_iku"] = _text(data["iku"]).lower() in YES
        name = _text(data.get("indikator"))
        indicator = Indicator.objects.filter(node=node, name=name).first()
        if indicator is None:
            indicator = services.create_indicator(user=user, node=node, name=name, **values)
            action = _("indikator baru")
        else:
            if values:
                indicator = services.update_indicator(user=user, indicator=indicator, **values)
            action = _("indikator diperbarui")
        quarters = [data.get(f"tw{i}") for i in range(1, 5)]
        has_q = any(_text(q) for q in quarters)
        # docs/capaian.md §3: per-quarter upper bounds of a range target; blank columns keep what is stored
        quarters_max = [data.get(f"tw{i}_max") for i in range(1, 5)]
        has_q_max = any(_text(q) for q in quarters_max)
        services.set_target(
            user=user,
            indicator=indicator,
            year=year,
            value=data.get("target"),
            value_max=data.get("batas_atas"),
            value_text=_text(data.get("target_kualitatif")),
            quarters=quarters if has_q else None,
            quarters_max=quarters_max if has_q_max else None,
        )
        return f"{action}, target {year}"


class AnggaranKasImporter(Importer):
    """One row = one programme of the Renstra and one year: its pagu and anggaran kas per quarter
    (rencana penarikan dana, not cumulative). Writes through services.set_anggaran_kas, so the
    unit permission and every check (four quarters or none, summing to the pagu) apply per row."""

    title = gettext_lazy("Impor anggaran kas program")
    filename = "templat-anggaran-kas"
    columns = [
        Column("kode", "Kode program", required=True, help="Kode program Permendagri 90/2019.", example="1.06.02"),
        Column("tahun", "Tahun", required=True, help="Tahun dalam periode Renstra.", example="2026"),
        Column("pagu", "Pagu (Rp)", help="Kosongkan untuk memakai pagu yang sudah tercatat.", example="400000000"),
        Column("tw1", "Anggaran kas TW I (Rp)", help="Rencana penarikan dana triwulan I.", example="60000000"),
        Column("tw2", "Anggaran kas TW II (Rp)", example="100000000"),
        Column("tw3", "Anggaran kas TW III (Rp)", example="120000000"),
        Column("tw4", "Anggaran kas TW IV (Rp)", example="120000000"),
    ]

    def __init__(self, user, renstra):
        super().__init__(user)
        self.renstra = renstra

    def import_row(self, data, ctx):
        code = _text(data.get("kode"))
        item = (
            BudgetItem.objects.filter(renstra=self.renstra, nomenclature__code=code)
            .select_related("renstra", "unit")
            .first()
        )
        if item is None:
            raise ValidationError(
                _('Program berkode "%(c)s" tidak ada pada Renstra %(r)s.') % {"c": code, "r": self.renstra}
            )
        try:
            year = int(_text(data.get("tahun")))
        except ValueError:
            raise ValidationError(_('Tahun "%(y)s" bukan tahun yang sah.') % {"y": data.get("tahun")}) from None
        amount = data.get("pagu")
        if amount in (None, ""):
            current = Pagu.objects.filter(item=item, year=year).first()
            if current is None:
                raise ValidationError(
                    _("Pagu %(c)s tahun %(y)s belum tercatat; isi kolom Pagu.") % {"c": code, "y": year}
                )
            amount = current.amount
        try:
            services.set_anggaran_kas(
                user=self.user,
                item=item,
                year=year,
                amount=amount,
                quarters=[data.get(f"tw{i}") for i in range(1, 5)],
            )
        except PermissionDenied:
            raise ValidationError(
                _("Anda tidak berwenang mengubah anggaran program ini (di luar unit Anda).")
            ) from None
        return _("anggaran kas %(c)s %(y)s") % {"c": code, "y": year}
