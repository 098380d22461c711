"""Import from a DOCX in the standard layout and from the Excel template."""

from datetime import date
from io import BytesIO

import pytest

from sakip.sop import readers
from sakip.sop.docx_export import sop_docx


def _seed_like_docx(mark="√"):
    """A DOCX laid out like the seed: identity table, list table, procedure table with lane marks as text."""
    from docx import Document

    doc = Document()
    ident = doc.add_table(rows=6, cols=3)
    ident.cell(0, 0).merge(
        ident.cell(5, 0)
    ).text = "PEMERINTAH KABUPATEN BANYUMAS\nDINAS SOSIAL DAN PEMBERDAYAAN MASYARAKAT DAN DESA"
    for r, (label, value) in enumerate(
        [
            ("Nomor SOP", "061.1/555"),
            ("Tanggal Pembuatan", "18 Januari 2021"),
            ("Tanggal Revisi", ""),
            ("Tanggal Efektif", "2/1/2023"),
            ("Disahkan oleh", "Ir. WIDARSO, M.M Pembina Utama Muda 19620728 198901 1 001"),
            ("Judul SOP", "Pengukuran Kinerja"),
        ]
    ):
        ident.cell(r, 1).text = label
        ident.cell(r, 2).text = value
    lists = doc.add_table(rows=4, cols=2)
    lists.cell(0, 0).text, lists.cell(0, 1).text = "Dasar Hukum :", "Kualifikasi pelaksana :"
    lists.cell(
        1, 0
    ).text = "1. Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011\n2. Peraturan Bupati Banyumas Nomor 94 Tahun 2021"
    lists.cell(1, 1).text = "1. Mempunyai kemampuan menganalisis kinerja"
    lists.cell(2, 0).text, lists.cell(2, 1).text = "Keterkaitan :", "Peralatan/perlengkapan :"
    lists.cell(3, 0).text, lists.cell(3, 1).text = "1. SOP Pelaksanaan Rapat", "1. Komputer\n2. Printer"
    lanes = ["Kepala Dinsospermasdes", "Sekretaris", "Sek. Tim Sakip"]
    proc = doc.add_table(rows=5, cols=9)
    head = ["No.", "Uraian Prosedur", "Pelaksana", "", "", "Mutu Baku", "", "", "Keterangan"]
    sub = ["", ""] + lanes + ["Kelengkapan", "Waktu (menit)", "Ouput", ""]
    rows = [
        ["1.", "Memerintahkan pengukuran kinerja", mark, "", "", "Lembar disposisi", "15", "Disposisi", ""],
        ["2.", "Menyiapkan formulir", "", "", mark, "Form", "60", "Formulir", ""],
        [
            "3.",
            "Melaksanakan rapat pembahasan",
            mark,
            mark,
            mark,
            "Undangan",
            "120",
            "Notulen",
            "SOP Pelaksanaan Rapat",
        ],
    ]
    for r, values in enumerate([head, sub] + rows):
        for c, value in enumerate(values):
            proc.cell(r, c).text = value
    proc.cell(0, 2).merge(proc.cell(0, 4))
    proc.cell(0, 5).merge(proc.cell(0, 7))
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_docx_in_the_standard_layout():
    result = readers.read_docx(_seed_like_docx())
    assert (result.number, result.judul, result.error) == ("061.1/555", "Pengukuran Kinerja", "")
    assert result.identity["made_on"] == date(2021, 1, 18) and result.identity["effective_on"] == date(2023, 1, 2)
    assert result.identity["dasar_hukum"].splitlines() == [
        "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011",
        "Peraturan Bupati Banyumas Nomor 94 Tahun 2021",
    ]
    assert result.identity["peralatan"] == "Komputer\nPrinter"
    assert result.keterkaitan == ["SOP Pelaksanaan Rapat"] and "WIDARSO" in result.disahkan
    table = result.table
    assert table.lanes == ["Kepala Dinsospermasdes", "Sekretaris", "Sek. Tim Sakip"]
    assert [s.lanes for s in table.steps] == [[0], [2], [0, 1, 2]]
    assert table.total_minutes == 195 and table.steps[1].output == "Formulir"


@pytest.mark.django_db
def test_docx_round_trip_of_sakips_own_export(seed_v2):
    result = readers.read_docx(sop_docx(seed_v2))
    assert result.number == "061.1/366" and result.judul == "Pengukuran Kinerja" and result.error == ""
    assert result.identity["effective_on"] == date(2023, 1, 2) and result.identity["pj_kegiatan"].startswith(
        "Sekretaris Dinsospermasdes"
    )
    table = result.table
    assert table.errors == [] and len(table.steps) == 14 and table.total_minutes == 925
    assert table.lanes == [lane.label for lane in seed_v2.lanes.all()]
    by_number = {s.number: s for s in seed_v2.steps.all()}
    lane_index = {lane.pk: i for i, lane in enumerate(seed_v2.lanes.all())}
    for step in table.steps:
        assert step.lanes == sorted(lane_index[lane.pk] for lane in by_number[step.number].lanes.all()), (
            step.number
        )  # arrows are not marks
    decision = table.steps[8]
    assert (decision.kind, decision.ya_ke, decision.tidak_ke) == ("decision", 10, 8)


def test_excel_template_reads_back():
    result = readers.read_xlsx(readers.template_bytes())
    assert result.number == "061.1/366" and result.identity["peralatan"] == "Komputer\nPrinter"
    table = result.table
    assert table.errors == [] and table.lanes == readers.TEMPLATE_LANES
    assert [(s.kind, s.action, s.utama, s.lanes) for s in table.steps] == [
        ("start", "disposition", False, [0]),
        ("decision", "validate", True, [1]),
        ("end", "archive", False, [2]),
    ]
    assert (table.steps[1].ya_ke, table.steps[1].tidak_ke) == (3, 1)


def test_excel_with_bad_rows_reports_them():
    from openpyxl import load_workbook

    wb = load_workbook(BytesIO(readers.template_bytes()))
    ws = wb["Prosedur"]
    ws["H4"] = "tiga puluh"
    ws["K5"] = "melayang"
    buffer = BytesIO()
    wb.save(buffer)
    table = readers.read_xlsx(buffer.getvalue()).table
    messages = " ".join(e.message for e in table.errors)
    assert '"tiga puluh" bukan angka' in messages and 'bentuk "melayang" tidak dikenal' in messages


@pytest.mark.parametrize(
    "data,reader", [(b"bukan dokumen", readers.read_docx), (b"PK\x03\x04rusak", readers.read_xlsx)]
)
def test_unreadable_files(data, reader):
    with pytest.raises(readers.ReadError):
        reader(data)


def test_docx_without_procedure_table():
    from docx import Document

    doc = Document()
    doc.add_paragraph("Hanya teks")
    buffer = BytesIO()
    doc.save(buffer)
    assert "Tabel prosedur tidak ditemukan" in readers.read_docx(buffer.getvalue()).error


@pytest.mark.parametrize(
    "text,expected",
    [
        ("18 Januari 2021", date(2021, 1, 18)),
        ("2 Jan 2023", date(2023, 1, 2)),
        ("02-01-2023", date(2023, 1, 2)),
        ("2023-01-02", date(2023, 1, 2)),
        ("", None),
    ],
)
def test_dates(text, expected):
    assert readers.parse_date(text) == expected
