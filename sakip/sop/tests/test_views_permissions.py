"""Every SOP view × every demo role: allowed → 200, forbidden → 403 or 404 (never 500).
A unit edits its own SOPs; the Tim SAKIP (and the other OPD managers) all of its OPD's."""

import pytest

from sakip.core.actors import system_user
from sakip.sop import services
from sakip.sop.models import SopVersion

pytestmark = pytest.mark.django_db

ROLES = [
    "admin",
    "kepala",
    "sekretaris",
    "timsakip",
    "kabid",
    "kabid2",
    "kasi",
    "operator",
    "inspektorat",
    "pemda",
    "bappeda",
]
READERS = set(ROLES) - {"bappeda"}
CREATORS = {"admin", "kepala", "sekretaris", "timsakip", "kabid", "kabid2", "kasi", "operator", "bappeda"}
OPD_EDITORS = {"admin", "kepala", "sekretaris", "timsakip"}
REHSOS_EDITORS = OPD_EDITORS | {"kabid", "operator"}  # Bidang Rehabilitasi Sosial's own SOP
APPROVERS = {"admin", "kepala"}


@pytest.fixture
def objects(dinas, seed_v2, unit_draft):
    opd_draft = services.new_revision(
        user=system_user(), sop=SopVersion.objects.get(sop__opd=dinas, sop__number="061.1/365").sop
    )
    submitted = services.new_revision(
        user=system_user(), sop=SopVersion.objects.get(sop__opd=dinas, sop__number="061.1/364").sop
    )
    services.submit(user=system_user(), version=submitted)
    return {
        "sop": seed_v2.sop_id,
        "v": seed_v2.pk,
        "unit_draft": unit_draft.pk,
        "opd_draft": opd_draft.pk,
        "submitted": submitted.pk,
        "dinas": dinas.pk,
    }


def expect(code, allowed, role, hidden=404):
    if role not in READERS:
        return hidden
    return code if role in allowed else 403


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, client_for, objects):
    c = client_for(role)
    o = objects
    for url in ("/sop/", "/sop/?q=Rapat&status=berlaku", "/sop/?export=xlsx", "/sop/pemeriksaan/", "/"):
        assert c.get(url).status_code == 200, url
    reads = [
        f"/sop/versi/{o['v']}/",
        f"/sop/versi/{o['v']}/prosedur/",
        f"/sop/versi/{o['v']}/lembar-kerja/",
        f"/sop/versi/{o['v']}/pemeriksaan/",
        f"/sop/versi/{o['v']}/pemeriksaan/?format=json",
        f"/sop/versi/{o['v']}/monev/",
        f"/sop/versi/{o['v']}/unduh.svg",
        f"/sop/{o['sop']}/banding/",
        f"/sop/pemeriksaan/?opd={o['dinas']}",
        f"/riwayat/sop/sopversion/{o['v']}/",
    ]
    for url in reads:
        assert c.get(url).status_code == (200 if role in READERS else 404), url
    assert c.get(f"/sop/{o['sop']}/").status_code == (302 if role in READERS else 404)
    for url in ("/sop/baru/", "/sop/tempel/", "/sop/impor/"):
        assert c.get(url).status_code == (200 if role in CREATORS else 403), url
    for url in (
        f"/sop/versi/{o['unit_draft']}/identitas/",
        f"/sop/versi/{o['unit_draft']}/langkah/",
        f"/sop/tempel/?versi={o['unit_draft']}",
    ):
        assert c.get(url).status_code == expect(200, REHSOS_EDITORS, role), (url, role)
    for url in (f"/sop/versi/{o['opd_draft']}/identitas/", f"/sop/versi/{o['opd_draft']}/langkah/"):
        assert c.get(url).status_code == expect(200, OPD_EDITORS, role), (url, role)
    assert c.get(f"/sop/versi/{o['submitted']}/sahkan/").status_code == expect(200, APPROVERS, role)
    assert c.get(f"/sop/versi/{o['v']}/cabut/").status_code == expect(200, APPROVERS, role)
    assert c.get(f"/sop/versi/{o['v']}/monitoring/").status_code == expect(200, OPD_EDITORS, role)
    assert c.get(f"/sop/versi/{o['v']}/evaluasi/").status_code == expect(200, OPD_EDITORS, role)
    # Writes that are refused leave nothing behind.
    response = c.post(f"/sop/versi/{o['opd_draft']}/ajukan/")
    assert response.status_code == expect(302, OPD_EDITORS, role)
    response = c.post(f"/sop/{o['sop']}/revisi/")
    assert response.status_code == expect(302, OPD_EDITORS, role)


def test_unit_editors_see_their_edit_buttons_only_on_their_sops(client_for, unit_draft, seed_v2):
    kabid = client_for("kabid")
    assert b'data-testid="edit-steps"' in kabid.get(f"/sop/versi/{unit_draft.pk}/prosedur/").content
    kabid2 = client_for("kabid2")
    assert b'data-testid="edit-steps"' not in kabid2.get(f"/sop/versi/{unit_draft.pk}/prosedur/").content
    assert b'data-testid="approve-button"' not in client_for("timsakip").get(f"/sop/versi/{seed_v2.pk}/").content


def test_register_queries_do_not_grow_with_rows(client_for, dinas, django_assert_max_num_queries):
    from sakip.sop.models import Sop

    c = client_for("timsakip")
    c.get("/sop/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert c.get("/sop/").status_code == 200
    for i in range(45):
        sop = Sop.objects.create(opd=dinas, number=f"900/{i}", judul=f"SOP massal {i}")
        SopVersion.objects.create(sop=sop, version=1, judul=sop.judul)
    with CaptureQueriesContext(connection) as many:
        response = c.get("/sop/?per_page=100")
    assert response.status_code == 200
    assert len(many) <= len(few)


def test_other_opd_cannot_write_into_dinsospermasdes(client_for, dinas, seed_tsv):
    c = client_for("bappeda")
    response = c.post(
        "/sop/tempel/", {"opd": dinas.pk, "number": "X/1", "judul": "Susupan", "tabel": seed_tsv, "action": "save"}
    )
    assert response.status_code == 400  # the OPD is not among the choices
    from sakip.sop.models import Sop

    assert not Sop.objects.filter(number="X/1").exists()
