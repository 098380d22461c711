"""The LKjIP's path: compile → narratives → reviu by the Inspektorat with notes → revision → LHR and
Pernyataan Telah Direviu → signed by the Kepala → archived; LKE 3.a answers; upload; pages and permissions."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from sakip.documents.testing import assert_issued
from sakip.evaluation.autoanswer import RuleContext, run_rule
from sakip.reporting import lkjip_services as S
from sakip.reporting.models import Lkjip

pytestmark = pytest.mark.django_db


def _compiled(demo, users, year=2022):
    Lkjip.objects.filter(opd=demo["dinas"], year=year).delete()
    return S.compile_lkjip(user=users["timsakip"], opd=demo["dinas"], year=year).lkjip


def _all_ok():
    return {k: {"ok": True, "note": ""} for k, _label in S.CHECKLIST}


def test_reviu_notes_revision_sign_archive_and_lke(demo, users):
    lkjip = _compiled(demo, users)
    S.send_to_reviu(user=users["timsakip"], lkjip=lkjip)
    with pytest.raises(PermissionDenied):
        S.assign_reviu(user=users["kepala"], lkjip=lkjip)
    S.assign_reviu(user=users["inspektorat"], lkjip=lkjip)
    S.save_checklist(user=users["inspektorat"], lkjip=lkjip, answers=_all_ok())
    note = S.add_note(user=users["inspektorat"], lkjip=lkjip, text="Lengkapi isu strategis", section="Bab I")
    S.send_notes(user=users["inspektorat"], lkjip=lkjip)
    lkjip.refresh_from_db()
    assert lkjip.status == Lkjip.Status.REVISI
    S.save_section(user=users["timsakip"], version=lkjip.current, field="isu_strategis", text="Kemiskinan ekstrem")
    S.answer_note(user=users["timsakip"], note=note, response="Sudah dilengkapi")
    S.send_to_reviu(user=users["timsakip"], lkjip=lkjip)
    with pytest.raises(ValidationError):  # not reviewed yet: no signature
        S.sign_lkjip(user=users["kepala"], lkjip=lkjip)
    with pytest.raises(ValidationError, match="Anda bukan penanda tangannya"):  # the auditor prepares, not signs
        S.finish_reviu(user=users["inspektorat"], lkjip=lkjip)
    assert not S.can_finish_reviu(users["inspektorat"], lkjip) and S.can_finish_reviu(users["inspektur"], lkjip)
    reviu = S.finish_reviu(user=users["inspektur"], lkjip=lkjip)
    assert reviu.lhr_document.doc_type.code == "lhr_lkjip" and reviu.statement_document.opd == demo["inspektorat"]
    inspektur = users["inspektur"].employee
    assert_issued(reviu.lhr_document, signer=inspektur)
    assert_issued(reviu.statement_document, signer=inspektur)
    assert reviu.differences == []  # recomputed by sakip from the measurement: no difference
    with pytest.raises(PermissionDenied):
        S.sign_lkjip(user=users["sekretaris"], lkjip=lkjip)
    doc = S.sign_lkjip(user=users["kepala"], lkjip=lkjip)
    lkjip.refresh_from_db()
    assert lkjip.status == Lkjip.Status.DITANDATANGANI and doc.signed and doc.number
    assert doc.doc_type.code == "lkjip" and doc.docx_file
    assert list(doc.lampiran.all()) == [reviu.statement_document]
    ctx = RuleContext(opd=demo["dinas"], year=2023)
    for code in ("3.a.1", "3.a.3", "3.a.4"):
        answer = run_rule(code, ctx)
        assert answer.answer == "Y", (code, answer.reason)


def test_only_the_inspektorat_reviews(demo, users):
    lkjip = _compiled(demo, users)
    S.send_to_reviu(user=users["timsakip"], lkjip=lkjip)
    for name in ("kepala", "timsakip", "pemda"):
        with pytest.raises(PermissionDenied):
            S.assign_reviu(user=users[name], lkjip=lkjip)
    from django.http import Http404

    with pytest.raises(Http404):
        S.assign_reviu(user=users["bappeda"], lkjip=lkjip)
    S.assign_reviu(user=users["inspektorat"], lkjip=lkjip)
    with pytest.raises(PermissionDenied):
        S.add_note(user=users["timsakip"], lkjip=lkjip, text="x")
    with pytest.raises(ValidationError):  # checklist not answered
        S.finish_reviu(user=users["inspektorat"], lkjip=lkjip)
    lkjip.refresh_from_db()
    assert lkjip.status == Lkjip.Status.REVIU


def test_upload_made_elsewhere(demo, users):
    dinas = demo["dinas"]
    Lkjip.objects.filter(opd=dinas, year=2021).delete()
    from datetime import date

    bad = SimpleUploadedFile("lkjip.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        S.upload_lkjip(
            user=users["timsakip"],
            opd=dinas,
            year=2021,
            upload=bad,
            signed_on_paper=True,
            date_signed=date(2022, 2, 28),
        )
    assert "bukan PDF" in str(exc.value)
    assert not Lkjip.objects.filter(opd=dinas, year=2021).exists()
    from sakip.measurement.minipdf import make_pdf

    pdf = SimpleUploadedFile("lkjip.pdf", make_pdf(["LKjIP 2021"]), content_type="application/pdf")
    statement = SimpleUploadedFile("pernyataan.pdf", make_pdf(["Pernyataan"]), content_type="application/pdf")
    with pytest.raises(PermissionDenied):
        S.upload_lkjip(
            user=users["kabid"], opd=dinas, year=2021, upload=pdf, signed_on_paper=True, date_signed=date(2022, 2, 28)
        )
    lkjip = S.upload_lkjip(
        user=users["timsakip"],
        opd=dinas,
        year=2021,
        upload=pdf,
        statement=statement,
        signed_on_paper=True,
        date_signed=date(2022, 2, 28),
    )
    assert lkjip.status == Lkjip.Status.DIUNGGAH and lkjip.document.doc_type.code == "lkjip"
    ctx = RuleContext(opd=dinas, year=2022)
    assert [run_rule(c, ctx).answer for c in ("3.a.1", "3.a.3", "3.a.4")] == ["Y", "Y", "Y"]


def test_pages_and_permissions(demo, users, client_for):
    lkjip = _compiled(demo, users)
    for name in ("kepala", "timsakip", "kabid", "inspektorat", "pemda"):
        assert client_for(name).get(f"/pelaporan/lkjip/{lkjip.pk}/").status_code == 200, name
    assert client_for("bappeda").get(f"/pelaporan/lkjip/{lkjip.pk}/").status_code == 404
    page = client_for("timsakip").get(f"/pelaporan/lkjip/{lkjip.pk}/").content.decode()
    assert 'data-testid="section-penutup"' in page and 'data-testid="bab3-table"' in page
    kabid_page = client_for("kabid").get(f"/pelaporan/lkjip/{lkjip.pk}/").content.decode()
    assert 'data-testid="section-penutup"' not in kabid_page and "lkjip-submit" not in kabid_page
    r = client_for("kabid").post(
        f"/pelaporan/lkjip/{lkjip.pk}/bagian/", {"field": "penutup", "text": "x"}, HTTP_HX_REQUEST="true"
    )
    assert r.status_code == 403
    r = client_for("timsakip").post(
        f"/pelaporan/lkjip/{lkjip.pk}/bagian/",
        {"field": "penutup", "text": "<script>alert(1)</script>", "revision": 0},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200 and "<script>alert" not in r.content.decode()
    lkjip.current.refresh_from_db()
    assert lkjip.current.penutup == "<script>alert(1)</script>"
    r = client_for("timsakip").post("/pelaporan/lkjip/susun/", {"opd": demo["dinas"].pk, "year": 2019}, follow=True)
    assert "2019" in r.content.decode() and "belum ada" in r.content.decode()
    pdf = client_for("timsakip").get(f"/pelaporan/lkjip/{lkjip.pk}/lkjip.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_render_command(demo, users, tmp_path):
    lkjip = _compiled(demo, users)
    out = tmp_path / "lkjip.json"
    call_command("lkjip_render", opd="Dinsospermasdes", year=2022, format="json", output=str(out))
    data = json.loads(out.read_text())
    rows = [r for s in lkjip.current.data["sasaran"] for r in s["rows"]]
    assert len(data["bab3"]) == len(rows)
    first = data["bab3"][0]
    for key in (
        "sasaran",
        "indicator",
        "satuan",
        "target",
        "realisasi",
        "capaian",
        "category",
        "prev_realisasi",
        "renstra_target",
    ):
        assert key in first
    assert first["capaian"] == rows[0]["capaian"]
    docx = tmp_path / "lkjip.docx"
    call_command("lkjip_render", opd="Dinsospermasdes", year=2022, format="docx", output=str(docx))
    from docx import Document

    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "BAB III\nAKUNTABILITAS KINERJA" in text and "LAMPIRAN 3" in text  # two lines, as the PDF's chapter title
