"""SOP Administrasi Pemerintahan (Permendagri 52/2011; PermenPAN-RB 35/2012).

- Sop: one entry of the OPD's register (number unique per OPD, owned by the OPD or one unit).
- SopVersion: the content of one version — identity page, lanes, steps — and its approval:
  draft → diajukan → disahkan (by the OPD head, dated) → diganti (by a later version) / dicabut.
  A disahkan version is "berlaku" from valid_from (tanggal efektif, else the date of approval)
  up to valid_until (set when it is replaced or revoked). A revision is a new version.
- Lane: an actor column of the procedure, mapped to a position, a Tim SAKIP role or "each unit head".
- Step: one row of the procedure (kind, lanes, mutu baku, keterangan, system action).
- Monitoring / MonitoringItem / SopReview (evaluasi penerapan SOP): the monitoring and evaluation
  forms per version and period.
"""

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from sakip.core.models import DomainModel
from sakip.core.numbers import DecimalField
from sakip.organization.models import OPD, Employee, Position, TimSakipMember, Unit

from . import actions, durations


class Jenis(models.TextChoices):
    ADMINISTRATIF = "administratif", _("Administratif")
    TEKNIS = "teknis", _("Teknis")


class JenisKegiatan(models.TextChoices):
    RUTIN = "rutin", _("Rutin")
    PELAYANAN = "pelayanan", _("Pelayanan")
    PENUGASAN = "penugasan", _("Penugasan")


class ProcessKind(models.TextChoices):
    """The process an SOP drives in sakip (docs/rules.md "SOP dan proses"): a measurement period runs only an SOP
    of kind pengukuran kinerja; the other kinds are declared now and used by the processes that come later."""

    PENGUKURAN_KINERJA = "pengukuran_kinerja", _("Pengukuran kinerja")
    PENYUSUNAN_LKJIP = "penyusunan_lkjip", _("Penyusunan LKjIP")
    REVIU_LKJIP = "reviu_lkjip", _("Reviu LKjIP")
    LAINNYA = "lainnya", _("Lainnya (tidak dijalankan sakip)")


class Sop(DomainModel):
    url_prefix = "sop"
    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="sops", verbose_name=_("OPD"))
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sops",
        verbose_name=_("Unit pemilik"),
        help_text=_("Kosong bila SOP milik OPD (dikelola Sekretariat/Tim SAKIP)."),
    )
    number = models.CharField(_("Nomor SOP"), max_length=60)
    judul = models.CharField(_("Judul SOP"), max_length=255, help_text=_("Judul versi terakhir."))
    process_kind = models.CharField(
        _("Proses yang dijalankan"),
        max_length=24,
        choices=ProcessKind.choices,
        default=ProcessKind.LAINNYA,
        help_text=_(
            "Proses sakip yang dijalankan menurut SOP ini; periode pengukuran hanya menjalankan SOP pengukuran kinerja."
        ),
    )

    class Meta:
        verbose_name = _("SOP")
        verbose_name_plural = _("SOP")
        ordering = ["opd", "number"]
        constraints = [models.UniqueConstraint(fields=["opd", "number"], name="uniq_sop_number")]

    def __str__(self):
        return f"{self.number} {self.judul}"

    def clean(self):
        super().clean()
        if self.unit_id and self.opd_id and self.unit.opd_id != self.opd_id:
            raise ValidationError({"unit": _("Unit pemilik harus berada di OPD SOP ini.")})


