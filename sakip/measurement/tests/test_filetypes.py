"""Evidence is checked by its content (magic bytes), its size and its extension."""

import io
import zipfile

import pytest

from sakip.measurement import filetypes
from sakip.measurement.minipdf import make_pdf

LIMIT = 1024 * 1024


def _zip(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


ACCEPTED = [
    (make_pdf(["bukti"]), "laporan.pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 30, "foto.png", "png"),
    (b"\xff\xd8\xff\xe0" + b"\0" * 30, "foto.JPG", "jpeg"),
    (b"GIF89a" + b"\0" * 30, "grafik.gif", "gif"),
    (_zip(["[Content_Types].xml", "word/document.xml"]), "notulen.docx", "docx"),
    (_zip(["[Content_Types].xml", "xl/workbook.xml"]), "rekap.xlsx", "xlsx"),
    (_zip(["[Content_Types].xml", "ppt/presentation.xml"]), "paparan.pptx", "pptx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 30, "lama.xls", "ole"),
]


@pytest.mark.parametrize(("data", "name", "kind"), ACCEPTED)
def test_accepted_kinds(data, name, kind):
    assert filetypes.check(io.BytesIO(data), name, len(data), LIMIT).code == kind


def test_an_executable_renamed_pdf_is_refused():
    data = b"MZ\x90\x00" + b"\0" * 200
    with pytest.raises(filetypes.UploadRefused, match="program Windows"):
        filetypes.check(io.BytesIO(data), "bukti.pdf", len(data), LIMIT)


def test_a_script_and_an_elf_binary_are_refused():
    for data in (b"#!/bin/sh\nrm -rf /\n", b"\x7fELF\x02\x01\x01" + b"\0" * 40):
        with pytest.raises(filetypes.UploadRefused):
            filetypes.check(io.BytesIO(data), "bukti.pdf", len(data), LIMIT)


def test_the_extension_must_match_the_content():
    data = b"\x89PNG\r\n\x1a\n" + b"\0" * 30
    with pytest.raises(filetypes.UploadRefused, match="Gambar PNG"):
        filetypes.check(io.BytesIO(data), "bukti.pdf", len(data), LIMIT)


def test_size_limit_empty_file_and_unknown_zip():
    data = make_pdf(["x"])
    with pytest.raises(filetypes.UploadRefused, match="terlalu besar"):
        filetypes.check(io.BytesIO(data), "a.pdf", LIMIT + 1, LIMIT)
    with pytest.raises(filetypes.UploadRefused, match="kosong"):
        filetypes.check(io.BytesIO(b""), "a.pdf", 0, LIMIT)
    archive = _zip(["readme.txt"])
    with pytest.raises(filetypes.UploadRefused, match="ZIP"):
        filetypes.check(io.BytesIO(archive), "a.docx", len(archive), LIMIT)


def test_sniff_keeps_the_file_position():
    stream = io.BytesIO(make_pdf(["x"]))
    stream.seek(5)
    filetypes.sniff(stream)
    assert stream.tell() == 5
