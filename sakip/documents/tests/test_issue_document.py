"""The one service: render → number → sign → archive; atomic on failure."""

import datetime as dt
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import TemplateDoesNotExist

from sakip.core.pdf import render_pdf_from_html
from sakip.documents import services, signing
from sakip.documents.models import ArchivedDocument, NumberRecord

from .conftest import pdf_text

pytestmark = pytest.mark.django_db
TEMPLATE = "documents/print/surat_pernyataan.html"


def _count(dinas, year):
    return NumberRecord.objects.filter(opd=dinas, year=year).count()


def test_the_demo_statement_is_the_seed_letter_regenerated(statement):
    text = pdf_text(statement.file.read())
    for expected in [
        "PEMERINTAH KABUPATEN BANYUMAS",
        "DINAS SOSIAL DAN PEMBERDAYAAN",
        "Jalan Pemuda Nomor 24 Purwokerto 53132",
        "Telp. (0281) 636198 Fax. 633047",
        "SURAT PERNYATAAN",
        "NOMOR : 700/7327/2022",
        "SUGENG AMIN, SH.MM",
        "Plt. Kepala Dinsospermasdes Kabupaten Banyumas",
        "Purwokerto, 21 November 2022",
        "Pembina Utama Muda",
        "NIP. 19670128 199302 1 001",
        "SOP Pengukuran Kinerja Dinsospermasdes (terlampir)",
        "Demikian Surat Pernyataan dibuat",
        statement.code_display,
    ]:
        assert expected in " ".join(text.split()) or expected in text, expected
    assert statement.signed and statement.signer.name == "SUGENG AMIN"
    assert statement.klasifikasi.code == "700" and statement.retention_disposition


def test_the_signature_validates_with_pyhanko(statement):
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(statement.file.read()))
    (sig,) = reader.embedded_signatures
    status = validate_pdf_signature(sig, ValidationContext(trust_roots=signing.trust_roots(), allow_fetching=False))
    assert status.intact and status.valid and status.trusted
    assert "SUGENG AMIN" in status.signing_cert.subject.human_friendly
    assert reader.trailer["/Info"]["/SakipKode"] == statement.verification_code


def test_issue_numbers_signs_archives_and_links_lampiran_and_versions(users, dinas, positions, statement):
    kepala = users["kepala"]
    doc = services.issue_document(
        user=kepala,
        opd=dinas,
        doc_type="surat_pernyataan",
        subject="Pernyataan uji",
        date=date(2035, 3, 2),
        html_template=TEMPLATE,
        context={"paragraphs": ["Dengan ini menyatakan bahwa:"], "items": ["Butir pertama."], "closing": "Demikian."},
        klasifikasi="700",
        signer_position=positions["kepala"],
        sign=True,
        source=statement,
        lampiran=[statement],
    )
    assert doc.number == "700/1/2035" and doc.number_record.status == NumberRecord.Status.ISSUED
    assert doc.signed and doc.signer.full_name.startswith("Dr. HARYANTO")
    assert doc.download_url.endswith(f"/arsip/{doc.pk}/unduh/")
    data = doc.file.read()
    text = pdf_text(data)
    own_pages = text.split("\f")[0]
    total = signing.page_count(data)
    assert total > 1  # the document's page and the lampiran's pages
    assert "NOMOR : 700/1/2035" in own_pages and f"Halaman 1 dari {total}" in own_pages  # the whole file
    assert "SUGENG AMIN" in text  # the lampiran's page is appended
    assert list(doc.lampiran.all()) == [statement]
    assert services.verify_pdf(data)["status"] == "asli"
    from sakip.documents.selectors import documents_for_source

    assert documents_for_source(statement).first() == doc
    v2 = services.issue_document(
        user=kepala,
        opd=dinas,
        doc_type="surat_pernyataan",
        subject="Pernyataan uji (perbaikan)",
        date=date(2035, 3, 2),
        html_template=TEMPLATE,
        context={"paragraphs": ["Perbaikan."]},
        signer_position=positions["kepala"],
        previous=doc,
    )
    assert v2.version == 2 and v2.previous == doc and v2.number == doc.number and not v2.signed
    assert _count(dinas, 2035) == 1  # a new version keeps its number


def test_a_failed_generation_consumes_no_number(users, dinas, positions):
    before = _count(dinas, 2035)
    with pytest.raises(TemplateDoesNotExist):
        services.issue_document(
            user=users["kepala"],
            opd=dinas,
            doc_type="surat_pengantar",
            subject="x",
            date=date(2035, 3, 2),
            html_template="documents/print/tidak_ada.html",
            klasifikasi="000",
            signer_position=positions["kepala"],
        )
    assert _count(dinas, 2035) == before
    assert (
        services.next_number(
            opd=dinas, doc_type="surat_pengantar", date=date(2035, 3, 2), klasifikasi="000", subject="y"
        ).urut
        == before + 1
    )


def test_unknown_classification(users, dinas, positions):
    with pytest.raises(ValidationError, match="tidak dikenal"):
        services.issue_document(
            user=users["kepala"],
            opd=dinas,
            doc_type="surat_pengantar",
            subject="x",
            date=date(2035, 3, 2),
            html_template=TEMPLATE,
            klasifikasi="123.456",
            signer_position=positions["kepala"],
        )


