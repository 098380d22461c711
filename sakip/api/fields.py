"""Serializer fields shared by every area."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sakip.core import numbers
from sakip.measurement.models import Realisasi
from sakip.measurement.services import parse_number


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key whose choices are what the user may read (another OPD's id → "does not exist")."""

    def __init__(self, selector=None, **kwargs):
        self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if self.selector is None or request is None:
            return super().get_queryset()
        return self.selector(request.user)


@extend_schema_field(
    {"oneOf": [{"type": "number"}, {"type": "string", "maxLength": 60}], "nullable": True, "example": "87.5"}
)
class NumberOrTextField(serializers.Field):
    """A realisasi as entered: a number (12.5, "12,5", "1.234,5"), a predikat label or "ya"/"tidak", or null.
    The service parses it by the indicator's kind; here the JSON type, the size and (before the revision is
    compared) the digits of a number are checked (sakip.core.numbers, the same message as the forms)."""

    default_error_messages = {
        "invalid": _("Isi angka, teks predikat, atau null."),
        "too_long": _("Paling banyak 60 karakter."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | float | str):
            self.fail("invalid")
        if isinstance(data, str) and len(data) > 60:
            self.fail("too_long")
        if isinstance(data, float) and (data != data or data in (float("inf"), float("-inf"))):
            self.fail("invalid")
        text = str(data) if isinstance(data, int | float) else data

        try:
            parse_number(text, "", field=(Realisasi, "value"))
        except ValidationError as exc:
            if getattr(exc, "code", None) in ("max_whole_digits", "max_decimal_places"):
                raise serializers.ValidationError(exc.messages) from None
            # anything else (a predikat, ya/tidak, a negative value …) is the service's to judge
        return text

    def to_representation(self, value):
        return value


class BoundedDecimalField(serializers.DecimalField):
    """serializers.DecimalField whose digit check is sakip.core.numbers' (same Indonesian message as the forms)."""

    def validate_precision(self, value):
        try:
            numbers.check_digits(value, self.max_digits, self.decimal_places)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None
        return value


class StrictMixin:
    """Refuse fields the endpoint does not know (a typo must not be silently ignored)."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: [_("Kolom tidak dikenal.")] for name in unknown[:20]})
        return super().to_internal_value(data)
