"""Who must give a second factor, and what a signed-in session still has to do (docs/security.md
"Two-factor sign-in").

- A user with a confirmed TOTP device gives a code (or a recovery code) after the password, always.
- A user of a role in SAKIP_2FA_REQUIRED_ROLES ("Administrator" also covers superusers) without a device is
  sent to enrolment and can use nothing else until enrolled; everybody else may enrol on their own.
- With SAKIP_2FA_DEMO_EXEMPT on, the demo's accounts (the user names `load_demo` creates, still with their
  @demo.sakip.local address) are not required to enrol, so the demo logins work with the password alone.

The step a session still owes is computed once at sign-in (user_logged_in) and kept in the session, so an
ordinary request costs no query; it is computed again when the session has no value yet, and when a session
verified by a device finds the device gone (an administrator's reset). Role changes apply from the next sign-in."""

from __future__ import annotations

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from sakip.core import roles as R
from sakip.organization.demo import DEMO_LOGINS

SESSION_KEY = "sakip_2fa"
VERIFY = "verify"  # the user has a device: the code is still owed
ENROL = "enrol"  # the user's role requires a device and there is none yet
VERIFIED = "verified"  # the code was given in this session
NONE = "none"  # nothing owed: no device, not required

DEMO_EMAIL_DOMAIN = "@demo.sakip.local"


def required_roles() -> set[str]:
    return set(getattr(settings, "SAKIP_2FA_REQUIRED_ROLES", []) or [])


def is_demo_account(user) -> bool:
    return user.username in {name for name, *_rest in DEMO_LOGINS} and (user.email or "").endswith(DEMO_EMAIL_DOMAIN)


def is_exempt(user) -> bool:
    return bool(getattr(settings, "SAKIP_2FA_DEMO_EXEMPT", False)) and is_demo_account(user)


def role_requires(user) -> bool:
    wanted = required_roles()
    if not wanted or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser and R.ADMIN in wanted:
        return True
    return user.has_role(*wanted)


def is_required(user) -> bool:
    """The user's role requires two-factor sign-in and the demo exemption does not apply."""
    return role_requires(user) and not is_exempt(user)


def totp_device(user, confirmed=True):
    qs = TOTPDevice.objects.filter(user=user)
    if confirmed is not None:
        qs = qs.filter(confirmed=confirmed)
    return qs.order_by("pk").first()


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def compute(user) -> str:
    if has_device(user):
        return VERIFY
    if is_required(user):
        return ENROL
    return NONE


def pending(request) -> str | None:
    """VERIFY or ENROL when the signed-in session still owes that step, else None."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return None
    state = request.session.get(SESSION_KEY)
    if state == NONE:
        return None
    if state in (VERIFY, ENROL, VERIFIED) and getattr(user, "is_verified", None) and user.is_verified():
        if state != VERIFIED:
            request.session[SESSION_KEY] = VERIFIED
        return None
    if state == VERIFIED or state is None:
        # Verified by a device that is gone (reset), or a session from before: look again.
        state = request.session[SESSION_KEY] = compute(user)
    return state if state in (VERIFY, ENROL) else None


def refresh(request) -> str | None:
    """Recompute after the user's devices changed (enrolled, disabled) in this session."""
    user = request.user
    if getattr(user, "is_verified", None) and user.is_verified():
        request.session[SESSION_KEY] = VERIFIED
        return None
    request.session[SESSION_KEY] = compute(user)
    return pending(request)


def on_login(sender, request, user, **kwargs):
    """user_logged_in: the password was right (or a test's force_login); note what the session still owes."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = compute(user)
