"""The PK as PDF (F4, letterhead, two signature blocks, Plt., the Bupati without NIP) and DOCX; rendered once per
module."""

import shutil
import subprocess
from io import BytesIO

import pytest
from docx import Document

from sakip.planning import printing


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    from sakip.planning.models import PerjanjianKinerja

    with django_db_blocker.unblock():
        kepala = PerjanjianKinerja.objects.select_related(
            "opd", "opd__pemda", "first_employee__golongan", "second_employee__golongan", "supersedes"
        ).get(year=2022, position__is_opd_head=True, opd__akronim="Dinsospermasdes")
        kabid = (
            PerjanjianKinerja.objects.filter(
                position__name="Kepala Bidang Rehabilitasi Sosial", opd__akronim="Dinsospermasdes"
            )
            .order_by("-year")
            .first()
        )
        return {
            "pdf": printing.pk_pdf(kepala),
            "docx": printing.pk_docx(kabid),
            "kabid_name": kabid.first_employee.full_name,
            "kabid_items": [i.indicator_name for i in kabid.items.all()],
        }


def _text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:  # pragma: no cover - make test-deps installs poppler-utils
        pytest.skip("pdftotext tidak tersedia")
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_pdf_has_the_official_content(rendered):
    text = _text(rendered["pdf"])
    for expected in (
        "PEMERINTAH KABUPATEN BANYUMAS",
        "DINAS SOSIAL DAN PEMBERDAYAAN",
        "PERJANJIAN KINERJA",
        "TAHUN 2022",
        "SUGENG AMIN, SH.MM",
        "Plt. Kepala Dinsospermasdes",
        "Bupati Banyumas",
        "Ir. H. ARIF PRASETYO, M.M.",
        "Pembina Utama Muda",
        "NIP. 19670128 199302 1 001",
        "Pihak Kedua,",
        "Pihak Pertama,",
        "Purwokerto, 31 Januari 2022",
        "Persentase PPKS yang tertangani",
        "Jumlah",
        "Halaman 1 dari 2",
    ):
        assert expected in text, expected
    assert text.count("NIP.") == 2  # only the Kepala has a NIP (twice: page 1 and the annex); the Bupati none


def test_pdf_is_f4(rendered):
    if shutil.which("pdfinfo") is None:  # pragma: no cover
        pytest.skip("pdfinfo tidak tersedia")
    info = subprocess.run(["pdfinfo", "-"], input=rendered["pdf"], capture_output=True, check=True).stdout.decode()
    size = next(line for line in info.splitlines() if line.startswith("Page size:")).split()
    width_mm, height_mm = float(size[2]) / 72 * 25.4, float(size[4]) / 72 * 25.4
    assert round(width_mm) == 215 and round(height_mm) == 330


def test_docx_has_parties_items_and_budget(rendered):
    doc = Document(BytesIO(rendered["docx"]))
    body = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "PERJANJIAN KINERJA" in body and rendered["kabid_name"] in cells
    assert "Pihak Kedua," in cells and "NIP." in cells
    assert rendered["kabid_items"] and all(name in cells for name in rendered["kabid_items"])
    assert "Jumlah" in cells
    section = doc.sections[0]
    assert round(section.page_width.mm) == 215 and round(section.page_height.mm) == 330


@pytest.mark.django_db
def test_download_views(client_for, dinas):
    from sakip.planning.models import PerjanjianKinerja

    pk = PerjanjianKinerja.objects.filter(opd=dinas, position__name="Kepala Bidang Rehabilitasi Sosial").first()
    response = client_for("kabid").get(f"/perencanaan/pk/{pk.pk}/unduh.docx", follow=True)
    assert response.redirect_chain and "/arsip/" in response.redirect_chain[0][0]  # the signed PK's archived DOCX
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client_for("kabid").get(f"/perencanaan/pk/{pk.pk}/unduh.txt").status_code == 404
    assert client_for("bappeda").get(f"/perencanaan/pk/{pk.pk}/unduh.docx").status_code == 404
