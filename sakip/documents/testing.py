"""Checks shared by the tests of every app that issues official documents (docs/documents.md): an issued document
is archived with the hash of its file, numbered when its type is numbered, signed (PAdES, validated by sakip and
by poppler's pdfsig) by the expected employee, and verifiable on the public verification page."""

import hashlib
import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

import docx
from django.test import Client

from . import signing
from .services import numbering_klasifikasi, verify_pdf


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode()


def pdf_plain_text(data: bytes, *, last_page: int | None = None) -> str:
    """The PDF's text in reading order (pdftotext without -layout), up to `last_page`."""
    args = ["pdftotext", "-enc", "UTF-8"] + (["-l", str(last_page)] if last_page else []) + ["-", "-"]
    return subprocess.run(args, input=data, capture_output=True, check=True).stdout.decode()


def docx_text(data: bytes) -> str:
    """The text of a DOCX's body in document order: paragraphs and table cells (nested tables included)."""
    document = docx.Document(io.BytesIO(data))
    out = []

    def walk(element):
        for child in element.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                out.append(_paragraph_text(child, document))
            elif tag in ("tbl", "tr", "tc", "sdt", "sdtContent"):
                walk(child)

    walk(document.element.body)
    return "\n".join(out)


def _paragraph_text(p, document) -> str:
    """A paragraph's text as a reader sees it: runs formatted "all caps" (w:caps) in capitals."""
    parts = []
    for r in p.iter(docx.oxml.ns.qn("w:r")):
        run = docx.text.run.Run(r, docx.text.paragraph.Paragraph(p, document))
        parts.append(run.text.upper() if run.font.all_caps else run.text)
    return "".join(parts)


PAGE_FOOTER = re.compile(r"Halaman \d+ dari \d+")


def words(text: str) -> Counter:
    """The words of a text, for comparing a PDF with its DOCX: layout (line breaks, spaces, tabs, the order in which
    side-by-side blocks are read) and the footer "Halaman x dari y" do not count; a word broken at a line end after a
    hyphen or a slash is joined."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = PAGE_FOOTER.sub(" ", text)
    # pdftotext drops a hyphen at a line end and joins the word ("baris-\nbarisnya" → "barisbarisnya"): hyphens
    # inside words are not compared, and a word broken after one is joined.
    text = re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", text)
    text = re.sub(r"(?<=\w)-(?=\w)", "", text)
    text = re.sub(r"(?<=\S)/[ \t]*\n\s*", "/", text)  # a line broken after a slash (addresses, "KABUPATEN/KOTA")
    # A lone "-" (an empty field) at a line end is taken by pdftotext for a hyphenation and dropped: not compared.
    return Counter(w for w in text.split() if w != "-")


def own_pages(doc, data: bytes) -> int:
    """The pages of an archived PDF that are its own (without the lampiran appended to it)."""
    total = _page_count(data)
    appended = 0
    for lamp in doc.lampiran.all():
        with lamp.file.storage.open(lamp.file.name, "rb") as fh:
            appended += _page_count(fh.read())
    return total - appended


def _page_count(data: bytes) -> int:
    out = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def header_words(data: bytes) -> set[str]:
    """The words of a DOCX's repeated table header rows (w:tblHeader): the PDF prints them again on every page a
    table runs onto."""
    document = docx.Document(io.BytesIO(data))
    found = set()
    qn = docx.oxml.ns.qn
    for tr in document.element.body.iter(qn("w:tr")):
        if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None:
            for p in tr.iter(qn("w:p")):
                found.update(words(docx.text.paragraph.Paragraph(p, document).text))
    return found


def assert_same_text(pdf: bytes, docx_bytes: bytes, *, last_page: int | None = None, pdf_only=()):
    """The DOCX says what the PDF says: the same words, as many times each (docs/documents.md "DOCX"). Only layout
    may differ: line breaks, spacing, the order of side-by-side blocks, the footer "Halaman x dari y", table headers
    repeated on the PDF's following pages, and `pdf_only` (words the DOCX shows as a picture: the SOP flowchart)."""
    in_pdf, in_docx = words(pdf_plain_text(pdf, last_page=last_page)), words(docx_text(docx_bytes))
    missing, extra = in_pdf - in_docx, in_docx - in_pdf
    allowed = header_words(docx_bytes) | set(pdf_only)
    missing = Counter({w: n for w, n in missing.items() if w not in allowed})
    assert not missing and not extra, (
        f"only in the PDF: {' '.join(sorted(missing.elements()))[:1500]}\n"
        f"only in the DOCX: {' '.join(sorted(extra.elements()))[:1500]}"
    )


