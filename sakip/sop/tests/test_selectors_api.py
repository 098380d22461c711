"""The API other apps use: sop_in_force, procedure, lane_assignees, lint."""

from datetime import date
from decimal import Decimal

import pytest

from sakip.organization.models import TimSakipMember
from sakip.sop import actions, selectors

pytestmark = pytest.mark.django_db


def test_procedure_of_the_seed_for_the_measurement_app(seed_v1):
    proc = selectors.procedure(seed_v1)
    assert (proc.number, proc.version, proc.total_minutes) == ("061.1/366", 1, Decimal(795))
    assert [lane.label for lane in proc.lanes] == [
        "Kepala Dinsospermasdes",
        "Sekretaris",
        "Sek. Tim Sakip",
        "Anggota Tim Sakip",
    ]
    assert [lane.mapping for lane in proc.lanes] == ["position", "position", "tim_role", "tim_role"]
    assert [s.number for s in proc.steps] == list(range(1, 15))
    assert [s.action for s in proc.steps][:3] == [actions.DISPOSITION, actions.PREPARE_FORMS, actions.DISTRIBUTE]
    assert all(s.action in actions.CODES for s in proc.steps)
    assert [lane.label for lane in proc.steps[4].lanes] == [
        "Kepala Dinsospermasdes",
        "Sekretaris",
        "Sek. Tim Sakip",
        "Anggota Tim Sakip",
    ]
    assert proc.steps[0].kind == "start" and proc.steps[-1].kind == "end" and proc.steps[6].minutes == 240


def test_procedure_queries_are_constant(seed_v2, django_assert_max_num_queries):
    from sakip.sop.models import SopVersion

    version = SopVersion.objects.get(pk=seed_v2.pk)
    with django_assert_max_num_queries(4):
        proc = selectors.procedure(version)
    assert proc.steps[8].kind == "decision" and (proc.steps[8].ya_ke, proc.steps[8].tidak_ke) == (10, 8)


def test_lane_assignees(seed_v2, dinas):
    proc = selectors.procedure(seed_v2)
    kepala, _sek, sek_tim, unit_heads, anggota = proc.lanes
    on = date(2024, 3, 1)
    [head] = selectors.lane_assignees(kepala, dinas, on)
    assert head.label == "Kepala Dinsospermasdes" and head.employee_id is not None
    secretaries = selectors.lane_assignees(sek_tim, dinas, on)
    members = TimSakipMember.objects.filter(tim__opd=dinas, tim__year=2022, role="sekretaris")
    assert [a.employee_id for a in secretaries] == [m.employee_id for m in members]
    heads = selectors.lane_assignees(unit_heads, dinas, on)
    assert len(heads) == 6 and all(
        a.unit_id and a.position_id for a in heads
    )  # Sekretariat and five Bidang: one task per unit
    assert len(selectors.lane_assignees(anggota, dinas, on)) >= 5


def test_lint_api_returns_findings_with_the_documented_keys(seed_v1):
    findings = selectors.lint(seed_v1)
    for f in findings:
        assert f.severity in ("error", "warning", "info")
        assert f.code and f.where and f.message
    assert not selectors.is_clean(findings)


def test_worksheet_is_derived_from_the_steps(seed_v1, seed_v2):
    ws = selectors.worksheet(seed_v1)
    assert ws["langkah_awal"] == "Memerintahkan penyusunan pengukuran Kinerja Dinsospermasdes"
    assert ws["langkah_utama"] == [] and ws["langkah_akhir"] == "Pengarsipan Dokumen Pengukuran Kinerja."
    assert ws["pj_kegiatan"] == "Kabid Perencanaan Umum Dinsospermasdes" and ws["jenis_kegiatan"] == "Rutin"
    assert [r["label"] for r in ws["rows"]][:2] == ["Langkah Awal", ""] and ws["rows"][-1]["label"] == "Langkah Akhir"
    ws2 = selectors.worksheet(seed_v2)
    assert len(ws2["langkah_utama"]) == 5 and ws2["rows"][4]["label"] == "Langkah Utama"


def test_versions_in_force_for_an_opd(dinas):
    nomors = sorted(v.sop.number for v in selectors.versions_in_force(dinas.pk, date(2022, 6, 1)))
    assert nomors == ["061.1/366"]
    assert sorted(v.sop.number for v in selectors.versions_in_force(dinas, date(2024, 1, 1))) == [
        "061.1/364",
        "061.1/365",
        "061.1/366",
    ]
