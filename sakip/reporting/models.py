"""The LKjIP (Laporan Kinerja Instansi Pemerintah) of an OPD for a year, and its reviu by the Inspektorat.

PermenPAN-RB 53/2014 Lampiran II gives its form (docs/rules.md §8): Ikhtisar Eksekutif, Bab I
Pendahuluan, Bab II Perencanaan Kinerja, Bab III Akuntabilitas Kinerja, Bab IV Penutup, Lampiran.
Lampiran III gives the reviu (docs/rules.md §8.4).

- Lkjip: one per OPD and year (a second compilation makes a new version, never a second LKjIP).
  draft → reviu (at the Inspektorat) ⇄ revisi (notes back to the OPD) → direviu (LHR and
  Pernyataan Telah Direviu issued) → ditandatangani (issued through the documents pipeline,
  numbered, signed by the head, archived). An LKjIP made elsewhere can be uploaded: diunggah.
- LkjipVersion: a compilation from the locked annual (or TW IV) measurement: the computed tables
  (`data`, from the figures engine, never typed), the submission versions they were computed
  from (`source_versions`: a later recorded revision makes the LKjIP "perlu diperbarui"), and the
  narrative sections, edited in the browser and audited.
- LkjipSasaran: the per-sasaran narrative of Bab III (causes of success/failure and solutions),
  prefilled from the measurement narratives.
- LkjipReviu, ReviuNote: the Inspektorat's assignment, checklist, notes and documents.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from sakip.core.models import DomainModel
from sakip.planning import pemda_services


class Lkjip(ConcurrentTransitionMixin, DomainModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        REVIU = "reviu", _("Direviu Inspektorat")
        REVISI = "revisi", _("Perbaikan hasil reviu")
        DIREVIU = "direviu", _("Telah direviu")
        DITANDATANGANI = "ditandatangani", _("Ditandatangani dan diarsipkan")
        DIUNGGAH = "diunggah", _("Diunggah (dibuat di luar sakip)")

    EDITABLE = {Status.DRAFT, Status.REVISI}

    url_prefix = "lkjip"
    opd = models.ForeignKey("organization.OPD", on_delete=models.PROTECT, related_name="lkjips", verbose_name=_("OPD"))
    year = models.PositiveSmallIntegerField(_("Tahun"))
    status = FSMField(_("Status"), max_length=16, choices=Status.choices, default=Status.DRAFT, protected=True)
    current = models.ForeignKey(
        "LkjipVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Versi berlaku"),
    )
    document = models.ForeignKey(
        "documents.ArchivedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("LKjIP yang diarsipkan"),
    )
    signed_on_paper = models.BooleanField(
        _("Ditandatangani basah"),
        default=False,
        help_text=_("Untuk LKjIP yang diunggah: naskah aslinya ditandatangani kepala OPD."),
    )
    reviewed_document = models.ForeignKey(
        "documents.ArchivedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Pernyataan Telah Direviu"),
    )

    class Meta:
        verbose_name = _("LKjIP")
        verbose_name_plural = _("LKjIP")
        ordering = ["-year", "opd__name"]
        constraints = [models.UniqueConstraint(fields=["opd", "year"], name="uniq_lkjip_opd_year")]

    def __str__(self):
        return f"LKjIP {self.opd.akronim} {self.year}"

    def get_absolute_url(self):
        return reverse("reporting:lkjip_detail", args=[self.pk])

    def get_scope_unit(self):
        return None

    @property
    def is_editable(self):
        return self.status in self.EDITABLE

    @property
    def status_badge(self):
        return {
            "draft": "secondary",
            "reviu": "info",
            "revisi": "warning",
            "direviu": "primary",
            "ditandatangani": "success",
            "diunggah": "dark",
        }.get(self.status, "secondary")

    @transition(field=status, source=[Status.DRAFT, Status.REVISI], target=Status.REVIU)
    def send_to_reviu(self):
        pass

    @transition(field=status, source=Status.REVIU, target=Status.REVISI)
    def return_for_revision(self):
        pass

    @transition(field=status, source=Status.REVIU, target=Status.DIREVIU)
    def finish_reviu(self):
        pass

    @transition(field=status, source=Status.DIREVIU, target=Status.DITANDATANGANI)
    def sign(self):
        pass

    @transition(field=status, source=[Status.DRAFT, Status.DIUNGGAH], target=Status.DIUNGGAH)
    def mark_uploaded(self):
        pass

    @transition(field=status, source=[Status.DIREVIU, Status.DITANDATANGANI], target=Status.DRAFT)
    def reopen(self):
        """A new version after a recorded revision of the measurement: compiled, reviewed and signed again."""


class LkjipVersion(DomainModel):
    url_prefix = "lkjip_version"
    lkjip = models.ForeignKey(Lkjip, on_delete=models.CASCADE, related_name="versions", verbose_name=_("LKjIP"))
    number = models.PositiveSmallIntegerField(_("Versi"))
    period = models.ForeignKey(
        "measurement.Period",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Pengukuran sumber"),
    )
    source_versions = models.JSONField(_("Versi formulir sumber"), default=dict, blank=True, editable=False)
    data = models.JSONField(_("Tabel terhitung"), default=dict, blank=True, editable=False)
    compiled_at = models.DateTimeField(_("Disusun pada"))
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Disusun oleh"),
    )
    reason = models.CharField(_("Alasan versi baru"), max_length=300, blank=True)
    ikhtisar = models.TextField(_("Ikhtisar Eksekutif"), blank=True)
    pendahuluan = models.TextField(_("Bab I Pendahuluan"), blank=True)
    isu_strategis = models.TextField(_("Isu strategis"), blank=True)
    penutup = models.TextField(_("Bab IV Penutup"), blank=True)
    revision = models.PositiveIntegerField(_("Revisi"), default=0)

    class Meta:
        verbose_name = _("Versi LKjIP")
        verbose_name_plural = _("Versi LKjIP")
        ordering = ["lkjip", "-number"]
        constraints = [models.UniqueConstraint(fields=["lkjip", "number"], name="uniq_lkjip_version")]

    def __str__(self):
        return f"{self.lkjip} versi {self.number}"

    def get_opd_id(self):
        return self.lkjip.opd_id

    def get_scope_unit(self):
        return None


class LkjipSasaran(DomainModel):
    """Bab III (5): causes of success/failure and solutions for one sasaran strategis."""

    url_prefix = "lkjip_sasaran"
    version = models.ForeignKey(LkjipVersion, on_delete=models.CASCADE, related_name="sasaran", verbose_name=_("Versi"))
    node = models.ForeignKey(
        "planning.Kinerja", on_delete=models.PROTECT, related_name="+", verbose_name=_("Sasaran strategis")
    )
    order = models.PositiveSmallIntegerField(default=0)
    analisis = models.TextField(_("Penyebab keberhasilan/kegagalan"), blank=True)
    solusi = models.TextField(_("Solusi dan rencana tindak lanjut"), blank=True)
    revision = models.PositiveIntegerField(_("Revisi"), default=0)

    class Meta:
        verbose_name = _("Analisis sasaran LKjIP")
        verbose_name_plural = _("Analisis sasaran LKjIP")
        ordering = ["version", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "node"], name="uniq_lkjip_sasaran")]

    def __str__(self):
        return f"{self.node} — {self.version}"

    def get_opd_id(self):
        return self.version.lkjip.opd_id

    def get_scope_unit(self):
        return None


class LkjipReviu(ConcurrentTransitionMixin, DomainModel):
    """The reviu assignment of an LKjIP (PermenPAN-RB 53/2014 Lampiran III)."""

    class State(models.TextChoices):
        BERJALAN = "berjalan", _("Berjalan")
        CATATAN = "catatan", _("Catatan dikirim ke OPD")
        SELESAI = "selesai", _("Selesai")

    url_prefix = "lkjip_reviu"
    lkjip = models.OneToOneField(Lkjip, on_delete=models.CASCADE, related_name="reviu", verbose_name=_("LKjIP"))
    state = FSMField(_("Status"), max_length=10, choices=State.choices, default=State.BERJALAN, protected=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Pereviu"),
    )
    assigned_at = models.DateTimeField(_("Ditugaskan pada"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Ditugaskan oleh"),
    )
    checklist = models.JSONField(_("Daftar uji"), default=dict, blank=True)
    differences = models.JSONField(_("Selisih hasil hitung ulang"), default=list, blank=True, editable=False)
    checked_version = models.PositiveSmallIntegerField(_("Versi yang diuji"), null=True, blank=True)
    conclusion = models.TextField(_("Simpulan reviu"), blank=True)
    lhr_document = models.ForeignKey(
        "documents.ArchivedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Laporan Hasil Reviu"),
    )
    statement_document = models.ForeignKey(
        "documents.ArchivedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Pernyataan Telah Direviu"),
    )
    finished_at = models.DateTimeField(_("Selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("Reviu LKjIP")
        verbose_name_plural = _("Reviu LKjIP")
        ordering = ["-assigned_at"]

    def __str__(self):
        return f"Reviu {self.lkjip}"

    def get_opd_id(self):
        return self.lkjip.opd_id

    def get_scope_unit(self):
        return None

    @transition(field=state, source=[State.BERJALAN, State.CATATAN], target=State.CATATAN)
    def send_notes(self):
        pass

    @transition(field=state, source=State.CATATAN, target=State.BERJALAN)
    def resume(self):
        pass

    @transition(field=state, source=State.BERJALAN, target=State.SELESAI)
    def finish(self):
        pass


class ReviuNote(DomainModel):
    """A note of the reviewer to the OPD, and the OPD's answer when it revised."""

    url_prefix = "reviu_note"
    reviu = models.ForeignKey(LkjipReviu, on_delete=models.CASCADE, related_name="notes", verbose_name=_("Reviu"))
    section = models.CharField(_("Bagian"), max_length=120, blank=True)
    text = models.TextField(_("Catatan"))
    version_number = models.PositiveSmallIntegerField(_("Pada versi"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("Dikirim"), null=True, blank=True)
    response = models.TextField(_("Tanggapan OPD"), blank=True)
    resolved = models.BooleanField(_("Sudah ditindaklanjuti"), default=False)

    class Meta:
        verbose_name = _("Catatan reviu")
        verbose_name_plural = _("Catatan reviu")
        ordering = ["reviu", "pk"]

    def __str__(self):
        return self.text[:80]

    def get_opd_id(self):
        return self.reviu.lkjip.opd_id

    def get_scope_unit(self):
        return None


class PemdaLkjip(DomainModel):
    """The LKjIP of the Pemda for a year (docs/rules.md §10): computed from the RPJMD's IKU Pemda and the OPD
    figures that feed them (`reporting.pemda_lkjip`), narratives edited by the Pemda's planners, signed by the
    Bupati through the documents pipeline (numbered in the register of the preparing OPD, Bappeda)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DITANDATANGANI = "ditandatangani", _("Ditandatangani dan diarsipkan")

    NARRATIVES = ("ikhtisar", "pendahuluan", "isu_strategis", "analisis", "penutup")

    pemda = models.ForeignKey(
        "organization.Pemda", on_delete=models.PROTECT, related_name="lkjips", verbose_name=_("Pemda")
    )
    year = models.PositiveSmallIntegerField(_("Tahun"))
    status = FSMField(_("Status"), max_length=16, choices=Status.choices, default=Status.DRAFT, protected=True)
    preparer = models.ForeignKey(
        "organization.OPD",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Perangkat Daerah penyusun"),
        help_text=_("Nomor dokumen diambil dari register OPD ini (Bappeda)."),
    )
    version = models.PositiveSmallIntegerField(_("Versi"), default=1)
    data = models.JSONField(_("Tabel terhitung"), default=dict, editable=False)
    compiled_at = models.DateTimeField(_("Disusun pada"), null=True, blank=True)
    ikhtisar = models.TextField(_("Ikhtisar eksekutif"), blank=True)
    pendahuluan = models.TextField(_("Bab I Pendahuluan"), blank=True)
    isu_strategis = models.TextField(_("Isu strategis"), blank=True)
    analisis = models.TextField(_("Bab III Analisis capaian"), blank=True)
    penutup = models.TextField(_("Bab IV Penutup"), blank=True)
    document = models.ForeignKey(
        "documents.ArchivedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("LKjIP Pemda yang diarsipkan"),
    )

    class Meta:
        verbose_name = _("LKjIP Pemda")
        verbose_name_plural = _("LKjIP Pemda")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["pemda", "year"], name="uniq_pemda_lkjip_year")]

    def __str__(self):
        return f"LKjIP {self.pemda.short_name} {self.year}"

    def get_absolute_url(self):
        return reverse("reporting:pemda_lkjip_detail", args=[self.pk])

    def get_opd_id(self):
        return None

    def get_scope_unit(self):
        return None

    def scope_visible(self, user):
        return pemda_services.can_read(user, self.pemda)

    @property
    def is_editable(self):
        return self.status == self.Status.DRAFT

    @transition(field=status, source=Status.DRAFT, target=Status.DITANDATANGANI)
    def sign(self):
        pass
