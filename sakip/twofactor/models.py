"""The audit trail of two-factor sign-in: every enrolment, change and reset, with who did it and from where.

The devices themselves are django-otp's (TOTPDevice, StaticDevice with the recovery codes); this log is written
only by sakip.twofactor.services and never edited (its rows have their own history like every domain model)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sakip.core.models import DomainModel


class TwoFactorEvent(DomainModel):
    class Action(models.TextChoices):
        ENROLLED = "enrolled", _("Verifikasi dua langkah diaktifkan")
        CODES_REGENERATED = "codes", _("Kode pemulihan dibuat ulang")
        RECOVERY_USED = "recovery", _("Kode pemulihan dipakai untuk masuk")
        DISABLED = "disabled", _("Verifikasi dua langkah dinonaktifkan")
        RESET = "reset", _("Verifikasi dua langkah diatur ulang oleh administrator")

    user = models.ForeignKey(
        "organization.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("Pengguna")
    )
    username = models.CharField(_("Nama pengguna"), max_length=150)
    action = models.CharField(_("Kejadian"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        "organization.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Dilakukan oleh"),
    )
    actor_name = models.CharField(_("Dilakukan oleh (nama)"), max_length=150, blank=True)
    note = models.CharField(_("Catatan"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("Alamat IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("Kejadian verifikasi dua langkah")
        verbose_name_plural = _("Log verifikasi dua langkah")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.username}: {self.get_action_display()}"
