"""Planning: RPJMD (Pemda) → Renstra per OPD → the cascade of results (pohon kinerja) per position
with indicators and targets; program/kegiatan/sub kegiatan (Permendagri 90/2019) with pagu;
crosscutting links; Perjanjian Kinerja and its rencana aksi.

The cascade is one tree of `Kinerja` nodes per Renstra (docs/rules.md §2):
level 0 tujuan Renstra and 1 sasaran strategis (Kepala, IKU), 2 sasaran program (Administrator),
3 sasaran kegiatan (Pengawas), 4 rencana hasil kerja (pelaksana/fungsional, IKI = the SKP's hasil kerja).
A node has one structural parent; several parents only through explicit `Crosscutting` rows.
Nodes of levels 0–3 hold for the whole Renstra period (year empty); level-4 nodes (and any node
with a year) hold for one year, so "start year N+1 from N" copies them.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from sakip.core.formats import angka
from sakip.core.models import DomainModel
from sakip.core.numbers import DecimalField
from sakip.organization.models import OPD, Employee, Pemda, Position, Unit

from .satuan import satuan_is_whole


# --- Reference: Permendagri 90/2019 nomenclature ---------------------------------------------
class Nomenclature(models.Model):
    """Kode dan nomenklatur urusan/program/kegiatan/sub kegiatan (Kepmendagri 050-5889/2021 update of Permendagri
    90/2019).
    """

    class Level(models.TextChoices):
        URUSAN = "urusan", _("Urusan")
        BIDANG_URUSAN = "bidang_urusan", _("Bidang urusan")
        PROGRAM = "program", _("Program")
        KEGIATAN = "kegiatan", _("Kegiatan")
        SUB_KEGIATAN = "sub_kegiatan", _("Sub kegiatan")

    code = models.CharField(_("Kode"), max_length=30, unique=True)
    level = models.CharField(_("Tingkat"), max_length=16, choices=Level.choices)
    name = models.CharField(_("Nomenklatur"), max_length=400)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("Induk")
    )

    class Meta:
        verbose_name = _("Nomenklatur program/kegiatan")
        verbose_name_plural = _("Nomenklatur program/kegiatan")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


# --- Pemda level: RPJMD ------------------------------------------------------------------------
class Rpjmd(DomainModel):
    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="rpjmds", verbose_name=_("Pemda"))
    name = models.CharField(_("Nama"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("Tahun awal"))
    end_year = models.PositiveSmallIntegerField(_("Tahun akhir"))

    class Meta:
        verbose_name = _("RPJMD")
        verbose_name_plural = _("RPJMD")
        ordering = ["-start_year"]
        constraints = [models.UniqueConstraint(fields=["pemda", "start_year"], name="uniq_rpjmd")]

    def __str__(self):
        return f"{self.name} {self.start_year}–{self.end_year}"

    def get_absolute_url(self):
        return reverse("planning:pemda_rpjmd", args=[self.pk])

    def get_opd_id(self):
        return None

    def get_scope_unit(self):
        return None


class RpjmdGoal(DomainModel):
    class Kind(models.TextChoices):
        TUJUAN = "tujuan", _("Tujuan")
        SASARAN = "sasaran", _("Sasaran")

    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.CASCADE, related_name="goals", verbose_name=_("RPJMD"))
    kind = models.CharField(_("Jenis"), max_length=8, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("Tujuan")
    )
    code = models.CharField(_("Kode"), max_length=20)
    statement = models.CharField(_("Pernyataan"), max_length=400)

    class Meta:
        verbose_name = _("Tujuan/sasaran RPJMD")
        verbose_name_plural = _("Tujuan/sasaran RPJMD")
        ordering = ["rpjmd", "code"]
        constraints = [models.UniqueConstraint(fields=["rpjmd", "code"], name="uniq_rpjmd_goal")]

    def __str__(self):
        return f"{self.code} {self.statement}"

    def get_opd_id(self):
        return None

    def get_scope_unit(self):
        return None


class PemdaIku(DomainModel):
    """IKU Pemda: the indicator of an RPJMD sasaran that OPD indicators support (`Indicator.iku_pemda`).
    Its yearly targets (`PemdaTarget`) are the Perjanjian Kinerja of the Bupati (docs/rules.md §10)."""

    class Polarity(models.TextChoices):
        MAX = "max", _("Maksimal (semakin tinggi semakin baik)")
        MIN = "min", _("Minimal (semakin rendah semakin baik)")

    goal = models.ForeignKey(RpjmdGoal, on_delete=models.CASCADE, related_name="ikus", verbose_name=_("Sasaran RPJMD"))
    code = models.CharField(_("Kode"), max_length=20)
    name = models.CharField(_("Indikator"), max_length=400)
    satuan = models.CharField(_("Satuan"), max_length=40, blank=True)
    polarity = models.CharField(_("Polaritas"), max_length=8, choices=Polarity.choices, default=Polarity.MAX)
    baseline = DecimalField(_("Baseline"), max_digits=18, decimal_places=4, null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("Urutan"), default=0)

    class Meta:
        verbose_name = _("IKU Pemda")
        verbose_name_plural = _("IKU Pemda")
        ordering = ["order", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_opd_id(self):
        return None

    def get_scope_unit(self):
        return None


class PemdaTarget(DomainModel):
    """The target of an IKU Pemda for one RPJMD year (the PK Bupati of that year)."""

    iku = models.ForeignKey(PemdaIku, on_delete=models.CASCADE, related_name="targets", verbose_name=_("IKU Pemda"))
    year = models.PositiveSmallIntegerField(_("Tahun"))
    value = DecimalField(_("Target"), max_digits=18, decimal_places=4, null=True, blank=True)
    realisasi = DecimalField(
        _("Realisasi"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Angka resmi tahun itu (mis. BPS), bila sudah terbit; dibandingkan dengan target di LKjIP Pemda."),
    )

    class Meta:
        verbose_name = _("Target IKU Pemda")
        verbose_name_plural = _("Target IKU Pemda")
        ordering = ["iku", "year"]
        constraints = [models.UniqueConstraint(fields=["iku", "year"], name="uniq_pemda_target")]

    def __str__(self):
        return f"{self.iku.code} {self.year}"

    def get_opd_id(self):
        return None

    def get_scope_unit(self):
        return None


# --- OPD level: Renstra --------------------------------------------------------------------------
class Renstra(DomainModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DITETAPKAN = "ditetapkan", _("Ditetapkan")

    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="renstras", verbose_name=_("OPD"))
    rpjmd = models.ForeignKey(
        Rpjmd, on_delete=models.PROTECT, null=True, blank=True, related_name="renstras", verbose_name=_("RPJMD")
    )
    name = models.CharField(_("Nama"), max_length=200, default="Rencana Strategis")
    start_year = models.PositiveSmallIntegerField(_("Tahun awal"))
    end_year = models.PositiveSmallIntegerField(_("Tahun akhir"))
    status = FSMField(_("Status"), default=Status.DRAFT, choices=Status.choices, protected=True)
    adopted_on = models.DateField(_("Tanggal penetapan"), null=True, blank=True)
    decree = models.CharField(_("Dasar penetapan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Renstra")
        verbose_name_plural = _("Renstra")
        ordering = ["opd", "-start_year"]
        constraints = [models.UniqueConstraint(fields=["opd", "start_year"], name="uniq_renstra")]

    def __str__(self):
        return f"Renstra {self.opd} {self.start_year}–{self.end_year}"

    def get_absolute_url(self):
        return reverse("planning:renstra_detail", args=[self.pk])

    def get_scope_unit(self):
        return None

    @property
    def years(self):
        return list(range(self.start_year, self.end_year + 1))

    def covers(self, year) -> bool:
        return self.start_year <= year <= self.end_year

    def clean(self):
        super().clean()
        if self.start_year and self.end_year:
            if self.end_year < self.start_year:
                raise ValidationError({"end_year": _("Tahun akhir tidak boleh sebelum tahun awal.")})
            if self.end_year - self.start_year > 5:
                raise ValidationError({"end_year": _("Periode Renstra paling lama enam tahun.")})

    @transition(field=status, source=Status.DRAFT, target=Status.DITETAPKAN)
    def adopt(self):
        """Ditetapkan: from now on every change of an IKU is recorded as an IkuChange."""


class Kinerja(DomainModel):
    """A node of the pohon kinerja: a result statement owned by one position."""

    class Level(models.IntegerChoices):
        TUJUAN = 0, _("Tujuan Renstra")
        SASARAN = 1, _("Sasaran strategis")
        PROGRAM = 2, _("Sasaran program")
        KEGIATAN = 3, _("Sasaran kegiatan")
        INDIVIDU = 4, _("Rencana hasil kerja (IKI)")

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("Renstra"))
    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="+", editable=False)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("Kinerja atasan"),
    )
    parent_indicator = models.ForeignKey(
        "Indicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="derived_nodes",
        verbose_name=_("Indikator atasan yang didukung"),
    )
    level = models.PositiveSmallIntegerField(_("Tingkat"), choices=Level.choices)
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="kinerja", verbose_name=_("Jabatan pemilik")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False)
    code = models.CharField(_("Kode"), max_length=30, blank=True)
    statement = models.CharField(_("Pernyataan kinerja"), max_length=500)
    year = models.PositiveSmallIntegerField(
        _("Tahun"),
        null=True,
        blank=True,
        help_text=_("Kosong: berlaku selama periode Renstra. Diisi: hanya tahun itu (rencana hasil kerja/IKI)."),
    )
    rpjmd_goal = models.ForeignKey(
        RpjmdGoal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renstra_nodes",
        verbose_name=_("Tujuan/sasaran RPJMD"),
    )
    order = models.PositiveSmallIntegerField(_("Urutan"), default=0)

    class Meta:
        verbose_name = _("Kinerja (pohon kinerja)")
        verbose_name_plural = _("Kinerja (pohon kinerja)")
        ordering = ["level", "order", "code", "pk"]
        indexes = [models.Index(fields=["renstra", "level"]), models.Index(fields=["opd", "year"])]

    def __str__(self):
        return f"{self.code} {self.statement}".strip()

    def get_absolute_url(self):
        suffix = f"?tahun={self.year}" if self.year else ""
        return reverse("planning:renstra_detail", args=[self.renstra_id]) + f"{suffix}#node-{self.pk}"

    def get_scope_unit(self):
        return self.unit

    def applies_to(self, year) -> bool:
        return self.year is None or self.year == year

    def save(self, *args, **kwargs):
        self.opd_id = self.renstra.opd_id
        self.unit_id = self.position.unit_id
        super().save(*args, **kwargs)


LEVEL_FOR_POSITION_KIND = {
    Position.Kind.JPT_PRATAMA: (0, 1),
    Position.Kind.ADMINISTRATOR: (2,),
    Position.Kind.PENGAWAS: (3,),
    Position.Kind.PELAKSANA: (4,),
    Position.Kind.FUNGSIONAL: (4,),
}


class PredicateScale(DomainModel):
    """A scale for qualitative targets: each predicate is mapped to a score the engine uses as `max`."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="predicate_scales", verbose_name=_("Pemda"))
    name = models.CharField(_("Nama skala"), max_length=100)

    class Meta:
        verbose_name = _("Skala predikat")
        verbose_name_plural = _("Skala predikat")
        constraints = [models.UniqueConstraint(fields=["pemda", "name"], name="uniq_predicate_scale")]

    def __str__(self):
        return self.name

    def get_opd_id(self):
        return None

    def get_scope_unit(self):
        return None

    def score_of(self, label):
        for level in self.levels.all():
            if level.label.strip().lower() == str(label).strip().lower():
                return level.score
        return None


