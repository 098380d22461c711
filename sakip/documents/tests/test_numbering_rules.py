"""Numbering formats (pure rules)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.documents import numbering


def test_default_format_gives_the_seed_number():
    assert (
        numbering.format_number(numbering.DEFAULT_FORMAT, urut=7327, tahun=2022, klasifikasi="700") == "700/7327/2022"
    )


def test_sop_format():
    assert numbering.format_number("{klasifikasi}/{urut}", urut=366, tahun=2021, klasifikasi="061.1") == "061.1/366"


def test_other_placeholders_and_padding():
    assert (
        numbering.format_number(
            "{klasifikasi}/{urut:04d}/{opd}/{bulan}/{tahun}",
            urut=7,
            tahun=2026,
            klasifikasi="005",
            opd="Dinsospermasdes",
            bulan=3,
        )
        == "005/0007/Dinsospermasdes/III/2026"
    )


@pytest.mark.parametrize(
    "fmt, message",
    [
        ("{klasifikasi}/{tahun}", "{urut}"),
        ("{nomor}/{urut}", "tidak dikenal"),
        ("{urut}/{urut}", "sekali"),
        ("{urut", "tidak valid"),
    ],
)
def test_invalid_formats_are_refused(fmt, message):
    with pytest.raises(numbering.NumberFormatError, match=message):
        numbering.validate_format(fmt)


def test_klasifikasi_required_when_in_format():
    with pytest.raises(numbering.NumberFormatError):
        numbering.format_number(numbering.DEFAULT_FORMAT, urut=1, tahun=2026)


def test_parse_accepts_typographic_spaces():
    assert numbering.parse_number(numbering.DEFAULT_FORMAT, "700 / 7327 / 2022") == {
        "klasifikasi": "700",
        "urut": 7327,
        "tahun": 2022,
    }
    assert numbering.parse_number("{klasifikasi}/{urut}", "061.1/366") == {"klasifikasi": "061.1", "urut": 366}
    assert numbering.parse_number("{klasifikasi}/{urut}/{tahun}", "000.8.3.3/12/2023")["klasifikasi"] == "000.8.3.3"


def test_parse_rejects_other_shapes():
    assert numbering.parse_number(numbering.DEFAULT_FORMAT, "700/7327") is None
    assert numbering.parse_number(numbering.DEFAULT_FORMAT, "surat 7") is None


@given(
    urut=st.integers(min_value=1, max_value=10**6),
    tahun=st.integers(min_value=2000, max_value=2100),
    klas=st.sampled_from(["700", "061.1", "000.8.3.3", "005"]),
)
def test_format_then_parse_round_trips(urut, tahun, klas):
    text = numbering.format_number(numbering.DEFAULT_FORMAT, urut=urut, tahun=tahun, klasifikasi=klas)
    assert numbering.parse_number(numbering.DEFAULT_FORMAT, text) == {"klasifikasi": klas, "urut": urut, "tahun": tahun}
