"""Reading a procedure table pasted from Word/Excel, starting with the seed's own."""

from decimal import Decimal

import pytest

from sakip.sop import actions
from sakip.sop.parsing import TableError, match_column, parse_table


def test_seed_table(seed_tsv):
    table = parse_table(seed_tsv)
    assert table.errors == []
    assert table.lanes == ["Kepala Dinsospermasdes", "Sekretaris", "Sek. Tim Sakip", "Anggota Tim Sakip"]
    assert [s.number for s in table.steps] == list(range(1, 15))
    assert [int(s.waktu) for s in table.steps] == [15, 60, 25, 30, 120, 120, 240, 40, 60, 25, 10, 15, 25, 10]
    assert table.total_minutes == 795
    assert table.waktu_satuan == "menit"
    first = table.steps[0]
    assert (first.uraian, first.kelengkapan, first.output) == (
        "Memerintahkan penyusunan pengukuran Kinerja Dinsospermasdes",
        "Lembar disposisi",
        "disposisi Pimpinan",
    )
    assert table.steps[4].keterangan == "SOP Pelaksanaan Rapat"
    assert first.kind == "start" and table.steps[-1].kind == "end"


def test_seed_rows_9_to_14_lost_a_lane_cell_and_are_aligned_from_the_right(seed_tsv):
    lines = [line for line in seed_tsv.splitlines() if line.startswith(("9.", "10.", "14."))]
    assert all(len(line.split("\t")) == 9 for line in lines)  # one cell fewer than the 10 header columns
    table = parse_table(seed_tsv)
    for step in table.steps[8:]:
        assert step.kelengkapan == "Dokumen Pengukuran Kinerja"
        assert step.output == "Dokumen Pengukuran Kinerja"
        assert step.keterangan == ""
    assert [int(s.waktu) for s in table.steps[8:]] == [60, 25, 10, 15, 25, 10]


def test_seed_steps_without_lane_marks_are_accepted_and_flagged(seed_tsv):
    table = parse_table(seed_tsv)
    assert all(s.lanes == [] for s in table.steps)
    assert all(any("tanpa pelaksana" in w for w in s.warnings) for s in table.steps)
    assert table.ok


def test_actions_are_suggested_from_the_wording(seed_tsv):
    table = parse_table(seed_tsv)
    assert [s.action for s in table.steps] == [
        actions.DISPOSITION,
        actions.PREPARE_FORMS,
        actions.DISTRIBUTE,
        actions.INVITE,
        actions.HOLD_MEETING,
        actions.COLLECT,
        actions.VALIDATE,
        actions.SUBMIT,
        actions.CORRECT,
        actions.REQUEST_APPROVAL,
        actions.SIGN,
        actions.NUMBER_COVER_LETTER,
        actions.COPY,
        actions.ARCHIVE,
    ]


@pytest.mark.parametrize(
    "header,key",
    [
        ("Ouput", "output"),
        ("Output", "output"),
        ("Uraian Prosedur", "uraian"),
        ("Uraian Kegiatan", "uraian"),
        ("No.", "no"),
        ("Waktu (menit)", "waktu"),
        ("Keterangan", "keterangan"),
        ("Kelengkapan", "kelengkapan"),
        ("Persyaratan/Kelengkapan", "kelengkapan"),
        ("Pelaksana", None),
        ("Kepala Dinsospermasdes", None),
    ],
)
def test_headers_are_matched_loosely(header, key):
    assert match_column(header) == key


def test_lane_marks_one_header_row_and_units():
    text = (
        "No\tUraian Prosedur\tKepala\tSekretaris\tKelengkapan\tWaktu\tOutput\tKeterangan\n"
        "1\tMemerintahkan\tv\t\tDisposisi\t15 menit\tPerintah\t\n"
        "2\tMemeriksa\t\tx\tDraf\t2 jam\tDraf benar\t\n"
    )
    table = parse_table(text)
    assert table.lanes == ["Kepala", "Sekretaris"]
    assert [s.lanes for s in table.steps] == [[0], [1]]
    assert [(s.waktu, s.waktu_satuan) for s in table.steps] == [(Decimal(15), "menit"), (Decimal(2), "jam")]
    assert table.total_minutes == 135


