"""Issue 12 item 4: an xlsx/docx whose archive declares a huge unpacked size is refused from its central
directory, before openpyxl or python-docx decompresses it; imports are bounded in rows."""

import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from sakip.core import bounds

pytestmark = pytest.mark.django_db

HEADERS = ["OPD", "Kode kinerja", "Indikator", "Satuan", "Polaritas", "Agregasi", "Baseline", "Tahun", "Target"]


def _workbook(rows=(), bomb_mb=0) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    if bomb_mb:
        with zipfile.ZipFile(buf, "a", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/media/padding.bin", b"\0" * (bomb_mb * 1024 * 1024))
    return buf.getvalue()


def test_the_archive_check_reads_declared_sizes(settings):
    settings.SAKIP_MAX_UNPACKED_BYTES = 5 * 1024 * 1024
    data = _workbook(bomb_mb=8)
    assert len(data) < 100 * 1024  # small on the wire
    with pytest.raises(bounds.TooLarge, match="terlalu besar"):
        bounds.check_archive(data)
    bounds.check_archive(_workbook())  # an ordinary workbook passes
    bounds.check_archive(b"not a zip")  # left to the reader's own message


def test_a_suspicious_compression_ratio_is_refused_under_the_total_limit(settings):
    settings.SAKIP_MAX_UNPACKED_BYTES = 500 * 1024 * 1024
    with pytest.raises(bounds.TooLarge, match="bom ZIP"):
        bounds.check_archive(_workbook(bomb_mb=8))


def test_the_import_view_refuses_a_zip_bomb_and_stores_nothing(client_for, settings):
    from sakip.core.imports import _upload_dir

    settings.SAKIP_MAX_UNPACKED_BYTES = 5 * 1024 * 1024
    before = set(_upload_dir().iterdir())
    upload = SimpleUploadedFile("bom.xlsx", _workbook(bomb_mb=8))
    response = client_for("kabid").post("/perencanaan/indikator/impor/", {"file": upload})
    assert response.status_code == 400
    assert "terlalu besar" in response.content.decode()
    assert set(_upload_dir().iterdir()) == before


def test_imports_are_bounded_in_rows(client_for, settings):
    settings.SAKIP_MAX_IMPORT_ROWS = 3
    rows = [["", "K1.1", f"Indikator {i}", "orang", "", "", "", 2027, "1"] for i in range(5)]
    response = client_for("kabid").post(
        "/perencanaan/indikator/impor/", {"file": SimpleUploadedFile("banyak.xlsx", _workbook(rows))}
    )
    assert response.status_code == 400 and "lebih dari 3 baris" in response.content.decode()


def test_the_sop_reader_refuses_a_docx_bomb(settings):
    from docx import Document

    from sakip.sop import readers

    settings.SAKIP_MAX_UNPACKED_BYTES = 5 * 1024 * 1024
    buf = BytesIO()
    Document().save(buf)
    with zipfile.ZipFile(buf, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/padding.bin", b"\0" * (8 * 1024 * 1024))
    with pytest.raises(readers.ReadError, match="terlalu besar"):
        readers.read_docx(buf.getvalue())


def test_evidence_upload_refuses_a_bomb(settings):
    from sakip.measurement import filetypes

    settings.SAKIP_MAX_UNPACKED_BYTES = 5 * 1024 * 1024
    data = _workbook(bomb_mb=8)
    with pytest.raises(filetypes.UploadRefused, match="terlalu besar"):
        filetypes.check(BytesIO(data), "bukti.xlsx", len(data), 20 * 1024 * 1024)
