"""Errors are JSON with the Indonesian message (English with Accept-Language: en); bad input stores nothing."""

import pytest

from sakip.organization.models import Unit

pytestmark = pytest.mark.django_db


def test_validation_error_is_400_in_indonesian_and_in_english(api_for, demo):
    body = {"opd": demo["dinas"].pk, "name": "", "kind": "seksi"}
    r = api_for("sekretaris").post("/api/v1/organisation/units/", body, format="json")
    assert r.status_code == 400
    assert r.json()["code"] == "invalid"
    assert r.json()["errors"]["name"] == ["Bidang ini tidak boleh kosong."]
    r = api_for("sekretaris", HTTP_ACCEPT_LANGUAGE="en").post("/api/v1/organisation/units/", body, format="json")
    assert r.status_code == 400
    assert r.json()["errors"]["name"] == ["This field may not be blank."]
    assert r["Content-Language"] == "en"


def test_service_messages_follow_the_language(api_for):
    sub = api_for("operator").get("/api/v1/measurement/submissions/", {"state": "draft"}).json()["results"]
    own = next(s for s in sub if s["unit_name"] == "Bidang Rehabilitasi Sosial")
    r = api_for("operator").post(f"/api/v1/measurement/submissions/{own['id']}/submit/")
    assert r.status_code == 400 and r.json()["detail"].startswith("Realisasi belum diisi")
    r = api_for("operator", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").post(
        f"/api/v1/measurement/submissions/{own['id']}/submit/"
    )
    assert r.status_code == 400
    assert r["Content-Language"] == "en"


def test_model_rules_come_back_as_field_errors(api_for, demo):
    api = api_for("sekretaris")
    unit = Unit.objects.filter(opd=demo["dinas"]).first()
    r = api.post(
        "/api/v1/organisation/units/", {"opd": demo["dinas"].pk, "name": unit.name, "kind": "seksi"}, format="json"
    )
    assert r.status_code == 400
    r = api.post(
        "/api/v1/organisation/employees/",
        {"opd": demo["dinas"].pk, "name": "PEGAWAI BARU", "kind": "pns", "nip": "123"},
        format="json",
    )
    assert r.status_code == 400
    assert "nip" in r.json()["errors"]


def test_malformed_json_unknown_fields_and_wrong_types(api_for, demo):
    api = api_for("sekretaris")
    r = api.generic("POST", "/api/v1/organisation/units/", "{not json", content_type="application/json")
    assert r.status_code == 400 and r.json()["detail"]
    r = api.post(
        "/api/v1/organisation/units/",
        {"opd": demo["dinas"].pk, "name": "Seksi Baru", "kind": "seksi", "colour": "red"},
        format="json",
    )
    assert r.status_code == 400 and r.json()["errors"]["colour"] == ["Kolom tidak dikenal."]
    r = api.post("/api/v1/organisation/units/", {"opd": "satu", "name": "Seksi Baru", "kind": "seksi"}, format="json")
    assert r.status_code == 400 and "opd" in r.json()["errors"]
    row = api.get("/api/v1/measurement/realisasi/", {"page_size": 1}).json()["results"][0]
    for bad in (
        {"revision": row["revision"], "value": True},
        {"revision": "x"},
        {"value": 1},
        {"revision": 0, "value": 1e30},
    ):
        r = api.patch(f"/api/v1/measurement/realisasi/{row['id']}/", bad, format="json")
        assert r.status_code == 400, bad
    assert not Unit.objects.filter(name="Seksi Baru").exists()


def test_permission_denied_is_403_with_the_services_message(api_for):
    unit = api_for("kabid").get("/api/v1/organisation/units/", {"page_size": 1}).json()["results"][0]
    r = api_for("kabid").patch(f"/api/v1/organisation/units/{unit['id']}/", {"name": "X"}, format="json")
    assert r.status_code == 403
    assert "Kepala OPD" in r.json()["detail"]


def test_unauthenticated_is_401():
    from rest_framework.test import APIClient

    r = APIClient().get("/api/v1/planning/renstra/")
    assert r.status_code == 401
    assert r.json()["code"] == "not_authenticated"
