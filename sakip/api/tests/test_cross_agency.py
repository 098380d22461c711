"""Another OPD's objects are invisible through the API (404) and its writes are refused."""

import pytest

pytestmark = pytest.mark.django_db

DETAIL_ENDPOINTS = [
    "organisation/units",
    "organisation/positions",
    "organisation/employees",
    "organisation/assignments",
    "planning/renstra",
    "planning/kinerja",
    "planning/indicators",
    "planning/pk",
    "measurement/periods",
    "measurement/submissions",
    "measurement/realisasi",
    "measurement/budget",
    "evaluation/evaluations",
    "evaluation/recommendations",
    "sop/sops",
    "sop/versions",
    "documents/agenda",
    "documents/archive",
]


def _first_id(api, endpoint, opd_id):
    results = api.get(f"/api/v1/{endpoint}/", {"page_size": 100}).json()["results"]
    assert results, endpoint
    return results[0]["id"]


def test_another_opds_objects_are_404(api_for):
    own = api_for("timsakip")  # Dinsospermasdes
    other = api_for("bappeda")  # Kepala of Bappedalitbang
    for endpoint in DETAIL_ENDPOINTS:
        pk = _first_id(own, endpoint, None)
        assert own.get(f"/api/v1/{endpoint}/{pk}/").status_code == 200, endpoint
        r = other.get(f"/api/v1/{endpoint}/{pk}/")
        assert r.status_code == 404, endpoint
        assert r.json()["code"] == "not_found"
        listed = {row["id"] for row in other.get(f"/api/v1/{endpoint}/", {"page_size": 100}).json()["results"]}
        assert pk not in listed, endpoint


def test_another_opds_writes_are_refused(api_for, demo):
    own = api_for("timsakip")
    other = api_for("bappeda")
    unit_id = _first_id(own, "organisation/units", None)
    row = own.get("/api/v1/measurement/realisasi/", {"page_size": 1}).json()["results"][0]
    submission = own.get("/api/v1/measurement/submissions/", {"page_size": 1}).json()["results"][0]
    rec = own.get("/api/v1/evaluation/recommendations/", {"page_size": 1}).json()["results"][0]
    attempts = [
        other.patch(f"/api/v1/organisation/units/{unit_id}/", {"name": "Diambil alih"}, format="json"),
        other.delete(f"/api/v1/organisation/units/{unit_id}/"),
        other.patch(
            f"/api/v1/measurement/realisasi/{row['id']}/", {"revision": row["revision"], "value": 1}, format="json"
        ),
        other.post(f"/api/v1/measurement/submissions/{submission['id']}/submit/"),
        other.post(f"/api/v1/evaluation/recommendations/{rec['id']}/start/", {}, format="json"),
    ]
    assert [r.status_code for r in attempts] == [404] * len(attempts)
    # Creating inside another OPD: its OPD (and its units) are not valid choices.
    r = other.post(
        "/api/v1/organisation/units/", {"opd": demo["dinas"].pk, "name": "Unit siluman", "kind": "seksi"}, format="json"
    )
    assert r.status_code == 400
    assert "opd" in r.json()["errors"]
    from sakip.organization.models import Unit

    assert not Unit.objects.filter(name__in=["Unit siluman", "Diambil alih"]).exists()


def test_pemda_readers_read_every_opd_but_write_nothing(api_for, demo):
    insp = api_for("inspektorat")
    opds = {o["id"] for o in insp.get("/api/v1/organisation/opd/", {"page_size": 100}).json()["results"]}
    assert {demo["dinas"].pk, demo["bappeda"].pk} <= opds
    unit = api_for("timsakip").get("/api/v1/organisation/units/", {"page_size": 1}).json()["results"][0]
    assert insp.get(f"/api/v1/organisation/units/{unit['id']}/").status_code == 200
    r = insp.patch(f"/api/v1/organisation/units/{unit['id']}/", {"name": "X"}, format="json")
    assert r.status_code == 403
    assert r.json()["code"] == "permission_denied"
