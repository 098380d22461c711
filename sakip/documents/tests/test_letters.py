"""Letters: draft → paraf koordinasi → number → sign → archive; bad input."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sakip.documents import services
from sakip.documents.models import DocumentType, Klasifikasi, Letter, NumberRecord

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def _letter(user, positions, **kw):
    data = {
        "opd": user.opd,
        "unit": user.unit,
        "doc_type": DocumentType.objects.get(code="surat_pengantar"),
        "klasifikasi": Klasifikasi.objects.get(scheme="Permendagri 78/2012", code="000"),
        "date": date(2035, 3, 2),
        "subject": "Penyampaian data capaian",
        "recipient": "Inspektur Kabupaten Banyumas",
        "body": "Bersama ini kami sampaikan:",
        "items": [{"uraian": "Data capaian TW I", "banyaknya": "1 berkas", "keterangan": ""}],
        "signer_position": positions["kepala"],
        "tembusan": "Sekretaris Daerah",
    }
    data.update(kw)
    return services.save_letter(user=user, letter=Letter(**data))


def test_drafter_chain_needs_paraf_before_signing(users, positions):
    letter = _letter(users["kasi"], positions)
    assert [p.pk for p in services.required_paraf_positions(letter)] == [
        positions["kasi"].pk,
        positions["kabid_rehsos"].pk,
    ]
    with pytest.raises(ValidationError, match="Paraf koordinasi belum lengkap"):
        services.sign_letter(user=users["kepala"], letter=letter)
    with pytest.raises(ValidationError, match="tidak termasuk"):
        services.add_paraf(user=users["sekretaris"], letter=letter)
    services.add_paraf(user=users["kasi"], letter=letter)
    with pytest.raises(ValidationError, match="sudah tercatat"):
        services.add_paraf(user=users["kasi"], letter=letter)
    services.add_paraf(user=users["kabid"], letter=letter)
    assert services.missing_parafs(letter) == []
    letter = services.number_letter(user=users["kasi"], letter=letter)
    assert letter.state == Letter.State.NUMBERED and letter.number == "000/1/2035"
    with pytest.raises(ValidationError, match="Hanya"):
        services.sign_letter(user=users["sekretaris"], letter=letter)
    doc = services.sign_letter(user=users["kepala"], letter=letter)
    letter.refresh_from_db()
    assert letter.state == Letter.State.SIGNED and letter.document == doc and doc.number == "000/1/2035"
    text = pdf_text(doc.file.read())
    assert "SURAT PENGANTAR" in text and "Tembusan" in text and "Data capaian TW I" in text
    assert "Paraf koordinasi" not in text  # the copy that is sent: paraf only on the pertinggal
    archive = pdf_text(services.letter_pdf_preview(letter, archive_copy=True))
    assert "Paraf koordinasi" in archive and "PERTINGGAL" in archive and "KONSEP" not in archive
    assert "000/1/2035" in archive
    assert doc.docx_file.name.endswith(".docx")
    assert NumberRecord.objects.filter(number="000/1/2035", opd=letter.opd).count() == 1
    with pytest.raises(ValidationError):
        services.save_letter(user=users["kasi"], letter=letter)


def test_letter_for_a_date_without_signer_is_refused(users, positions):
    with pytest.raises(ValidationError, match="tidak dipegang"):
        _letter(users["kepala"], positions, date=date(2012, 1, 1))


def test_letter_needs_classification_for_numbered_types(users, positions):
    with pytest.raises(ValidationError) as exc:
        _letter(users["kepala"], positions, klasifikasi=None)
    assert "klasifikasi" in exc.value.message_dict


def test_readers_cannot_draft(users, positions):
    with pytest.raises(PermissionDenied):
        _letter(users["inspektorat"], positions)


def test_cancel_letter_cancels_its_number_with_the_reason(users, positions):
    letter = _letter(users["kepala"], positions)
    letter = services.number_letter(user=users["kepala"], letter=letter)
    services.cancel_letter(user=users["kepala"], letter=letter, reason="Tidak jadi dikirim")
    letter.refresh_from_db()
    assert letter.state == Letter.State.CANCELLED
    assert (
        letter.number_record.status == NumberRecord.Status.CANCELLED
        and letter.number_record.cancel_reason == "Tidak jadi dikirim"
    )


def test_every_letter_type_renders(users, positions):
    from sakip.documents.reference import DOCUMENT_TYPES

    for code, *_rest in DOCUMENT_TYPES[:6]:
        dtype = DocumentType.objects.get(code=code)
        letter = _letter(
            users["kepala"],
            positions,
            doc_type=dtype,
            klasifikasi=dtype.default_klasifikasi,
            subject=f"Uji {dtype.name}",
            items=["Butir satu"],
            details={
                "hari_tanggal": "2026-03-05",
                "waktu": "09.00 WIB",
                "tempat": "Aula",
                "acara": "Rapat",
                "surat_dari": "Inspektorat",
                "nomor_surat": "700/1/2026",
            },
        )
        text = pdf_text(services.letter_pdf_preview(letter))
        marker = {
            "surat_pernyataan": "SURAT PERNYATAAN",
            "surat_pengantar": "SURAT PENGANTAR",
            "nota_dinas": "NOTA DINAS",
            "undangan": "Hal : Uji Undangan Rapat",
            "disposisi": "LEMBAR DISPOSISI",
            "berita_acara": "BERITA ACARA",
        }[code]
        flat = " ".join(text.split())
        assert "KONSEP — belum ditandatangani" in flat and marker in flat and "Butir satu" in flat, code
        if code == "undangan":
            assert "Kamis, 5 Maret 2026" in text
        assert "Dr. HARYANTO WIBOWO" in text


def test_letter_form_creates_a_draft(client_for, positions):
    client = client_for("kepala")
    dtype = DocumentType.objects.get(code="undangan")
    response = client.post(
        reverse("documents:letter_create"),
        {
            "doc_type": dtype.pk,
            "klasifikasi": dtype.default_klasifikasi_id,
            "date": "2026-03-02",
            "subject": "Undangan rapat",
            "sifat": "Biasa",
            "recipient": "Para Kepala Bidang",
            "recipient_place": "Tempat",
            "body": "Dengan hormat,",
            "hari_tanggal": "2026-03-05",
            "waktu": "09.00 WIB",
            "tempat": "Aula",
            "acara": "Rapat",
            "signer_position": positions["kepala"].pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    letter = Letter.objects.get(subject="Undangan rapat")
    assert letter.details == {"hari_tanggal": "2026-03-05", "waktu": "09.00 WIB", "tempat": "Aula", "acara": "Rapat"}
    bad = client.post(
        reverse("documents:letter_create"),
        {
            "doc_type": dtype.pk,
            "klasifikasi": dtype.default_klasifikasi_id,
            "date": "2012-01-01",
            "subject": "x",
            "sifat": "Biasa",
            "signer_position": positions["kepala"].pk,
        },
    )
    assert bad.status_code == 400 and "tidak dipegang" in bad.content.decode()
