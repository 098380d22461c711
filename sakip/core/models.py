"""Shared model base: timestamps and the audit trail (django-simple-history) for every domain model."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .actors import history_user


class DomainModel(models.Model):
    """Base of every domain model: created/updated timestamps and a full history ("Riwayat").

    `history` is inherited by every concrete subclass, so each change is recorded with who,
    when and the before → after values (see sakip.core.audit); outside a request "who" is the actor of
    sakip.core.actors.acting_as (the system user for the demo and the commands).
    """

    created_at = models.DateTimeField(_("Dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Diubah"), auto_now=True)
    history = HistoricalRecords(inherit=True, get_user=history_user)

    class Meta:
        abstract = True

    # Scope of an object for permissions: override where the OPD/unit are not direct fields.
    def get_opd_id(self):
        return getattr(self, "opd_id", None)

    def get_scope_unit(self):
        return getattr(self, "unit", None)


class LoginFailure(models.Model):
    """One failed sign-in (sakip.core.lockout). `account` is the user the typed name or NIP resolves to
    ("u<pk>"), or a normalised form of the typed name when it resolves to nobody, so every spelling of one
    account counts together; `ip` is the client address (through the trusted proxy header)."""

    account = models.CharField(max_length=80, db_index=True)
    ip = models.CharField(max_length=45, db_index=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("Kegagalan masuk")
        verbose_name_plural = _("Kegagalan masuk")
        indexes = [models.Index(fields=["account", "ip", "at"], name="core_loginfail_acc_ip_at")]


class BackgroundJob(models.Model):
    """Work too long for a web request, done by the task worker for one user: a large import's preview
    (ImportJob) or a large list export (ExportJob). Its page (`sakip.core.jobs.poll_or_page`) is its owner's
    only and shows the phase in one progress card (core/includes/job_progress.html) until the job is finished.
    Removed after a day (`cleanup_uploads`)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu giliran")
        RUNNING = "running", _("Sedang dikerjakan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    token = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    row_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # What the progress card says (core/includes/job_progress.html); each kind of job names its own.
    running_label = _("Sedang dikerjakan")
    progress_title = _("Sedang dikerjakan")
    progress_aria = _("Kemajuan")
    progress_help = ""
    progress_testid = "job"

    class Meta:
        abstract = True

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def phase(self) -> str:
        """The status as the progress card shows it: what the worker is doing while it runs."""
        return str(self.running_label) if self.status == self.Status.RUNNING else self.get_status_display()


class ImportJob(BackgroundJob):
    """The preview of a large import, run by the task worker (sakip.core.imports, docs/security.md "Bounded
    work"). It holds what is needed to rebuild the importer as its user and, when done, the preview's rows."""

    importer = models.CharField(max_length=200)  # dotted path of the Importer class
    args = models.JSONField(default=list)  # constructor arguments after the user (model refs or plain values)
    result = models.JSONField(default=dict, blank=True)

    running_label = _("Memeriksa baris")
    progress_title = _("Pratinjau sedang diproses")
    progress_aria = _("Kemajuan pratinjau")
    progress_help = _(
        "Berkas besar diperiksa di latar belakang. Halaman ini menampilkan pratinjau begitu selesai; Anda boleh "
        "meninggalkannya dan kembali lewat tautan yang sama."
    )
    progress_testid = "import-job"

    class Meta:
        verbose_name = _("Pratinjau impor")
        verbose_name_plural = _("Pratinjau impor")

    def __str__(self):
        return f"{self.importer} ({self.get_status_display()})"


class ExportJob(BackgroundJob):
    """A list export too large for a web request, written by the task worker (sakip.core.exports): the list's
    address and filters, who asked (the worker runs the list as that user, with the same scope) and, when
    done, the file."""

    path = models.CharField(max_length=500)
    query = models.CharField(max_length=2000, blank=True)
    title = models.CharField(max_length=200, blank=True)
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    filename = models.CharField(max_length=200, blank=True)

    running_label = _("Menyusun berkas")
    progress_title = _("Berkas Excel sedang disusun")
    progress_aria = _("Kemajuan ekspor")
    progress_help = _(
        "Daftar besar disusun di latar belakang. Tautan unduhan muncul di sini begitu selesai; Anda boleh "
        "meninggalkan halaman ini dan kembali lewat tautan yang sama."
    )
    progress_testid = "export-job"

    class Meta:
        verbose_name = _("Ekspor Excel")
        verbose_name_plural = _("Ekspor Excel")

    def __str__(self):
        return f"{self.title or self.path} ({self.get_status_display()})"


class ScheduledRun(models.Model):
    """One run of a scheduled job on one day (`manage.py scheduler`, sakip.core.scheduler). The unique (job, day)
    pair makes each job run once a day however many schedulers run; the row is the job's log."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Dalam antrean")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    job = models.CharField(_("Pekerjaan"), max_length=60)
    day = models.DateField(_("Hari"))
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    queued_at = models.DateTimeField(_("Masuk antrean"), auto_now_add=True)
    finished_at = models.DateTimeField(_("Selesai pada"), null=True, blank=True)
    output = models.TextField(_("Keluaran"), blank=True)

    class Meta:
        verbose_name = _("Jadwal yang dijalankan")
        verbose_name_plural = _("Jadwal yang dijalankan")
        ordering = ["-day", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="core_scheduledrun_once_a_day")]

    def __str__(self):
        return f"{self.job} {self.day:%d/%m/%Y}"
