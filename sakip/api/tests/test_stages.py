"""Reads and writes of the other stages through the API: follow-up, DPK, SOP lint, verification."""

import pytest

from sakip.evaluation.models import Recommendation
from sakip.measurement.models import Period

pytestmark = pytest.mark.django_db


def _open_recommendation():
    return (
        Recommendation.objects.filter(state__in=[Recommendation.State.BELUM, Recommendation.State.RENCANA])
        .select_related("finding__evaluation")
        .first()
    )


def test_follow_up_from_plan_to_closed(api_for, users):
    rec = _open_recommendation()
    assert rec is not None
    opd = api_for("timsakip")
    url = f"/api/v1/evaluation/recommendations/{rec.pk}"
    r = opd.post(
        f"{url}/plan/", {"action_plan": "Menyusun IKI seluruh pegawai.", "due_date": "2027-03-31"}, format="json"
    )
    assert r.status_code == 200, r.json()
    assert r.json()["state"] == "rencana_aksi"
    assert opd.post(f"{url}/start/", {"note": "Rapat Tim SAKIP."}, format="json").json()["state"] == "dalam_proses"
    r = opd.post(f"{url}/submit/", {}, format="json")
    assert r.status_code == 400 and "bukti" in r.json()["detail"]
    r = opd.post(f"{url}/evidence/", {"url": "ftp://x", "label": "SK"}, format="json")
    assert r.status_code == 400 and "url" in r.json()["errors"]
    r = opd.post(f"{url}/evidence/", {"url": "https://jdih.example.go.id/sk-iki.pdf", "label": "SK IKI"}, format="json")
    assert r.status_code == 200 and len(r.json()["evidence"]) >= 1
    assert opd.post(f"{url}/submit/", {}, format="json").json()["state"] == "menunggu_verifikasi"
    # The OPD cannot verify its own follow-up; the Inspektorat does.
    assert opd.post(f"{url}/verify/", {"outcome": "selesai"}, format="json").status_code == 403
    insp = api_for("inspektorat")
    r = insp.post(f"{url}/verify/", {"outcome": "sebagian"}, format="json")
    assert r.status_code == 400 and "note" in r.json()["errors"]
    r = insp.post(f"{url}/verify/", {"outcome": "selesai", "note": "Sesuai."}, format="json")
    assert r.status_code == 200 and r.json()["state"] == "selesai"
    rec.refresh_from_db()
    assert rec.verified_by == users["inspektorat"]
    assert rec.history.filter(history_user=users["inspektorat"]).exists()


def test_dpk_for_managers_and_refused_for_a_bidang(api_for, demo):
    period = Period.objects.filter(opd=demo["dinas"], triwulan__gte=1).order_by("-year", "-triwulan").first()
    r = api_for("timsakip").get(f"/api/v1/reporting/dpk/{period.pk}/")
    assert r.status_code == 200, r.json()
    data = r.json()
    lines = [line for group in data["strategic"] + data["programs"] for line in group["lines"]]
    assert lines and all(line["capaian"]["explanation"] for line in lines)
    assert api_for("kabid2").get(f"/api/v1/reporting/dpk/{period.pk}/").status_code == 403
    assert api_for("bappeda").get(f"/api/v1/reporting/dpk/{period.pk}/").status_code == 404


def test_sop_version_detail_and_lint(api_for):
    api = api_for("timsakip")
    version = api.get("/api/v1/sop/versions/", {"status": "disahkan", "page_size": 1}).json()["results"][0]
    detail = api.get(f"/api/v1/sop/versions/{version['id']}/").json()
    assert detail["steps"] and detail["steps"][0]["number"] == 1
    r = api.get(f"/api/v1/sop/versions/{version['id']}/lint/")
    assert r.status_code == 200 and isinstance(r.json(), list)
    assert all({"code", "severity", "message"} <= set(item) for item in r.json())


def test_document_verification_by_code(api_for):
    archive = api_for("timsakip").get("/api/v1/documents/archive/", {"signed": True, "page_size": 1}).json()["results"]
    code = archive[0]["verification_code"]
    api = api_for("pemda")
    r = api.get(f"/api/v1/documents/verify/{code.lower()}/")
    assert r.status_code == 200 and r.json()["sha256"] == archive[0]["sha256"]
    assert api.get("/api/v1/documents/verify/TIDAKADA/").status_code == 404


def test_evaluation_scores_hidden_until_sent(api_for):
    api = api_for("timsakip")
    evaluations = api.get("/api/v1/evaluation/evaluations/").json()["results"]
    draft = next(e for e in evaluations if e["state"] == "draft_mandiri")
    done = next(e for e in evaluations if e["state"] == "lhe_terbit")
    assert draft["total_score"] is None
    assert api.get(f"/api/v1/evaluation/evaluations/{draft['id']}/scores/").status_code == 404
    scores = api.get(f"/api/v1/evaluation/evaluations/{done['id']}/scores/").json()
    assert float(scores["total"]) > 0 and scores["predikat"]
    findings = api.get(f"/api/v1/evaluation/evaluations/{done['id']}/findings/").json()
    assert findings and findings[0]["recommendations"]