class SopVersion(ConcurrentTransitionMixin, DomainModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DISAHKAN = "disahkan", _("Disahkan")
        DIGANTI = "diganti", _("Diganti")
        DICABUT = "dicabut", _("Dicabut")

    EDITABLE = {Status.DRAFT}
    APPROVED = {Status.DISAHKAN, Status.DIGANTI, Status.DICABUT}

    url_prefix = "version"
    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="versions", verbose_name=_("SOP"))
    version = models.PositiveSmallIntegerField(_("Versi"))
    status = FSMField(_("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT, protected=True)
    judul = models.CharField(_("Judul SOP"), max_length=255)
    jenis = models.CharField(_("Jenis SOP"), max_length=16, choices=Jenis.choices, default=Jenis.ADMINISTRATIF)
    jenis_kegiatan = models.CharField(
        _("Jenis kegiatan"), max_length=12, choices=JenisKegiatan.choices, default=JenisKegiatan.RUTIN
    )
    made_on = models.DateField(_("Tanggal pembuatan"), null=True, blank=True)
    revised_on = models.DateField(_("Tanggal revisi"), null=True, blank=True)
    effective_on = models.DateField(_("Tanggal efektif"), null=True, blank=True)
    # Approval (filled by the approve service; snapshots keep the printed values stable).
    approved_by_position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Disahkan oleh (jabatan)"),
    )
    approved_by_employee = models.ForeignKey(
        Employee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Disahkan oleh (pegawai)"),
    )
    approved_on = models.DateField(_("Tanggal pengesahan"), null=True, blank=True)
    approver_title = models.CharField(_("Jabatan penanda tangan"), max_length=200, blank=True)
    valid_from = models.DateField(_("Berlaku mulai"), null=True, blank=True, editable=False)
    valid_until = models.DateField(_("Berlaku sampai"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Diajukan oleh"),
    )
    # Identity page lists: one item per line.
    dasar_hukum = models.TextField(_("Dasar hukum"), blank=True, help_text=_("Satu peraturan per baris."))
    kualifikasi_pelaksana = models.TextField(
        _("Kualifikasi pelaksana"), blank=True, help_text=_("Satu butir per baris.")
    )
    keterkaitan_sop = models.ManyToManyField(
        Sop, blank=True, related_name="dikaitkan_oleh", verbose_name=_("Keterkaitan (SOP terdaftar)")
    )
    keterkaitan = models.TextField(
        _("Keterkaitan (SOP lain, teks)"), blank=True, help_text=_("SOP yang belum terdaftar di sakip; satu per baris.")
    )
    peralatan = models.TextField(_("Peralatan/perlengkapan"), blank=True, help_text=_("Satu butir per baris."))
    peringatan = models.TextField(_("Peringatan"), blank=True, help_text=_("Satu butir per baris."))
    pencatatan = models.TextField(_("Pencatatan dan pendataan"), blank=True, help_text=_("Satu butir per baris."))
    # Lembar Kerja Identifikasi Kegiatan, part A (the rest is derived from the steps).
    pj_produk = models.CharField(_("Penanggung jawab produk"), max_length=200, blank=True)
    pj_kegiatan = models.CharField(_("Penanggung jawab kegiatan"), max_length=200, blank=True)
    ruang_lingkup = models.CharField(_("Ruang lingkup"), max_length=255, blank=True)
    revision_note = models.TextField(
        _("Catatan revisi"), blank=True, help_text=_("Apa yang berubah dibanding versi sebelumnya.")
    )
    source = models.CharField(_("Sumber"), max_length=20, blank=True, help_text=_("manual, tempel, docx, xlsx, demo"))

    class Meta:
        verbose_name = _("Versi SOP")
        verbose_name_plural = _("Versi SOP")
        ordering = ["sop", "-version"]
        constraints = [models.UniqueConstraint(fields=["sop", "version"], name="uniq_sop_version")]

    def __str__(self):
        return f"{self.sop.number} {self.judul} (versi {self.version})"

    def get_opd_id(self):
        return self.sop.opd_id

    def get_scope_unit(self):
        return self.sop.unit

    # --- transitions (called only from services) ---------------------------------------------
    @transition(field=status, source=Status.DRAFT, target=Status.DIAJUKAN)
    def submit(self):
        pass

    @transition(field=status, source=Status.DIAJUKAN, target=Status.DRAFT)
    def return_to_draft(self):
        pass

    @transition(field=status, source=Status.DIAJUKAN, target=Status.DISAHKAN)
    def approve(self):
        pass

    @transition(field=status, source=Status.DISAHKAN, target=Status.DIGANTI)
    def replace(self):
        pass

    @transition(field=status, source=Status.DISAHKAN, target=Status.DICABUT)
    def revoke(self):
        pass

    # --- reading -------------------------------------------------------------------------------
    @property
    def is_editable(self):
        return self.status in self.EDITABLE

    @property
    def is_approved(self):
        return self.status in self.APPROVED

    def in_force_on(self, on=None) -> bool:
        on = on or date.today()
        return bool(
            self.is_approved
            and self.valid_from
            and self.valid_from <= on
            and (self.valid_until is None or on <= self.valid_until)
        )

    def display_status(self, on=None):
        """ "Berlaku" for an approved version in force today, else the stored status."""
        on = on or date.today()
        if self.status == self.Status.DISAHKAN:
            if self.in_force_on(on):
                return _("Berlaku")
            if self.valid_from and self.valid_from > on:
                return _("Disahkan, belum berlaku")
        return self.get_status_display()

    def status_badge(self, on=None):
        on = on or date.today()
        if self.status == self.Status.DISAHKAN:
            return "success" if self.in_force_on(on) else "info"
        return {"draft": "secondary", "diajukan": "warning", "diganti": "dark", "dicabut": "danger"}.get(
            self.status, "secondary"
        )

    @staticmethod
    def lines(text):
        """Items of a list field: one per line, numbering ("1.", "a.", "-") stripped."""
        out = []
        for line in (text or "").splitlines():
            line = re.sub(r"^\s*(?:\d+[.)]|[a-z][.)]|[-•*])\s*", "", line).strip()
            if line:
                out.append(line)
        return out

    def list_of(self, field):
        return self.lines(getattr(self, field))


class Lane(DomainModel):
    class Mapping(models.TextChoices):
        POSITION = "position", _("Jabatan")
        TIM_ROLE = "tim_role", _("Peran Tim SAKIP")
        UNIT_HEADS = "unit_heads", _("Setiap kepala unit")
        NONE = "none", _("Belum dipetakan")

    version = models.ForeignKey(SopVersion, on_delete=models.CASCADE, related_name="lanes", verbose_name=_("Versi SOP"))
    order = models.PositiveSmallIntegerField(_("Urutan"))
    label = models.CharField(
        _("Pelaksana"), max_length=120, help_text=_('Sebutan pada kolom pelaksana, mis. "Sek. Tim SAKIP".')
    )
    mapping = models.CharField(_("Dipetakan ke"), max_length=12, choices=Mapping.choices, default=Mapping.NONE)
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Jabatan")
    )
    tim_role = models.CharField(_("Peran Tim SAKIP"), max_length=20, choices=TimSakipMember.Role.choices, blank=True)

    class Meta:
        verbose_name = _("Pelaksana (lajur)")
        verbose_name_plural = _("Pelaksana (lajur)")
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "order"], name="uniq_lane_order")]

    def __str__(self):
        return self.label

    def get_opd_id(self):
        return self.version.sop.opd_id

    def get_scope_unit(self):
        return self.version.sop.unit

    def clean(self):
        super().clean()
        errors = {}
        if self.mapping == self.Mapping.POSITION and not self.position_id:
            errors["position"] = _("Pilih jabatan untuk pelaksana ini.")
        if self.mapping == self.Mapping.TIM_ROLE and not self.tim_role:
            errors["tim_role"] = _("Pilih peran Tim SAKIP untuk pelaksana ini.")
        if self.position_id and self.version_id and self.position.opd_id not in (None, self.version.sop.opd_id):
            errors["position"] = _("Jabatan harus berada di OPD SOP ini.")
        if errors:
            raise ValidationError(errors)

    @property
    def mapping_display(self):
        if self.mapping == self.Mapping.POSITION and self.position_id:
            return self.position.display_short
        if self.mapping == self.Mapping.TIM_ROLE and self.tim_role:
            return f"Tim SAKIP: {self.get_tim_role_display()}"
        return self.get_mapping_display()


