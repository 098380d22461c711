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
