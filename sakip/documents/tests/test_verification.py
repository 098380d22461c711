"""Verification: the public page and `manage.py doc_verify` say ASLI / BERUBAH / TIDAK DIKENAL."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from sakip.core.pdf import render_pdf_from_html
from sakip.documents import signing

pytestmark = pytest.mark.django_db


def tampered(data: bytes) -> bytes:
    """Flip one byte inside the signed content (same length, so the file still opens)."""
    return data[:2000] + bytes([data[2000] ^ 0x01]) + data[2001:]


def appended(data: bytes) -> bytes:
    """An incremental update after signing (e.g. a form filled in later)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    info = writer.trailer["/Info"]
    info[generic.NameObject("/Title")] = generic.TextStringObject("diubah")
    writer.update_container(info)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def run_verify(path):
    out = io.StringIO()
    try:
        call_command("doc_verify", str(path), stdout=out)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue()


def test_doc_verify_original(statement, tmp_path):
    path = tmp_path / "asli.pdf"
    path.write_bytes(statement.file.read())
    code, out = run_verify(path)
    assert code == 0 and out.startswith("ASLI") and "700/7327/2022" in out and "SUGENG AMIN" in out


@pytest.mark.parametrize("change", [tampered, appended, lambda d: d + b"\n%%tambahan\n"])
def test_doc_verify_changed(statement, tmp_path, change):
    path = tmp_path / "ubah.pdf"
    path.write_bytes(change(statement.file.read()))
    code, out = run_verify(path)
    assert code == 1 and out.startswith("BERUBAH") and statement.code_display in out


def test_doc_verify_unknown(tmp_path):
    path = tmp_path / "lain.pdf"
    path.write_bytes(render_pdf_from_html("<p>Surat dari luar</p>"))
    code, out = run_verify(path)
    assert code == 2 and out.startswith("TIDAK DIKENAL")


def test_signature_of_a_changed_file_does_not_validate(statement):
    data = statement.file.read()
    assert signing.validate_pdf(data)["valid"]
    result = signing.validate_pdf(appended(data))
    assert result["signed"] and not result["valid"]
    broken = signing.validate_pdf(tampered(data))
    assert not broken["valid"]


def test_public_page_shows_number_date_signer_and_hash(statement):
    response = Client().get(statement.verification_url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "700/7327/2022",
        "21 November 2022",
        "SUGENG AMIN, SH.MM",
        statement.sha256,
        "Plt. Kepala Dinsospermasdes",
    ]:
        assert text in html


def test_public_upload_original_changed_unknown_and_not_pdf(statement):
    client = Client()
    data = statement.file.read()
    ok = client.post(statement.verification_url, {"file": SimpleUploadedFile("s.pdf", data, "application/pdf")})
    assert ok.status_code == 200 and 'data-status="asli"' in ok.content.decode()
    bad = client.post(
        statement.verification_url, {"file": SimpleUploadedFile("s.pdf", appended(data), "application/pdf")}
    )
    assert 'data-status="berubah"' in bad.content.decode()
    other = client.post(
        statement.verification_url,
        {"file": SimpleUploadedFile("x.pdf", render_pdf_from_html("<p>x</p>"), "application/pdf")},
    )
    assert 'data-status="tidak_dikenal"' in other.content.decode()
    not_pdf = client.post(
        statement.verification_url, {"file": SimpleUploadedFile("x.docx", b"PK\x03\x04 not a pdf", "application/pdf")}
    )
    assert not_pdf.status_code == 400 and "bukan PDF" in not_pdf.content.decode()


def test_unknown_code_and_code_normalisation(statement):
    client = Client()
    assert client.get("/verifikasi/ZZZZZZZZ/").status_code == 404
    lower = client.get(f"/verifikasi/{statement.code_display.lower()}/")
    assert lower.status_code == 302 and lower["Location"].endswith(f"/verifikasi/{statement.verification_code}/")
    search = client.get("/verifikasi/", {"code": statement.code_display})
    assert search.status_code == 302
    assert client.get("/verifikasi/").status_code == 200