class PredicateLevel(models.Model):
    scale = models.ForeignKey(PredicateScale, on_delete=models.CASCADE, related_name="levels")
    label = models.CharField(_("Predikat"), max_length=60)
    score = DecimalField(_("Skor"), max_digits=8, decimal_places=2)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["scale", "order"]
        constraints = [models.UniqueConstraint(fields=["scale", "label"], name="uniq_predicate_label")]

    def __str__(self):
        return f"{self.label} ({self.score})"


def configuration_errors(*, polarity, aggregation, qualitative) -> dict:
    """{field: message} for an indicator whose period aggregation does not fit it (docs/capaian.md §3):
    a predicate score (qualitative) or a yes/no (binary) cannot be summed or averaged over quarters, and a
    band (stabil) cannot be summed."""
    if aggregation in ("sum", "average"):
        label = _("jumlah") if aggregation == "sum" else _("rata-rata")
        if qualitative:
            return {
                "aggregation": _(
                    "Indikator kualitatif (skala predikat) tidak dapat diagregasi dengan %(a)s; "
                    "pilih nilai terakhir, tertinggi atau terendah."
                )
                % {"a": label}
            }
        if polarity == "binary":
            return {
                "aggregation": _(
                    "Indikator biner (ya/tidak) tidak dapat diagregasi dengan %(a)s; "
                    "pilih nilai terakhir, tertinggi atau terendah."
                )
                % {"a": label}
            }
    if aggregation == "sum" and polarity == "stabil":
        return {
            "aggregation": _(
                "Indikator stabil (tetap di dalam rentang) tidak dapat diagregasi dengan jumlah; "
                "pilih nilai terakhir, rata-rata, tertinggi atau terendah."
            )
        }
    return {}


