"""Bounded numbers (issue 10 item 5): every number a user types is checked against the digits of the model
field it goes into BEFORE it is stored, and a stored number that cannot be read never breaks a page.

SQLite does not enforce `max_digits`: 99999999999999999999999 typed as a realisasi was stored as 1e23 and
every later read of the row failed (HTTP 500). PostgreSQL refuses it, but with a database error (also a 500).
One mechanism serves both:

- `check_digits(value, max_digits, decimal_places)` raises a ValidationError with the Indonesian message
  ("Angka terlalu besar: paling banyak 14 digit sebelum koma", "Terlalu banyak angka di belakang koma:
  paling banyak 4"). `check_field(value, Model, "field")` reads the bounds from the model field; the
  services' number parsers call it so the message appears at the field or the import row.
- `DecimalField` (use it instead of `models.DecimalField`) attaches that check as its validator (so
  ModelForms and DRF ModelSerializers show the same message), repeats it in `get_db_prep_save` as the
  last guard for every write (save, `QuerySet.update`, `bulk_create`), and reads an out-of-range value
  stored earlier (or a PostgreSQL `NaN`) as `Decimal("NaN")` instead of raising. Its migrations state is
  Django's DecimalField, so swapping it in changes no table.
- `is_unreadable(value)`: the test every display uses to show such a value as an error cell with a
  repair link (docs/architecture.md, "Bounded numbers").
"""

from __future__ import annotations

import decimal
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _digits(value: Decimal) -> tuple[int, int]:
    """(digits before the decimal point, digits after it) of a finite Decimal; trailing zeros after the point
    do not count ("82,5000" has one decimal, 1E+2 has three digits)."""
    t = value.normalize().as_tuple()
    n, e = len(t.digits), t.exponent
    if e >= 0:
        return (0 if t.digits == (0,) else n + e), 0
    return max(n + e, 0), -e


def too_big_message(whole: int) -> str:
    return ngettext(
        "Angka terlalu besar: paling banyak %(n)s digit sebelum koma.",
        "Angka terlalu besar: paling banyak %(n)s digit sebelum koma.",
        whole,
    ) % {"n": whole}


def too_many_decimals_message(places: int) -> str:
    if places == 0:
        return _("Angka ini harus bilangan bulat (tanpa angka di belakang koma).")
    return _("Terlalu banyak angka di belakang koma: paling banyak %(n)s.") % {"n": places}


def check_digits(value, max_digits: int | None, decimal_places: int | None, *, decimals: bool = True) -> None:
    """Refuse a finite number that a DecimalField(max_digits, decimal_places) cannot hold exactly
    (`decimals=False`: only the digits before the point, i.e. what would overflow the column)."""
    if value is None or not isinstance(value, Decimal | int) or isinstance(value, bool):
        return
    dec = Decimal(value)
    if not dec.is_finite():
        raise ValidationError(_("Bukan angka yang sah."), code="invalid")
    whole, places = _digits(dec)
    if max_digits is not None:
        allowed_whole = max_digits - (decimal_places or 0)
        if whole > allowed_whole:
            raise ValidationError(too_big_message(allowed_whole), code="max_whole_digits")
    if decimals and decimal_places is not None and places > decimal_places:
        raise ValidationError(too_many_decimals_message(decimal_places), code="max_decimal_places")


def bounds(model, field_name: str) -> tuple[int | None, int | None]:
    field = model._meta.get_field(field_name)
    return field.max_digits, field.decimal_places


def check_field(value, model, field_name: str) -> None:
    check_digits(value, *bounds(model, field_name))


def is_unreadable(value) -> bool:
    """A stored number that could not be read (out of its column's range on SQLite, NaN on PostgreSQL)."""
    return isinstance(value, Decimal) and not value.is_finite()


class BoundedDecimalValidator(DecimalValidator):
    """Django's DecimalValidator with sakip's messages (one rule for forms, API and services)."""

    def __call__(self, value):
        check_digits(value, self.max_digits, self.decimal_places)


class FormDecimalField(forms.DecimalField):
    """forms.DecimalField with sakip's digit messages (what DecimalField.formfield() returns)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators = [v for v in self.validators if type(v) is not DecimalValidator]
        self.validators.append(BoundedDecimalValidator(self.max_digits, self.decimal_places))


class DecimalField(models.DecimalField):
    """models.DecimalField that refuses a number over its digits before storing it (on SQLite as on
    PostgreSQL) and reads an unreadable stored value as Decimal("NaN") (see the module docstring)."""

    @cached_property
    def validators(self):
        return [
            *(v for v in super().validators if type(v) is not DecimalValidator),
            BoundedDecimalValidator(self.max_digits, self.decimal_places),
        ]

    @cached_property
    def context(self):
        # SQLite's converter quantizes a stored value with this context: with no trap an out-of-range value
        # becomes NaN (shown as an error with a repair link) instead of raising InvalidOperation on every read.
        return decimal.Context(prec=self.max_digits, traps=[])

    def get_db_prep_save(self, value, connection):
        if value is not None and not hasattr(value, "resolve_expression"):
            # Whole digits only: extra decimals are rounded by the database as before (computed values);
            # typed ones were refused by the validator / the services' parsers.
            try:
                check_digits(self.to_python(value), self.max_digits, self.decimal_places, decimals=False)
            except ValidationError as exc:
                raise ValidationError({self.attname: exc.messages}) from None
        return super().get_db_prep_save(value, connection)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": FormDecimalField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs
