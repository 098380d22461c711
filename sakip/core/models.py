"""Shared model base: timestamps and the audit trail (django-simple-history) for every domain model."""

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
