"""Cascade coverage: the pure rule and the demo reproducing the seed's finding (b)."""

import pytest

from sakip.planning import selectors
from sakip.planning.checks.coverage import Holder, Ind, Node, check_coverage


def _world():
    nodes = [
        Node(1, None, 1, 10, "Sasaran"),
        Node(2, 1, 2, 20, "Program A", parent_indicator_id=100),
        Node(3, 2, 3, 30, "Kegiatan A"),
        Node(4, 3, 4, 40, "RHK staf"),
    ]
    inds = [
        Ind(100, 1, True, "IKU 1"),
        Ind(101, 1, True, "IKU 2"),
        Ind(200, 2, False, "IP"),
        Ind(300, 3, False, "IK"),
        Ind(400, 4, False, "IKI"),
    ]
    holders = [
        Holder(10, "Kepala", "jpt_pratama", "A"),
        Holder(20, "Kabid", "administrator", "B"),
        Holder(30, "Kasi", "pengawas", "C"),
        Holder(40, "Staf", "pelaksana", "D"),
        Holder(50, "Staf lain", "pelaksana", "E"),
    ]
    return nodes, inds, holders


def test_iku_reach_through_parent_indicator():
    nodes, inds, holders = _world()
    report = check_coverage(nodes, inds, holders)
    reach = {r.indicator_id: r for r in report.ikus}
    assert reach[100].administrator == [2] and reach[100].pengawas == [3] and reach[100].individu == [4]
    assert reach[100].complete
    assert not reach[101].complete  # program A supports IKU 1 only
    codes = [(g.code, g.indicator_id) for g in report.gaps]
    assert ("iku_tanpa_administrator", 101) in codes and ("iku_tanpa_pengawas", 101) in codes


def test_holder_without_iki_is_listed_by_position_and_person():
    nodes, inds, holders = _world()
    report = check_coverage(nodes, inds, holders)
    missing = report.positions_without_iki
    assert [(g.position, g.employee) for g in missing] == [("Staf lain", "E")]
    assert report.holders_total == 5 and report.holders_with_iki == 4


def test_node_without_parent_or_iku_does_not_trace_up():
    nodes, inds, holders = _world()
    nodes.append(Node(5, None, 4, 50, "RHK lepas"))
    inds.append(Ind(500, 5, False, "IKI lepas"))
    report = check_coverage(nodes, inds, holders)
    gap = next(g for g in report.gaps if g.node_id == 5)
    assert gap.code == "tidak_sampai_iku" and "tidak memiliki kinerja atasan" in gap.message
    assert report.node_problems[5]
    assert not report.positions_without_iki  # the holder now has an indicator


def test_parent_without_parent_indicator_supports_every_iku():
    nodes, inds, holders = _world()
    nodes[1] = Node(2, 1, 2, 20, "Program A")
    report = check_coverage(nodes, inds, holders)
    assert all(r.complete for r in report.ikus)


def test_cycle_is_safe_and_reported():
    nodes = [Node(1, 2, 2, 20, "X"), Node(2, 1, 3, 30, "Y")]
    report = check_coverage(nodes, [Ind(9, 1, False, "i")], [])
    assert {g.node_id for g in report.gaps if g.code == "tidak_sampai_iku"} == {1, 2}


def test_level_must_fit_position_and_parent():
    nodes = [Node(1, None, 1, 10, "S"), Node(2, 1, 1, 20, "salah jenjang")]
    holders = [Holder(10, "Kepala", "jpt_pratama", "A"), Holder(20, "Kabid", "administrator", "B")]
    report = check_coverage(nodes, [Ind(1, 1, True, "IKU")], holders)
    codes = {g.code for g in report.gaps}
    assert {"jenjang_tidak_sesuai", "jenjang_jabatan"} <= codes


def test_as_dict_is_plain_data():
    nodes, inds, holders = _world()
    data = check_coverage(nodes, inds, holders).as_dict()
    assert data["ok"] is False
    assert isinstance(data["gaps"][0]["message"], str)
    assert data["ikus"][0]["complete"] in (True, False)


@pytest.mark.django_db
def test_demo_2022_reproduces_finding_b(dinas):
    """2022: IKU not cascaded below the Administrators and no employee has an IKI (seed finding (b))."""
    report = selectors.cascade_coverage(dinas, 2022)
    assert all(not r.pengawas for r in report.ikus)
    assert any(g.code == "iku_tanpa_administrator" for g in report.gaps)
    staff = [g for g in report.positions_without_iki if g.position.startswith("Pengelola Data")]
    assert len(staff) >= 10


@pytest.mark.django_db
def test_demo_current_year_complete_for_two_bidang_only(dinas, year):
    report = selectors.cascade_coverage(dinas, year)
    assert all(r.complete for r in report.ikus)
    units = {g.unit for g in report.positions_without_iki}
    assert not any(
        "Rehabilitasi Sosial" in u
        or u
        in (
            "Seksi Pemberdayaan Sosial Perorangan, Keluarga dan Kelembagaan Masyarakat",
            "Seksi Penanganan Fakir Miskin",
        )
        for u in units
    )
    assert any("Desa" in u for u in units) and any("Bencana" in u or "Jaminan" in u for u in units)
    plain = report.as_dict()
    assert plain["holders_with_iki"] < plain["holders_total"]
