"""The generated documents' text: the LHE (letter, report per docs/rules.md §4, attached LKE) as PDF and
DOCX, and the Surat Pernyataan numbered, signed (Plt. shown) and archived with its lampiran."""

import io
import subprocess
import tempfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from sakip.documents.testing import assert_issued, assert_issued_docx, docx_text
from sakip.evaluation import documents as docs
from sakip.evaluation import services
from sakip.evaluation.models import Recommendation, SuratPernyataan

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(data)
        fh.flush()
        out = subprocess.run(["pdftotext", "-layout", fh.name, "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def test_lhe_pdf_and_docx_of_the_2022_evaluation(ev22):
    on = date(2022, 10, 17)
    text = pdf_text(docs.lhe_pdf(ev22, on, "700/1184/2022"))
    # letter
    assert "INSPEKTORAT KABUPATEN BANYUMAS" in text
    assert "Nomor : 700/1184/2022" in text
    assert "Laporan Hasil Evaluasi atas Implementasi SAKIP pada Dinsospermasdes Tahun 2022" in text
    assert 'nilai 60,00 dengan predikat "CC" (Cukup (Memadai))' in text
    # report (docs/rules.md §4): dasar hukum, tindak lanjut tahun lalu, hasil with last year, findings, recommendations
    for part in (
        "A. PENDAHULUAN",
        "Peraturan Presiden Nomor 29 Tahun 2014",
        "B. TINDAK LANJUT ATAS REKOMENDASI LHE TAHUN SEBELUMNYA",
        "C. HASIL EVALUASI",
        "Nilai 2021",
        "51,75",
        "naik 8,25 poin",
        "D. CATATAN HASIL EVALUASI (TEMUAN)",
        "E. REKOMENDASI",
        "F. PENUTUP",
    ):
        assert part in text, part
    assert "SOP penyusunan dokumen perencanaan kinerja belum sesuai dengan ketentuan yang berlaku" in text
    assert "SOP penyusunan dokumen kinerja yang dilampirkan masih berisi SOP yang bersumber dari Bappedalitbang" in text
    assert "belum tersedianya Indikator Kinerja Individu (IKI) dan Sasaran Kinerja Pegawai (SKP)" in text
    # signed by the Inspektur, with tembusan
    assert "Inspektur Kabupaten Banyumas" in text and "Tembusan" in text and "Bupati Banyumas" in text
    # the attached LKE, per criterion
    assert "LEMBAR KERJA EVALUASI (LKE)" in text and "1.b.8" in text and "4.c.5" in text
    data = docs.lhe_docx(ev22, on, "700/1184/2022")
    document = Document(io.BytesIO(data))
    text = docx_text(data)
    assert "Nomor\n:\n700/1184/2022" in text and "C. HASIL EVALUASI" in text and "Kondisi" in text
    assert "Nilai Hasil Evaluasi" in text and "60,00" in text and "51,75" in text
    assert "1.a.1" in text and "Jawaban Evaluator" in text
    assert document.sections[-1].page_width > document.sections[-1].page_height  # the LKE is landscape


def test_statement_signed_through_the_documents_pipeline(closed_evaluation, users, client_for):
    from sakip.documents.models import ArchivedDocument

    ev, rec = closed_evaluation()
    tim, kepala = users["timsakip"], users["kepala"]
    statement = services.save_statement(
        user=tim,
        evaluation=ev,
        recommendations=[rec],
        statements="Dinsospermasdes telah menyusun SOP penyusunan dokumen perencanaan kinerja.\nSOP terlampir.",
    )
    services.add_statement_attachment(
        user=tim,
        statement=statement,
        url="https://dinsospermasdes.banyumaskab.go.id/sop-perencanaan.pdf",
        label="SOP Penyusunan Dokumen Perencanaan Kinerja",
    )
    page = client_for("timsakip").get(f"/evaluasi/pernyataan/{statement.pk}/")
    assert page.status_code == 200 and "Surat Pernyataan (draf)" in page.content.decode()
    preview = client_for("timsakip").get(f"/evaluasi/pernyataan/{statement.pk}/pdf/")
    assert preview.status_code == 200 and "NOMOR : …………" in pdf_text(preview.content)  # a draft has no number yet
    with pytest.raises(ValidationError, match="bukan penanda tangannya"):
        services.sign_statement(user=tim, statement=statement)  # only the head signs
    services.sign_statement(user=kepala, statement=statement, on=date.today())
    statement.refresh_from_db()
    rec.refresh_from_db()
    assert statement.state == SuratPernyataan.State.SIGNED and statement.number.startswith("700/")
    doc = ArchivedDocument.objects.get(pk=statement.document_id)
    assert doc.signed and doc.doc_type.code == "surat_pernyataan" and doc.number == statement.number
    assert_issued(doc, signer=kepala.employee, source=statement)
    assert_issued_docx(doc)  # its DOCX says what the signed PDF says (docs/documents.md "DOCX")
    text = pdf_text(doc.file.read())
    assert "SURAT PERNYATAAN" in text and f"NOMOR : {statement.number}" in text
    assert "Kepala Dinsospermasdes Kabupaten Banyumas" in text
    assert "Menanggapi rekomendasi Inspektorat Kabupaten Banyumas" in text and "Tahun 2023" in text
    assert "Dinsospermasdes telah menyusun SOP penyusunan dokumen perencanaan kinerja." in text
    assert "SOP Penyusunan Dokumen Perencanaan Kinerja" in text  # lampiran listed
    # the recommendation now waits for verification, with the statement and its lampiran as evidence
    assert rec.state == Recommendation.State.VERIFIKASI
    labels = [e.display_label for e in rec.evidence.all()]
    assert str(statement) in labels and "SOP Penyusunan Dokumen Perencanaan Kinerja" in labels


def test_plt_is_shown_on_a_2022_statement(ev22, users):
    statement = SuratPernyataan.objects.get(evaluation=ev22, number="700/7327/2022")
    text = pdf_text(docs.statement_pdf_preview(statement, date(2022, 11, 21)))
    assert "SUGENG AMIN, SH.MM" in text and "Plt. Kepala Dinsospermasdes Kabupaten Banyumas" in text
    assert "19670128 199302 1 001" in text and "Pembina Utama Muda" in text
    assert "SOP Pengukuran Kinerja Dinsospermasdes" in text