def assert_issued_docx(doc):
    """An archived document's DOCX says what its PDF says (its own pages, the lampiran appended to it left out)."""
    assert doc.docx_file, f"{doc.doc_type.code} {doc} has no DOCX"
    with doc.file.storage.open(doc.file.name, "rb") as fh:
        pdf = fh.read()
    with doc.docx_file.storage.open(doc.docx_file.name, "rb") as fh:
        data = fh.read()
    assert_same_text(pdf, data, last_page=own_pages(doc, pdf))
    return data


def libreoffice_pdfs(files: dict[str, bytes], folder) -> dict[str, bytes]:
    """Convert DOCX/XLSX files to PDF with LibreOffice headless, all in one soffice call (its own profile folder, so
    that it neither waits for nor disturbs another LibreOffice). `files`: {name with extension: bytes}. Returns
    {name: PDF bytes}; a file LibreOffice could not convert is missing from the result."""
    folder = Path(folder)
    src, out, profile = folder / "src", folder / "pdf", folder / "profile"
    for path in (src, out, profile):
        path.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (src / name).write_bytes(data)
    subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *[str(src / name) for name in files],
        ],
        capture_output=True,
        check=False,
        timeout=600,
    )
    result = {}
    for name in files:
        pdf = out / (name.rsplit(".", 1)[0] + ".pdf")
        if pdf.exists():
            result[name] = pdf.read_bytes()
    return result


def page_texts(data: bytes) -> list[str]:
    """The text of each page of a PDF."""
    return pdf_plain_text(data).split("\f")[: _page_count(data)]


_NSS_DIRS = {}


def nss_trust_dir() -> str | None:
    """An NSS database trusting sakip's signing roots (the demo CA, configured roots), for pdfsig; None without
    NSS's certutil (libnss3-tools, installed by `make test-deps`)."""
    roots = [str(p) for p in signing.trust_root_paths()]
    key = tuple(roots)
    if key in _NSS_DIRS:
        return _NSS_DIRS[key]
    if shutil.which("certutil") is None:
        return None
    folder = tempfile.mkdtemp(prefix="sakip-nss-")
    subprocess.run(["certutil", "-N", "-d", f"sql:{folder}", "--empty-password"], check=True, capture_output=True)
    for i, path in enumerate(roots):
        subprocess.run(
            ["certutil", "-A", "-d", f"sql:{folder}", "-n", f"sakip-root-{i}", "-t", "CT,C,C", "-i", path],
            check=True,
            capture_output=True,
        )
    _NSS_DIRS[key] = f"sql:{folder}"
    return _NSS_DIRS[key]


def pdfsig(data: bytes, *, trusted: bool = True) -> str:
    """poppler's `pdfsig` report of a PDF ("" when pdfsig is not installed), with sakip's signing roots trusted when
    certutil is there (then a valid signature reads "Certificate is Trusted")."""
    if shutil.which("pdfsig") is None:
        return ""
    nss = nss_trust_dir() if trusted else None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(data)
        fh.flush()
        # Not -no-ocsp: with it poppler 22.12 reports "Unknown issue with Certificate" for a trusted chain; the demo
        # certificates name no OCSP responder, so nothing is fetched.
        args = ["pdfsig"] + (["-nssdir", nss] if nss else []) + [fh.name]
        return subprocess.run(args, capture_output=True, text=True, check=False).stdout


def assert_pdfsig_valid(data: bytes, signer_name: str = "") -> str:
    """pdfsig validates every signature of the PDF; with the NSS trust store, the certificate chains to a trusted
    sakip root."""
    report = pdfsig(data)
    if not report:
        return report
    assert "Signature is Valid" in report, report
    assert "Signature is Invalid" not in report, report
    if nss_trust_dir():
        assert "Certificate is Trusted" in report, report
    if signer_name:
        assert signer_name in report, report
    return report


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
        report = assert_pdfsig_valid(data)
        if report:
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
