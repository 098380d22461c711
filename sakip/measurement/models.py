"""Measurement: the SOP Pengukuran Kinerja run as a tracked workflow.

- Period (Periode): one measurement of an OPD for a year and a triwulan (or the whole year), started
  from the SOP version in force on its start date. It keeps that version for its whole life.
- Task (Tugas): one SOP step for real people — the holders of the step's lanes on the start date
  (one task per unit for a lane "each unit head"), due after the step's standard time in working
  time, done with its output (text, file or archived document). A decision's "Tidak" branch runs
  the steps again in a new round; earlier rounds stay for the SOP performance report.
- UnitSubmission (Formulir unit): the form of one unit for the period: draft → diajukan →
  divalidasi (unit head) | dikembalikan (with the reason) → disetujui (Kepala) → dikunci.
  Locked data changes only through an approved RevisionRequest, which opens a new version.
- Realisasi: one indicator row of a unit form (target snapshot, realisasi, narrative), with evidence.
- BudgetRealisasi: one program row of a unit form (pagu snapshot, realisasi anggaran of the period).
- Evidence (bukti dukung): content-checked, hashed upload; a replacement keeps the old file.
- Meeting, Notification, HariLibur (local holiday table for cuti bersama and closures).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from sakip.core.formats import angka
from sakip.core.models import DomainModel
from sakip.core.numbers import DecimalField
from sakip.sop.actions import CHOICES

from .filetypes import KINDS
from .policies import can_view_submission

TW_LABELS = {0: "Tahunan", 1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}


class HariLibur(DomainModel):
    """A local calendar entry: cuti bersama or a closure the holiday package does not know, or a
    working day on a date that would otherwise be off (kind "masuk")."""

    class Kind(models.TextChoices):
        CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
        LIBUR_DAERAH = "libur_daerah", _("Libur daerah / kantor tutup")
        MASUK = "masuk", _("Hari kerja pengganti (masuk)")

    date = models.DateField(_("Tanggal"), unique=True)
    name = models.CharField(_("Keterangan"), max_length=200)
    kind = models.CharField(_("Jenis"), max_length=14, choices=Kind.choices, default=Kind.CUTI_BERSAMA)
    source = models.CharField(
        _("Dasar"),
        max_length=200,
        blank=True,
        help_text=_("Mis. SKB 3 Menteri tentang Hari Libur Nasional dan Cuti Bersama."),
    )

    class Meta:
        verbose_name = _("Hari libur lokal")
        verbose_name_plural = _("Hari libur lokal")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"

    def get_opd_id(self):
        return None

    def get_scope_unit(self):
        return None


class Period(ConcurrentTransitionMixin, DomainModel):
    class Status(models.TextChoices):
        BERJALAN = "berjalan", _("Berjalan")
        SELESAI = "selesai", _("Selesai")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    url_prefix = "period"
    opd = models.ForeignKey(
        "organization.OPD", on_delete=models.PROTECT, related_name="measurement_periods", verbose_name=_("OPD")
    )
    year = models.PositiveSmallIntegerField(_("Tahun"))
    triwulan = models.PositiveSmallIntegerField(
        _("Periode"), choices=[(k, v) for k, v in TW_LABELS.items()], help_text=_("1–4 = triwulan, 0 = tahunan.")
    )
    sop_version = models.ForeignKey(
        "sop.SopVersion",
        on_delete=models.PROTECT,
        related_name="measurement_periods",
        verbose_name=_("SOP yang dijalankan"),
    )
    sop_label = models.CharField(_("SOP"), max_length=300, blank=True)
    status = FSMField(_("Status"), max_length=12, choices=Status.choices, default=Status.BERJALAN, protected=True)
    start_date = models.DateField(_("Tanggal mulai"))
    started_at = models.DateTimeField(_("Dimulai pada"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Dimulai oleh"),
    )
    entry_opened_at = models.DateTimeField(_("Pengisian dibuka"), null=True, blank=True)
    finished_at = models.DateTimeField(_("Selesai pada"), null=True, blank=True)
    cancel_reason = models.TextField(_("Alasan pembatalan"), blank=True)
    dpk_document = models.ForeignKey(
        "documents.ArchivedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Dokumen Pengukuran Kinerja"),
    )
    cover_letter = models.ForeignKey(
        "documents.ArchivedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Surat pengantar"),
    )

    class Meta:
        verbose_name = _("Periode pengukuran")
        verbose_name_plural = _("Periode pengukuran")
        ordering = ["-year", "-triwulan", "opd"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "year", "triwulan"], condition=~Q(status="dibatalkan"), name="uniq_measurement_period"
            ),
        ]

    def __str__(self):
        return f"Pengukuran {self.tw_label} {self.year} {self.opd}"

    def get_scope_unit(self):
        return None

    @property
    def tw_label(self):
        return TW_LABELS.get(self.triwulan, str(self.triwulan))

    @property
    def is_open(self):
        return self.status == self.Status.BERJALAN

    @property
    def entry_open(self):
        return self.is_open and self.entry_opened_at is not None

    @property
    def quarters(self) -> list[int]:
        """The triwulan whose realisasi make up this period's cumulative figures (0 = tahunan)."""
        return list(range(1, self.triwulan + 1)) if self.triwulan else []

    @transition(field=status, source=Status.BERJALAN, target=Status.SELESAI)
    def finish(self):
        pass

    @transition(field=status, source=Status.BERJALAN, target=Status.DIBATALKAN)
    def cancel(self):
        pass


