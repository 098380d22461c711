"""Documents: classification codes, numbering register (agenda surat keluar), letters, signing
certificates, the immutable archive and background generation jobs.

Every official document of every app ends in an `ArchivedDocument` through
`sakip.documents.services.issue_document` (data → template → number → sign → archive).
"""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from sakip.core.actors import history_user
from sakip.core.models import DomainModel

from . import numbering


class ImmutableError(ValidationError):
    """Raised on any attempt to change or delete an archived document."""


class Klasifikasi(models.Model):
    """Kode klasifikasi arsip (reference data; Permendagri 78/2012 and 83/2022 schemes side by side)."""

    code = models.CharField(_("Kode"), max_length=20)
    name = models.CharField(_("Nama"), max_length=200)
    parent_code = models.CharField(_("Kode induk"), max_length=20, blank=True)
    scheme = models.CharField(_("Skema"), max_length=40)
    active = models.BooleanField(_("Aktif"), default=True)
    history = HistoricalRecords(
        get_user=history_user
    )  # reference data: who changed a code, when (docs/architecture.md "Audit trail")

    class Meta:
        verbose_name = _("Kode klasifikasi arsip")
        verbose_name_plural = _("Kode klasifikasi arsip")
        ordering = ["scheme", "code"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="uniq_klasifikasi")]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def label(self):
        return f"{self.code} — {self.name} ({self.scheme})"

    def ancestor_codes(self):
        """ "061.1" → ["061.1", "061", "060", "000"] (78/2012); "000.8.3.3" → ["000.8.3.3", "000.8.3", "000.8", "000"]
        (83/2022).
        """
        codes = [self.code]
        code = self.code
        while "." in code:
            code = code.rsplit(".", 1)[0]
            codes.append(code)
        if len(code) == 3 and code.isdigit():
            if code[2] != "0":
                codes.append(code[:2] + "0")
            if code[1:] != "00":
                codes.append(code[0] + "00")
        seen, out = set(), []
        for c in codes:
            if c not in seen:
                seen.add(c)
                out.append(c)
        return out


class RetentionRule(models.Model):
    """Jadwal retensi arsip per kode klasifikasi: years active, years inactive, final disposition.
    The rule of the nearest ancestor code applies; the rule with an empty code is the default."""

    class Disposition(models.TextChoices):
        MUSNAH = "musnah", _("Musnah")
        PERMANEN = "permanen", _("Permanen")
        DINILAI_KEMBALI = "dinilai_kembali", _("Dinilai kembali")

    code = models.CharField(_("Kode klasifikasi"), max_length=20, blank=True, help_text=_("Kosong = aturan bawaan."))
    scheme = models.CharField(_("Skema"), max_length=40, blank=True)
    active_years = models.PositiveSmallIntegerField(_("Retensi aktif (tahun)"))
    inactive_years = models.PositiveSmallIntegerField(_("Retensi inaktif (tahun)"))
    disposition = models.CharField(_("Keterangan akhir"), max_length=20, choices=Disposition.choices)
    note = models.CharField(_("Catatan"), max_length=200, blank=True)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("Aturan retensi")
        verbose_name_plural = _("Aturan retensi")
        ordering = ["scheme", "code"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="uniq_retention_rule")]

    def __str__(self):
        return (
            f"{self.code or _('bawaan')}: {self.active_years}+{self.inactive_years} th, "
            f"{self.get_disposition_display()}"
        )


