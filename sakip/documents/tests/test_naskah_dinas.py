"""Issue 13 item 4, naskah dinas rules (Permendagri 1/2023): who signs is data (DocumentType.signer), the
signer's title names the OPD and not the Kabupaten, several recipients are numbered under "Yth.", and
"Halaman x dari y" counts the pages of the whole file."""

from datetime import date

import pytest
from django.template.loader import render_to_string

from sakip.core.pdf import render_pdf_from_html
from sakip.documents import services, signing
from sakip.documents.docx import recipients_text
from sakip.documents.models import ArchivedDocument, DocumentType

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_letters_leaving_the_opd_are_signed_by_the_kepala(positions, dinas):
    for code in ("surat_pengantar", "undangan", "surat_pernyataan", "dokumen_pengukuran"):
        assert DocumentType.objects.get(code=code).signer == DocumentType.Signer.KEPALA
        assert services.signer_for(code, dinas, positions["kasubbag"]) == (positions["kepala"], None)


def test_internal_documents_are_signed_by_the_acting_official_on_behalf_of_the_kepala(positions, dinas):
    assert DocumentType.objects.get(code="nota_dinas").signer == DocumentType.Signer.PELAKSANA
    assert services.signer_for("nota_dinas", dinas, positions["sekretaris"]) == (
        positions["sekretaris"],
        positions["kepala"],
    )
    assert services.signer_for("nota_dinas", dinas, positions["kepala"]) == (positions["kepala"], None)


def test_the_rule_is_data(positions, dinas):
    DocumentType.objects.filter(code="nota_dinas").update(signer=DocumentType.Signer.KEPALA)
    assert services.signer_for("nota_dinas", dinas, positions["kasi"]) == (positions["kepala"], None)


def test_titles_name_the_opd_not_the_kabupaten(positions):
    kasubbag = services.signature_block(positions["kasubbag"], date(2026, 3, 2))
    assert kasubbag["title"] == "Kasubbag Perencanaan dan Keuangan Dinsospermasdes"
    ub = services.signature_block(positions["kasubbag"], date(2026, 3, 2), on_behalf_of=positions["kepala"])
    assert ub["title_lines"] == [
        "a.n. Kepala Dinsospermasdes Kabupaten Banyumas",
        "Sekretaris Dinsospermasdes,",
        "u.b.",
        "Kasubbag Perencanaan dan Keuangan Dinsospermasdes,",
    ]
    assert not any("Kabupaten" in line for line in ub["title_lines"][1:])


def test_the_demo_cover_letter_of_the_dpk_is_signed_by_the_kepala(dinas):
    letters = ArchivedDocument.objects.filter(opd=dinas, doc_type__code="surat_pengantar", source_id__isnull=False)
    letters = [d for d in letters if d.source_type and d.source_type.model == "period"]
    assert letters, "the demo issues DPK cover letters"
    for doc in letters:
        assert doc.signer_position.is_opd_head, doc.signer_title
        assert "u.b." not in doc.signer_title and "a.n." not in doc.signer_title


def render_letter(template, recipients, **extra):
    ctx = {
        "letter": {"subject": "Uji penerima", "recipient_place": "Tempat", "sifat": "Biasa"},
        "recipients": recipients,
        "items": [],
        "paragraphs": ["Isi surat."],
        **services.kop_context(extra.pop("opd")),
        **extra,
    }
    return pdf_text(render_pdf_from_html(render_to_string(template, ctx)))


@pytest.mark.parametrize("template", ["surat_pengantar", "undangan", "nota_dinas"])
def test_several_recipients_are_numbered_under_yth(dinas, template):
    text = render_letter(
        f"documents/print/{template}.html", ["Bupati Banyumas", "Inspektur Kabupaten Banyumas"], opd=dinas
    )
    lines = [line.strip() for line in text.splitlines()]
    joined = " ".join(lines)
    assert "Yth. Bupati" not in joined
    assert "1. Bupati Banyumas" in joined and "2. Inspektur Kabupaten Banyumas" in joined
    single = " ".join(render_letter(f"documents/print/{template}.html", ["Bupati Banyumas"], opd=dinas).split())
    assert "Yth. Bupati Banyumas" in single and "1. Bupati" not in single


def test_docx_recipients_follow_the_same_rule():
    assert recipients_text(["Bupati Banyumas"]) == "Yth. Bupati Banyumas"
    assert recipients_text(["Bupati Banyumas", "Inspektur"]).splitlines() == [
        "Yth.",
        "1. Bupati Banyumas",
        "2. Inspektur",
    ]


def test_page_numbers_count_the_appended_lampiran(statement):
    data = statement.file.read()
    total = signing.page_count(data)
    assert statement.lampiran.exists() and total > 1
    first_page = pdf_text(data).split("\f")[0]
    assert f"Halaman 1 dari {total}" in first_page
