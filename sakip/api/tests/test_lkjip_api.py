"""The LKjIP through the API: list, detail with versions and Bab III rows equal to `lkjip_render --format json`,
scoped like the pages (another OPD's LKjIP is 404), constant queries."""

import pytest

from sakip.reporting import lkjip_documents
from sakip.reporting.models import Lkjip

pytestmark = pytest.mark.django_db


def _demo_lkjip():
    return Lkjip.objects.select_related("opd", "current", "document").get(opd__akronim="Dinsospermasdes", year=2022)


def test_list_and_detail_of_the_demo_lkjip(api_for):
    lkjip = _demo_lkjip()
    api = api_for("kepala", scope="read")
    listing = api.get("/api/v1/reporting/lkjip/", {"year": 2022})
    assert listing.status_code == 200
    row = next(r for r in listing.json()["results"] if r["id"] == lkjip.pk)
    assert row["status"] == lkjip.status and row["opd_name"] == lkjip.opd.name
    assert row["document"] == lkjip.document_id and row["document_number"] == lkjip.document.number
    detail = api.get(f"/api/v1/reporting/lkjip/{lkjip.pk}/").json()
    assert [v["number"] for v in detail["versions"]] == list(lkjip.versions.values_list("number", flat=True))
    expected = lkjip_documents.json_export(lkjip)["bab3"]
    assert len(detail["bab3"]) == len(expected) > 0
    for got, want in zip(detail["bab3"], expected, strict=True):
        assert got["indicator"] == want["indicator"] and got["sasaran"] == want["sasaran"]
        assert got["capaian"] == (None if want["capaian"] is None else str(want["capaian"]))
        assert got["category"] == want["category"]


def test_another_opd_sees_no_lkjip_of_the_dinas(api_for):
    lkjip = _demo_lkjip()
    other = api_for("bappeda", scope="read")
    assert lkjip.pk not in [r["id"] for r in other.get("/api/v1/reporting/lkjip/").json()["results"]]
    assert other.get(f"/api/v1/reporting/lkjip/{lkjip.pk}/").status_code == 404
    assert api_for("inspektorat", scope="read").get(f"/api/v1/reporting/lkjip/{lkjip.pk}/").status_code == 200


def test_the_list_runs_constant_queries(api_for, django_assert_max_num_queries):
    api = api_for("pemda", scope="read")
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/reporting/lkjip/").status_code == 200