class DocumentType(models.Model):
    """A kind of document with its number format and register (sequence)."""

    code = models.SlugField(_("Kode"), max_length=40, unique=True)
    name = models.CharField(_("Nama"), max_length=100)
    number_format = models.CharField(
        _("Format nomor"),
        max_length=80,
        default=numbering.DEFAULT_FORMAT,
        help_text=_(
            "Placeholder: {klasifikasi} {urut} {tahun} {bulan} {opd} {unit}. Contoh: {klasifikasi}/{urut}/{tahun}."
        ),
    )
    sequence_key = models.SlugField(
        _("Buku register"),
        max_length=40,
        default="surat-keluar",
        help_text=_("Jenis dokumen dengan register yang sama berbagi nomor urut (per OPD per tahun)."),
    )
    default_klasifikasi = models.ForeignKey(
        Klasifikasi,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Klasifikasi bawaan"),
    )
    is_letter = models.BooleanField(_("Jenis surat (dapat dibuat di menu Surat)"), default=False)
    numbered = models.BooleanField(_("Bernomor"), default=True)
    heavy = models.BooleanField(_("Dibuat di latar belakang"), default=False)
    order = models.PositiveSmallIntegerField(default=50)

    class Signer(models.TextChoices):
        """Who signs (Permendagri 1/2023, docs/documents.md "Who signs"): a letter to the Bupati or outside the OPD
        is signed by the Kepala (or the Plt./Plh. holding the post); internal documents by the official who acts,
        a.n. Kepala when below him."""

        PELAKSANA = "pelaksana", _("Pejabat pelaksana (a.n. Kepala bila di bawahnya)")
        KEPALA = "kepala", _("Kepala OPD (atau Plt./Plh.)")

    signer = models.CharField(_("Penanda tangan"), max_length=12, choices=Signer.choices, default=Signer.PELAKSANA)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("Jenis dokumen")
        verbose_name_plural = _("Jenis dokumen")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        try:
            numbering.validate_format(self.number_format)
        except numbering.NumberFormatError as exc:
            raise ValidationError({"number_format": str(exc)}) from None


