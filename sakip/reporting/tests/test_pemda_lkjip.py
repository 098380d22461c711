"""The Pemda LKjIP (issue 14 item 4; docs/rules.md §10): every figure from the engines, permissions, signing by
the Bupati through the documents pipeline, the documents' text; the demo's Pemda LKjIP 2022."""

import subprocess
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from sakip.measurement import figures as F
from sakip.measurement import selectors as M
from sakip.planning import capaian as engine
from sakip.planning.models import PemdaIku, PemdaTarget
from sakip.reporting import pemda as PD
from sakip.reporting import pemda_lkjip as PL
from sakip.reporting import pemda_lkjip_documents as DOCS
from sakip.reporting import pemda_lkjip_services as S
from sakip.reporting.models import PemdaLkjip

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _iku(data, code):
    return next(i for t in data["tujuan"] for s in t["sasaran"] for i in s["ikus"] if i["code"] == code)


def test_every_figure_equals_the_engines_result(demo):
    data = PL.hydrate(PL.compute(demo["pemda"], 2022))
    assert data["rpjmd"]["start"] == 2018
    iku = PemdaIku.objects.get(goal__rpjmd__start_year=2018, code="IKU-P2.1")
    target = PemdaTarget.objects.get(iku=iku, year=2022)
    row = _iku(data, "IKU-P2.1")
    own = engine.capaian(target.value, target.realisasi, "min", allow_negative=True, bands=F.bands(demo["dinas"].pk))
    assert row["own"]["percent"] == own.percent and row["own"]["explanation"] == own.explanation
    assert row["target"] == target.value and row["realisasi"] == target.realisasi
    # The consolidation: the feeding OPD IKU's figures in the locked measurement, averaged by the engine's rule.
    period = PD.locked_periods([demo["dinas"]], [2022])[(demo["dinas"].pk, 2022)]
    rows, figs = M.period_figures(period)
    feeding = set(iku.opd_indicators.values_list("pk", flat=True))
    expected = [figs[r.pk] for r in rows if r.indicator_id in feeding]
    assert expected
    assert row["consolidated"]["percent"] == F.average(expected)[0]
    assert [x["capaian"] for x in row["consolidated"]["items"] if x["capaian"] is not None] == [
        f.percent for f in expected if f.percent is not None
    ]
    assert "Rata-rata capaian" in row["explanation"]


def test_an_opd_without_a_locked_measurement_is_named_not_guessed(demo):
    data = PL.compute(demo["pemda"], 2023)
    row = _iku(data, "IKU-P2.2")
    missing = [x["missing"] for x in row["consolidated"]["items"]]
    assert missing and all("belum dikunci" in m or "tidak diukur" in m for m in missing)
    assert row["consolidated"]["percent"] is None


def test_compile_permissions_and_bad_input(users, demo):
    with pytest.raises(PermissionDenied):
        S.compile_lkjip(user=users["kepala"], pemda=demo["pemda"], year=2024)
    with pytest.raises(PermissionDenied):
        S.compile_lkjip(user=users["pemda"], pemda=demo["pemda"], year=2024)
    with pytest.raises(ValidationError, match="RPJMD"):
        S.compile_lkjip(user=users["bappeda"], pemda=demo["pemda"], year=2024)  # between the two RPJMD
    assert not PemdaLkjip.objects.filter(year=2024).exists()
    # The signed 2022 one is not compiled again.
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        S.compile_lkjip(user=users["bappeda"], pemda=demo["pemda"], year=2022)


def test_compile_again_makes_a_new_version_and_keeps_the_narratives(users, demo):
    lk = S.compile_lkjip(user=users["bappeda"], pemda=demo["pemda"], year=2023)
    assert lk.version == 1 and lk.preparer == demo["bappeda"] and "Laporan Kinerja" in lk.ikhtisar
    S.save_section(user=users["bappeda"], lkjip=lk, field="penutup", text="Penutup <b>uji</b>")
    with pytest.raises(PermissionDenied):
        S.save_section(user=users["kepala"], lkjip=lk, field="penutup", text="x")
    with pytest.raises(ValidationError):
        S.save_section(user=users["bappeda"], lkjip=lk, field="status", text="x")
    again = S.compile_lkjip(user=users["bappeda"], pemda=demo["pemda"], year=2023)
    assert again.pk == lk.pk and again.version == 2 and again.penutup == "Penutup <b>uji</b>"
    assert again.history.count() >= 3


