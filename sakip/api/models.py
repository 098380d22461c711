"""Personal API tokens: a user creates and revokes them on the profile page.

Only a SHA-256 digest of the token is stored (the token is a 256-bit random secret, so a plain
digest is enough; the value is shown once, at creation). Creation, use and revocation are in the
audit trail (django-simple-history of this model).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakip.core.models import DomainModel
from sakip.core.permissions import is_admin


class ApiToken(DomainModel):
    class Scope(models.TextChoices):
        READ = "read", _("Hanya baca")
        WRITE = "write", _("Baca dan tulis")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("Pengguna")
    )
    name = models.CharField(_("Nama token"), max_length=80, help_text=_('Untuk apa token ini, mis. "Dasbor Bupati".'))
    prefix = models.CharField(_("Awalan"), max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(_("Cakupan"), max_length=8, choices=Scope.choices, default=Scope.READ)
    expires_at = models.DateTimeField(_("Berlaku sampai"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("Terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("Dicabut"), null=True, blank=True)

    class Meta:
        verbose_name = _("Token API")
        verbose_name_plural = _("Token API")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def get_opd_id(self):
        return self.user.opd_id

    def get_scope_unit(self):
        return None

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_active(self):
        return self.revoked_at is None and not self.is_expired

    @property
    def can_write(self):
        return self.scope == self.Scope.WRITE

    def user_can_view(self, user):
        """Only the owner (and an administrator) sees a token and its history."""
        return self.user_id == getattr(user, "pk", None) or is_admin(user)
