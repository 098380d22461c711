"""Every official document's DOCX says what its PDF says, and clients nobody here wrote accept the files
(docs/documents.md "DOCX and real clients"): LibreOffice headless converts every DOCX and XLSX, the DOCX comes out on
about as many pages as the PDF (± 1), its tables keep their column widths (the grid is set, so they are not
equal-width), signature blocks stay on one page, and poppler's pdfsig validates every signed PDF with the demo CA
trusted.

The documents are the demo's, issued through the pipeline while the test database loaded, plus the ones the demo
does not issue (the DPK with its cover letter, the LHE's Surat Pernyataan, the other letter types), issued here once
for the session and rolled back. All DOCX and XLSX go through one soffice call (a session fixture), so the whole
module costs one LibreOffice start."""

import io
import re
import shutil
from datetime import date

import docx
import pytest
from django.db import transaction
from django.test import Client

from sakip.documents import testing as T
from sakip.documents.models import ArchivedDocument

pytestmark = pytest.mark.django_db

# (document type, model of its source) → what the test calls it. Every official document type sakip issues.
KINDS = {
    ("perjanjian_kinerja", "perjanjiankinerja"): "pk",
    ("lhe", "evaluation"): "lhe",
    ("surat_pernyataan", "letter"): "surat_pernyataan",
    ("surat_pengantar", "letter"): "surat_pengantar",
    ("surat_pengantar", "period"): "surat_pengantar_dpk",
    ("dokumen_pengukuran", "period"): "dpk",
    ("sop", "sopversion"): "sop",
    ("lkjip", "lkjip"): "lkjip",
    ("undangan", "letter"): "undangan",
    ("nota_dinas", "letter"): "nota_dinas",
    ("disposisi", "letter"): "disposisi",
    ("undangan", "period"): "undangan_rapat",
    ("notulen", "period"): "notulen",
    ("disposisi", "period"): "disposisi_pengukuran",
    ("berita_acara", "letter"): "berita_acara",
}
NEEDS_SOFFICE = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


def _read(field) -> bytes:
    with field.storage.open(field.name, "rb") as fh:
        return fh.read()


def _entry(doc):
    pdf = _read(doc.file)
    return {
        "doc": doc,
        "pdf": pdf,
        "docx": _read(doc.docx_file) if doc.docx_file else b"",
        "own_pages": T.own_pages(doc, pdf),
        "signer_name": doc.signer_name,
        "pdf_only": _flowchart_words(doc) if doc.doc_type.code == "sop" else (),
        "signed": doc.signed,
    }