def test_only_the_bupati_signs(users, demo):
    lk = S.compile_lkjip(user=users["bappeda"], pemda=demo["pemda"], year=2023)
    for name in ("bappeda", "kepala", "inspektur"):
        with pytest.raises(PermissionDenied):
            S.sign(user=users[name], lkjip=lk)
    lk = S.sign(user=users["pemda"], lkjip=lk)
    assert lk.status == PemdaLkjip.Status.DITANDATANGANI
    doc = lk.document
    assert doc.number and doc.opd == demo["bappeda"] and doc.doc_type.code == "lkjip_pemda"
    assert doc.signed and doc.signer_position.kind == "kepala_daerah"  # electronically, by the Bupati himself
    text = _text(doc.file.open("rb").read())
    assert "LAPORAN KINERJA" in text and "Banyumas".upper() in text.upper()
    assert doc.number in text and "IKU-P2.1" in text
    with pytest.raises(ValidationError):
        S.save_section(user=users["bappeda"], lkjip=lk, field="penutup", text="x")


def test_demo_pemda_lkjip_2022_is_signed_and_its_documents_say_the_same(demo, client_for):
    lk = PemdaLkjip.objects.get(pemda=demo["pemda"], year=2022)
    assert lk.status == PemdaLkjip.Status.DITANDATANGANI and lk.document.date.isoformat() == "2023-03-20"
    pdf = _text(lk.document.file.open("rb").read())
    docx = Document(BytesIO(lk.document.docx_file.open("rb").read()))
    docx_text = "\n".join(p.text for p in docx.paragraphs) + "\n".join(
        c.text for t in docx.tables for r in t.rows for c in r.cells
    )
    row = _iku(PL.hydrate(lk.data), "IKU-P2.1")
    for needle in ("IKU-P2.1", "Persentase penduduk miskin", "12,84", lk.document.number):
        assert needle in pdf and needle in docx_text, needle
    percent = f"{row['own']['percent']:.2f}".replace(".", ",")
    assert percent in pdf and percent in docx_text
    # Pages: the planner and the Bupati read; an OPD's own user does not.
    assert client_for("bappeda").get(lk.get_absolute_url()).status_code == 200
    page = client_for("pemda").get(lk.get_absolute_url()).content.decode()
    assert "IKU-P2.2" in page and 'data-testid="pemda-lkjip-sign"' not in page
    assert client_for("kepala").get(lk.get_absolute_url()).status_code == 404
    assert client_for("kepala").get("/pelaporan/pemda/lkjip/").status_code == 403
    r = client_for("pemda").get(f"/pelaporan/pemda/lkjip/{lk.pk}/lkjip.pdf")
    assert r.status_code == 302  # the archived copy


def test_screens_compile_edit_and_sign(client_for, demo):
    c = client_for("bappeda")
    r = c.post("/pelaporan/pemda/lkjip/", {"year": "abc"}, follow=True)
    assert "Tahun harus berupa angka" in r.content.decode()
    r = c.post("/pelaporan/pemda/lkjip/", {"year": "2023"})
    assert r.status_code == 302
    lk = PemdaLkjip.objects.get(pemda=demo["pemda"], year=2023)
    page = c.get(lk.get_absolute_url()).content.decode()
    assert 'data-testid="section-analisis"' in page and 'data-testid="pemda-lkjip-sign"' not in page
    r = c.post(f"/pelaporan/pemda/lkjip/{lk.pk}/bagian/", {"field": "analisis", "text": "<script>x</script>"})
    assert r.status_code == 302
    page = c.get(lk.get_absolute_url()).content.decode()
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    pdf = c.get(f"/pelaporan/pemda/lkjip/{lk.pk}/lkjip.pdf")
    draft = _text(pdf.content)
    assert pdf.status_code == 200 and "IKU-P2.1" in draft and "Versi 1" in draft and "Nomor" not in draft
    docx = c.get(f"/pelaporan/pemda/lkjip/{lk.pk}/lkjip.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    bupati = client_for("pemda")
    assert 'data-testid="pemda-lkjip-sign"' in bupati.get(lk.get_absolute_url()).content.decode()
    assert c.post(f"/pelaporan/pemda/lkjip/{lk.pk}/tandatangani/").status_code == 403
    r = bupati.post(f"/pelaporan/pemda/lkjip/{lk.pk}/tandatangani/")
    assert r.status_code == 302
    lk = PemdaLkjip.objects.get(pk=lk.pk)  # the FSM status is protected: read again, not refresh_from_db
    assert lk.status == PemdaLkjip.Status.DITANDATANGANI and lk.document_id


def test_docx_of_a_draft_names_every_iku(users, demo):
    lk = S.compile_lkjip(user=users["bappeda"], pemda=demo["pemda"], year=2023)
    doc = Document(BytesIO(DOCS.render_docx(lk)))
    cells = " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "IKU-P2.1" in cells and "IKU-P2.2" in cells
    assert Decimal(lk.data["tujuan"][0]["sasaran"][0]["ikus"][0]["target"]) > 0
