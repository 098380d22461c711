"""The signature block is derived from the organisation on the signing date."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sakip.core.formats import tanggal
from sakip.documents.services import signature_block

pytestmark = pytest.mark.django_db


def test_plt_head_in_2022_as_in_the_seed(positions):
    sig = signature_block(positions["kepala"], date(2022, 11, 21))
    assert sig["place_date"] == "Purwokerto, 21 November 2022"
    assert sig["title_lines"] == ["Plt. Kepala Dinsospermasdes Kabupaten Banyumas,"]
    assert sig["name"] == "SUGENG AMIN, SH.MM"
    assert sig["pangkat"] == "Pembina Utama Muda"
    assert sig["nip_line"] == "NIP. 19670128 199302 1 001"


def test_the_definitive_head_on_another_date(positions):
    sig = signature_block(positions["kepala"], date(2021, 1, 18))
    assert sig["place_date"] == "Purwokerto, 18 Januari 2021"
    assert sig["name"] == "Ir. WIDARSO, M.M"
    assert sig["title_lines"] == ["Kepala Dinsospermasdes Kabupaten Banyumas,"]


def test_an_on_behalf_of_the_direct_superior(positions):
    sig = signature_block(positions["sekretaris"], date(2026, 3, 2), on_behalf_of=positions["kepala"])
    assert sig["title_lines"][0] == "a.n. Kepala Dinsospermasdes Kabupaten Banyumas"
    assert sig["title_lines"][1] == "Sekretaris Dinsospermasdes,"  # the OPD's name, not the Kabupaten's
    assert len(sig["title_lines"]) == 2


def test_ub_when_signing_two_levels_below(positions):
    sig = signature_block(positions["kasi"], date(2026, 3, 2), on_behalf_of=positions["kepala"])
    assert sig["title_lines"] == [
        "a.n. Kepala Dinsospermasdes Kabupaten Banyumas",
        "Kepala Bidang Rehabilitasi Sosial Dinsospermasdes,",
        "u.b.",
        f"{sig['title']},",
    ]


def test_an_not_a_superior_is_refused(positions):
    with pytest.raises(ValidationError, match="bukan atasan"):
        signature_block(positions["kepala"], date(2026, 3, 2), on_behalf_of=positions["kasi"])


def test_the_bupati_has_no_nip_line(positions):
    sig = signature_block(positions["bupati"], date(2026, 3, 2))
    assert sig["nip"] == "" and sig["nip_line"] == ""
    assert sig["pangkat"] == ""
    assert sig["name"] == "Ir. H. ARIF PRASETYO, M.M."


def test_no_holder_on_the_date_is_a_clear_error(positions):
    with pytest.raises(ValidationError, match="tidak dipegang oleh siapa pun pada 1 Januari 2010"):
        signature_block(positions["kepala"], date(2010, 1, 1))


@pytest.mark.parametrize(
    "d, text",
    [
        (date(2021, 1, 18), "18 Januari 2021"),
        (date(2022, 2, 28), "28 Februari 2022"),
        (date(2024, 8, 17), "17 Agustus 2024"),
        (date(2022, 12, 31), "31 Desember 2022"),
    ],
)
def test_indonesian_dates(d, text):
    assert tanggal(d) == text