class NumberRecord(FSMModelMixin, DomainModel):
    """One line of the agenda surat keluar: a number handed out, registered from outside, or cancelled."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("Terbit")
        EXTERNAL = "external", _("Terdaftar (di luar sakip)")
        CANCELLED = "cancelled", _("Dibatalkan")

    opd = models.ForeignKey(
        "organization.OPD", on_delete=models.PROTECT, related_name="number_records", verbose_name=_("OPD")
    )
    unit = models.ForeignKey(
        "organization.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("Unit")
    )
    year = models.PositiveSmallIntegerField(_("Tahun"))
    sequence_key = models.SlugField(_("Buku register"), max_length=40)
    urut = models.PositiveIntegerField(_("Nomor urut"))
    number = models.CharField(_("Nomor"), max_length=80, db_index=True)
    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("Jenis dokumen")
    )
    klasifikasi = models.ForeignKey(
        Klasifikasi, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Klasifikasi")
    )
    date = models.DateField(_("Tanggal"))
    subject = models.CharField(_("Perihal"), max_length=300)
    recipient = models.CharField(_("Tujuan"), max_length=300, blank=True)
    status = FSMField(_("Status"), max_length=12, choices=Status.choices, default=Status.ISSUED, protected=True)
    cancel_reason = models.TextField(_("Alasan pembatalan"), blank=True)
    cancelled_at = models.DateTimeField(_("Dibatalkan pada"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Dibatalkan oleh"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Dicatat oleh"),
    )

    class Meta:
        verbose_name = _("Nomor surat")
        verbose_name_plural = _("Agenda surat keluar")
        ordering = ["-year", "-urut"]
        constraints = [models.UniqueConstraint(fields=["opd", "year", "sequence_key", "urut"], name="uniq_number_urut")]

    def __str__(self):
        return self.number

    # --- transitions (called only from services.cancel_number) -------------------------------------------
    @transition(field=status, source=[Status.ISSUED, Status.EXTERNAL], target=Status.CANCELLED)
    def cancel(self):
        pass


class SigningCertificate(DomainModel):
    """A signer's certificate and key (PKCS#12 file on the server). Demo certificates come from
    `manage.py make_signing_ca`; a real one (e.g. from BSrE) is configured per employee."""

    class Source(models.TextChoices):
        DEMO = "demo", _("CA demo sakip")
        PKCS12 = "pkcs12", _("PKCS#12 dari penyelenggara sertifikat")

    employee = models.ForeignKey(
        "organization.Employee",
        on_delete=models.PROTECT,
        related_name="signing_certificates",
        verbose_name=_("Pegawai"),
    )
    source = models.CharField(_("Sumber"), max_length=10, choices=Source.choices, default=Source.DEMO)
    p12_path = models.CharField(
        _("Berkas PKCS#12"), max_length=500, help_text=_("Path di server, di luar folder media (mis. var/signing/…).")
    )
    passphrase = models.CharField(
        _("Kata sandi PKCS#12"), max_length=200, blank=True, help_text=_("Kosongkan bila memakai variabel lingkungan.")
    )
    passphrase_env = models.CharField(_("Variabel lingkungan kata sandi"), max_length=100, blank=True)
    subject = models.CharField(_("Subjek"), max_length=300, blank=True)
    issuer = models.CharField(_("Penerbit"), max_length=300, blank=True)
    serial = models.CharField(_("Nomor seri"), max_length=80, blank=True)
    valid_from = models.DateTimeField(_("Berlaku mulai"), null=True, blank=True)
    valid_to = models.DateTimeField(_("Berlaku sampai"), null=True, blank=True)
    active = models.BooleanField(_("Aktif"), default=True)

    class Meta:
        verbose_name = _("Sertifikat tanda tangan elektronik")
        verbose_name_plural = _("Sertifikat tanda tangan elektronik")
        ordering = ["employee__name", "-valid_to"]

    def __str__(self):
        return f"{self.employee} ({self.get_source_display()})"

    def get_opd_id(self):
        return self.employee.opd_id

    def get_scope_unit(self):
        return None


class ArchivedDocumentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableError(_("Arsip dokumen tidak dapat diubah. Terbitkan versi baru."))

    def delete(self):
        raise ImmutableError(_("Arsip dokumen tidak dapat dihapus."))

    def bulk_update(self, objs, fields, batch_size=None):
        raise ImmutableError(_("Arsip dokumen tidak dapat diubah. Terbitkan versi baru."))


class ArchivedDocument(DomainModel):
    """An issued document: never overwritten, never deleted. A new version is a new record with
    `previous` pointing at the one it replaces."""

    opd = models.ForeignKey(
        "organization.OPD", on_delete=models.PROTECT, related_name="archived_documents", verbose_name=_("OPD")
    )
    unit = models.ForeignKey(
        "organization.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Unit")
    )
    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="documents", verbose_name=_("Jenis dokumen")
    )
    klasifikasi = models.ForeignKey(
        Klasifikasi, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Klasifikasi")
    )
    number_record = models.ForeignKey(
        NumberRecord,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("Register nomor"),
    )
    number = models.CharField(_("Nomor"), max_length=80, blank=True, db_index=True)
    subject = models.CharField(_("Perihal"), max_length=300)
    date = models.DateField(_("Tanggal"))
    signer = models.ForeignKey(
        "organization.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Penanda tangan"),
    )
    signer_position = models.ForeignKey(
        "organization.Position",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Jabatan penanda tangan"),
    )
    signer_name = models.CharField(_("Nama penanda tangan"), max_length=200, blank=True)
    signer_title = models.CharField(_("Jabatan penanda tangan"), max_length=300, blank=True)
    file = models.FileField(_("Berkas"), upload_to="arsip/%Y/", max_length=300)
    docx_file = models.FileField(_("Berkas DOCX"), upload_to="arsip/%Y/", max_length=300, blank=True)
    content_type = models.CharField(_("Jenis berkas"), max_length=80, default="application/pdf")
    size = models.PositiveIntegerField(_("Ukuran (bita)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    signed = models.BooleanField(_("Ditandatangani elektronik"), default=False)
    signed_at = models.DateTimeField(_("Waktu tanda tangan"), null=True, blank=True)
    certificate = models.ForeignKey(
        SigningCertificate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("Sertifikat"),
    )
    verification_code = models.CharField(_("Kode verifikasi"), max_length=16, unique=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_versions",
        verbose_name=_("Versi sebelumnya"),
    )
    version = models.PositiveSmallIntegerField(_("Versi"), default=1)
    lampiran = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="attached_to", verbose_name=_("Lampiran")
    )
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    source_id = models.CharField(max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Dibuat oleh"),
    )
    retention_active_until = models.DateField(_("Aktif sampai"), null=True, blank=True)
    retention_until = models.DateField(_("Retensi berakhir"), null=True, blank=True)
    retention_disposition = models.CharField(
        _("Keterangan akhir retensi"), max_length=20, choices=RetentionRule.Disposition.choices, blank=True
    )

    objects = ArchivedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Arsip dokumen")
        verbose_name_plural = _("Arsip dokumen")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["source_type", "source_id"], name="doc_source_idx")]

    def __str__(self):
        return f"{self.doc_type.name} {self.number}".strip() if self.number else f"{self.doc_type.name}: {self.subject}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError(_("Arsip dokumen tidak dapat diubah. Terbitkan versi baru."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(_("Arsip dokumen tidak dapat dihapus."))

    def get_absolute_url(self):
        return reverse("documents:archive_detail", args=[self.pk])

    @property
    def download_url(self):
        return reverse("documents:archive_download", args=[self.pk])

    @property
    def verification_url(self):
        return reverse("verifikasi:verify", args=[self.verification_code])

    @property
    def code_display(self):
        c = self.verification_code
        return f"{c[:4]}-{c[4:]}" if len(c) == 8 else c

    @property
    def is_latest(self):
        return not self.next_versions.exists()

    def retention_phase(self, on=None):
        on = on or date.today()
        if self.retention_until and on > self.retention_until:
            return "selesai"
        if self.retention_active_until and on > self.retention_active_until:
            return "inaktif"
        return "aktif"


class Letter(FSMModelMixin, DomainModel):
    """A letter drafted in sakip (Surat Pernyataan, Surat Pengantar, Nota Dinas, Undangan Rapat,
    Lembar Disposisi, Berita Acara): draft → paraf → numbered → signed (→ archive)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        NUMBERED = "numbered", _("Bernomor")
        SIGNED = "signed", _("Ditandatangani")
        CANCELLED = "cancelled", _("Dibatalkan")

    class Sifat(models.TextChoices):
        BIASA = "Biasa", _("Biasa")
        PENTING = "Penting", _("Penting")
        SEGERA = "Segera", _("Segera")
        RAHASIA = "Rahasia", _("Rahasia")

    opd = models.ForeignKey("organization.OPD", on_delete=models.PROTECT, related_name="letters", verbose_name=_("OPD"))
    unit = models.ForeignKey(
        "organization.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Unit pengonsep"),
    )
    doc_type = models.ForeignKey(
        DocumentType,
        on_delete=models.PROTECT,
        related_name="letters",
        verbose_name=_("Jenis surat"),
        limit_choices_to={"is_letter": True},
    )
    klasifikasi = models.ForeignKey(
        Klasifikasi,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kode klasifikasi"),
    )
    date = models.DateField(_("Tanggal surat"))
    subject = models.CharField(_("Perihal / judul"), max_length=300)
    sifat = models.CharField(_("Sifat"), max_length=10, choices=Sifat.choices, default=Sifat.BIASA)
    lampiran_note = models.CharField(
        _("Lampiran"), max_length=100, blank=True, help_text=_('Mis. "1 (satu) berkas". Kosong = "-".')
    )
    recipient = models.TextField(_("Kepada Yth."), blank=True, help_text=_("Satu penerima per baris."))
    recipient_place = models.CharField(_("Di"), max_length=100, blank=True, default="Tempat")
    body = models.TextField(_("Isi"), blank=True, help_text=_("Paragraf dipisahkan baris kosong."))
    items = models.JSONField(_("Butir"), default=list, blank=True)
    details = models.JSONField(_("Rincian"), default=dict, blank=True)
    closing = models.TextField(_("Penutup"), blank=True)
    signer_position = models.ForeignKey(
        "organization.Position", on_delete=models.PROTECT, related_name="+", verbose_name=_("Jabatan penanda tangan")
    )
    on_behalf_of = models.ForeignKey(
        "organization.Position",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Atas nama (a.n.)"),
        help_text=_("Isi bila menandatangani atas nama atasan."),
    )
    tembusan = models.TextField(_("Tembusan"), blank=True, help_text=_("Satu per baris."))
    lampiran = models.ManyToManyField(
        ArchivedDocument, blank=True, related_name="+", verbose_name=_("Dokumen terlampir")
    )
    state = FSMField(_("Status"), default=State.DRAFT, choices=State.choices, protected=True)
    number_record = models.ForeignKey(
        NumberRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Nomor")
    )
    document = models.ForeignKey(
        ArchivedDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Dokumen terbit"),
    )
    drafter = models.ForeignKey(
        "organization.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Pengonsep"),
    )
    drafter_position = models.ForeignKey(
        "organization.Position",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Jabatan pengonsep"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Dibuat oleh"),
    )

    class Meta:
        verbose_name = _("Surat")
        verbose_name_plural = _("Surat")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.doc_type.name}: {self.subject}"

    def get_absolute_url(self):
        return reverse("documents:letter_detail", args=[self.pk])

    @property
    def number(self):
        return self.number_record.number if self.number_record_id else ""

    @transition(field=state, source=State.DRAFT, target=State.NUMBERED)
    def mark_numbered(self):
        pass

    @transition(field=state, source=[State.DRAFT, State.NUMBERED], target=State.SIGNED)
    def mark_signed(self):
        pass

    @transition(field=state, source=[State.DRAFT, State.NUMBERED], target=State.CANCELLED)
    def mark_cancelled(self):
        pass


