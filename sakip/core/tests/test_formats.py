"""The form-input number format (core/formats.angka_input)."""

from decimal import Decimal

import pytest

from sakip.core.formats import angka_input


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("440.0000"), "440"),
        (Decimal("500"), "500"),
        (Decimal("70"), "70"),
        (Decimal("82.5000"), "82,5"),
        (Decimal("0.0010"), "0,001"),
        (Decimal("1234567.25"), "1234567,25"),
        (None, ""),
    ],
)
def test_angka_input_never_writes_an_exponent(value, expected):
    """Form fields are pre-filled with plain numbers ("440", not "4,4E+2")."""
    assert angka_input(value) == expected
