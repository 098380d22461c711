"""Login by user name (any letter case) or by NIP (any spelling), behind the sign-in lockout.

Every password sign-in of the application goes through this backend (the login page, the admin's login,
Client.login in tests), so the lockout (sakip.core.lockout) cannot be sidestepped by another login form or by
spelling the account differently: failures are counted for the account the typed text resolves to."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import lockout


class UsernameOrNipBackend(ModelBackend):
    def get_user(self, user_id):
        """The signed-in user of every request, with what every page reads of it (its employee, OPD, unit and
        roles) in the same query plus one, instead of one query each wherever a page first touches them."""
        UserModel = get_user_model()
        user = (
            UserModel._default_manager.select_related("employee", "opd", "unit")
            .prefetch_related("groups")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = lockout.resolve_user(username)
        account = lockout.account_key(username, user)
        ip = lockout.request_ip(request)
        lock = lockout.check(account, ip)
        if lock is not None:
            if request is not None:
                request.sakip_lockout = lock
            # PermissionDenied stops Django trying the other backends; no password is checked while locked.
            raise PermissionDenied(lock.message())
        if user is None:
            get_user_model()().set_password(password)  # same cost as a real check (timing)
            lockout.record_failure(account, ip)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            # With two-factor sign-in the failures are cleared only after the code (sakip.twofactor.services.verify):
            # otherwise the password, known to an attacker, would reset the count of wrong codes.
            from sakip.twofactor.policy import has_device  # core sits below the twofactor app

            if not has_device(user):
                lockout.record_success(account, ip)
            return user
        lockout.record_failure(account, ip)
        return None