def test_short_row_whose_trailing_keterangan_was_dropped_too():
    text = (
        "No\tUraian Prosedur\tA\tB\tKelengkapan\tWaktu (menit)\tOutput\tKeterangan\n"
        "1\tLangkah satu\t\tDokumen\t20\tHasil"
    )  # lost one lane cell and the empty Keterangan
    table = parse_table(text)
    step = table.steps[0]
    assert (step.kelengkapan, step.waktu, step.output) == ("Dokumen", Decimal(20), "Hasil")


def test_decision_branches_and_missing_target():
    header = "No\tUraian Prosedur\tA\tKelengkapan\tWaktu\tOutput\tKeterangan\n"
    ok = parse_table(
        header + "1\tMulai\tx\t\t5\tA\t\n2\tApakah data lengkap?\tx\t\t5\tB\tYa: 3; Tidak: 1\n3\tSelesai\tx\t\t5\tC\t\n"
    )
    decision = ok.steps[1]
    assert (decision.kind, decision.ya_ke, decision.tidak_ke, decision.keterangan) == ("decision", 3, 1, "")
    bad = parse_table(
        header
        + "1\tMulai\tx\t\t5\tA\t\n2\tApakah data lengkap?\tx\t\t5\tB\tYa → 3, Tidak → 9\n3\tSelesai\tx\t\t5\tC\t\n"
    )
    assert not bad.ok
    assert "menuju langkah 9 yang tidak ada" in bad.errors[0].message
    no_branch = parse_table(header + "1\tMulai\tx\t\t5\tA\t\n2\tApakah benar?\tx\t\t5\tB\t\n3\tSelesai\tx\t\t5\tC\t\n")
    assert 'tanpa cabang "Tidak"' in no_branch.errors[0].message


def test_non_numeric_minutes_is_a_row_error(seed_tsv):
    broken = seed_tsv.replace("\t240\t", "\tdua ratus empat puluh\t")
    table = parse_table(broken)
    assert not table.ok
    assert len(table.errors) == 1
    assert "langkah 7" in table.errors[0].message and "bukan angka" in table.errors[0].message


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "Tabel kosong"),
        ("1\tMemerintahkan\t\t15\n", "Judul tabel tidak ditemukan"),
        (
            "No\tUraian Prosedur\tKepala\tKelengkapan\tOutput\n1\tA\tx\tB\tC\n",
            "Kolom tidak ditemukan pada judul tabel: Waktu",
        ),
        ("No\tUraian Prosedur\tKelengkapan\tWaktu\tOutput\n1\tA\tB\t5\tC\n", "Kolom pelaksana tidak ditemukan"),
    ],
)
def test_tables_that_cannot_be_read(text, message):
    with pytest.raises(TableError, match=message):
        parse_table(text)


def test_excel_quoted_multiline_cells_and_continuation_rows():
    text = (
        "No\tUraian Prosedur\tA\tKelengkapan\tWaktu\tOutput\tKeterangan\n"
        '1\t"Menyusun draf\ndokumen"\tx\tData\t30\tDraf\t\n'
        "\tberikutnya juga\t\t\t\t\t\n"
        "2\tSelesai\tx\tDraf\t5\tArsip\t\n"
    )
    table = parse_table(text)
    assert table.errors == []
    assert table.steps[0].uraian == "Menyusun draf dokumen berikutnya juga"


def test_duplicate_numbers_and_a_bad_number():
    header = "No\tUraian Prosedur\tA\tKelengkapan\tWaktu\tOutput\tKeterangan\n"
    dup = parse_table(header + "1\tSatu\tx\t\t5\tA\t\n1\tDua\tx\t\t5\tB\t\n")
    assert any("muncul dua kali" in e.message for e in dup.errors)
    bad = parse_table(header + "1\tSatu\tx\t\t5\tA\tx\nII\tDua\tx\t\t5\tB\t\n")
    assert any("bukan angka" in e.message for e in bad.errors)


def test_total_row_is_ignored():
    header = "No\tUraian Prosedur\tA\tKelengkapan\tWaktu\tOutput\tKeterangan\n"
    table = parse_table(header + "1\tSatu\tx\t\t5\tA\t\n\tJumlah waktu\t\t\t5\t\t\n")
    assert table.errors == [] and len(table.steps) == 1
