"""Personal API tokens: a user creates and revokes them on the profile page.

Only a SHA-256 digest of the token is stored (the token is a 256-bit random secret, so a plain
digest is enough; the value is shown once, at creation). Creation, use and revocation are in the
audit trail (django-simple-history of this model).
"""

import secrets

from django.conf import settings
from django.core.validators import URLValidator
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


class Event(models.Model):
    """Something another system may want to know (docs/api.md "Events and webhooks"): a document issued, a
    measurement period locked, an LKjIP signed, a recommendation closed. Written once, after the change committed;
    read through /api/v1/events/ (the feed, scoped like every list) and delivered to the webhooks that ask."""

    class Name(models.TextChoices):
        DOCUMENT_ISSUED = "document.issued", _("Dokumen diterbitkan")
        PERIOD_LOCKED = "period.locked", _("Periode pengukuran dikunci")
        LKJIP_SIGNED = "lkjip.signed", _("LKjIP ditandatangani")
        RECOMMENDATION_CLOSED = "recommendation.closed", _("Rekomendasi selesai ditindaklanjuti")

    uid = models.UUIDField(_("ID kejadian"), unique=True, editable=False)
    name = models.CharField(_("Kejadian"), max_length=40, choices=Name.choices, db_index=True)
    opd = models.ForeignKey(
        "organization.OPD", on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("OPD")
    )
    object_type = models.CharField(_("Jenis objek"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("ID objek"))
    data = models.JSONField(_("Data"), default=dict)
    created_at = models.DateTimeField(_("Waktu"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Kejadian")
        verbose_name_plural = _("Kejadian")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["name", "object_type", "object_id"], name="api_event_object")]

    def __str__(self):
        return f"{self.name} {self.object_type}#{self.object_id}"


class WebhookEndpoint(DomainModel):
    """An address that receives events as signed JSON POSTs (administrators only, in /admin/)."""

    name = models.CharField(_("Nama"), max_length=80, help_text=_('Penerima, mis. "Dasbor Kantor Bupati".'))
    url = models.URLField(
        _("Alamat (URL)"),
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("http:// atau https://"),
    )
    secret = models.CharField(
        _("Kunci rahasia"),
        max_length=64,
        editable=False,
        help_text=_("Dipakai penerima untuk memeriksa tanda tangan X-Sakip-Signature."),
    )
    events = models.JSONField(_("Kejadian"), default=list, help_text=_("Kosong = semua kejadian."), blank=True)
    opd = models.ForeignKey(
        "organization.OPD",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Hanya OPD"),
        help_text=_("Kosong = kejadian semua OPD."),
    )
    active = models.BooleanField(_("Aktif"), default=True)

    class Meta:
        verbose_name = _("Webhook")
        verbose_name_plural = _("Webhook")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.secret:
            self.secret = secrets.token_hex(32)
        super().save(*args, **kwargs)

    def wants(self, event) -> bool:
        return (
            self.active
            and (not self.events or event.name in self.events)
            and (self.opd_id is None or self.opd_id == event.opd_id)
        )


class WebhookDelivery(models.Model):
    """One event for one webhook: attempts, the last answer, when to try again."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        DELIVERED = "delivered", _("Terkirim")
        FAILED = "failed", _("Gagal (percobaan habis)")

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("Percobaan"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("Kode jawaban terakhir"), null=True, blank=True)
    last_error = models.CharField(_("Kesalahan terakhir"), max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(_("Percobaan berikutnya"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("Terkirim pada"), null=True, blank=True)
    created_at = models.DateTimeField(_("Dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("Pengiriman webhook")
        verbose_name_plural = _("Pengiriman webhook")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["endpoint", "event"], name="api_delivery_once")]

    def __str__(self):
        return f"{self.event} → {self.endpoint}"
