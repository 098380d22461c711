"""Shared model base: timestamps and the audit trail (django-simple-history) for every domain model."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DomainModel(models.Model):
    """Base of every domain model: created/updated timestamps and a full history ("Riwayat").

    `history` is inherited by every concrete subclass, so each change is recorded with who,
    when and the before → after values (see sakip.core.audit).
    """

    created_at = models.DateTimeField(_("Dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Diubah"), auto_now=True)
    history = HistoricalRecords(inherit=True)

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


class ImportJob(models.Model):
    """The preview of a large import, run by the task worker (sakip.core.imports, docs/security.md "Bounded
    work"). It holds what is needed to rebuild the importer as its user, the phase for the progress
    indicator and, when done, the preview's rows. Removed with its upload after a day (`cleanup_uploads`)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu giliran")
        RUNNING = "running", _("Memeriksa baris")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    token = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    importer = models.CharField(max_length=200)  # dotted path of the Importer class
    args = models.JSONField(default=list)  # constructor arguments after the user (model refs or plain values)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    row_count = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Pratinjau impor")
        verbose_name_plural = _("Pratinjau impor")

    def __str__(self):
        return f"{self.importer} ({self.get_status_display()})"


class ExportJob(models.Model):
    """A list export too large for a web request, written by the task worker (sakip.core.exports): the list's
    address and filters, who asked (the worker runs the list as that user, with the same scope), the phase for
    the progress page and, when done, the file. Removed with its file after a day (`cleanup_uploads`)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu giliran")
        RUNNING = "running", _("Menyusun berkas")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    token = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=500)
    query = models.CharField(max_length=2000, blank=True)
    title = models.CharField(max_length=200, blank=True)
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    row_count = models.PositiveIntegerField(default=0)
    filename = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Ekspor Excel")
        verbose_name_plural = _("Ekspor Excel")

    def __str__(self):
        return f"{self.title or self.path} ({self.get_status_display()})"