class Task(ConcurrentTransitionMixin, DomainModel):
    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu")
        AKTIF = "aktif", _("Aktif")
        SELESAI = "selesai", _("Selesai")
        DILEWATI = "dilewati", _("Dilewati")

    class Decision(models.TextChoices):
        YA = "ya", _("Ya")
        TIDAK = "tidak", _("Tidak")

    url_prefix = "task"
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("Periode"))
    step = models.ForeignKey(
        "sop.Step", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("Langkah SOP")
    )
    number = models.PositiveSmallIntegerField(_("No. langkah"))
    round = models.PositiveSmallIntegerField(_("Putaran"), default=1)
    uraian = models.TextField(_("Uraian"))
    kind = models.CharField(_("Bentuk"), max_length=10, default="process")
    action = models.CharField(_("Aksi sistem"), max_length=24, default="none")
    ya_ke = models.PositiveSmallIntegerField(null=True, blank=True)
    tidak_ke = models.PositiveSmallIntegerField(null=True, blank=True)
    standard_minutes = DecimalField(_("Waktu baku (menit)"), max_digits=10, decimal_places=2, default=0)
    kelengkapan = models.CharField(_("Kelengkapan"), max_length=255, blank=True)
    output_label = models.CharField(_("Output baku"), max_length=255, blank=True)
    lanes_label = models.CharField(_("Pelaksana"), max_length=300, blank=True)
    unit = models.ForeignKey(
        "organization.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Unit")
    )
    position = models.ForeignKey(
        "organization.Position",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Jabatan pelaksana"),
    )
    assignees = models.ManyToManyField(
        "organization.Employee", blank=True, related_name="measurement_tasks", verbose_name=_("Pelaksana")
    )
    status = FSMField(_("Status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU, protected=True)
    activated_at = models.DateTimeField(_("Mulai"), null=True, blank=True)
    due_at = models.DateTimeField(_("Batas waktu"), null=True, blank=True)
    completed_at = models.DateTimeField(_("Selesai pada"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Diselesaikan oleh"),
    )
    completed_by_name = models.CharField(_("Diselesaikan oleh"), max_length=200, blank=True)
    decision = models.CharField(_("Keputusan"), max_length=6, choices=Decision.choices, blank=True)
    output_text = models.TextField(_("Output"), blank=True)
    output_file = models.FileField(_("Berkas output"), upload_to="pengukuran/output/%Y/", blank=True, max_length=300)
    output_document = models.ForeignKey(
        "documents.ArchivedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Dokumen output"),
    )
    data = models.JSONField(_("Isian aksi"), default=dict, blank=True)
    note = models.TextField(_("Catatan"), blank=True)
    reminded_at = models.DateTimeField(_("Pengingat terakhir"), null=True, blank=True)

    class Meta:
        verbose_name = _("Tugas pengukuran")
        verbose_name_plural = _("Tugas pengukuran")
        ordering = ["period", "round", "number", "unit__order", "pk"]
        indexes = [models.Index(fields=["period", "status"]), models.Index(fields=["status", "due_at"])]

    def __str__(self):
        unit = f" — {self.unit.short_name or self.unit.name}" if self.unit_id else ""
        return f"{self.number}. {self.uraian[:80]}{unit}"

    def get_opd_id(self):
        return self.period.opd_id

    def get_scope_unit(self):
        return None

    @property
    def is_active(self):
        return self.status == self.Status.AKTIF

    @property
    def action_label(self):
        return dict(CHOICES).get(self.action, self.action)

    @property
    def is_done(self):
        return self.status in (self.Status.SELESAI, self.Status.DILEWATI)

    @transition(field=status, source=Status.MENUNGGU, target=Status.AKTIF)
    def activate(self):
        pass

    @transition(field=status, source=Status.AKTIF, target=Status.SELESAI)
    def complete(self):
        pass

    @transition(field=status, source=[Status.MENUNGGU, Status.AKTIF], target=Status.DILEWATI)
    def skip(self):
        pass


class UnitSubmission(ConcurrentTransitionMixin, DomainModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DIVALIDASI = "divalidasi", _("Divalidasi")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
        DISETUJUI = "disetujui", _("Disetujui")
        DIKUNCI = "dikunci", _("Dikunci")

    EDITABLE = {State.DRAFT, State.DIKEMBALIKAN}
    SUBMITTED = {State.DIAJUKAN, State.DIVALIDASI, State.DISETUJUI, State.DIKUNCI}
    VALIDATED = {State.DIVALIDASI, State.DISETUJUI, State.DIKUNCI}

    url_prefix = "submission"
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("Periode"))
    unit = models.ForeignKey(
        "organization.Unit", on_delete=models.PROTECT, related_name="measurement_submissions", verbose_name=_("Unit")
    )
    order = models.PositiveSmallIntegerField(default=0)
    state = FSMField(_("Status"), max_length=14, choices=State.choices, default=State.DRAFT, protected=True)
    version = models.PositiveSmallIntegerField(_("Versi"), default=1)
    distributed_at = models.DateTimeField(_("Formulir dikirim"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("Diajukan pada"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Diajukan oleh"),
    )
    validated_at = models.DateTimeField(_("Divalidasi pada"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Divalidasi oleh"),
    )
    returned_at = models.DateTimeField(_("Dikembalikan pada"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Dikembalikan oleh"),
    )
    return_reason = models.TextField(_("Alasan dikembalikan"), blank=True)
    approved_at = models.DateTimeField(_("Disetujui pada"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Disetujui oleh"),
    )
    locked_at = models.DateTimeField(_("Dikunci pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("Formulir pengukuran unit")
        verbose_name_plural = _("Formulir pengukuran unit")
        ordering = ["period", "order", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="uniq_submission_unit")]

    def __str__(self):
        return f"{self.unit} — {self.period.tw_label} {self.period.year}"

    def get_opd_id(self):
        return self.period.opd_id

    def get_scope_unit(self):
        return self.unit

    def user_can_view(self, user) -> bool:
        """Finer than the OPD scope: another unit's draft stays hidden (used by the history page)."""
        return can_view_submission(user, self)

    @property
    def is_editable(self):
        return self.state in self.EDITABLE

    @property
    def is_submitted(self):
        return self.state in self.SUBMITTED

    @property
    def is_validated(self):
        return self.state in self.VALIDATED

    @property
    def state_badge(self):
        return {
            "draft": "secondary",
            "diajukan": "info",
            "divalidasi": "primary",
            "dikembalikan": "warning",
            "disetujui": "success",
            "dikunci": "dark",
        }.get(self.state, "secondary")

    @transition(field=state, source=[State.DRAFT, State.DIKEMBALIKAN], target=State.DIAJUKAN)
    def submit(self):
        pass

    @transition(field=state, source=State.DIAJUKAN, target=State.DIVALIDASI)
    def validate(self):
        pass

    @transition(field=state, source=[State.DIAJUKAN, State.DIVALIDASI, State.DISETUJUI], target=State.DIKEMBALIKAN)
    def send_back(self):
        pass

    @transition(field=state, source=State.DIVALIDASI, target=State.DISETUJUI)
    def approve(self):
        pass

    @transition(field=state, source=State.DISETUJUI, target=State.DIKUNCI)
    def lock(self):
        pass

    @transition(field=state, source=State.DIKUNCI, target=State.DRAFT)
    def reopen(self):
        pass


class SubmissionRowMixin:
    """Scope of a row of a unit submission: its period's OPD, its unit, and the draft rule
    (another bidang's entries stay hidden before submission)."""

    def get_opd_id(self):
        return self.submission.period.opd_id

    def get_scope_unit(self):
        return self.submission.unit

    def user_can_view(self, user) -> bool:
        return can_view_submission(user, self.submission)


class Realisasi(SubmissionRowMixin, DomainModel):
    """One indicator row of a unit form: the target snapshot taken when the forms were prepared,
    the realisasi and its narrative. `revision` guards against saving a stale form."""

    url_prefix = "realisasi"
    submission = models.ForeignKey(
        UnitSubmission, on_delete=models.CASCADE, related_name="rows", verbose_name=_("Formulir unit")
    )
    indicator = models.ForeignKey(
        "planning.Indicator", on_delete=models.PROTECT, related_name="realisasi", verbose_name=_("Indikator")
    )
    order = models.PositiveIntegerField(default=0)
    # Snapshot of the plan (PK and cascade) when the form was prepared.
    code = models.CharField(_("Kode"), max_length=30, blank=True)
    name = models.CharField(_("Indikator"), max_length=500)
    node_statement = models.CharField(_("Kinerja"), max_length=500, blank=True)
    level = models.PositiveSmallIntegerField(_("Tingkat"), default=1)
    satuan = models.CharField(_("Satuan"), max_length=40, blank=True)
    polarity = models.CharField(_("Polaritas"), max_length=8, default="max")
    aggregation = models.CharField(_("Agregasi"), max_length=8, default="last")
    cumulative_targets = models.BooleanField(default=False)
    precision = models.PositiveSmallIntegerField(default=2)
    scale = models.JSONField(
        _("Skala predikat"), default=list, blank=True, help_text=_("[[label, skor], …] untuk target kualitatif.")
    )
    target_year = DecimalField(_("Target tahunan"), max_digits=18, decimal_places=4, null=True, blank=True)
    target_max = DecimalField(_("Batas atas target"), max_digits=18, decimal_places=4, null=True, blank=True)
    target_text = models.CharField(_("Target kualitatif"), max_length=60, blank=True)
    quarters = models.JSONField(_("Target TW I–IV"), default=list, blank=True)
    quarters_max = models.JSONField(_("Batas atas target TW I–IV"), default=list, blank=True)
    allow_negative = models.BooleanField(_("Dapat bernilai negatif"), default=False)
    whole_number = models.BooleanField(_("Bilangan bulat"), default=False)
    in_pk = models.BooleanField(_("Tercantum di PK"), default=False)
    unit_name = models.CharField(_("Unit pemilik"), max_length=200, blank=True)
    # Entered by the unit.
    value = DecimalField(_("Realisasi"), max_digits=18, decimal_places=4, null=True, blank=True)
    value_text = models.CharField(_("Realisasi (kualitatif)"), max_length=60, blank=True)
    faktor_pendukung = models.TextField(_("Faktor pendukung"), blank=True)
    faktor_penghambat = models.TextField(_("Faktor penghambat"), blank=True)
    kendala = models.TextField(_("Kendala"), blank=True)
    tindak_lanjut = models.TextField(_("Tindak lanjut"), blank=True)
    revision = models.PositiveIntegerField(_("Revisi"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Diubah oleh"),
    )

    class Meta:
        verbose_name = _("Realisasi indikator")
        verbose_name_plural = _("Realisasi indikator")
        ordering = ["submission", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["submission", "indicator"], name="uniq_realisasi_indicator")]

    def __str__(self):
        return f"{self.name} — {self.submission}"

    @property
    def is_qualitative(self):
        return bool(self.scale)

    @property
    def is_binary(self):
        return self.polarity == "binary"

    @property
    def has_value(self):
        return self.value is not None or bool(self.value_text)

    def display_value(self):
        if self.value_text:
            return self.value_text
        if self.value is None:
            return ""
        return angka(self.value, self.precision)


class BudgetRealisasi(SubmissionRowMixin, DomainModel):
    """One program row of a unit form: the pagu of the year (snapshot) and the realisasi anggaran of the period."""

    url_prefix = "budget"
    submission = models.ForeignKey(
        UnitSubmission, on_delete=models.CASCADE, related_name="budget_rows", verbose_name=_("Formulir unit")
    )
    item = models.ForeignKey(
        "planning.BudgetItem", on_delete=models.PROTECT, related_name="realisasi_anggaran", verbose_name=_("Program")
    )
    order = models.PositiveIntegerField(default=0)
    code = models.CharField(_("Kode"), max_length=30, blank=True)
    label = models.CharField(_("Program/kegiatan"), max_length=500)
    kinerja = models.ForeignKey(
        "planning.Kinerja",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kinerja yang didukung"),
    )
    pagu = DecimalField(_("Pagu (Rp)"), max_digits=18, decimal_places=2, null=True, blank=True)
    realisasi = DecimalField(
        _("Realisasi anggaran periode ini (Rp)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    revision = models.PositiveIntegerField(_("Revisi"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Diubah oleh"),
    )

    class Meta:
        verbose_name = _("Realisasi anggaran")
        verbose_name_plural = _("Realisasi anggaran")
        ordering = ["submission", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["submission", "item"], name="uniq_budget_realisasi_item")]

    def __str__(self):
        return f"{self.code} {self.label}"


def evidence_path(instance, filename):
    return f"pengukuran/bukti/{timezone.now():%Y/%m}/{instance.sha256[:2]}/{instance.sha256[:16]}-{filename[-80:]}"


class Evidence(DomainModel):
    """A data dukung file of one realisasi row: checked by content, hashed, never overwritten."""

    url_prefix = "evidence"
    realisasi = models.ForeignKey(
        Realisasi, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("Realisasi")
    )
    file = models.FileField(_("Berkas"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("Nama berkas"), max_length=255)
    kind = models.CharField(_("Jenis"), max_length=12)
    content_type = models.CharField(_("Jenis isi"), max_length=120)
    size = models.PositiveIntegerField(_("Ukuran (bita)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    description = models.CharField(_("Keterangan"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Diunggah oleh"),
    )
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("Menggantikan"),
    )
    active = models.BooleanField(_("Berlaku"), default=True)

    class Meta:
        verbose_name = _("Bukti dukung")
        verbose_name_plural = _("Bukti dukung")
        ordering = ["realisasi", "-active", "-pk"]

    def __str__(self):
        return self.original_name

    @property
    def kind_label(self):
        found = KINDS.get(self.kind)
        return found.label if found else self.kind

    def get_opd_id(self):
        return self.realisasi.submission.period.opd_id

    def get_scope_unit(self):
        return self.realisasi.submission.unit

    def user_can_view(self, user) -> bool:
        return can_view_submission(user, self.realisasi.submission)


class RevisionRequest(ConcurrentTransitionMixin, DomainModel):
    class State(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan")
        DISETUJUI = "disetujui", _("Disetujui")
        DITOLAK = "ditolak", _("Ditolak")

    url_prefix = "revision"
    submission = models.ForeignKey(
        UnitSubmission, on_delete=models.CASCADE, related_name="revision_requests", verbose_name=_("Formulir unit")
    )
    reason = models.TextField(_("Alasan revisi"))
    state = FSMField(_("Status"), max_length=10, choices=State.choices, default=State.DIAJUKAN, protected=True)
    from_version = models.PositiveSmallIntegerField(_("Dari versi"))
    requested_at = models.DateTimeField(_("Diajukan pada"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Diajukan oleh"),
    )
    decided_at = models.DateTimeField(_("Diputuskan pada"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Diputuskan oleh"),
    )
    decision_note = models.TextField(_("Catatan keputusan"), blank=True)

    class Meta:
        verbose_name = _("Permintaan revisi")
        verbose_name_plural = _("Permintaan revisi")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"Revisi {self.submission} (versi {self.from_version})"

    def get_opd_id(self):
        return self.submission.period.opd_id

    def get_scope_unit(self):
        return self.submission.unit

    @transition(field=state, source=State.DIAJUKAN, target=State.DISETUJUI)
    def accept(self):
        pass

    @transition(field=state, source=State.DIAJUKAN, target=State.DITOLAK)
    def reject(self):
        pass


class SubmissionVersion(models.Model):
    """The values of a unit form when a version was locked (the Dokumen Pengukuran Kinerja it went into)."""

    submission = models.ForeignKey(UnitSubmission, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveSmallIntegerField(_("Versi"))
    locked_at = models.DateTimeField(_("Dikunci pada"))
    data = models.JSONField(default=dict)
    document = models.ForeignKey(
        "documents.ArchivedDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Versi formulir")
        verbose_name_plural = _("Versi formulir")
        ordering = ["submission", "version"]
        constraints = [models.UniqueConstraint(fields=["submission", "version"], name="uniq_submission_version")]

    def get_opd_id(self):
        return self.submission.period.opd_id

    def get_scope_unit(self):
        return self.submission.unit


class Meeting(DomainModel):
    """The coordination meeting of a period: its invitation and its minutes."""

    url_prefix = "meeting"
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("Periode"))
    date = models.DateField(_("Tanggal rapat"))
    time_text = models.CharField(_("Waktu"), max_length=60, blank=True)
    place = models.CharField(_("Tempat"), max_length=200, blank=True)
    agenda = models.TextField(_("Acara"), blank=True)
    invitees = models.ManyToManyField("organization.Employee", blank=True, related_name="+", verbose_name=_("Diundang"))
    invitation = models.ForeignKey(
        "documents.ArchivedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Undangan"),
    )
    attendees = models.ManyToManyField("organization.Employee", blank=True, related_name="+", verbose_name=_("Hadir"))
    minutes_text = models.TextField(_("Notulen"), blank=True)
    minutes = models.ForeignKey(
        "documents.ArchivedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Dokumen notulen"),
    )
    held_at = models.DateTimeField(_("Dilaksanakan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("Rapat pengukuran")
        verbose_name_plural = _("Rapat pengukuran")
        ordering = ["period", "date"]

    def __str__(self):
        return f"Rapat {self.period} {self.date:%d/%m/%Y}"

    def get_opd_id(self):
        return self.period.opd_id

    def get_scope_unit(self):
        return None


class Notification(models.Model):
    """A message in a user's inbox (and e-mailed): a form sent, a task assigned, a return, a reminder."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="measurement_notifications"
    )
    period = models.ForeignKey(Period, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications")
    task = models.ForeignKey(Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=24, default="info")
    title = models.CharField(_("Judul"), max_length=300)
    body = models.TextField(_("Isi"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("Waktu"))
    read_at = models.DateTimeField(_("Dibaca"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("Dikirim e-mail"), null=True, blank=True)

    class Meta:
        verbose_name = _("Pemberitahuan")
        verbose_name_plural = _("Pemberitahuan")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.title
