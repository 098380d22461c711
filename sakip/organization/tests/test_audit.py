"""Every change of a domain model is in the audit trail, visible per object and exportable."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from sakip.organization.models import Employee

pytestmark = pytest.mark.django_db


def test_an_edit_through_the_ui_is_recorded_with_who_and_before_after(client_for, users, demo):
    emp = Employee.objects.get(name="WULAN SARI")
    c = client_for("sekretaris")
    form = {
        "opd": demo["dinas"].pk,
        "name": "WULAN SARI",
        "gelar_belakang": "S.Si., M.Si.",
        "kind": "pns",
        "nip": emp.nip,
        "golongan": emp.golongan_id,
        "email": "",
        "phone": "",
        "active": "on",
    }
    r = c.post(f"/organisasi/pegawai/{emp.pk}/ubah/", form)
    assert r.status_code == 302, r.content.decode()[:2000]
    record = emp.history.latest()
    assert record.history_user == users["sekretaris"]
    assert record.history_type == "~"
    page = c.get(f"/riwayat/organization/employee/{emp.pk}/")
    html = page.content.decode()
    assert "Gelar belakang" in html and "S.Si." in html and "S.Si., M.Si." in html
    assert users["sekretaris"].display_name in html
    export = c.get(f"/riwayat/organization/employee/{emp.pk}/?export=xlsx")
    ws = load_workbook(BytesIO(export.content)).active
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "S.Si., M.Si." in values


def test_history_of_another_opd_is_hidden(client_for, demo):
    emp = Employee.objects.filter(opd=demo["bappeda"]).first()
    assert client_for("kepala").get(f"/riwayat/organization/employee/{emp.pk}/").status_code == 404
    assert client_for("inspektorat").get(f"/riwayat/organization/employee/{emp.pk}/").status_code == 200
