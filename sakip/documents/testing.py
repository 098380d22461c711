"""Checks shared by the tests of every app that issues official documents (docs/documents.md): an issued document
is archived with the hash of its file, numbered when its type is numbered, signed (PAdES, validated by sakip and
by poppler's pdfsig) by the expected employee, and verifiable on the public verification page."""

import hashlib
import shutil
import subprocess
import tempfile

from django.test import Client

from .services import numbering_klasifikasi, verify_pdf


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode()


def pdfsig(data: bytes) -> str:
    """poppler's `pdfsig` report of a PDF ("" when pdfsig is not installed)."""
    if shutil.which("pdfsig") is None:
        return ""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(data)
        fh.flush()
        return subprocess.run(["pdfsig", fh.name], capture_output=True, text=True, check=False).stdout


def assert_issued(doc, *, signer=None, source=None, doc_type=None):
    """`doc` (an ArchivedDocument) went through the pipeline: returns the PDF bytes."""
    assert doc is not None, "no archived document"
    with doc.file.storage.open(doc.file.name, "rb") as fh:  # not through doc.file: the caller may read it after
        data = fh.read()
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert data.startswith(b"%PDF")
    if doc_type is not None:
        assert doc.doc_type.code == doc_type
    if numbering_klasifikasi(doc.doc_type) is not None:
        assert doc.number and doc.number_record_id, f"{doc.doc_type.code} is numbered but {doc} has no number"
        assert doc.number_record.number == doc.number
    if source is not None:
        assert (doc.source_type.model_class(), doc.source_id) == (type(source), str(source.pk))
    if signer is not None:
        assert doc.signed and doc.signer_id == signer.pk and doc.signed_at is not None
        result = verify_pdf(data, expected=doc)
        assert result["status"] == "asli", result["message"]
        assert result["validation"]["valid"]
        report = pdfsig(data)
        if report:
            assert "Signature is Valid" in report, report
            assert signer.name.split()[0] in report or doc.signer_name.split(",")[0] in report, report
    page = Client().get(doc.verification_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert doc.sha256 in html
    if doc.number:
        assert doc.number in html
    if signer is not None:
        assert doc.signer_name.split(",")[0] in html
    return data
