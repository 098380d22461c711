"""The Kabupaten's own plan (issue 14 item 4; docs/rules.md §10): RPJMD, tujuan/sasaran, IKU Pemda with targets
(the PK Bupati) and which OPD IKU feed each IKU Pemda — screens, services, permissions."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sakip.planning import pemda_services as S
from sakip.planning.models import Indicator, PemdaIku, PemdaTarget, Rpjmd, RpjmdGoal

pytestmark = pytest.mark.django_db


@pytest.fixture
def rpjmd(demo):
    return Rpjmd.objects.get(pemda=demo["pemda"], start_year=2018)


def test_demo_bappeda_is_a_pemda_planner_and_still_kepala_of_its_opd(users, demo):
    u = users["bappeda"]
    assert {"Kepala OPD", "Perencana Pemda"} <= u.role_names
    assert S.can_plan(u, demo["pemda"])
    assert not S.can_plan(users["kepala"], demo["pemda"])
    assert not S.can_plan(users["pemda"], demo["pemda"])  # the Bupati reads, Bappeda plans
    assert S.can_read(users["pemda"], demo["pemda"]) and S.can_read(users["inspektorat"], demo["pemda"])


@pytest.mark.parametrize(
    ("username", "status"),
    [("admin", 200), ("bappeda", 200), ("pemda", 200), ("inspektorat", 200), ("kepala", 403), ("operator", 403)],
)
def test_who_reads_the_pemda_plan(client_for, rpjmd, username, status):
    c = client_for(username)
    assert c.get("/perencanaan/pemda/").status_code == status
    assert c.get(f"/perencanaan/pemda/rpjmd/{rpjmd.pk}/").status_code == status
    iku = PemdaIku.objects.filter(goal__rpjmd=rpjmd).first()
    assert c.get(f"/perencanaan/pemda/iku/{iku.pk}/").status_code == status


def test_only_planners_see_and_use_the_write_buttons(client_for, rpjmd):
    page = client_for("bappeda").get(f"/perencanaan/pemda/rpjmd/{rpjmd.pk}/").content.decode()
    assert 'data-testid="goal-create"' in page and "IKU-P2.1" in page
    reader = client_for("pemda").get(f"/perencanaan/pemda/rpjmd/{rpjmd.pk}/").content.decode()
    assert 'data-testid="goal-create"' not in reader and "IKU-P2.1" in reader
    assert client_for("pemda").get(f"/perencanaan/pemda/rpjmd/{rpjmd.pk}/tujuan-sasaran/tambah/").status_code == 403
    r = client_for("inspektorat").post(
        f"/perencanaan/pemda/rpjmd/{rpjmd.pk}/tujuan-sasaran/tambah/",
        {"kind": "tujuan", "code": "T9", "statement": "x"},
    )
    assert r.status_code == 403
    assert not RpjmdGoal.objects.filter(rpjmd=rpjmd, code="T9").exists()


def test_create_tujuan_sasaran_and_iku_with_targets_through_the_screens(client_for, rpjmd):
    c = client_for("bappeda")
    r = c.post(
        f"/perencanaan/pemda/rpjmd/{rpjmd.pk}/tujuan-sasaran/tambah/",
        {"kind": "tujuan", "code": "T3", "statement": "Meningkatkan kualitas tata kelola"},
    )
    assert r.status_code == 302
    t3 = RpjmdGoal.objects.get(rpjmd=rpjmd, code="T3")
    r = c.post(
        f"/perencanaan/pemda/rpjmd/{rpjmd.pk}/tujuan-sasaran/tambah/",
        {"kind": "sasaran", "parent": t3.pk, "code": "S3.1", "statement": "Meningkatnya akuntabilitas kinerja"},
    )
    assert r.status_code == 302
    s31 = RpjmdGoal.objects.get(rpjmd=rpjmd, code="S3.1")
    assert s31.parent == t3
    data = {"code": "IKU-P3.1", "name": "Nilai SAKIP Pemda", "satuan": "nilai", "polarity": "max", "baseline": "62,5"}
    data.update({f"target_{y}": str(60 + y - 2018).replace(".", ",") for y in range(2018, 2024)})
    data["target_2020"] = "65,75"
    data["realisasi_2020"] = "66,1"
    r = c.post(f"/perencanaan/pemda/sasaran/{s31.pk}/iku/tambah/", data)
    assert r.status_code == 302, r.content.decode()
    iku = PemdaIku.objects.get(goal=s31)
    assert iku.baseline == Decimal("62.5")
    t2020 = PemdaTarget.objects.get(iku=iku, year=2020)
    assert (t2020.value, t2020.realisasi) == (Decimal("65.75"), Decimal("66.1"))
    assert iku.targets.count() == 6
    assert iku.history.count() == 1 and t2020.history.first().history_user.username == "bappeda"
    page = c.get(f"/perencanaan/pemda/rpjmd/{rpjmd.pk}/").content.decode()
    assert "Nilai SAKIP Pemda" in page and "65,75" in page


def test_bad_input_is_refused_at_the_field_and_nothing_is_saved(client_for, rpjmd):
    c = client_for("bappeda")
    sasaran = RpjmdGoal.objects.get(rpjmd=rpjmd, code="S2.1")
    before = PemdaIku.objects.count(), PemdaTarget.objects.count()
    r = c.post(
        f"/perencanaan/pemda/sasaran/{sasaran.pk}/iku/tambah/",
        {"code": "IKU-P2.1", "name": "Duplikat", "polarity": "max", "target_2019": "abc"},
    )
    assert r.status_code == 400
    page = r.content.decode()
    assert "sudah dipakai" in page  # the duplicate code, at its field
    assert 'data-field-error="target_2019"' in page
    assert (PemdaIku.objects.count(), PemdaTarget.objects.count()) == before
    r = c.post(
        f"/perencanaan/pemda/rpjmd/{rpjmd.pk}/tujuan-sasaran/tambah/",
        {"kind": "sasaran", "code": "S7", "statement": "Tanpa tujuan"},
    )
    assert r.status_code == 400 and "di bawah sebuah tujuan" in r.content.decode()
    r = c.post("/perencanaan/pemda/rpjmd/tambah/", {"name": "RPJMD", "start_year": 2018, "end_year": 2023})
    assert r.status_code == 400 and "sudah ada" in r.content.decode()
    r = c.post("/perencanaan/pemda/rpjmd/tambah/", {"name": "RPJMD", "start_year": 2030, "end_year": 2028})
    assert r.status_code == 400 and "sebelum tahun awal" in r.content.decode()


def test_mapping_of_opd_iku_to_an_iku_pemda(client_for, users, rpjmd, demo):
    iku = PemdaIku.objects.get(goal__rpjmd=rpjmd, code="IKU-P2.2")
    feeding = set(iku.opd_indicators.values_list("pk", flat=True))
    assert feeding  # the demo's Dinsos IKU of the old Renstra
    other = S.candidate_indicators(iku).exclude(pk__in=feeding).filter(iku_pemda__isnull=True).first()
    assert other is not None
    c = client_for("bappeda")
    r = c.post(f"/perencanaan/pemda/iku/{iku.pk}/", {"indicator": other.pk})
    assert r.status_code == 302
    other.refresh_from_db()
    assert other.iku_pemda == iku
    assert other.history.first().history_user.username == "bappeda"
    page = c.get(f"/perencanaan/pemda/iku/{iku.pk}/").content.decode()
    assert other.name in page
    # Bappeda is not a reader of Dinsos: the indicator is named, not linked.
    assert f'href="/perencanaan/indikator/{other.pk}/"' not in page
    assert (
        f'href="/perencanaan/indikator/{other.pk}/"'
        in client_for("admin").get(f"/perencanaan/pemda/iku/{iku.pk}/").content.decode()
    )
    # An indicator feeding another IKU Pemda is refused, with the reason.
    taken = Indicator.objects.filter(iku_pemda__goal__rpjmd=rpjmd).exclude(iku_pemda=iku).first()
    with pytest.raises(ValidationError, match="sudah mendukung"):
        S.link_indicator(user=users["bappeda"], iku=iku, indicator=taken)
    # An IKU of the new Renstra (2025–2029) cannot feed the 2018–2023 RPJMD.
    new = Indicator.objects.filter(is_iku=True, opd=demo["dinas"], node__renstra__start_year=2025).first()
    with pytest.raises(ValidationError, match="periode RPJMD"):
        S.link_indicator(user=users["bappeda"], iku=iku, indicator=new)
    r = c.post(f"/perencanaan/pemda/iku/{iku.pk}/lepas/{other.pk}/")
    assert r.status_code == 302
    other.refresh_from_db()
    assert other.iku_pemda is None
    with pytest.raises(PermissionDenied):
        S.unlink_indicator(user=users["kepala"], iku=iku, indicator=Indicator.objects.get(pk=min(feeding)))


def test_an_iku_with_feeders_or_a_goal_with_children_is_not_deleted(client_for, rpjmd):
    c = client_for("bappeda")
    iku = PemdaIku.objects.get(goal__rpjmd=rpjmd, code="IKU-P2.2")
    c.post(f"/perencanaan/pemda/iku/{iku.pk}/hapus/")
    assert PemdaIku.objects.filter(pk=iku.pk).exists()
    tujuan = RpjmdGoal.objects.get(rpjmd=rpjmd, code="T2")
    r = c.post(f"/perencanaan/pemda/tujuan-sasaran/{tujuan.pk}/hapus/", follow=True)
    assert "Hapus dahulu" in r.content.decode()
    assert RpjmdGoal.objects.filter(pk=tujuan.pk).exists()


def test_pemda_dashboard_works_for_the_planner_without_opening_other_opds_pages(client_for, demo):
    c = client_for("bappeda")
    r = c.get("/pelaporan/pemda/?tahun=2022")
    assert r.status_code == 200
    page = r.content.decode()
    assert 'data-testid="opd-row-Dinsospermasdes"' in page
    assert not re.search(r'href="/pelaporan/lkjip/\d+/', page)  # Dinsos's LKjIP: shown, not linked
    assert re.search(
        r'href="/pelaporan/lkjip/\d+/', client_for("pemda").get("/pelaporan/pemda/?tahun=2022").content.decode()
    )
    assert c.get(f"/pelaporan/pemda/opd/{demo['dinas'].pk}/?tahun=2022").status_code == 200
