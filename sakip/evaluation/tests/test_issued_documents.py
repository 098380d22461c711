"""The LHE and the Surat Pernyataan are official documents issued through the documents pipeline: numbered,
PAdES-signed by the right official (the Inspektur; the Kepala of the evaluated OPD), archived with their hash,
verifiable; downloads come from the archive. The wrong signer and a document changed since it was opened are
refused with a clear message, nothing numbered, nothing saved (docs/documents.md)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sakip.documents.models import ArchivedDocument, NumberRecord
from sakip.documents.testing import assert_issued, assert_issued_docx, docx_text, pdf_text
from sakip.evaluation import documents as docs
from sakip.evaluation import services
from sakip.evaluation.models import Evaluation, SuratPernyataan

pytestmark = pytest.mark.django_db


def _counts():
    return NumberRecord.objects.count(), ArchivedDocument.objects.count()


def _statement(ev, rec, users):
    return services.save_statement(
        user=users["timsakip"], evaluation=ev, recommendations=[rec], statements="SOP internal telah disusun."
    )


def test_the_demo_lhe_2022_is_issued_and_signed_by_the_inspektur(ev22, users):
    doc = ArchivedDocument.objects.get(pk=ev22.lhe_document_id)
    inspektur = users["inspektur"].employee
    data = assert_issued(doc, signer=inspektur, source=ev22, doc_type="lhe")
    assert doc.number == "700/1184/2022" and doc.date == date(2022, 10, 17)
    assert doc.opd.akronim == "Inspektorat" and doc.signer_title.startswith("Inspektur")
    assert doc.docx_file
    text = " ".join(pdf_text(data).split())
    assert "700/1184/2022" in text and inspektur.full_name in text and "KONSEP" not in text


def test_the_inspektur_is_a_demo_login(users):
    from sakip.organization.demo import DEMO_LOGINS

    user = users["inspektur"]
    insp = user.opd
    assert insp.akronim == "Inspektorat" and insp.head_position().holder_on(date.today()).employee == user.employee
    assert "inspektur" in [name for name, *_rest in DEMO_LOGINS]
    assert users["inspektorat"].employee != user.employee  # "inspektorat" is an auditor


def test_lhe_issued_by_the_inspektur_refused_for_the_auditor(closed_evaluation, users):
    ev, _rec = closed_evaluation()
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        services.issue_lhe(user=users["inspektorat"], evaluation=ev)
    assert "LHE ditandatangani oleh" in exc.value.messages[0] and "bukan penanda tangannya" in exc.value.messages[0]
    assert _counts() == before and Evaluation.objects.get(pk=ev.pk).state == Evaluation.State.FINAL
    services.issue_lhe(user=users["inspektur"], evaluation=ev, fingerprint=docs.lhe_fingerprint(ev))
    ev.refresh_from_db()
    doc = ArchivedDocument.objects.get(pk=ev.lhe_document_id)
    assert ev.state == Evaluation.State.LHE_TERBIT and ev.lhe_number == doc.number
    assert doc.number.startswith("700/") and doc.number_record.opd.akronim == "Inspektorat"
    assert_issued(doc, signer=users["inspektur"].employee, source=ev, doc_type="lhe")
    assert f"Nomor\n:\n{doc.number}" in docx_text(assert_issued_docx(doc))  # the DOCX says what the PDF says


def test_lhe_changed_since_opened_is_refused(closed_evaluation, users):
    ev, rec = closed_evaluation()
    fingerprint = docs.lhe_fingerprint(ev)
    rec.text = "Rekomendasi diubah setelah halaman dibuka."
    rec.save()
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        services.issue_lhe(user=users["inspektur"], evaluation=ev, fingerprint=fingerprint)
    assert "berubah sejak" in exc.value.messages[0]
    assert _counts() == before and Evaluation.objects.get(pk=ev.pk).lhe_document_id is None


def test_lhe_page_and_downloads(closed_evaluation, client_for, users):
    ev, _rec = closed_evaluation()
    auditor = client_for("inspektorat").get(f"/evaluasi/{ev.pk}/lhe/").content.decode()
    assert 'data-testid="issue-lhe-submit"' not in auditor and 'data-testid="lhe-awaits-inspektur"' in auditor
    draft = client_for("inspektorat").get(f"/evaluasi/{ev.pk}/lhe.pdf")
    assert draft.status_code == 200 and "konsep-" in draft["Content-Disposition"]
    client = client_for("inspektur")
    page = client.get(f"/evaluasi/{ev.pk}/lhe/")
    assert 'data-testid="issue-lhe-submit"' in page.content.decode()
    form = {"number": "", "date": date.today().isoformat(), "fingerprint": "usang"}
    stale = client.post(f"/evaluasi/{ev.pk}/lhe/", form)
    assert stale.status_code == 400 and "berubah sejak" in stale.content.decode()
    form["fingerprint"] = docs.lhe_fingerprint(ev)
    assert client.post(f"/evaluasi/{ev.pk}/lhe/", form).status_code == 302
    ev.refresh_from_db()
    doc = ArchivedDocument.objects.get(pk=ev.lhe_document_id)
    pdf = client.get(f"/evaluasi/{ev.pk}/lhe.pdf")
    assert pdf.status_code == 302 and pdf["Location"] == doc.download_url
    docx = client.get(f"/evaluasi/{ev.pk}/lhe.docx")
    assert docx.status_code == 302 and docx["Location"] == doc.download_url + "?format=docx"
    assert doc.verification_code in client.get(f"/evaluasi/{ev.pk}/lhe/").content.decode()


def test_statement_signed_by_the_head_refused_for_others(closed_evaluation, users, client_for):
    ev, rec = closed_evaluation()
    statement = _statement(ev, rec, users)
    before = _counts()
    for name in ("timsakip", "sekretaris"):
        with pytest.raises(ValidationError) as exc:
            services.sign_statement(user=users[name], statement=statement)
        assert "bukan penanda tangannya" in exc.value.messages[0]
    assert _counts() == before and SuratPernyataan.objects.get(pk=statement.pk).state == "draft"
    page = client_for("timsakip").get(statement.get_absolute_url()).content.decode()
    assert 'data-testid="sign-statement"' not in page
    page = client_for("kepala").get(statement.get_absolute_url()).content.decode()
    assert 'data-testid="sign-statement"' in page and docs.statement_fingerprint(statement) in page


def test_statement_changed_since_opened_is_refused_then_signed(closed_evaluation, users, client_for):
    ev, rec = closed_evaluation()
    statement = _statement(ev, rec, users)
    fingerprint = docs.statement_fingerprint(statement)
    services.add_statement_attachment(
        user=users["timsakip"], statement=statement, url="https://contoh.go.id/sop.pdf", label="SOP baru"
    )
    client = client_for("kepala")
    form = {"action": "sign", "number": "", "date": date.today().isoformat(), "fingerprint": fingerprint}
    before = _counts()
    stale = client.post(statement.get_absolute_url(), form)
    assert stale.status_code == 400 and "berubah sejak" in stale.content.decode()
    assert _counts() == before and SuratPernyataan.objects.get(pk=statement.pk).state == "draft"
    form["fingerprint"] = docs.statement_fingerprint(statement)
    assert client.post(statement.get_absolute_url(), form).status_code == 302
    statement.refresh_from_db()
    doc = ArchivedDocument.objects.get(pk=statement.document_id)
    assert_issued(doc, signer=users["kepala"].employee, source=statement, doc_type="surat_pernyataan")
    assert doc.number == statement.number and doc.number.startswith("700/")
    download = client.get(f"/evaluasi/pernyataan/{statement.pk}/pdf/")
    assert download.status_code == 302 and download["Location"] == doc.download_url


def test_the_demo_statement_is_the_archived_signed_one(ev22):
    statement = SuratPernyataan.objects.get(evaluation=ev22, number="700/7327/2022")
    doc = ArchivedDocument.objects.get(pk=statement.document_id)
    assert_issued(doc, signer=doc.signer)
    assert doc.signer.name == "SUGENG AMIN" and doc.signer_title.startswith("Plt. Kepala Dinsospermasdes")
