"""Sign-in lockout (issue 12 item 2; docs/security.md "Sign-in lockout").

Failures are counted in the database (table core_loginfailure, shared by every worker) over a sliding
window, under three keys, never under the raw typed string:

- account + client address: the account the typed name or NIP resolves to (user name without regard to
  letter case, NIP with spaces/dots/dashes removed) from one client address. PAIR failures (default 5)
  lock that account *for that address only*: the other users behind the same office network keep signing in.
- account: ACCOUNT failures (default 20) from any addresses lock the account for everybody (a slow guess
  spread over many addresses).
- client address: ADDRESS failures (default 50) for any names lock that address (password spraying).

A name that resolves to no account is counted under its normalised spelling, so an unknown name locks
exactly like a real one (no user enumeration). While locked no password is checked and nothing is counted;
the lock ends when the failures age out of the window (WINDOW minutes, default 15). A successful sign-in
clears the failures of that account from that address. `manage.py unlock_login NAME` clears an account.

Settings: SAKIP_LOGIN_LOCKOUT = {"pair": 5, "account": 20, "address": 50, "minutes": 15},
SAKIP_LOGIN_LOCKOUT_ENABLED (on; off under pytest unless a test turns it on). The client address comes
from sakip.core.clientip (the configured trusted proxy header)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import ngettext

from sakip.core.nip import normalize

from .clientip import client_ip
from .models import LoginFailure

DEFAULTS = {"pair": 5, "account": 20, "address": 50, "minutes": 15}


def limits() -> dict:
    return {**DEFAULTS, **getattr(settings, "SAKIP_LOGIN_LOCKOUT", {})}


def enabled() -> bool:
    return getattr(settings, "SAKIP_LOGIN_LOCKOUT_ENABLED", True)


def resolve_user(typed: str):
    """The user a typed name or NIP designates: user name in any letter case, else an 18-digit NIP in any
    spelling ("19700315 199503 1 002", "19700315.199503.1.002")."""
    User = get_user_model()
    typed = (typed or "").strip()
    if not typed:
        return None
    user = User.objects.filter(username__iexact=typed).first()
    if user is None:
        digits = normalize(typed)
        if len(digits) == 18 and not any(ch.isalpha() for ch in typed):
            user = User.objects.filter(employee__nip=digits).first()
    return user


def account_key(typed: str, user=None) -> str:
    if user is not None:
        return f"u{user.pk}"
    typed = (typed or "").strip()
    digits = normalize(typed)
    if len(digits) == 18 and not any(ch.isalpha() for ch in typed):
        return f"n{digits}"
    return "n" + typed.casefold()[:78]


@dataclass
class Lock:
    scope: str  # "pair", "account" or "address"
    until: object  # datetime

    @property
    def minutes(self) -> int:
        return max(1, math.ceil((self.until - timezone.now()).total_seconds() / 60))

    def message(self) -> str:
        m = self.minutes
        if self.scope == "address":
            text = ngettext(
                "Terlalu banyak percobaan masuk yang gagal dari alamat jaringan Anda. Coba lagi dalam %(m)d menit.",
                "Terlalu banyak percobaan masuk yang gagal dari alamat jaringan Anda. Coba lagi dalam %(m)d menit.",
                m,
            )
        elif self.scope == "account":
            text = ngettext(
                "Terlalu banyak percobaan masuk yang gagal untuk akun ini. Akun dikunci sementara; coba lagi "
                "dalam %(m)d menit atau hubungi administrator.",
                "Terlalu banyak percobaan masuk yang gagal untuk akun ini. Akun dikunci sementara; coba lagi "
                "dalam %(m)d menit atau hubungi administrator.",
                m,
            )
        else:
            text = ngettext(
                "Terlalu banyak percobaan masuk yang gagal. Akun ini dikunci sementara dari perangkat Anda; "
                "coba lagi dalam %(m)d menit atau gunakan “Lupa kata sandi”.",
                "Terlalu banyak percobaan masuk yang gagal. Akun ini dikunci sementara dari perangkat Anda; "
                "coba lagi dalam %(m)d menit atau gunakan “Lupa kata sandi”.",
                m,
            )
        return text % {"m": m}


def _failures():
    return LoginFailure.objects


def _lock_from(qs, limit: int, window: timedelta, scope: str) -> Lock | None:
    if limit <= 0:
        return None
    times = list(qs.order_by("-at").values_list("at", flat=True)[:limit])
    if len(times) < limit:
        return None
    return Lock(scope, times[-1] + window)


def check(account: str, ip: str) -> Lock | None:
    """The lock that applies to this account from this address, if any (address, account, then pair)."""
    if not enabled():
        return None
    cfg = limits()
    window = timedelta(minutes=cfg["minutes"])
    recent = _failures().filter(at__gt=timezone.now() - window)
    return (
        _lock_from(recent.filter(ip=ip), cfg["address"], window, "address")
        or _lock_from(recent.filter(account=account), cfg["account"], window, "account")
        or _lock_from(recent.filter(account=account, ip=ip), cfg["pair"], window, "pair")
    )


def record_failure(account: str, ip: str) -> None:
    if not enabled():
        return
    cfg = limits()
    now = timezone.now()
    _failures().filter(at__lt=now - timedelta(minutes=cfg["minutes"])).delete()
    _failures().create(account=account, ip=ip, at=now)


def record_success(account: str, ip: str) -> None:
    if enabled():
        _failures().filter(account=account, ip=ip).delete()


def unlock(account: str) -> int:
    return _failures().filter(account=account).delete()[0]


def request_ip(request) -> str:
    return client_ip(request) if request is not None else "-"
