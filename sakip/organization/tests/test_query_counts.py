"""List pages cost the same number of queries for 5 rows and for 50 rows (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.organization.models import Assignment, Employee, Position, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(demo):
    """At least 60 rows of every kind in Dinsospermasdes."""
    dinas, pemda = demo["dinas"], demo["pemda"]
    bidang = Unit.objects.get(opd=dinas, name="Bidang Pemerintahan Desa")
    kabid = Position.objects.get(opd=dinas, name="Kepala Bidang Pemerintahan Desa")
    for i in range(60):
        unit = Unit.objects.create(opd=dinas, parent=bidang, name=f"Unit Uji {i}", kind="seksi", order=i)
        pos = Position.objects.create(
            pemda=pemda, opd=dinas, unit=unit, name=f"Jabatan Uji {i}", kind="pelaksana", superior=kabid
        )
        emp = Employee.objects.create(pemda=pemda, opd=dinas, name=f"PEGAWAI UJI {i}", kind="non_asn")
        Assignment.objects.create(employee=emp, position=pos, start_date="2024-01-01")


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "path",
    [
        "/organisasi/unit/",
        "/organisasi/jabatan/",
        "/organisasi/pegawai/",
        "/organisasi/penugasan/",
        "/organisasi/tim-sakip/",
    ],
)
def test_list_pages_are_constant_in_rows(path, client_for, many):
    c = client_for("sekretaris")
    small = count(c, f"{path}?per_page=5")
    large = count(c, f"{path}?per_page=50")
    assert small == large, f"{path}: {small} queries for 5 rows, {large} for 50"


def test_list_page_budget(client_for, many, django_assert_max_num_queries):
    c = client_for("sekretaris")
    with django_assert_max_num_queries(14):
        c.get("/organisasi/pegawai/?per_page=50")


def test_org_chart_is_constant_in_size(client_for, demo, many, django_assert_max_num_queries):
    c = client_for("kepala")
    with django_assert_max_num_queries(16):
        assert c.get(f"/organisasi/opd/{demo['dinas'].pk}/").status_code == 200
    html = c.get(f"/organisasi/opd/{demo['dinas'].pk}/").content.decode()
    assert "Unit Uji 59" in html and "PEGAWAI UJI 59" in html


def test_excel_export_holds_all_filtered_rows(client_for, many):
    from io import BytesIO

    from openpyxl import load_workbook

    r = client_for("sekretaris").get("/organisasi/pegawai/?q=PEGAWAI UJI&export=xlsx")
    ws = load_workbook(BytesIO(r.content)).active
    # The export has the import template's columns (the name is not the first): count the rows naming them.
    rows = [" ".join(str(c.value or "") for c in row) for row in ws.iter_rows(min_row=2)]
    assert len([r for r in rows if "PEGAWAI UJI" in r]) == 60
