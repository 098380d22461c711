"""Who acts: every service call names its actor, a person or the system (docs/architecture.md "Who acts").

A service never takes ``user=None``. What sakip does by itself — the demo loader, the management commands, the
unit forms a signature approves on the signer's behalf, a background document job nobody started — runs as the
**system user**: a real, inactive login (username ``sistem``, no usable password; created by organization's
migration 0006, and on first use) that the services recognise with ``is_system`` and let through their permission
checks, and that the audit trail records ("Sistem" in Riwayat) like anybody else.

- ``system_user()`` — the system actor.
- ``is_system(user)`` — whether a service may skip the checks meant for people.
- ``require_actor(user)`` — the first line of a service: no actor is a programming error (TypeError), an anonymous
  visitor is refused (PermissionDenied).
- ``acting_as(user)`` — outside a request, the writes inside the block are recorded in history as that user
  (``history_user`` is the ``get_user`` of every ``HistoricalRecords``).
- ``person(user)`` — the user to store in a "by" field (submitted_by, decided_by …): the person, empty for the
  system (the history entry names the system user).

Pure of app imports: the user model is Django's ``AUTH_USER_MODEL``.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied

SYSTEM_USERNAME = "sistem"
SYSTEM_NAME = "Sistem"

_current = ContextVar("sakip_actor", default=None)


def system_user():
    """The system actor: one inactive user that cannot sign in (created by migration; here on first use too)."""
    User = get_user_model()
    user = User.objects.filter(username=SYSTEM_USERNAME).first()
    if user is None:
        user, _created = User.objects.get_or_create(
            username=SYSTEM_USERNAME,
            defaults={"first_name": SYSTEM_NAME, "is_active": False, "password": make_password(None)},
        )
    return user


def is_system(user) -> bool:
    return bool(user is not None and getattr(user, "pk", None) and user.get_username() == SYSTEM_USERNAME)


def require_actor(user):
    """Every service starts here: it must know who acts."""
    if user is None:
        raise TypeError("A service needs an actor: pass the user, or sakip.core.actors.system_user() for the system.")
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    return user


def person(user):
    """The user stored in a "by" field (submitted_by, decided_by …): the person who acted, None for the system."""
    return user if getattr(user, "pk", None) and not is_system(user) else None


@contextmanager
def acting_as(user):
    """Record the writes of the block in history as `user` when no request names who acts."""
    token = _current.set(user)
    try:
        yield user
    finally:
        _current.reset(token)


def current_actor():
    return _current.get()


def history_user(request=None, **kwargs):
    """`get_user` of the history models: the request's user, else the actor of the enclosing `acting_as`."""
    if request is not None and getattr(getattr(request, "user", None), "is_authenticated", False):
        return request.user
    return _current.get()
