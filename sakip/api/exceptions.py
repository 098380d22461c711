"""Errors as JSON: {"detail": message, "code": code, "errors": {field: [messages]}}.

The services raise Django's exceptions; the API maps them once, here:
ValidationError → 400 (409 when it reports a stale revision), PermissionDenied → 403, Http404 → 404.
Messages are in the request's language (Indonesian by default, English with Accept-Language: en).
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

STALE_CODES = {"stale", "stale_revision"}


def _is_stale(exc) -> bool:
    if type(exc).__name__ in {"StaleRevision", "StaleRevisionError", "StaleObjectError"}:
        return True
    codes = set()
    if hasattr(exc, "error_dict"):
        for errors in exc.error_dict.values():
            codes.update(e.code for e in errors)
    elif hasattr(exc, "error_list"):
        codes.update(e.code for e in exc.error_list)
    return bool(codes & STALE_CODES)


def _django_errors(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {("non_field_errors" if k == "__all__" else k): list(v) for k, v in exc.message_dict.items()}
    return {"non_field_errors": list(exc.messages)}


def _first(errors) -> str:
    if isinstance(errors, dict):
        for value in errors.values():
            found = _first(value)
            if found:
                return found
        return ""
    if isinstance(errors, list | tuple):
        for value in errors:
            found = _first(value)
            if found:
                return found
        return ""
    return str(errors)


def _body(detail, code, errors=None):
    body = {"detail": str(detail), "code": code}
    if errors:
        body["errors"] = errors
    return body


def exception_handler(exc, context):
    if _is_stale(exc):
        messages = exc.messages if hasattr(exc, "messages") else [str(exc)]
        return Response(_body(messages[0], "stale_revision"), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        errors = _django_errors(exc)
        return Response(_body(_first(errors), "invalid", errors), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoPermissionDenied):
        message = str(exc) if str(exc) else _("Anda tidak berwenang melakukan tindakan ini.")
        return Response(_body(message, "permission_denied"), status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, Http404):
        return Response(_body(_("Data tidak ditemukan."), "not_found"), status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, ProtectedError):
        message = _("Data tidak dapat dihapus karena masih dipakai oleh data lain.")
        return Response(_body(message, "protected"), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, IntegrityError):
        message = _("Data bertentangan dengan data lain (duplikat). Periksa kembali isian Anda.")
        return Response(_body(message, "conflict"), status=status.HTTP_400_BAD_REQUEST)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        data = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = _body(_first(data) or _("Data tidak valid."), "invalid", data)
    elif isinstance(exc, exceptions.APIException):
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else "error"
        response.data = _body(exc.detail if not isinstance(exc.detail, list | dict) else _first(exc.detail), code)
    return response
