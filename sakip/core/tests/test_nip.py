from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.core import nip


def test_seed_nips_are_valid_and_formatted():
    parsed = nip.parse("19670128 199302 1 001")
    assert parsed.digits == "196701281993021001"
    assert parsed.birth_date == date(1967, 1, 28)
    assert parsed.tmt == (1993, 2)
    assert parsed.gender == "L"
    assert parsed.sequence == 1
    assert str(parsed) == "19670128 199302 1 001"
    assert nip.format_nip("196207281989011001") == "19620728 198901 1 001"


@pytest.mark.parametrize(
    "value, message",
    [
        ("1967012819930210", "18 digit"),
        ("19671328 199302 1 001", "tanggal lahir"),
        ("19670128 199313 1 001", "TMT"),
        ("19670128 196601 1 001", "setelah tanggal lahir"),
        ("19670128 199302 3 001", "jenis kelamin"),
        ("19670128 199302 1 000", "000"),
        ("19670128 1993O2 1 001", "angka"),
        ("19670128 197502 1 001", "17 tahun"),
    ],
)
def test_malformed_nips_are_rejected_with_a_reason(value, message):
    with pytest.raises(nip.NipError) as exc:
        nip.parse(value, today=date(2026, 11, 25))
    assert message in str(exc.value)


def test_pppk_number_checks_length_and_birth_date_only():
    assert nip.parse("199204172023212001", nip.PPPK).birth_date == date(1992, 4, 17)
    with pytest.raises(nip.NipError):
        nip.parse("199213172023212001", nip.PPPK)


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(1990, 12, 31)),
    st.integers(18, 35),
    st.integers(1, 12),
    st.sampled_from("12"),
    st.integers(1, 999),
)
def test_any_structurally_valid_pns_nip_round_trips(born, age, month, gender, seq):
    value = f"{born:%Y%m%d}{born.year + age}{month:02d}{gender}{seq:03d}"
    parsed = nip.parse(value, today=date(2030, 1, 1))
    assert parsed.digits == value
    assert nip.normalize(nip.format_nip(value)) == value
