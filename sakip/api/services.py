"""Writes of the API app: personal tokens (create, revoke, record use). Each is audited."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.core.permissions import is_admin

from .models import ApiToken

MAX_ACTIVE_TOKENS = 20
MAX_LIFETIME_DAYS = 2 * 366
# A token's last use is written at most this often (one UPDATE, no history row per request).
LAST_USED_RESOLUTION = timedelta(minutes=5)


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _reason(obj, text):
    obj._change_reason = text


@transaction.atomic
def create_token(*, user, name: str, scope: str = ApiToken.Scope.READ, expires_at=None) -> tuple[ApiToken, str]:
    """A new token for `user` → (token, the secret shown once)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Nama token wajib diisi.")
    elif len(name) > 80:
        errors["name"] = _("Nama token paling banyak 80 karakter.")
    if scope not in ApiToken.Scope.values:
        errors["scope"] = _("Cakupan token tidak dikenal.")
    now = timezone.now()
    if expires_at is not None:
        if expires_at <= now:
            errors["expires_at"] = _("Tanggal berakhir harus di masa depan.")
        elif expires_at > now + timedelta(days=MAX_LIFETIME_DAYS):
            errors["expires_at"] = _("Token paling lama berlaku dua tahun.")
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True).exclude(expires_at__lte=now).count()
    if active >= MAX_ACTIVE_TOKENS:
        errors["name"] = _("Anda sudah memiliki %(n)d token aktif; cabut token yang tidak dipakai.") % {
            "n": MAX_ACTIVE_TOKENS
        }
    if errors:
        raise ValidationError(errors)
    raw = secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, prefix=raw[:8], digest=digest(raw), scope=scope, expires_at=expires_at)
    _reason(token, f"Token API dibuat ({token.get_scope_display()})")
    token.save()
    return token, raw


@transaction.atomic
def revoke_token(*, user, token: ApiToken) -> ApiToken:
    """Only the owner (or an administrator) revokes a token; revoking twice is harmless."""
    if token.user_id != getattr(user, "pk", None) and not is_admin(user):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        _reason(token, "Token API dicabut")
        token.save()
    return token


def authenticate(raw: str) -> ApiToken | None:
    """The active token of this secret, or None. Records the use (coarsely) in the audit trail."""
    if not raw or len(raw) > 200:
        return None
    token = ApiToken.objects.select_related("user", "user__opd", "user__unit").filter(digest=digest(raw)).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        token.last_used_at = now
        _reason(token, "Token API dipakai")
        token.save(update_fields=["last_used_at", "updated_at"])
    return token