def test_signer_without_position_on_the_date(users, dinas, positions):
    with pytest.raises(ValidationError, match="tidak dipegang"):
        services.issue_document(
            user=users["admin"],
            opd=dinas,
            doc_type="surat_pengantar",
            subject="x",
            date=date(2015, 3, 2),
            html_template=TEMPLATE,
            klasifikasi="000",
            signer_position=positions["kepala"],
            sign=True,
        )
    assert _count(dinas, 2015) == 0


def test_expired_certificate_is_refused_before_a_number_is_taken(users, dinas, positions):
    holder = positions["kepala"].holder_on(date(2035, 3, 2)).employee
    now = dt.datetime.now(dt.UTC)
    signing.issue_demo_certificate(
        holder, not_before=now - dt.timedelta(days=400), not_after=now - dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="kedaluwarsa"):
        services.issue_document(
            user=users["kepala"],
            opd=dinas,
            doc_type="surat_pengantar",
            subject="x",
            date=date(2035, 3, 2),
            html_template=TEMPLATE,
            klasifikasi="000",
            signer_position=positions["kepala"],
            sign=True,
        )
    assert _count(dinas, 2035) == 0


def test_only_the_signer_may_sign(users, dinas, positions):
    with pytest.raises(ValidationError, match="Hanya"):
        services.issue_document(
            user=users["sekretaris"],
            opd=dinas,
            doc_type="surat_pengantar",
            subject="x",
            date=date(2035, 3, 2),
            html_template=TEMPLATE,
            klasifikasi="000",
            signer_position=positions["kepala"],
            sign=True,
        )


def test_write_permission_is_checked(users, dinas, demo):
    with pytest.raises(PermissionDenied):
        services.issue_document(
            user=users["inspektorat"],
            opd=dinas,
            doc_type="lainnya",
            subject="x",
            date=date(2035, 3, 2),
            pdf_bytes=b"%PDF-1.4 x",
        )
    with pytest.raises(PermissionDenied):
        services.issue_document(
            user=users["bappeda"],
            opd=dinas,
            doc_type="lainnya",
            subject="x",
            date=date(2035, 3, 2),
            pdf_bytes=b"%PDF-1.4 x",
        )


def test_given_pdf_bytes_get_a_qr_stamp_when_signed(users, dinas, positions):
    pdf = render_pdf_from_html("<p>Dokumen Pengukuran Kinerja dari aplikasi lain</p>")
    doc = services.issue_document(
        user=users["kepala"],
        opd=dinas,
        doc_type="dokumen_pengukuran",
        subject="DPK",
        date=date(2035, 3, 2),
        pdf_bytes=pdf,
        number="050/44/2035",
        signer_position=positions["kepala"],
        sign=True,
    )
    assert doc.number == "050/44/2035" and doc.number_record.status == NumberRecord.Status.EXTERNAL
    data = doc.file.read()
    text = pdf_text(data)
    assert "Kode verifikasi: " + doc.code_display in text and doc.verification_code in text
    assert signing.validate_pdf(data)["valid"]
    with pytest.raises(ValidationError, match="bukan berkas PDF"):
        services.issue_document(
            user=users["kepala"], opd=dinas, doc_type="lainnya", subject="x", date=date(2035, 3, 2), pdf_bytes=b"hello"
        )


def test_async_variant_runs_the_same_work(users, dinas, positions, django_capture_on_commit_callbacks):
    from sakip.documents.models import GenerationJob

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.issue_document_async(
            user=users["kepala"],
            opd=dinas,
            doc_type="lhe",
            subject="Dokumen berat",
            date=date(2035, 3, 2),
            html_template=TEMPLATE,
            context={"paragraphs": ["Isi"], "tanggal_lain": date(2026, 1, 1)},
            klasifikasi="700",
            signer_position=positions["kepala"],
            sign=True,
        )
    assert job.status == GenerationJob.Status.PENDING and len(callbacks) == 1
    assert not ArchivedDocument.objects.filter(subject="Dokumen berat").exists()
    job = services.run_job(job.pk)
    assert job.status == GenerationJob.Status.DONE, job.error
    assert job.document.number == "700/1/2035" and job.document.signed
    with pytest.raises(ValidationError, match="data sederhana"):
        services.issue_document_async(
            user=users["kepala"],
            opd=dinas,
            doc_type="lhe",
            subject="x",
            date=date(2035, 3, 2),
            html_template=TEMPLATE,
            context={"obj": object()},
        )


def test_failed_job_records_the_message(users, dinas, positions):
    job = services.issue_document_async(
        user=users["kepala"],
        opd=dinas,
        doc_type="lhe",
        subject="gagal",
        date=date(2010, 3, 2),
        html_template=TEMPLATE,
        klasifikasi="700",
        signer_position=positions["kepala"],
        sign=True,
    )
    job = services.run_job(job.pk)
    assert job.status == "failed" and "tidak dipegang" in job.error
    assert _count(dinas, 2010) == 0