def _flowchart_words(doc):
    """The words the SOP's flowchart draws (decisions' "Ya"/"Tidak", connectors): pictures in the DOCX."""
    from sakip.sop import flowchart, printing
    from sakip.sop.models import SopVersion

    version = SopVersion.objects.get(pk=doc.source_id)
    svg = " ".join(flowchart.to_svg(p.flow_only()) for p in printing.flowchart_pages(version, paginate=True))
    return set(" ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg)).split())


def _issue_missing(found):
    """Issue, inside the caller's transaction, the document kinds the demo does not issue."""
    from sakip.documents import services as D
    from sakip.documents.models import DocumentType, Letter
    from sakip.organization.models import OPD, Position

    dinas = OPD.objects.get(akronim="Dinsospermasdes")
    kepala = Position.objects.get(opd=dinas, is_opd_head=True)
    sek = Position.objects.get(opd=dinas, name__startswith="Sekretaris Dinas")
    issued = []
    for code in ("undangan", "nota_dinas", "berita_acara", "disposisi"):
        if KINDS[(code, "letter")] in found:
            continue
        dtype = DocumentType.objects.get(code=code)
        letter = Letter.objects.create(
            opd=dinas,
            doc_type=dtype,
            klasifikasi=dtype.default_klasifikasi,
            date=date(2026, 3, 2),
            subject=f"Uji {dtype.name} & <b>tebal</b>",
            sifat=Letter.Sifat.PENTING,
            recipient="Sekretaris Dinsospermasdes\nPara Kepala Bidang Dinsospermasdes",
            recipient_place="Tempat",
            body="Paragraf pertama surat {{ bukan templat }}.\n\nParagraf kedua yang lebih panjang sehingga "
            "baris-barisnya rata kiri kanan seperti di PDF, dengan kata-kata yang cukup banyak.",
            items=["Butir pertama", "Butir kedua"],
            details={
                "hari_tanggal": "2026-03-05",
                "waktu": "09.00 WIB",
                "tempat": "Ruang Rapat",
                "acara": "Rapat",
                "surat_dari": "Bappedalitbang",
                "nomor_surat": "050/12/2026",
                "tanggal_surat": "2026-02-27",
                "diterima_tanggal": "2026-03-01",
                "nomor_agenda": "17",
            },
            closing="Atas perhatian Saudara kami ucapkan terima kasih.",
            tembusan="Kepala Dinsospermasdes\nArsip",
            signer_position=kepala if code != "nota_dinas" else sek,
        )
        issued.append(D.sign_letter(user=_admin(), letter=letter))
    return issued


def _admin():
    from sakip.organization.models import User

    return User.objects.filter(is_superuser=True).first()


@pytest.fixture(scope="session")
def documents(django_db_setup, django_db_blocker):
    """{kind: [entry, …]}: up to two documents of each kind, read while the database is open."""
    out = {}
    with django_db_blocker.unblock(), transaction.atomic():
        found = set()
        for doc in (
            ArchivedDocument.objects.select_related("doc_type", "source_type").order_by("doc_type__code", "pk").all()
        ):
            kind = KINDS.get((doc.doc_type.code, doc.source_type.model if doc.source_type_id else ""))
            if kind is None:
                continue
            found.add(kind)
            if len(out.setdefault(kind, [])) < 2:
                out[kind].append(_entry(doc))
        for doc in _issue_missing(found):
            kind = KINDS[(doc.doc_type.code, "letter")]
            out.setdefault(kind, []).append(_entry(doc))
        transaction.set_rollback(True)
    return out


@pytest.mark.parametrize("kind", sorted(set(KINDS.values())))
def test_docx_says_what_the_pdf_says(documents, kind):
    entries = documents.get(kind)
    assert entries, f"no {kind} issued"
    for e in entries:
        assert e["docx"], f"{kind} {e['doc']} has no DOCX"
        T.assert_same_text(e["pdf"], e["docx"], last_page=e["own_pages"], pdf_only=e["pdf_only"])


def _xlsx_files():
    """Workbooks sakip writes: the planning tables, the measurement forms, the LKE worksheet (the issue's 18-page
    printout), the Matriks TL and a list export."""
    from sakip.evaluation import excel as evaluation_excel
    from sakip.evaluation.models import Evaluation
    from sakip.measurement.exports import forms_workbook
    from sakip.measurement.models import Period
    from sakip.organization.models import OPD
    from sakip.planning.exports import all_tables_xlsx

    admin = _admin()
    dinas = OPD.objects.get(akronim="Dinsospermasdes")
    planning = all_tables_xlsx(admin, dinas)
    files = {"planning.xlsx": getattr(planning, "content", planning)}
    period = Period.objects.filter(opd=dinas).exclude(dpk_document=None).order_by("year", "triwulan").first()
    if period is not None:
        files["forms.xlsx"] = forms_workbook(period)
    evaluation = Evaluation.objects.filter(opd=dinas).order_by("-year").first()
    if evaluation is not None:
        files["lke.xlsx"] = evaluation_excel.worksheet_bytes(evaluation, admin)
    client = Client()
    client.force_login(admin)
    for name, url in (
        ("matriks_tl.xlsx", "/evaluasi/matriks-tl/?export=xlsx"),
        ("pegawai.xlsx", "/organisasi/pegawai/?export=xlsx"),
    ):
        response = client.get(url)
        if response.status_code == 200 and response.content[:2] == b"PK":
            files[name] = response.content
    return files


@pytest.fixture(scope="session")
def renders(documents, django_db_blocker, tmp_path_factory):
    """Every DOCX and XLSX converted by LibreOffice, in one soffice call: {file name: PDF bytes}."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    files = {f"{kind}-0.docx": entries[0]["docx"] for kind, entries in documents.items() if entries}  # one of each
    with django_db_blocker.unblock(), transaction.atomic():
        xlsx = _xlsx_files()
        transaction.set_rollback(True)
    files.update(xlsx)
    return {"files": files, "pdfs": T.libreoffice_pdfs(files, tmp_path_factory.mktemp("libreoffice"))}


@NEEDS_SOFFICE
def test_libreoffice_converts_every_docx_and_xlsx(renders):
    missing = sorted(set(renders["files"]) - set(renders["pdfs"]))
    assert not missing, f"LibreOffice could not convert {missing}"
    assert any(name.endswith(".xlsx") for name in renders["pdfs"]) and any(n.endswith(".docx") for n in renders["pdfs"])


@NEEDS_SOFFICE
@pytest.mark.parametrize("kind", sorted(set(KINDS.values())))
def test_the_docx_has_about_as_many_pages_as_the_pdf(documents, renders, kind):
    for i, e in enumerate(documents[kind][:1]):
        pages = T._page_count(renders["pdfs"][f"{kind}-{i}.docx"])
        assert abs(pages - e["own_pages"]) <= 1, f"{kind}: {pages} pages in LibreOffice, {e['own_pages']} in the PDF"


def _tables(data):
    document = docx.Document(io.BytesIO(data))
    qn = docx.oxml.ns.qn
    for tbl in document.element.body.iter(qn("w:tbl")):
        style = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
        widths = [int(c.get(qn("w:w")) or 0) for c in tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")]
        cells = 0
        for tr in tbl.findall(qn("w:tr")):
            spans = [tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}") for tc in tr.findall(qn("w:tc"))]
            cells = max(cells, sum(1 if span is None else int(span.get(qn("w:val"))) for span in spans))
        yield (style.get(qn("w:val")) if style is not None else ""), widths, cells


@pytest.mark.parametrize("kind", sorted(set(KINDS.values())))
def test_tables_keep_their_column_widths(documents, kind):
    """LibreOffice lays a table out from its grid: every column has its width there, and the bordered tables with
    three or more columns (none of which is equal-width in the PDF) are not equal-width."""
    for e in documents[kind]:
        bordered = 0
        for style, widths, cells in _tables(e["docx"]):
            assert len(widths) == cells and all(w > 0 for w in widths), f"{kind}: a table without grid widths {widths}"
            if style in ("TabelBergaris", "TableGrid") and len(widths) >= 3:
                bordered += 1
                assert len(set(widths)) > 1, f"{kind}: an equal-width table {widths}"
        # The letters' tables are two-column or borderless (head fields, layout): nothing to compare there.
        assert bordered or kind in (
            "surat_pernyataan",
            "undangan",
            "undangan_rapat",
            "nota_dinas",
            "berita_acara",
            "notulen",
            "disposisi",
            "disposisi_pengukuran",
        )


@NEEDS_SOFFICE
@pytest.mark.parametrize("kind", sorted(set(KINDS.values()) - {"sop"}))
def test_signature_blocks_stay_on_one_page(documents, renders, kind):
    """In the LibreOffice render, each signature block — title, QR caption, name — stands on one page."""
    for i, e in enumerate(documents[kind][:1]):
        pages = T.page_texts(renders["pdfs"][f"{kind}-{i}.docx"])
        name = e["signer_name"]
        title = " ".join(e["doc"].signer_title.split()[:2])
        blocks = 0
        for page in pages:
            text = " ".join(page.split())
            for match in re.finditer(r"Ditandatangani secara elektronik(?!\.)", text):
                blocks += 1
                # The block is one table row that cannot split: its title and name are read near its QR caption
                # (pdftotext reads side-by-side cells in its own order).
                near = text[max(0, match.start() - 400) : match.end() + 400]
                assert title in near, f"{kind}: the signer's title is not on the page of the QR: {near}"
                assert name in near, f"{kind}: the signer's name is not on the page of the QR: {near}"
        assert blocks >= 1, f"{kind}: no signature block found in the LibreOffice render"


def test_pdfsig_validates_every_signed_pdf_with_the_demo_ca_trusted(django_db_blocker):
    if shutil.which("pdfsig") is None:
        pytest.skip("poppler's pdfsig is not installed")
    with django_db_blocker.unblock():
        signed = list(ArchivedDocument.objects.filter(signed=True).select_related("doc_type"))
        assert len(signed) >= 10
        for doc in signed:
            report = T.assert_pdfsig_valid(_read(doc.file))
            assert T.nss_trust_dir() is None or "Certificate is Trusted" in report, f"{doc.doc_type.code}: {report}"
