"""Writes of two-factor sign-in (docs/security.md "Two-factor sign-in"): enrolment, the second step, recovery
codes, disabling and the administrator's reset. Each change writes a TwoFactorEvent (the audit trail).

Wrong codes in the second step count in the sign-in lockout (sakip.core.lockout) under the same account and
client address as wrong passwords, and a locked account is not asked for a code; django-otp's own throttling
(a growing wait after each wrong code on a device) stays on as a second brake."""

from __future__ import annotations

import ipaddress
import math
from base64 import b32encode
from dataclasses import dataclass

import django_otp
import segno
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sakip.core import lockout
from sakip.core import roles as R

from . import policy
from .models import TwoFactorEvent

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "Aplikasi autentikator"
STATIC_NAME = "Kode pemulihan"


# --- helpers ------------------------------------------------------------------------------------
def _ip(request):
    if request is None:
        return None
    try:
        return str(ipaddress.ip_address(lockout.request_ip(request)))
    except ValueError:
        return None


def record(user, action, *, actor=None, request=None, note="") -> TwoFactorEvent:
    event = TwoFactorEvent(
        user=user,
        username=user.get_username(),
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=actor.get_username() if getattr(actor, "pk", None) else "",
        note=str(note)[:200],
        ip_address=_ip(request),
    )
    event._change_reason = str(TwoFactorEvent.Action(action).label)
    event.save()
    return event


def normalise_recovery(text: str) -> str:
    return "".join(ch for ch in (text or "").casefold() if ch.isalnum())


def format_recovery(token: str) -> str:
    return f"{token[:4]}-{token[4:]}" if len(token) == 8 else token


def secret_text(device) -> str:
    """The key in base32 as an authenticator app asks for it, in groups of four."""
    b32 = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(b32[i : i + 4] for i in range(0, len(b32), 4))


def qr_svg(device) -> str:
    """The otpauth:// URI as an inline SVG QR code (segno; nothing leaves the server). The SVG holds only the
    drawn modules, no text, so it can be printed as markup."""
    return mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=5, border=2))  # noqa: S308


def recovery_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=STATIC_NAME).count()


def _new_recovery_codes(user) -> list[str]:
    # The same device keeps its id (a session verified with a recovery code stays verified); its codes are replaced.
    device = StaticDevice.objects.filter(user=user, name=STATIC_NAME).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=STATIC_NAME, confirmed=True)
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = []
    while len(codes) < RECOVERY_CODE_COUNT:
        token = StaticToken.random_token()
        if token not in codes:
            codes.append(token)
    StaticToken.objects.bulk_create([StaticToken(device=device, token=t) for t in codes])
    return [format_recovery(t) for t in codes]


def throttle_message(device) -> str | None:
    """django-otp's wait after wrong codes on a device (1, 2, 4, 8 … seconds), as a sentence; None when allowed."""
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    until = (data or {}).get("locked_until")
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds())) if until else 1
    return ngettext(
        "Terlalu banyak kode salah. Tunggu %(s)d detik lalu coba lagi.",
        "Terlalu banyak kode salah. Tunggu %(s)d detik lalu coba lagi.",
        seconds,
    ) % {"s": seconds}


def check_password(request, password: str) -> None:
    """Re-entry of the password before a change: wrong passwords count in the sign-in lockout."""
    user = request.user
    account, ip = lockout.account_key("", user), lockout.request_ip(request)
    lock = lockout.check(account, ip)
    if lock is not None:
        raise ValidationError({"password": lock.message()})
    if not user.check_password(password or ""):
        lockout.record_failure(account, ip)
        raise ValidationError({"password": _("Kata sandi tidak benar.")})


