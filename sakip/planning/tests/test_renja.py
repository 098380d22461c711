"""The Renja / RKT (issue 14 item 5; docs/rules.md §11): the year's plan as a versioned document, adopted by the
Kepala, changed through a Renja Perubahan; the quarterly Permendagri 86/2017 evaluation form as a page and in
Excel, computed by the same code as the LKjIP's Lampiran."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from sakip.measurement.models import Period
from sakip.planning import renja as R
from sakip.planning import renja_services as S
from sakip.planning.models import Pagu, Renja, Target
from sakip.reporting import lkjip as L

pytestmark = pytest.mark.django_db


def test_the_snapshot_is_the_renstra_of_the_year(demo):
    data = R.snapshot(demo["dinas"], 2022)
    assert data["renstra"]["start"] == 2018
    t = Target.objects.filter(
        indicator__opd=demo["dinas"],
        year=2022,
        indicator__node__renstra__start_year=2018,
        indicator__node__level__in=R.LEVELS,
    ).first()
    row = next(r for r in data["targets"] if r["indicator"] == t.indicator_id)
    assert row["target"] == t.display and row["quarters"] == [None if q is None else str(q) for q in t.quarters]
    pagu = Pagu.objects.filter(item__renstra__start_year=2018, item__opd=demo["dinas"], year=2022).first()
    item = next(b for b in data["budget"] if b["item"] == pagu.item_id)
    assert Decimal(item["pagu"]) == pagu.amount
    assert R.snapshot(demo["dinas"], 2024) is None  # between the two Renstra


def test_draft_adopt_and_perubahan(users, demo):
    dinas = demo["dinas"]
    renja = S.draft_renja(user=users["timsakip"], opd=dinas, year=2022)
    assert renja.version == 1 and renja.status == Renja.Status.DRAFT
    again = S.draft_renja(user=users["timsakip"], opd=dinas, year=2022)
    assert again.pk == renja.pk  # a draft is refreshed, not duplicated
    with pytest.raises(PermissionDenied):
        S.adopt(user=users["timsakip"], renja=renja)
    with pytest.raises(PermissionDenied):
        S.draft_renja(user=users["operator"], opd=dinas, year=2022)
    with pytest.raises(PermissionDenied):
        S.draft_renja(user=users["bappeda"], opd=dinas, year=2022)
    adopted = S.adopt(user=users["kepala"], renja=renja)
    assert adopted.status == Renja.Status.DITETAPKAN and adopted.adopted_on
    with pytest.raises(ValidationError, match="alasan"):
        S.draft_renja(user=users["timsakip"], opd=dinas, year=2022)
    t = Target.objects.filter(
        indicator__opd=dinas, year=2022, value__isnull=False, indicator__node__level__in=R.LEVELS
    ).first()
    Target.objects.filter(pk=t.pk).update(value=t.value + 1)
    v2 = S.draft_renja(user=users["timsakip"], opd=dinas, year=2022, reason="Perubahan APBD 2022")
    assert v2.version == 2 and v2.supersedes_id == renja.pk and v2.change_reason == "Perubahan APBD 2022"
    changed = R.changes(renja.data, v2.data)
    assert [c["name"] for c in changed if c["kind"] == "target"] == [t.indicator.name]
    assert Renja.objects.get(pk=renja.pk).data == adopted.data  # the adopted version is kept as it was
    with pytest.raises(ValidationError, match="Renstra"):
        S.draft_renja(user=users["timsakip"], opd=dinas, year=2024)


def test_screens(client_for, users, demo):
    c = client_for("timsakip")
    assert (
        c.post("/perencanaan/renja/", {"year": "20x2"}, follow=True).content.decode().count("Tahun harus berupa angka")
        == 1
    )
    r = c.post("/perencanaan/renja/", {"year": "2022"})
    assert r.status_code == 302
    renja = Renja.objects.get(opd=demo["dinas"], year=2022)
    page = c.get(renja.get_absolute_url()).content.decode()
    assert 'data-testid="renja-adopt"' not in page and "renja-evaluasi" in page
    kepala = client_for("kepala")
    assert 'data-testid="renja-adopt"' in kepala.get(renja.get_absolute_url()).content.decode()
    assert kepala.post(f"/perencanaan/renja/{renja.pk}/tetapkan/").status_code == 302
    assert Renja.objects.get(pk=renja.pk).status == Renja.Status.DITETAPKAN
    r = c.post("/perencanaan/renja/", {"year": "2022"}, follow=True)
    assert "alasan Renja Perubahan" in r.content.decode()
    assert Renja.objects.filter(opd=demo["dinas"], year=2022).count() == 1
    assert client_for("bappeda").get(renja.get_absolute_url()).status_code == 404
    assert client_for("operator").get(renja.get_absolute_url()).status_code == 200
    assert client_for("operator").post("/perencanaan/renja/", {"year": "2022"}).status_code == 403


def test_evaluation_form_is_the_lkjip_lampiran_and_exports(client_for, demo):
    period = Period.objects.get(opd=demo["dinas"], year=2022, triwulan=4)
    form = L.renja_evaluation(period)
    assert form["rows"] == L.compute(demo["dinas"], 2022)["renja"]  # one code for both
    assert form["average"] is not None and form["predikat"]
    url = f"/pelaporan/renja-evaluasi/?opd={demo['dinas'].pk}&tahun=2022&tw=4"
    page = client_for("timsakip").get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert form["rows"][0]["indicator"] in text and "15 = 14 ÷ 6 (%)" in text and form["predikat"] in text
    xlsx = client_for("timsakip").get(url + "&export=xlsx")
    assert xlsx.status_code == 200
    ws = load_workbook(BytesIO(xlsx.content)).active
    values = list(ws.iter_rows(values_only=True))
    assert values[0][0] == "1 No" and values[0][14] == "15 = 14 ÷ 6 (%)"
    assert values[1][4] == form["rows"][0]["indicator"]
    assert any(v and v[1] == "Predikat kinerja" and form["predikat"] in v for v in values)
    tw1 = L.renja_evaluation(Period.objects.get(opd=demo["dinas"], year=2022, triwulan=1))
    assert all(r["tw"][1:] == [None, None, None] for r in tw1["rows"] if r["realisasi"] is not None)


def test_evaluation_bad_input_and_scope(client_for, demo):
    c = client_for("timsakip")
    assert c.get("/pelaporan/renja-evaluasi/?opd=x&tahun=2022&tw=4").status_code == 404
    assert c.get(f"/pelaporan/renja-evaluasi/?opd={demo['dinas'].pk}&tahun=2022&tw=7").status_code == 404
    r = c.get(f"/pelaporan/renja-evaluasi/?opd={demo['dinas'].pk}&tahun=2019&tw=2")
    assert r.status_code == 404 and "Belum ada pengukuran" in r.content.decode()
    url = f"/pelaporan/renja-evaluasi/?opd={demo['dinas'].pk}&tahun=2022&tw=4"
    assert client_for("bappeda").get(url).status_code == 404
    assert client_for("inspektorat").get(url).status_code == 200
