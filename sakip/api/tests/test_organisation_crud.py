"""Organisation writes through the API call sakip.organization.services: permission, validation, history."""

import pytest

from sakip.organization.models import Assignment, Employee, Position, Unit

pytestmark = pytest.mark.django_db


def test_sekretaris_creates_updates_and_deletes_a_unit(api_for, demo, users):
    api = api_for("sekretaris")
    parent = Unit.objects.filter(opd=demo["dinas"], parent__isnull=True).first()
    r = api.post(
        "/api/v1/organisation/units/",
        {"opd": demo["dinas"].pk, "parent": parent.pk, "name": "Seksi Data", "kind": "seksi", "order": 9},
        format="json",
    )
    assert r.status_code == 201, r.json()
    unit = Unit.objects.get(pk=r.json()["id"])
    assert unit.parent == parent
    r = api.patch(f"/api/v1/organisation/units/{unit.pk}/", {"short_name": "Data"}, format="json")
    assert r.status_code == 200 and r.json()["short_name"] == "Data"
    history = list(unit.history.order_by("history_id"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert all(h.history_user == users["sekretaris"] for h in history)
    assert api.delete(f"/api/v1/organisation/units/{unit.pk}/").status_code == 204
    assert not Unit.objects.filter(pk=unit.pk).exists()


def test_a_unit_in_use_cannot_be_deleted(api_for, demo):
    unit = Unit.objects.filter(opd=demo["dinas"], positions__isnull=False).first()
    r = api_for("sekretaris").delete(f"/api/v1/organisation/units/{unit.pk}/")
    assert r.status_code == 400
    assert "tidak dapat dihapus" in r.json()["detail"]
    assert Unit.objects.filter(pk=unit.pk).exists()


def test_employee_and_assignment(api_for, demo):
    api = api_for("kepala")
    r = api.post(
        "/api/v1/organisation/employees/",
        {"opd": demo["dinas"].pk, "name": "SITI AMINAH", "kind": "pns", "nip": "19900101 201501 2 001"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    employee = Employee.objects.get(pk=r.json()["id"])
    assert employee.nip == "199001012015012001" and employee.pemda_id == demo["dinas"].pemda_id
    position = Position.objects.filter(opd=demo["dinas"], kind="pelaksana").first()
    r = api.post(
        "/api/v1/organisation/assignments/",
        {"employee": employee.pk, "position": position.pk, "kind": "plh", "start_date": "2026-12-01"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert Assignment.objects.get(pk=r.json()["id"]).kind_rank == 2
    r = api.post(
        "/api/v1/organisation/assignments/",
        {
            "employee": employee.pk,
            "position": position.pk,
            "kind": "plt",
            "start_date": "2026-12-10",
            "end_date": "2026-12-01",
        },
        format="json",
    )
    assert r.status_code == 400 and "end_date" in r.json()["errors"]


def test_unit_roles_and_readers_may_not_write_organisation(api_for, demo):
    for username in ("kabid", "operator", "timsakip", "inspektorat", "pemda"):
        r = api_for(username).post(
            "/api/v1/organisation/units/",
            {"opd": demo["dinas"].pk, "name": f"Unit {username}", "kind": "seksi"},
            format="json",
        )
        assert r.status_code in (400, 403), username
    assert not Unit.objects.filter(name__startswith="Unit ").exists()
