"""Calling a service from a view: the one place that turns a service's ``ValidationError`` (and, where a
page asks for it, ``PermissionDenied``) into form errors or messages.

Two shapes:

- a form view: ``result = call_service(form, services.x, user=..., ...)``; on a ``ValidationError`` the
  errors are added to the form (an error naming one of the form's fields at that field, everything else
  as a non-field error) and ``FAILED`` comes back;
- a POST action: ``result = run_action(request, services.x, user=..., ...)``; on a ``ValidationError`` each
  message becomes a ``messages.error`` and ``FAILED`` comes back.

``FAILED`` is a falsy sentinel; compare with ``is FAILED`` when the service may itself return ``None``,
``0`` or an empty list. ``PermissionDenied`` is not caught unless asked for (``denied_as_message=True``):
by default it keeps answering 403. A service's messages are ``exc.messages`` (Django already flattens a
dict of field errors into one list, in order); nothing here rewrites them.
"""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.utils.translation import gettext as _


class _Failed:
    __slots__ = ()

    def __bool__(self):
        return False

    def __repr__(self):
        return "FAILED"


FAILED = _Failed()


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ``ValidationError`` on ``form``: field errors at the field, the rest non-field."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)
    else:
        form.add_error(None, exc.error_list)


def call_service(form, fn, /, *args, **kwargs):
    """``fn(*args, **kwargs)``; a ``ValidationError`` lands on ``form`` and ``FAILED`` is returned."""
    try:
        return fn(*args, **kwargs)
    except ValidationError as exc:
        add_errors(form, exc)
        return FAILED


def run_action(request, fn, /, *args, denied_as_message: bool = False, **kwargs):
    """``fn(*args, **kwargs)``; each message of a ``ValidationError`` becomes ``messages.error`` and
    ``FAILED`` is returned. With ``denied_as_message`` a ``PermissionDenied`` does the same (its text, or
    "Anda tidak berwenang.") instead of answering 403."""
    try:
        return fn(*args, **kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return FAILED
    except PermissionDenied as exc:
        if not denied_as_message:
            raise
        messages.error(request, str(exc) or _("Anda tidak berwenang."))
        return FAILED
