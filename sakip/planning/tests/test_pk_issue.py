"""The PK is an official document: signing it issues it through the documents pipeline (numbered, PAdES-signed
by the pihak pertama, archived with its hash, verifiable); the wrong signer or a PK changed since it was read is
refused with nothing numbered and nothing saved (docs/documents.md)."""

import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from sakip.documents.models import ArchivedDocument, NumberRecord
from sakip.documents.testing import assert_issued, pdf_text
from sakip.planning import selectors, services
from sakip.planning.models import PerjanjianKinerja

pytestmark = pytest.mark.django_db

KASI_FM = "Kepala Seksi Penanganan Fakir Miskin"


@pytest.fixture
def draft(dinas, year):
    return PerjanjianKinerja.objects.get(opd=dinas, year=year, position__name=KASI_FM)


def _counts():
    return NumberRecord.objects.count(), ArchivedDocument.objects.count()


def test_signing_issues_the_pk_numbered_signed_archived_verifiable(draft, login_of):
    signer = login_of(draft.first_employee)
    fingerprint = services.pk_fingerprint(draft)
    services.sign_pk(user=signer, pk=draft, fingerprint=fingerprint)
    doc = selectors.archived_pk(draft)
    data = assert_issued(doc, signer=draft.first_employee, source=draft, doc_type="perjanjian_kinerja")
    assert doc.number.startswith("050/") and doc.number.endswith(f"/{draft.year}")
    assert doc.signer_title.startswith("Kepala Seksi Penanganan Fakir Miskin")
    text = pdf_text(data)
    assert f"Nomor: {doc.number}" in text and "DRAF" not in text and "Ditandatangani secara elektronik" in text
    assert "{#" not in text and "{%" not in text
    docx_text = "\n".join(p.text for p in Document(io.BytesIO(doc.docx_file.read())).paragraphs)
    assert f"Nomor: {doc.number}" in docx_text


def test_the_demo_pks_are_issued_through_the_pipeline(dinas):
    kepala_2022 = PerjanjianKinerja.objects.get(opd=dinas, year=2022, position__is_opd_head=True)
    doc = selectors.archived_pk(kepala_2022)
    assert_issued(doc, signer=kepala_2022.first_employee, source=kepala_2022)
    assert doc.signer_title.startswith("Plt. Kepala Dinsospermasdes")  # the Plt. of 2022 signed
    with doc.file.open("rb") as fh:
        text = " ".join(pdf_text(fh.read()).split())
    # the lampiran's heading keeps "Plt." as written; the Bupati (pihak kedua) signs the original by hand
    assert "Plt. KEPALA DINSOSPERMASDES" in text and "PLT. KEPALA" not in text
    assert text.count("(tanda tangan basah)") == 2  # both signature tables: the agreement and its lampiran
    assert " %" not in text, "a percentage is written against its number (70,00%)"
    for pk in PerjanjianKinerja.objects.filter(opd=dinas, status="ditandatangani"):
        archived = selectors.archived_pk(pk)
        assert archived is not None and archived.signed and archived.signer_id == pk.first_employee_id, pk


def test_wrong_signer_is_refused_nothing_numbered(draft, users):
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        services.sign_pk(user=users["kabid2"], pk=draft)  # the pihak kedua, not the signer
    assert "pihak pertama" in exc.value.messages[0] and "bukan penanda tangannya" in exc.value.messages[0]
    assert _counts() == before
    assert PerjanjianKinerja.objects.get(pk=draft.pk).status == "draft"


def test_pk_changed_since_it_was_read_is_refused(draft, login_of):
    signer = login_of(draft.first_employee)
    fingerprint = services.pk_fingerprint(draft)
    item = draft.items.first()
    item.target = "99"
    item.save()
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        services.sign_pk(user=signer, pk=draft, fingerprint=fingerprint)
    assert "berubah sejak" in exc.value.messages[0]
    assert _counts() == before and PerjanjianKinerja.objects.get(pk=draft.pk).status == "draft"


def test_sign_page_and_download(client, draft, login_of, dinas):
    signer = login_of(draft.first_employee)
    client.force_login(signer)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'data-testid="pk-sign"' in page and services.pk_fingerprint(draft) in page
    # without the consent box: a clear message, still a draft
    response = client.post(f"/perencanaan/pk/{draft.pk}/sign/", {"fingerprint": services.pk_fingerprint(draft)})
    assert response.status_code == 400 and "Centang pernyataan" in response.content.decode()
    # a stale page: refused
    response = client.post(f"/perencanaan/pk/{draft.pk}/sign/", {"fingerprint": "lama", "setuju": "1"})
    assert response.status_code == 400 and "berubah sejak" in response.content.decode()
    assert PerjanjianKinerja.objects.get(pk=draft.pk).status == "draft"
    response = client.post(
        f"/perencanaan/pk/{draft.pk}/sign/", {"fingerprint": services.pk_fingerprint(draft), "setuju": "1"}
    )
    assert response.status_code == 302
    doc = selectors.archived_pk(draft)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'data-testid="pk-sign"' not in page and doc.number in page and doc.verification_code in page
    pdf = client.get(f"/perencanaan/pk/{draft.pk}/unduh.pdf")
    assert pdf.status_code == 302 and pdf["Location"] == doc.download_url
    docx = client.get(f"/perencanaan/pk/{draft.pk}/unduh.docx")
    assert docx.status_code == 302 and docx["Location"] == doc.download_url + "?format=docx"


def test_sign_button_only_for_the_signer(client_for, draft):
    page = client_for("kabid2").get(draft.get_absolute_url()).content.decode()
    assert 'data-testid="pk-sign"' not in page