class Step(DomainModel):
    class Kind(models.TextChoices):
        START = "start", _("Mulai")
        PROCESS = "process", _("Proses")
        DECISION = "decision", _("Keputusan")
        END = "end", _("Selesai")

    class TimeUnit(models.TextChoices):
        MENIT = durations.MENIT, _("menit")
        JAM = durations.JAM, _("jam")
        HARI = durations.HARI, _("hari")

    version = models.ForeignKey(SopVersion, on_delete=models.CASCADE, related_name="steps", verbose_name=_("Versi SOP"))
    number = models.PositiveSmallIntegerField(_("No."))
    uraian = models.TextField(_("Uraian prosedur"))
    kind = models.CharField(_("Bentuk"), max_length=10, choices=Kind.choices, default=Kind.PROCESS)
    lanes = models.ManyToManyField(Lane, blank=True, related_name="steps", verbose_name=_("Pelaksana"))
    ya_ke = models.PositiveSmallIntegerField(_("Jika Ya, ke langkah"), null=True, blank=True)
    tidak_ke = models.PositiveSmallIntegerField(_("Jika Tidak, ke langkah"), null=True, blank=True)
    kelengkapan = models.CharField(_("Kelengkapan"), max_length=255, blank=True)
    waktu = DecimalField(_("Waktu"), max_digits=8, decimal_places=2, null=True, blank=True)
    waktu_satuan = models.CharField(_("Satuan waktu"), max_length=5, choices=TimeUnit.choices, default=TimeUnit.MENIT)
    output = models.CharField(_("Output"), max_length=255, blank=True)
    keterangan = models.CharField(_("Keterangan"), max_length=255, blank=True)
    keterangan_sop = models.ForeignKey(
        Sop,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dirujuk_langkah",
        verbose_name=_("Merujuk SOP"),
    )
    action = models.CharField(_("Aksi sistem"), max_length=24, choices=actions.CHOICES, default=actions.NONE)
    utama = models.BooleanField(
        _("Langkah utama"),
        default=False,
        help_text=_("Ditampilkan sebagai Langkah Utama pada Lembar Kerja Identifikasi Kegiatan."),
    )

    class Meta:
        verbose_name = _("Langkah SOP")
        verbose_name_plural = _("Langkah SOP")
        ordering = ["version", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="uniq_step_number")]

    def __str__(self):
        return f"{self.number}. {self.uraian[:60]}"

    def get_opd_id(self):
        return self.version.sop.opd_id

    def get_scope_unit(self):
        return self.version.sop.unit

    @property
    def minutes(self):
        return durations.to_minutes(self.waktu, self.waktu_satuan)

    @property
    def waktu_display(self):
        return durations.format_value(self.waktu, self.waktu_satuan)