class Indicator(DomainModel):
    """An indicator of a result at any level (IKU at sasaran level, IKI at individual level)."""

    class Polarity(models.TextChoices):
        MAX = "max", _("Maksimal (semakin tinggi semakin baik)")
        MIN = "min", _("Minimal (semakin rendah semakin baik)")
        STABIL = "stabil", _("Stabil (tetap di dalam rentang)")
        BINARY = "binary", _("Biner (ada/tidak, tepat waktu)")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("Jumlah (kumulatif)")
        LAST = "last", _("Nilai terakhir")
        AVERAGE = "average", _("Rata-rata")
        MAX = "max", _("Nilai tertinggi")
        MIN = "min", _("Nilai terendah")

    node = models.ForeignKey(Kinerja, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("Kinerja"))
    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="+", editable=False)
    code = models.CharField(_("Kode"), max_length=30, blank=True)
    name = models.CharField(_("Uraian indikator"), max_length=500)
    satuan = models.CharField(_("Satuan"), max_length=40, blank=True)
    definition = models.TextField(_("Definisi operasional"), blank=True)
    formula = models.TextField(_("Formula/cara pengukuran"), blank=True)
    data_source = models.CharField(_("Sumber data"), max_length=300, blank=True)
    pj_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Unit penanggung jawab"),
    )
    pj_position = models.ForeignKey(
        Position,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Jabatan penanggung jawab"),
    )
    polarity = models.CharField(_("Polaritas"), max_length=8, choices=Polarity.choices, default=Polarity.MAX)
    aggregation = models.CharField(
        _("Agregasi periode"), max_length=8, choices=Aggregation.choices, default=Aggregation.LAST
    )
    cumulative_targets = models.BooleanField(
        _("Target triwulan kumulatif"),
        default=False,
        help_text=_("Target TW disimpan s.d. triwulan (TW IV = target tahunan)."),
    )
    allow_negative = models.BooleanField(
        _("Dapat bernilai negatif"),
        default=False,
        help_text=_("Mis. laju pertumbuhan: target dan realisasi boleh negatif (docs/capaian.md)."),
    )
    whole_number = models.BooleanField(
        _("Bilangan bulat"),
        null=True,
        blank=True,
        help_text=_("Kosong = menurut satuan (orang, dokumen, unit, kegiatan … bulat; persen, indeks … desimal)."),
    )
    baseline = DecimalField(_("Baseline"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("Tahun baseline"), null=True, blank=True)
    standard = DecimalField(
        _("Standar nasional/provinsi"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Pembanding capaian di LKjIP Bab III (PermenPAN-RB 53/2014), bila ada."),
    )
    standard_source = models.CharField(
        _("Sumber standar"),
        max_length=200,
        blank=True,
        help_text=_("Mis. SPM Bidang Sosial, rata-rata Provinsi Jawa Tengah."),
    )
    precision = models.PositiveSmallIntegerField(
        _("Presisi (angka desimal)"), default=2, validators=[MaxValueValidator(4)]
    )
    is_iku = models.BooleanField(_("IKU"), default=False)
    iku_pemda = models.ForeignKey(
        PemdaIku,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opd_indicators",
        verbose_name=_("Mendukung IKU Pemda"),
    )
    predicate_scale = models.ForeignKey(
        PredicateScale,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("Skala predikat (target kualitatif)"),
    )
    order = models.PositiveSmallIntegerField(_("Urutan"), default=0)

    class Meta:
        verbose_name = _("Indikator kinerja")
        verbose_name_plural = _("Indikator kinerja")
        ordering = ["order", "code", "pk"]
        indexes = [models.Index(fields=["opd", "is_iku"])]

    def __str__(self):
        return f"{self.code} {self.name}".strip()

    def get_absolute_url(self):
        return reverse("planning:indicator_detail", args=[self.pk])

    def get_scope_unit(self):
        return self.node.unit

    @property
    def is_qualitative(self):
        return self.predicate_scale_id is not None

    @property
    def is_whole_number(self) -> bool:
        """Targets and realisasi must be whole numbers: the indicator's flag, else its satuan (planning.satuan)."""
        if self.whole_number is not None:
            return self.whole_number

        return satuan_is_whole(self.satuan)

    @property
    def level(self):
        return self.node.level

    def clean(self):
        """Configuration checks (docs/capaian.md §3, "Konfigurasi indikator"): errors at the field."""
        super().clean()
        errors = configuration_errors(
            polarity=self.polarity, aggregation=self.aggregation, qualitative=self.predicate_scale_id is not None
        )
        if errors:
            raise ValidationError(errors)

    @property
    def kind_label(self):
        if self.is_iku:
            return "IKU"
        return "IKI" if self.node.level == Kinerja.Level.INDIVIDU else _("Indikator")

    def save(self, *args, **kwargs):
        self.opd_id = self.node.opd_id
        super().save(*args, **kwargs)


class Target(DomainModel):
    """The target of an indicator for one Renstra year, with quarterly targets (the rencana aksi).

    A range target [value, value_max] may have per-quarter upper bounds q1_max…q4_max (docs/capaian.md §3);
    values are never negative unless the indicator allows it (checked by services and `clean`)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("Indikator")
    )
    year = models.PositiveSmallIntegerField(_("Tahun"))
    value = DecimalField(_("Target"), max_digits=18, decimal_places=4, null=True, blank=True)
    value_max = DecimalField(_("Batas atas (rentang)"), max_digits=18, decimal_places=4, null=True, blank=True)
    value_text = models.CharField(_("Target kualitatif"), max_length=60, blank=True)
    q1 = DecimalField(_("TW I"), max_digits=18, decimal_places=4, null=True, blank=True)
    q2 = DecimalField(_("TW II"), max_digits=18, decimal_places=4, null=True, blank=True)
    q3 = DecimalField(_("TW III"), max_digits=18, decimal_places=4, null=True, blank=True)
    q4 = DecimalField(_("TW IV"), max_digits=18, decimal_places=4, null=True, blank=True)
    q1_max = DecimalField(_("Batas atas TW I"), max_digits=18, decimal_places=4, null=True, blank=True)
    q2_max = DecimalField(_("Batas atas TW II"), max_digits=18, decimal_places=4, null=True, blank=True)
    q3_max = DecimalField(_("Batas atas TW III"), max_digits=18, decimal_places=4, null=True, blank=True)
    q4_max = DecimalField(_("Batas atas TW IV"), max_digits=18, decimal_places=4, null=True, blank=True)

    class Meta:
        verbose_name = _("Target indikator")
        verbose_name_plural = _("Target indikator")
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="uniq_target_year")]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.display}"

    def get_opd_id(self):
        return self.indicator.opd_id

    def get_scope_unit(self):
        return self.indicator.node.unit

    @property
    def quarters(self):
        return [self.q1, self.q2, self.q3, self.q4]

    @property
    def quarters_max(self):
        return [self.q1_max, self.q2_max, self.q3_max, self.q4_max]

    NUMBER_FIELDS = ("value", "value_max", "q1", "q2", "q3", "q4", "q1_max", "q2_max", "q3_max", "q4_max")

    def clean(self):
        """Negative values only on an indicator that allows them (docs/capaian.md §1); the services check the rest."""
        super().clean()
        if self.indicator_id and not self.indicator.allow_negative:
            errors = {
                name: _("%(f)s tidak boleh negatif.") % {"f": self._meta.get_field(name).verbose_name}
                for name in self.NUMBER_FIELDS
                if getattr(self, name) is not None and getattr(self, name) < 0
            }
            if errors:
                raise ValidationError(errors)

    @property
    def display(self):
        if self.value_text:
            return self.value_text
        if self.value is None:
            return ""
        text = angka(self.value, self.indicator.precision if self.indicator_id else 2)
        if self.value_max is not None:
            text += "–" + angka(self.value_max, self.indicator.precision if self.indicator_id else 2)
        return text

    def score(self):
        """Numeric target for the engine: the qualitative label's score, else the value."""
        if self.value_text and self.indicator.predicate_scale_id:
            return self.indicator.predicate_scale.score_of(self.value_text)
        return self.value


class TargetRevision(FSMModelMixin, DomainModel):
    """A change of an annual target after its Renstra was adopted: proposed with a reason by the Tim SAKIP,
    applied only when the head of the OPD approves it (issue 12: approved data changes only through a
    recorded revision). The target's own history shows the change with the revision's reason."""

    class State(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan")
        DISETUJUI = "disetujui", _("Disetujui")
        DITOLAK = "ditolak", _("Ditolak")

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("Target"))
    old_value = DecimalField(_("Target lama"), max_digits=18, decimal_places=4, null=True, blank=True)
    old_value_max = DecimalField(_("Batas atas lama"), max_digits=18, decimal_places=4, null=True, blank=True)
    old_value_text = models.CharField(_("Target kualitatif lama"), max_length=60, blank=True)
    new_value = DecimalField(_("Target baru"), max_digits=18, decimal_places=4, null=True, blank=True)
    new_value_max = DecimalField(_("Batas atas baru"), max_digits=18, decimal_places=4, null=True, blank=True)
    new_value_text = models.CharField(_("Target kualitatif baru"), max_length=60, blank=True)
    reason = models.TextField(_("Alasan"))
    state = FSMField(_("Status"), max_length=10, choices=State.choices, default=State.DIAJUKAN, protected=True)
    proposed_by = models.ForeignKey(
        "organization.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("Diusulkan oleh")
    )
    proposed_at = models.DateTimeField(_("Diusulkan pada"))
    decided_by = models.ForeignKey(
        "organization.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Diputuskan oleh"),
    )
    decided_at = models.DateTimeField(_("Diputuskan pada"), null=True, blank=True)
    decision_note = models.TextField(_("Catatan keputusan"), blank=True)

    class Meta:
        verbose_name = _("Revisi target")
        verbose_name_plural = _("Revisi target")
        ordering = ["-proposed_at", "-pk"]

    def __str__(self):
        return f"{self.target.indicator} {self.target.year}: {self.old_display} → {self.new_display}"

    def get_opd_id(self):
        return self.target.indicator.opd_id

    def get_scope_unit(self):
        return self.target.indicator.node.unit

    # --- transitions (called only from services) ---------------------------------------------------
    @transition(field=state, source=State.DIAJUKAN, target=State.DISETUJUI)
    def approve(self):
        pass

    @transition(field=state, source=State.DIAJUKAN, target=State.DITOLAK)
    def reject(self):
        pass

    @staticmethod
    def _display(value, value_max, text):
        if text:
            return text
        if value is None:
            return "–"
        return angka(value, 2) + ("–" + angka(value_max, 2) if value_max is not None else "")

    @property
    def old_display(self):
        return self._display(self.old_value, self.old_value_max, self.old_value_text)

    @property
    def new_display(self):
        return self._display(self.new_value, self.new_value_max, self.new_value_text)


class IkuChange(DomainModel):
    """A change of an IKU after its Renstra was adopted (criterion 1.b: IKU stable within the period)."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="iku_changes")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="iku_changes"
    )
    indicator_label = models.CharField(_("Indikator"), max_length=500)
    field = models.CharField(_("Bagian"), max_length=60)
    old_value = models.TextField(_("Sebelum"), blank=True)
    new_value = models.TextField(_("Sesudah"), blank=True)
    reason = models.CharField(_("Alasan"), max_length=400, blank=True)
    changed_on = models.DateField(_("Tanggal"))

    class Meta:
        verbose_name = _("Perubahan IKU")
        verbose_name_plural = _("Perubahan IKU")
        ordering = ["-changed_on", "-pk"]

    def get_opd_id(self):
        return self.renstra.opd_id

    def get_scope_unit(self):
        return None


class Crosscutting(DomainModel):
    """A unit (of this or another OPD) contributing to an indicator owned by another unit/OPD."""

    class Role(models.TextChoices):
        PENGAMPU = "pengampu", _("Pengampu bersama")
        KONTRIBUTOR = "kontributor", _("Kontributor")
        PENDUKUNG = "pendukung", _("Pendukung data/layanan")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="crosscutting", verbose_name=_("Indikator")
    )
    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="+", editable=False)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="crosscutting_roles", verbose_name=_("Unit yang berkontribusi")
    )
    contributor_opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="+", editable=False)
    role = models.CharField(_("Peran"), max_length=16, choices=Role.choices, default=Role.KONTRIBUTOR)
    description = models.CharField(_("Uraian kontribusi"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("Crosscutting")
        verbose_name_plural = _("Crosscutting")
        constraints = [models.UniqueConstraint(fields=["indicator", "unit"], name="uniq_crosscutting")]

    def __str__(self):
        return f"{self.unit} → {self.indicator}"

    def get_scope_unit(self):
        return self.indicator.node.unit

    def save(self, *args, **kwargs):
        self.opd_id = self.indicator.opd_id
        self.contributor_opd_id = self.unit.opd_id
        super().save(*args, **kwargs)


# --- Program / kegiatan / sub kegiatan ----------------------------------------------------------
class BudgetItem(DomainModel):
    """A program, kegiatan or sub kegiatan of the Renstra (Permendagri 90/2019 code), its PJ unit and the result it
    serves.
    """

    renstra = models.ForeignKey(
        Renstra, on_delete=models.CASCADE, related_name="budget_items", verbose_name=_("Renstra")
    )
    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="+", editable=False)
    nomenclature = models.ForeignKey(
        Nomenclature, on_delete=models.PROTECT, related_name="+", verbose_name=_("Kode/nomenklatur")
    )
    level = models.CharField(_("Tingkat"), max_length=16, choices=Nomenclature.Level.choices, editable=False)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("Induk")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Unit penanggung jawab")
    )
    kinerja = models.ForeignKey(
        Kinerja,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_items",
        verbose_name=_("Kinerja yang didukung"),
    )

    class Meta:
        verbose_name = _("Program/kegiatan/sub kegiatan")
        verbose_name_plural = _("Program/kegiatan/sub kegiatan")
        ordering = ["nomenclature__code"]
        constraints = [models.UniqueConstraint(fields=["renstra", "nomenclature"], name="uniq_budget_item")]

    def __str__(self):
        return str(self.nomenclature)

    def get_scope_unit(self):
        return self.unit

    def save(self, *args, **kwargs):
        self.opd_id = self.renstra.opd_id
        self.level = self.nomenclature.level
        super().save(*args, **kwargs)


class Pagu(DomainModel):
    item = models.ForeignKey(
        BudgetItem, on_delete=models.CASCADE, related_name="pagu", verbose_name=_("Program/kegiatan")
    )
    year = models.PositiveSmallIntegerField(_("Tahun"))
    amount = DecimalField(_("Pagu (Rp)"), max_digits=18, decimal_places=2, validators=[MinValueValidator(Decimal(0))])

    # Anggaran kas (rencana penarikan dana) per triwulan: the planned disbursement of each quarter,
    # not cumulative; all four or none, summing to the pagu (docs/rules.md §1).
    kas_tw1 = DecimalField(
        _("Anggaran kas TW I (Rp)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    kas_tw2 = DecimalField(
        _("Anggaran kas TW II (Rp)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    kas_tw3 = DecimalField(
        _("Anggaran kas TW III (Rp)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    kas_tw4 = DecimalField(
        _("Anggaran kas TW IV (Rp)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )

    class Meta:
        verbose_name = _("Pagu anggaran")
        verbose_name_plural = _("Pagu anggaran")
        constraints = [models.UniqueConstraint(fields=["item", "year"], name="uniq_pagu_year")]

    @property
    def kas(self) -> list:
        return [self.kas_tw1, self.kas_tw2, self.kas_tw3, self.kas_tw4]

    @property
    def has_kas(self) -> bool:
        return all(v is not None for v in self.kas)

    def kas_until(self, triwulan: int) -> Decimal | None:
        """The planned disbursement s.d. TW n (1–4), or None while the anggaran kas is not recorded."""
        if not self.has_kas or not 1 <= triwulan <= 4:
            return None
        return sum(self.kas[:triwulan], start=Decimal(0))

    def get_opd_id(self):
        return self.item.opd_id

    def get_scope_unit(self):
        return self.item.unit


# --- Perjanjian Kinerja -----------------------------------------------------------------------------
class PerjanjianKinerja(DomainModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DITANDATANGANI = "ditandatangani", _("Ditandatangani")

    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="+", editable=False)
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="perjanjian_kinerja", verbose_name=_("Jabatan (pihak pertama)")
    )
    year = models.PositiveSmallIntegerField(_("Tahun"))
    version = models.PositiveSmallIntegerField(_("Versi"), default=1)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("Mengubah PK"),
    )
    change_reason = models.TextField(_("Alasan perubahan"), blank=True)
    status = FSMField(_("Status"), default=Status.DRAFT, choices=Status.choices, protected=True)
    first_employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="+", verbose_name=_("Pihak pertama")
    )
    first_prefix = models.CharField(max_length=6, blank=True)
    first_title = models.CharField(_("Jabatan pihak pertama"), max_length=300)
    second_position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="+", verbose_name=_("Jabatan pihak kedua")
    )
    second_employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="+", verbose_name=_("Pihak kedua")
    )
    second_prefix = models.CharField(max_length=6, blank=True)
    second_title = models.CharField(_("Jabatan pihak kedua"), max_length=300)
    place = models.CharField(_("Tempat"), max_length=60, blank=True)
    sign_date = models.DateField(_("Tanggal"), null=True, blank=True)

    class Meta:
        verbose_name = _("Perjanjian Kinerja")
        verbose_name_plural = _("Perjanjian Kinerja")
        ordering = ["-year", "position__order", "-version"]
        constraints = [models.UniqueConstraint(fields=["position", "year", "version"], name="uniq_pk_version")]

    def __str__(self):
        suffix = f" (Perubahan {self.version - 1})" if self.version > 1 else ""
        return f"PK {self.year} {self.position.display_short}{suffix}"

    def get_absolute_url(self):
        return reverse("planning:pk_detail", args=[self.pk])

    def get_scope_unit(self):
        return self.position.unit

    @property
    def is_perubahan(self):
        return self.version > 1

    @property
    def title(self):
        return "PERJANJIAN KINERJA PERUBAHAN" if self.is_perubahan else "PERJANJIAN KINERJA"

    def save(self, *args, **kwargs):
        self.opd_id = self.position.opd_id
        super().save(*args, **kwargs)

    @transition(field=status, source=Status.DRAFT, target=Status.DITANDATANGANI)
    def sign(self):
        """Signed: items and budget are frozen; a change needs a PK Perubahan."""


class PkItem(DomainModel):
    """A row of the PK's Kinerja table (snapshot of the cascade at drafting) — its rencana aksi lives in the indicator's
    quarterly targets.
    """

    pk_doc = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE, related_name="items")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="pk_items", verbose_name=_("Indikator")
    )
    sasaran = models.CharField(_("Sasaran"), max_length=500)
    indicator_name = models.CharField(_("Indikator kinerja"), max_length=500)
    target = models.CharField(_("Target"), max_length=80)
    satuan = models.CharField(_("Satuan"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Butir PK")
        verbose_name_plural = _("Butir PK")
        ordering = ["pk_doc", "order"]

    def get_opd_id(self):
        return self.pk_doc.opd_id

    def get_scope_unit(self):
        return self.pk_doc.position.unit

    def _refuse_if_signed(self):
        if (
            self.pk_doc_id
            and PerjanjianKinerja.objects.filter(
                pk=self.pk_doc_id, status=PerjanjianKinerja.Status.DITANDATANGANI
            ).exists()
        ):
            raise ValidationError(_("PK yang sudah ditandatangani hanya dapat diubah melalui PK Perubahan."))

    def save(self, *args, **kwargs):
        self._refuse_if_signed()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_signed()
        return super().delete(*args, **kwargs)


class PkBudget(DomainModel):
    pk_doc = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE, related_name="budget_lines")
    item = models.ForeignKey(BudgetItem, on_delete=models.PROTECT, related_name="+")
    label = models.CharField(_("Program/kegiatan/sub kegiatan"), max_length=500)
    amount = DecimalField(_("Anggaran (Rp)"), max_digits=18, decimal_places=2)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["pk_doc", "order"]

    def get_opd_id(self):
        return self.pk_doc.opd_id

    def get_scope_unit(self):
        return self.pk_doc.position.unit

    def _refuse_if_signed(self):
        if (
            self.pk_doc_id
            and PerjanjianKinerja.objects.filter(
                pk=self.pk_doc_id, status=PerjanjianKinerja.Status.DITANDATANGANI
            ).exists()
        ):
            raise ValidationError(_("PK yang sudah ditandatangani hanya dapat diubah melalui PK Perubahan."))

    def save(self, *args, **kwargs):
        self._refuse_if_signed()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_signed()
        return super().delete(*args, **kwargs)


# --- Category bands of the capaian (per Pemda) ------------------------------------------------------
class CapaianBands(DomainModel):
    """The capaian category bands of a Pemda, set by an administrator (docs/capaian.md, categories).

    `bands` = [[lower bound as text, label], …] from the top band down; the bottom band has no lower
    bound (null: every value below the band above it). Without a row the engine's default bands apply."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="capaian_bands", verbose_name=_("Pemda"))
    bands = models.JSONField(_("Kategori capaian"), default=list)

    class Meta:
        verbose_name = _("Kategori capaian")
        verbose_name_plural = _("Kategori capaian")

    def __str__(self):
        return f"{self.pemda}"

    def get_opd_id(self):
        return None

    def get_scope_unit(self):
        return None

    def as_engine_bands(self) -> list:
        return [(Decimal(lo) if lo is not None else Decimal("-Infinity"), label) for lo, label in self.bands]


# --- Renja / RKT -------------------------------------------------------------------------------------------
class Renja(DomainModel):
    """The Renja (Rencana Kerja) / RKT of an OPD for a year as a document (docs/rules.md §11): a snapshot of the
    year's targets of its Renstra indicators and of its programmes, kegiatan and sub kegiatan with their pagu,
    taken when it is drafted; adopted (ditetapkan) by the OPD; changed only through a Renja Perubahan (a new
    version with its reason), the earlier version kept."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DITETAPKAN = "ditetapkan", _("Ditetapkan")

    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="renjas", verbose_name=_("OPD"))
    year = models.PositiveSmallIntegerField(_("Tahun"))
    version = models.PositiveSmallIntegerField(_("Versi"), default=1)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("Mengubah"),
    )
    change_reason = models.TextField(_("Alasan perubahan"), blank=True)
    status = FSMField(_("Status"), default=Status.DRAFT, choices=Status.choices, protected=True)
    data = models.JSONField(_("Isi"), default=dict, editable=False)
    drafted_at = models.DateTimeField(_("Disusun pada"), null=True, blank=True)
    adopted_on = models.DateField(_("Tanggal penetapan"), null=True, blank=True)

    class Meta:
        verbose_name = _("Renja")
        verbose_name_plural = _("Renja")
        ordering = ["-year", "opd__name", "-version"]
        constraints = [models.UniqueConstraint(fields=["opd", "year", "version"], name="uniq_renja_version")]

    def __str__(self):
        suffix = f" (Perubahan {self.version - 1})" if self.version > 1 else ""
        return f"Renja {self.opd.akronim} {self.year}{suffix}"

    def get_absolute_url(self):
        return reverse("planning:renja_detail", args=[self.pk])

    def get_scope_unit(self):
        return None

    @property
    def is_perubahan(self):
        return self.version > 1

    @transition(field=status, source=Status.DRAFT, target=Status.DITETAPKAN)
    def adopt(self):
        """Adopted: frozen; a change needs a Renja Perubahan."""