# --- enrolment ------------------------------------------------------------------------------------
@transaction.atomic
def start_enrolment(user) -> TOTPDevice:
    """The unconfirmed device whose QR code the enrolment page shows (the same one until it is confirmed)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    if policy.has_device(user):
        raise ValidationError(_("Verifikasi dua langkah sudah aktif untuk akun ini."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def confirm_enrolment(request, code: str) -> tuple[TOTPDevice, list[str]]:
    """The first code from the app confirms the device; the session counts as verified and the 10 recovery codes
    are returned (to be shown once). A wrong code raises ValidationError (nothing changes)."""
    user = request.user
    digits = "".join((code or "").split())
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            if policy.has_device(user):
                raise ValidationError({"code": _("Verifikasi dua langkah sudah aktif untuk akun ini.")})
            raise ValidationError({"code": _("Muat ulang halaman lalu pindai kode QR yang baru.")})
        wait = throttle_message(device)
        verified = not wait and len(digits) == 6 and digits.isdigit() and device.verify_token(digits)
    if wait:
        raise ValidationError({"code": wait})
    if not verified:
        raise ValidationError(
            {"code": _("Kode tidak cocok. Periksa jam ponsel Anda dan masukkan kode 6 angka yang sedang tampil.")}
        )
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = _new_recovery_codes(user)
        record(user, TwoFactorEvent.Action.ENROLLED, actor=user, request=request)
    django_otp.login(request, device)
    policy.refresh(request)
    return device, codes


def regenerate_recovery_codes(request, password: str) -> list[str]:
    user = request.user
    check_password(request, password)
    if not policy.has_device(user):
        raise ValidationError(_("Verifikasi dua langkah belum aktif."))
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        record(user, TwoFactorEvent.Action.CODES_REGENERATED, actor=user, request=request)
    return codes


def disable(request, password: str) -> None:
    user = request.user
    check_password(request, password)
    with transaction.atomic():
        removed = _remove_devices(user)
        if removed:
            record(user, TwoFactorEvent.Action.DISABLED, actor=user, request=request)
    policy.refresh(request)


def _remove_devices(user) -> int:
    return TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]


@transaction.atomic
def reset(user, *, actor=None, request=None, note="") -> int:
    """An administrator's reset (lost phone): every device and recovery code of `user` is removed; the user enrols
    again at the next sign-in when the role requires it. `actor` None = `manage.py reset_2fa` on the server."""
    if actor is not None and not (actor.is_superuser or actor.has_role(R.ADMIN)):
        raise PermissionDenied
    removed = _remove_devices(user)
    record(user, TwoFactorEvent.Action.RESET, actor=actor, request=request, note=note)
    return removed


# --- the second step ------------------------------------------------------------------------------------
@dataclass
class Outcome:
    ok: bool
    message: str = ""
    locked: bool = False
    recovery_used: bool = False
    recovery_left: int = 0


def verify(request, code: str) -> Outcome:
    """The second step: a 6-digit code from the app, or one recovery code (used once). On success the session is
    verified (django_otp.login) and gets a new key."""
    user = request.user
    account, ip = lockout.account_key("", user), lockout.request_ip(request)
    lock = lockout.check(account, ip)
    if lock is not None:
        return Outcome(False, lock.message(), locked=True)
    text = (code or "").strip()
    digits = "".join(text.split())
    if len(digits) == 6 and digits.isdigit():
        device, token, recovery = policy.totp_device(user), digits, False
    else:
        device = StaticDevice.objects.filter(user=user, name=STATIC_NAME).first()
        token, recovery = normalise_recovery(text), True
    wait = throttle_message(device) if device is not None else None
    if wait:
        return Outcome(False, wait)
    verified = device is not None and token and django_otp.verify_token(user, device.persistent_id, token)
    if not verified:
        lockout.record_failure(account, ip)
        if recovery:
            return Outcome(False, _("Kode pemulihan tidak dikenal atau sudah pernah dipakai."))
        return Outcome(False, _("Kode tidak cocok atau sudah kedaluwarsa. Masukkan kode 6 angka yang sedang tampil."))
    lockout.record_success(account, ip)
    django_otp.login(request, verified)
    request.session.cycle_key()
    policy.refresh(request)
    outcome = Outcome(True)
    if recovery:
        outcome.recovery_used, outcome.recovery_left = True, recovery_left(user)
        record(
            user,
            TwoFactorEvent.Action.RECOVERY_USED,
            actor=user,
            request=request,
            note=_("Sisa %(n)d kode") % {"n": outcome.recovery_left},
        )
    return outcome