class Assessment(models.TextChoices):
    BAIK = "baik", _("Berjalan dengan baik")
    KURANG = "kurang", _("Berjalan kurang baik")
    TIDAK = "tidak", _("Tidak berjalan")


class Monitoring(DomainModel):
    """Monitoring pelaksanaan SOP AP (PermenPAN-RB 35/2012): one form per version and period."""

    url_prefix = "monitoring"
    version = models.ForeignKey(
        SopVersion, on_delete=models.PROTECT, related_name="monitorings", verbose_name=_("Versi SOP")
    )
    period = models.CharField(_("Periode"), max_length=30, help_text=_('Mis. "2023" atau "2023 Semester I".'))
    date = models.DateField(_("Tanggal monitoring"))
    assessor = models.CharField(_("Dinilai oleh"), max_length=200, blank=True)
    note = models.TextField(_("Catatan umum"), blank=True)

    class Meta:
        verbose_name = _("Monitoring pelaksanaan SOP")
        verbose_name_plural = _("Monitoring pelaksanaan SOP")
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["version", "period"], name="uniq_sop_monitoring")]

    def __str__(self):
        return f"Monitoring {self.version.sop.number} {self.period}"

    def get_opd_id(self):
        return self.version.sop.opd_id

    def get_scope_unit(self):
        return self.version.sop.unit


