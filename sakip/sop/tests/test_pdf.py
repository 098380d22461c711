"""The whole SOP as PDF (checked with pdftotext) and DOCX (read back with python-docx)."""

import shutil
import subprocess
from io import BytesIO

import pytest

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) missing"),
]


def _render(nomor, versi):
    from sakip.sop import printing, selectors
    from sakip.sop.models import SopVersion

    version = selectors.version_detail(
        SopVersion.objects.get(sop__opd__akronim="Dinsospermasdes", sop__number=nomor, version=versi).pk
    )
    return printing.sop_pdf(version)


@pytest.fixture(scope="module")
def seed_pdf(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return _render("061.1/366", 1)


@pytest.fixture(scope="module")
def draft_pdf(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return _render("460/RS-01", 1)


def _text(pdf: bytes, *args) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", *args, "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _pages(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _size(pdf: bytes):
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    line = next(line for line in info.splitlines() if line.startswith("Page size:"))
    w, h = line.split(":")[1].split("pts")[0].split("x")
    return float(w), float(h)


def test_identity_page(seed_pdf):
    page1 = " ".join(_text(seed_pdf, "-f", "1", "-l", "1").split())
    for expected in (
        "PEMERINTAH KABUPATEN BANYUMAS",
        "DINAS SOSIAL DAN PEMBERDAYAAN MASYARAKAT DAN DESA",
        "Nomor SOP 061.1/366",
        "Tanggal Pembuatan 18 Januari 2021",
        "Ir. WIDARSO, M.M",
        "Pembina Utama Muda",
        "NIP. 19620728 198901 1 001",
        "PENGUKURAN KINERJA",
        "Dasar Hukum:",
        "Kualifikasi Pelaksana:",
        "Keterkaitan:",
        "SOP Pelaksanaan Pengawasan Internal Secara Berkala",
        "Peralatan/Perlengkapan:",
        "Peringatan:",
        "Pencatatan dan Pendataan:",
        "Kasubag Perencanaa",
    ):
        assert expected in page1, expected


def test_procedure_pages_with_flowchart_text_and_connectors(seed_pdf):
    text = " ".join(_text(seed_pdf).split())
    assert "PROSEDUR SOP PENGUKURAN KINERJA" in text
    for expected in (
        "Uraian Prosedur",
        "Pelaksana",
        "Mutu Baku",
        "Kelengkapan",
        "Waktu",
        "(menit)",
        "Output",
        "Keterangan",
        "Kepala Badan mengoreksi Dokumen Pengukuran Kinerja Dinsospermasdes",
        "Menyampaikan data kinerja kepada Kasubbid Data",
        "SOP Pelaksanaan Rapat",
        "Jumlah waktu 795 menit = 13 jam 15 menit",
        "ke lembar 2",  # the procedure sheets are headed "Lembar n/m", not the PDF page
        "dari lembar 1",
    ):
        assert expected in text, expected


def test_worksheet_and_layout(seed_pdf):
    text = " ".join(_text(seed_pdf).split())
    assert "LEMBAR KERJA IDENTIFIKASI KEGIATAN" in text
    assert "Kabid Perencanaan Umum Dinsospermasdes" in text and "Langkah Awal" in text and "Langkah Akhir" in text
    assert _pages(seed_pdf) == 4
    width, height = _size(seed_pdf)
    assert round(width / 72 * 25.4) == 330 and round(height / 72 * 25.4) == 215  # F4 landscape
    assert "DRAF" not in text


def test_a_draft_is_marked(draft_pdf):
    text = _text(draft_pdf)
    assert "DRAF, belum disahkan" in text and "(belum disahkan)" in text
    assert "Kepala Dinsospermasdes Kabupaten Banyumas" in text


def test_docx_contains_the_whole_sop(seed_v1):
    from docx import Document

    from sakip.sop.docx_export import sop_docx

    doc = Document(BytesIO(sop_docx(seed_v1)))
    cells = " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert (
        "061.1/366" in cells
        and "Ir. WIDARSO, M.M" in cells
        and "Kepala Badan mengoreksi" in cells
        and "LEMBAR" not in cells
    )
    assert "Pengarsipan Dokumen Pengukuran Kinerja." in cells and "795" in cells
    paragraphs = " ".join(p.text for p in doc.paragraphs)
    assert "LEMBAR KERJA IDENTIFIKASI KEGIATAN" in paragraphs and "PROSEDUR SOP PENGUKURAN KINERJA" in paragraphs
    section = doc.sections[0]
    assert round(section.page_width.mm) == 330 and round(section.page_height.mm) == 215
    descriptions = [
        el.get("descr")
        for el in doc.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    ]
    assert sum(1 for d in descriptions if d and d.startswith("Simbol langkah")) == 17  # 14 steps, step 5 in four lanes
