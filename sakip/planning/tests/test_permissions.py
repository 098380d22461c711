"""Permissions: a Kabid edits only his unit's indicators, the Tim SAKIP all of its OPD's; every view ×
every demo role gives 200, 403 or 404 and never 500."""

import pytest
from django.core.exceptions import PermissionDenied

from sakip.planning import services
from sakip.planning.models import Indicator, Kinerja, PerjanjianKinerja, Renstra

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


def _ind(dinas, position_name, level):
    return Indicator.objects.filter(
        opd=dinas, node__renstra__start_year=2025, node__position__name=position_name, node__level=level
    ).first()


@pytest.mark.usefixtures("draft_renstra")
def test_kabid_edits_only_his_units_indicators(users, dinas, year):
    own = _ind(dinas, "Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia", 3)
    other = _ind(dinas, "Kepala Seksi Penanganan Fakir Miskin", 3)
    iku = Indicator.objects.get(opd=dinas, code="IKU 1", node__renstra__start_year=2025)
    kabid = users["kabid"]
    assert services.can_edit_indicator(kabid, own)
    assert not services.can_edit_indicator(kabid, other)
    assert not services.can_edit_indicator(kabid, iku)  # the Kepala's IKU is OPD-wide data
    services.set_target(user=kabid, indicator=own, year=year, value="470")
    with pytest.raises(PermissionDenied):
        services.set_target(user=kabid, indicator=other, year=year, value="90")
    with pytest.raises(PermissionDenied):
        services.update_indicator(user=kabid, indicator=iku, name="x")


def test_kasi_and_operator_stay_in_their_subtree(users, dinas):
    kasi_own = _ind(dinas, "Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia", 3)
    kasi_sibling = _ind(dinas, "Kepala Seksi Rehabilitasi Sosial Penyandang Disabilitas", 3)
    bidang = _ind(dinas, "Kepala Bidang Rehabilitasi Sosial", 2)
    assert services.can_edit_indicator(users["kasi"], kasi_own)
    assert not services.can_edit_indicator(users["kasi"], kasi_sibling)
    assert not services.can_edit_indicator(users["kasi"], bidang)
    assert services.can_edit_indicator(users["operator"], kasi_sibling)  # operator of the Bidang


def test_tim_sakip_edits_every_indicator_of_its_opd_only(users, dinas, demo):
    for ind in Indicator.objects.filter(opd=dinas)[:40]:
        assert services.can_edit_indicator(users["timsakip"], ind)
    for name in ("inspektorat", "pemda", "bappeda"):
        assert not services.can_edit_indicator(users[name], Indicator.objects.filter(opd=dinas).first())


def test_kabid_cannot_move_a_result_out_of_his_unit(users, dinas, positions):
    node = Kinerja.objects.filter(
        opd=dinas, position__name="Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia", level=3
    ).first()
    with pytest.raises((PermissionDenied, Exception)):
        services.update_node(user=users["kabid"], node=node, position=positions["Kepala Seksi Penanganan Fakir Miskin"])
    assert Kinerja.objects.get(pk=node.pk).position.name == "Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia"


@pytest.fixture
def urls(dinas):
    renstra = Renstra.objects.get(opd=dinas, start_year=2025)
    own = _ind(dinas, "Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia", 3)
    node = own.node
    pk = PerjanjianKinerja.objects.filter(opd=dinas, position__name="Kepala Bidang Rehabilitasi Sosial").first()
    return {
        "index": "/perencanaan/",
        "renstras": "/perencanaan/renstra/",
        "renstra": f"/perencanaan/renstra/{renstra.pk}/",
        "pohon": "/perencanaan/pohon-kinerja/",
        "indicators": "/perencanaan/indikator/",
        "indicator": f"/perencanaan/indikator/{own.pk}/",
        "indicator_edit": f"/perencanaan/indikator/{own.pk}/ubah/",
        "node_edit": f"/perencanaan/kinerja/{node.pk}/ubah/",
        "indicator_create": f"/perencanaan/kinerja/{node.pk}/indikator/tambah/",
        "crosscutting": "/perencanaan/crosscutting/",
        "checks": "/perencanaan/pemeriksaan/",
        "my_iki": "/perencanaan/iki-saya/",
        "pk_list": "/perencanaan/pk/",
        "pk": f"/perencanaan/pk/{pk.pk}/",
        "pk_create": "/perencanaan/pk/susun/",
        "import": "/perencanaan/indikator/impor/",
        "renstra_create": "/perencanaan/renstra/tambah/",
        "export": "/perencanaan/ekspor/",
    }


# Expected status per page and role (dinas data). Readers of the Pemda see everything, write nothing;
# the Bappedalitbang (another OPD) never sees Dinsospermasdes objects (404).
WRITE_UNIT = {"indicator_edit", "node_edit", "indicator_create"}
READ_OBJECT = {"renstra", "indicator", "pk"}


def expected(page, role):
    if page in WRITE_UNIT:
        if role in ("admin", "kepala", "sekretaris", "timsakip", "kabid", "kasi", "operator"):
            return 200
        return 404 if role == "bappeda" else 403
    if page in READ_OBJECT:
        return 404 if role == "bappeda" else 200
    if page in ("pk_create", "import"):
        return 403 if role in ("inspektorat", "pemda") else 200
    if page == "renstra_create":
        return 200 if role in ("admin", "kepala", "sekretaris", "timsakip", "bappeda") else 403
    return 200


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client_for, urls, role):
    client = client_for(role)
    got = {page: client.get(url).status_code for page, url in urls.items()}
    want = {page: expected(page, role) for page in urls}
    assert got == want


def test_anonymous_is_sent_to_login(client, urls):
    for url in urls.values():
        response = client.get(url)
        assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_posts_out_of_scope_are_refused(client_for, dinas):
    other = _ind(dinas, "Kepala Seksi Penanganan Fakir Miskin", 3)
    client = client_for("kabid")
    assert client.post(f"/perencanaan/indikator/{other.pk}/", {"y2026-value": "1"}).status_code == 403
    assert client.post(f"/perencanaan/indikator/{other.pk}/hapus/").status_code == 403
    pk = PerjanjianKinerja.objects.filter(opd=dinas, position__is_opd_head=True).first()
    assert client.post(f"/perencanaan/pk/{pk.pk}/sign/").status_code in (400, 403)
    assert client_for("bappeda").post(f"/perencanaan/pk/{pk.pk}/sign/").status_code == 404
    assert (
        client_for("inspektorat").post(f"/perencanaan/indikator/{other.pk}/", {"y2026-value": "1"}).status_code == 403
    )