class MonitoringItem(DomainModel):
    monitoring = models.ForeignKey(
        Monitoring, on_delete=models.CASCADE, related_name="items", verbose_name=_("Monitoring")
    )
    number = models.PositiveSmallIntegerField(_("No."))
    procedure = models.TextField(_("Prosedur"))
    assessment = models.CharField(
        _("Penilaian terhadap penerapan"), max_length=8, choices=Assessment.choices, blank=True
    )
    note = models.TextField(_("Catatan hasil penilaian"), blank=True)
    action_needed = models.TextField(_("Tindakan yang harus diambil"), blank=True)

    class Meta:
        verbose_name = _("Butir monitoring")
        verbose_name_plural = _("Butir monitoring")
        ordering = ["monitoring", "number"]

    def get_opd_id(self):
        return self.monitoring.version.sop.opd_id

    def get_scope_unit(self):
        return self.monitoring.version.sop.unit


class SopReview(DomainModel):
    """Evaluasi penerapan SOP AP: seven Ya/Tidak questions per version and period (docs/rules.md §5)."""

    class Conclusion(models.TextChoices):
        TETAP = "tetap", _("Dipertahankan")
        REVISI = "revisi", _("Perlu direvisi")
        CABUT = "cabut", _("Dicabut")

    QUESTIONS = [
        ("mendorong_kinerja", _("Apakah SOP mampu mendorong peningkatan kinerja?")),
        ("mudah_dipahami", _("Apakah SOP mudah dipahami?")),
        ("mudah_dilaksanakan", _("Apakah SOP mudah dilaksanakan?")),
        ("semua_berperan", _("Apakah semua orang dapat menjalankan perannya masing-masing?")),
        ("mengatasi_masalah", _("Apakah SOP mampu mengatasi permasalahan yang berkaitan dengan proses?")),
        ("menjawab_kebutuhan", _("Apakah SOP mampu menjawab kebutuhan peningkatan kinerja organisasi?")),
        ("sinergi", _("Apakah SOP dapat bersinergi satu dengan lainnya?")),
    ]

    url_prefix = "evaluasi"
    version = models.ForeignKey(
        SopVersion, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("Versi SOP")
    )
    period = models.CharField(_("Periode"), max_length=30)
    date = models.DateField(_("Tanggal evaluasi"))
    assessor = models.CharField(_("Dievaluasi oleh"), max_length=200, blank=True)
    mendorong_kinerja = models.BooleanField(_("Mendorong peningkatan kinerja"), null=True, blank=True)
    mudah_dipahami = models.BooleanField(_("Mudah dipahami"), null=True, blank=True)
    mudah_dilaksanakan = models.BooleanField(_("Mudah dilaksanakan"), null=True, blank=True)
    semua_berperan = models.BooleanField(_("Semua dapat menjalankan perannya"), null=True, blank=True)
    mengatasi_masalah = models.BooleanField(_("Mengatasi permasalahan proses"), null=True, blank=True)
    menjawab_kebutuhan = models.BooleanField(_("Menjawab kebutuhan kinerja organisasi"), null=True, blank=True)
    sinergi = models.BooleanField(_("Bersinergi dengan SOP lain"), null=True, blank=True)
    note = models.TextField(_("Catatan"), blank=True)
    conclusion = models.CharField(_("Kesimpulan"), max_length=8, choices=Conclusion.choices, blank=True)

    class Meta:
        verbose_name = _("Evaluasi penerapan SOP")
        verbose_name_plural = _("Evaluasi penerapan SOP")
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["version", "period"], name="uniq_sop_review")]

    def __str__(self):
        return f"Evaluasi {self.version.sop.number} {self.period}"

    def get_opd_id(self):
        return self.version.sop.opd_id

    def get_scope_unit(self):
        return self.version.sop.unit

    def answers(self):
        return [(name, label, getattr(self, name)) for name, label in self.QUESTIONS]

    @property
    def score(self):
        """(Ya count, answered count)."""
        values = [getattr(self, name) for name, _label in self.QUESTIONS]
        return sum(1 for v in values if v is True), sum(1 for v in values if v is not None)
