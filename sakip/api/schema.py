"""OpenAPI: every operation documents the JSON error body of sakip.api.exceptions."""

from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="The message, in Indonesian (English with Accept-Language: en).")
    code = serializers.CharField(help_text="invalid | permission_denied | not_found | stale_revision | …")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Per field (non_field_errors for the whole request).",
    )


ERRORS = {
    "400": "Invalid input (field errors in `errors`).",
    "401": "No or invalid credentials.",
    "403": "Not allowed (e.g. another unit's data, a read-only token writing).",
    "404": "Not found — also another OPD's object.",
    "405": "Method not allowed.",
    "406": "Not acceptable.",
    "409": "Stale revision: someone saved the object since you read it.",
    "415": "Unsupported media type.",
    "429": "Too many requests (rate limit).",
}
READ_ERRORS = {"400", "401", "403", "404", "406", "429"}


class AutoSchema(BaseAutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        ref = self.resolve_serializer(ErrorSerializer, "response").ref
        codes = ERRORS if method.upper() not in ("GET", "HEAD") else {k: ERRORS[k] for k in READ_ERRORS}
        responses = operation.setdefault("responses", {})
        for code, description in codes.items():
            responses.setdefault(code, {"content": {"application/json": {"schema": ref}}, "description": description})
        return operation
