"""The journey of docs/api.md: token → read a Renstra → enter and submit realisasi → read the capaian."""

import pytest

from sakip.measurement.models import BudgetRealisasi, Period, Realisasi, UnitSubmission

pytestmark = pytest.mark.django_db


@pytest.fixture
def rehsos_form(demo):
    period = Period.objects.get(opd=demo["dinas"], year=2026, triwulan=4)
    return UnitSubmission.objects.get(period=period, unit__name="Bidang Rehabilitasi Sosial")


def test_operator_enters_and_submits_through_the_api(api_for, rehsos_form, users):
    api = api_for("operator")
    renstra = api.get("/api/v1/planning/renstra/", {"opd": rehsos_form.period.opd_id}).json()["results"][0]
    cascade = api.get(f"/api/v1/planning/renstra/{renstra['id']}/cascade/", {"year": 2026})
    assert cascade.status_code == 200
    assert cascade.json()["roots"] and cascade.json()["roots"][0]["indicators"]

    rows = api.get("/api/v1/measurement/realisasi/", {"submission": rehsos_form.pk}).json()["results"]
    assert len(rows) == rehsos_form.rows.count()
    for row in rows:
        if row["value"] is None:
            # a count ("orang") takes a whole number, a percentage a decimal (docs/capaian.md)
            whole = Realisasi.objects.get(pk=row["id"]).whole_number
            if whole:
                refused = api.patch(
                    f"/api/v1/measurement/realisasi/{row['id']}/",
                    {"revision": row["revision"], "value": "80,5"},
                    format="json",
                )
                assert refused.status_code == 400
                assert "harus bilangan bulat" in refused.json()["errors"]["value"][0]
            r = api.patch(
                f"/api/v1/measurement/realisasi/{row['id']}/",
                {"revision": row["revision"], "value": "80" if whole else "80,5", "kendala": "Data desa terlambat."},
                format="json",
            )
            assert r.status_code == 200, r.json()
            assert r.json()["value"] == ("80.0000" if whole else "80.5000")
            assert r.json()["revision"] == row["revision"] + 1
    for budget in api.get("/api/v1/measurement/budget/", {"submission": rehsos_form.pk}).json()["results"]:
        r = api.patch(
            f"/api/v1/measurement/budget/{budget['id']}/",
            {"revision": budget["revision"], "realisasi": "1000000.00"},
            format="json",
        )
        assert r.status_code == 200, r.json()

    r = api.post(f"/api/v1/measurement/submissions/{rehsos_form.pk}/submit/")
    assert r.status_code == 200, r.json()
    assert r.json()["state"] == "diajukan"
    rehsos_form.refresh_from_db()
    assert rehsos_form.state == "diajukan" and rehsos_form.submitted_by == users["operator"]

    row = api.get(f"/api/v1/measurement/realisasi/{rows[0]['id']}/").json()
    assert row["capaian"]["status"] in {"ok", "belum_ada_realisasi", "tidak_dapat_dihitung"}
    assert row["capaian"]["explanation"]
    # The change is in the audit trail, attributed to the token's owner.
    filled = Realisasi.objects.filter(submission=rehsos_form, kendala="Data desa terlambat.").first()
    assert filled is not None
    assert filled.history.first().history_user == users["operator"]
    assert BudgetRealisasi.objects.filter(submission=rehsos_form, realisasi__isnull=True).count() == 0


def test_capaian_matches_the_engine_figure(api_for, rehsos_form):
    from sakip.measurement import selectors

    row = rehsos_form.rows.filter(value__isnull=False).first()
    expected = selectors.submission_figures(rehsos_form, [row])[row.pk]
    data = api_for("kabid").get(f"/api/v1/measurement/realisasi/{row.pk}/").json()
    assert data["capaian"]["explanation"] == expected.explanation
    assert (data["capaian"]["percent"] is None) == (expected.percent is None)
    if expected.percent is not None:
        assert float(data["capaian"]["percent"]) == float(expected.percent)


def test_stale_revision_is_409_and_nothing_is_saved(api_for, rehsos_form):
    row = rehsos_form.rows.filter(value__isnull=True).first()
    api = api_for("operator")
    first = api.patch(
        f"/api/v1/measurement/realisasi/{row.pk}/", {"revision": row.revision, "value": 10}, format="json"
    )
    assert first.status_code == 200
    second = api.patch(
        f"/api/v1/measurement/realisasi/{row.pk}/", {"revision": row.revision, "value": 99}, format="json"
    )
    assert second.status_code == 409
    assert second.json()["code"] == "stale_revision"
    assert "sudah diubah" in second.json()["detail"]
    row.refresh_from_db()
    assert row.value == 10


def test_submit_with_missing_rows_is_400_with_the_indonesian_message(api_for, rehsos_form):
    r = api_for("operator").post(f"/api/v1/measurement/submissions/{rehsos_form.pk}/submit/")
    assert r.status_code == 400
    assert r.json()["detail"].startswith("Realisasi belum diisi")
    rehsos_form.refresh_from_db()
    assert rehsos_form.state == "draft"


def test_another_bidang_cannot_enter_this_bidangs_row(api_for, rehsos_form):
    row = rehsos_form.rows.filter(value__isnull=True).first()
    r = api_for("kabid2").patch(
        f"/api/v1/measurement/realisasi/{row.pk}/", {"revision": row.revision, "value": 1}, format="json"
    )
    assert r.status_code == 404  # a draft of another bidang is not even visible
    row.refresh_from_db()
    assert row.value is None


def test_a_row_says_which_numbers_it_takes(api_for, rehsos_form):
    """quarters_max, allow_negative and whole_number of the row (docs/capaian.md) are in the API and its schema."""
    row = rehsos_form.rows.filter(value__isnull=True).first()
    Realisasi.objects.filter(pk=row.pk).update(
        target_year="80", target_max="90", quarters=["20", "40", "60", "80"], quarters_max=["25", "45", "65", "90"]
    )
    data = api_for("operator").get(f"/api/v1/measurement/realisasi/{row.pk}/").json()
    assert data["target_quarters"] == ["20", "40", "60", "80"]
    assert data["target_quarters_max"] == ["25", "45", "65", "90"]
    assert data["allow_negative"] is row.allow_negative and data["whole_number"] is row.whole_number
    Realisasi.objects.filter(pk=row.pk).update(quarters=["20", None, None, None], quarters_max=[], allow_negative=True)
    data = api_for("operator").get(f"/api/v1/measurement/realisasi/{row.pk}/").json()
    assert data["target_quarters"] == ["20", None, None, None] and data["target_quarters_max"] == []
    assert data["allow_negative"] is True


def test_the_schema_describes_the_number_rules_of_a_row():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    props = schema["components"]["schemas"]["Realisasi"]["properties"]
    for name in ("target_quarters", "target_quarters_max"):
        assert props[name]["type"] == "array" and props[name]["readOnly"]
        assert props[name]["items"]["type"] == "string" and props[name]["items"].get("nullable")
    assert props["allow_negative"]["type"] == "boolean" and props["whole_number"]["type"] == "boolean"
    assert "docs/capaian.md" in props["whole_number"]["description"]
