"""Permission matrix: every organisation view × every demo role (allowed → 200, forbidden → 403/404, never 500)."""

import pytest

from sakip.organization.models import Assignment, Employee, Position, TimSakip, Unit

pytestmark = pytest.mark.django_db

ROLES = ["admin", "kepala", "sekretaris", "timsakip", "kabid", "kasi", "operator", "inspektorat", "pemda", "bappeda"]
MANAGERS = {"admin", "kepala", "sekretaris"}  # may change the organisation of Dinsospermasdes
READERS = set(ROLES) - {"bappeda"}  # Dinsospermasdes data is hidden from another OPD


@pytest.fixture
def objects(demo):
    dinas = demo["dinas"]
    unit = Unit.objects.get(opd=dinas, name="Bidang Rehabilitasi Sosial")
    return {
        "opd": dinas.pk,
        "unit": unit.pk,
        "position": Position.objects.filter(opd=dinas, unit=unit).first().pk,
        "employee": Employee.objects.filter(opd=dinas).first().pk,
        "assignment": Assignment.objects.filter(position__opd=dinas).first().pk,
        "tim": TimSakip.objects.filter(opd=dinas).first().pk,
    }


def read_urls(o):
    return [
        "/",
        "/organisasi/unit/",
        "/organisasi/jabatan/",
        "/organisasi/pegawai/",
        "/organisasi/penugasan/",
        "/organisasi/tim-sakip/",
        "/organisasi/pegawai/?export=xlsx",
        "/organisasi/unit/?q=Bidang&export=xlsx",
    ]


def scoped_read_urls(o):
    return [
        f"/organisasi/opd/{o['opd']}/",
        f"/organisasi/pegawai/{o['employee']}/",
        f"/organisasi/tim-sakip/{o['tim']}/",
        f"/riwayat/organization/unit/{o['unit']}/",
    ]


def manage_urls(o):
    return [
        "/organisasi/unit/tambah/",
        "/organisasi/jabatan/tambah/",
        "/organisasi/pegawai/tambah/",
        "/organisasi/penugasan/tambah/",
        "/organisasi/tim-sakip/tambah/",
        "/organisasi/unit/impor/",
        "/organisasi/jabatan/impor/",
        "/organisasi/pegawai/impor/",
    ]


def scoped_manage_urls(o):
    return [
        f"/organisasi/opd/{o['opd']}/ubah/",
        f"/organisasi/unit/{o['unit']}/ubah/",
        f"/organisasi/unit/{o['unit']}/hapus/",
        f"/organisasi/jabatan/{o['position']}/ubah/",
        f"/organisasi/pegawai/{o['employee']}/ubah/",
        f"/organisasi/penugasan/{o['assignment']}/ubah/",
        f"/organisasi/tim-sakip/{o['tim']}/ubah/",
    ]


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, client_for, objects):
    c = client_for(role)
    for url in read_urls(objects):
        assert c.get(url).status_code == 200, url
    for url in scoped_read_urls(objects):
        expected = 200 if role in READERS else 404
        assert c.get(url).status_code == expected, (url, role)
    for url in manage_urls(objects):
        expected = 200 if role in MANAGERS or role == "bappeda" else 403
        assert c.get(url).status_code == expected, (url, role)
    for url in scoped_manage_urls(objects):
        if role in MANAGERS:
            expected = (200,)
        elif role == "bappeda":
            expected = (404,)
        else:
            expected = (403, 404)
        assert c.get(url).status_code in expected, (url, role)


def test_anonymous_is_sent_to_login(client, objects):
    for url in read_urls(objects) + scoped_read_urls(objects) + manage_urls(objects):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/masuk/"), url


def test_lists_are_scoped_to_the_users_opd(client_for, demo):
    html = client_for("bappeda").get("/organisasi/pegawai/?q=SUGENG").content.decode()
    assert "SUGENG AMIN, SH.MM" not in html
    html = client_for("inspektorat").get("/organisasi/pegawai/?q=SUGENG").content.decode()
    assert "SUGENG AMIN" in html


def test_a_manager_cannot_move_data_into_another_opd(client_for, demo):
    """The form limits choices to the user's scope: a Dinas manager cannot create a Bappedalitbang unit."""
    r = client_for("sekretaris").post(
        "/organisasi/unit/tambah/", {"opd": demo["bappeda"].pk, "name": "Unit Gelap", "kind": "seksi", "order": 1}
    )
    assert r.status_code == 200
    assert not Unit.objects.filter(name="Unit Gelap").exists()
    assert "bukan salah satu dari pilihan yang tersedia" in r.content.decode()


def test_deleting_a_unit_with_positions_shows_a_clear_message(client_for, demo):
    unit = Unit.objects.get(opd=demo["dinas"], name="Seksi Penanganan Fakir Miskin")
    r = client_for("sekretaris").post(f"/organisasi/unit/{unit.pk}/hapus/")
    assert r.status_code == 400
    assert "tidak dapat dihapus karena masih memiliki jabatan" in r.content.decode()
    assert Unit.objects.filter(pk=unit.pk).exists()