class Paraf(DomainModel):
    """Paraf koordinasi: the drafter's and intermediate officials' initials, before the signature."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="parafs", verbose_name=_("Surat"))
    position = models.ForeignKey(
        "organization.Position", on_delete=models.PROTECT, related_name="+", verbose_name=_("Jabatan")
    )
    employee = models.ForeignKey(
        "organization.Employee", on_delete=models.PROTECT, related_name="+", verbose_name=_("Pegawai")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("Catatan"), max_length=300, blank=True)
    at = models.DateTimeField(_("Waktu paraf"), auto_now_add=True)

    class Meta:
        verbose_name = _("Paraf koordinasi")
        verbose_name_plural = _("Paraf koordinasi")
        ordering = ["at"]
        constraints = [models.UniqueConstraint(fields=["letter", "position"], name="uniq_paraf_position")]

    def get_opd_id(self):
        return self.letter.opd_id

    def get_scope_unit(self):
        return self.letter.unit

    @property
    def initials(self):
        return "".join(word[0] for word in self.employee.name.split() if word[:1].isalpha())


class GenerationJob(DomainModel):
    """A document generated in the background (django.tasks, database backend)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        RUNNING = "running", _("Diproses")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    opd = models.ForeignKey("organization.OPD", on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD"))
    unit = models.ForeignKey("organization.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    doc_type = models.CharField(_("Jenis dokumen"), max_length=40)
    subject = models.CharField(_("Perihal"), max_length=300)
    params = models.JSONField(default=dict)
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    task_id = models.CharField(max_length=64, blank=True)
    document = models.ForeignKey(
        ArchivedDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Dokumen")
    )
    error = models.TextField(_("Kesalahan"), blank=True)

    class Meta:
        verbose_name = _("Pembuatan dokumen")
        verbose_name_plural = _("Pembuatan dokumen")
        ordering = ["-pk"]

    def __str__(self):
        return f"{self.doc_type}: {self.subject} ({self.get_status_display()})"
