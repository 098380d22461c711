"""Saving a pasted table: new nomor → new SOP; registered nomor → new draft version; bad input → nothing saved."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sakip.organization.models import Unit
from sakip.sop import selectors, services
from sakip.sop.models import Lane, Sop, SopVersion
from sakip.sop.parsing import parse_table

pytestmark = pytest.mark.django_db


def test_paste_of_the_seed_makes_a_draft_with_mapped_lanes(users, dinas, seed_tsv, positions):
    table = parse_table(seed_tsv)
    version = services.import_table(
        user=users["timsakip"], opd=dinas, number="061.1/777", judul="Pengukuran Kinerja (tempel)", table=table
    )
    version = selectors.version_detail(version.pk)
    assert (version.version, version.status, version.source) == (1, "draft", "tempel")
    proc = selectors.procedure(version)
    assert len(proc.steps) == 14 and proc.total_minutes == 795 and proc.total_display == "13 jam 15 menit"
    lanes = {lane.label: lane for lane in version.lanes.all()}
    assert (
        lanes["Kepala Dinsospermasdes"].position
        == positions["Kepala Dinas Sosial dan Pemberdayaan Masyarakat dan Desa"]
    )
    assert lanes["Sekretaris"].position == positions["Sekretaris Dinas Sosial dan Pemberdayaan Masyarakat dan Desa"]
    assert (lanes["Sek. Tim Sakip"].mapping, lanes["Sek. Tim Sakip"].tim_role) == ("tim_role", "sekretaris")
    assert (lanes["Anggota Tim Sakip"].mapping, lanes["Anggota Tim Sakip"].tim_role) == ("tim_role", "anggota")
    step5 = version.steps.get(number=5)
    assert step5.keterangan_sop.judul == "Pelaksanaan Rapat"
    codes = {f.code for f in selectors.lint(version)}
    assert {"step-no-lane", "role-unknown", "similar-other-opd"} <= codes


def test_registered_nomor_becomes_a_new_draft_version(users, dinas, seed_tsv):
    table = parse_table(seed_tsv)
    version = services.import_table(user=users["timsakip"], opd=dinas, number="061.1/366", table=table)
    assert version.version == 3 and version.status == "draft" and version.sop.number == "061.1/366"
    assert version.effective_on is None and version.dasar_hukum  # identity copied from the version in force
    with pytest.raises(ValidationError, match="masih berstatus Draf"):
        services.import_table(user=users["timsakip"], opd=dinas, number="061.1/366", table=table)


def test_bad_input_saves_nothing(users, dinas, seed_tsv):
    before = (Sop.objects.count(), SopVersion.objects.count(), Lane.objects.count())
    broken = parse_table(seed_tsv.replace("\t240\t", "\tempat jam kurang\t"))
    with pytest.raises(ValidationError):
        services.import_table(user=users["timsakip"], opd=dinas, number="061.1/778", judul="Rusak", table=broken)
    with pytest.raises(ValidationError, match="Judul SOP wajib"):
        services.import_table(
            user=users["timsakip"], opd=dinas, number="061.1/779", judul="", table=parse_table(seed_tsv)
        )
    assert (Sop.objects.count(), SopVersion.objects.count(), Lane.objects.count()) == before


def test_unit_roles_import_only_into_their_unit(users, dinas, seed_tsv):
    rehsos = Unit.objects.get(opd=dinas, name="Bidang Rehabilitasi Sosial")
    dayasos = Unit.objects.get(opd=dinas, name="Bidang Pemberdayaan Sosial")
    table = parse_table(seed_tsv)
    version = services.import_table(
        user=users["kabid"], opd=dinas, unit=rehsos, number="RS/2", judul="SOP Bidang", table=table
    )
    assert version.sop.unit == rehsos
    with pytest.raises(PermissionDenied):
        services.import_table(
            user=users["kabid"], opd=dinas, unit=dayasos, number="RS/3", judul="Bukan unitnya", table=table
        )
    with pytest.raises(PermissionDenied):
        services.import_table(user=users["kabid"], opd=dinas, unit=None, number="RS/4", judul="SOP OPD", table=table)


@pytest.mark.parametrize(
    "label,mapping,detail",
    [
        ("Kepala Dinsospermasdes", "position", "Kepala Dinas Sosial dan Pemberdayaan Masyarakat dan Desa"),
        ("Sekretaris", "position", "Sekretaris Dinas Sosial dan Pemberdayaan Masyarakat dan Desa"),
        ("Kasubbag Perencanaan dan Keuangan", "position", "Kepala Subbagian Perencanaan dan Keuangan"),
        ("Sek. Tim SAKIP", "tim_role", "sekretaris"),
        ("Ketua Tim SAKIP", "tim_role", "ketua"),
        ("Kabid/Sekretaris", "unit_heads", None),
        ("Kepala Unit Kerja", "unit_heads", None),
        ("Kepala Bidang", "unit_heads", None),
        ("Kepala Badan", "none", None),
        ("Peserta rapat", "none", None),
    ],
)
def test_guess_lane_mapping(dinas, label, mapping, detail):
    guess = services.guess_lane_mapping(dinas, label)
    assert guess["mapping"] == mapping
    if mapping == "position":
        assert guess["position"].name == detail
    if mapping == "tim_role":
        assert guess["tim_role"] == detail


def test_save_procedure_validates_everything_first(users, unit_draft):
    user = users["kabid"]
    lanes = [{"label": "Kepala Bidang", "mapping": "unit_heads"}]
    with pytest.raises(ValidationError) as exc:
        services.save_procedure(
            user=user,
            version=unit_draft,
            lanes=lanes + [{"label": "kepala bidang", "mapping": "none"}],
            steps=[
                {"number": 1, "uraian": "Mulai", "lanes": [0]},
                {"number": 2, "uraian": "Apakah benar?", "kind": "decision", "ya_ke": 3, "tidak_ke": 7, "lanes": [0]},
                {"number": 3, "uraian": "", "lanes": [5], "action": "terbang"},
            ],
        )
    messages = " ".join(exc.value.messages)
    assert (
        "tercantum dua kali" in messages
        and "langkah 7 yang tidak ada" in messages
        and "uraian prosedur wajib" in messages
    )
    assert "pelaksana tidak dikenal" in messages and 'aksi sistem "terbang"' in messages
    assert unit_draft.steps.count() == 5  # unchanged


def test_save_procedure_renumbers_and_keeps_branch_targets(users, unit_draft):
    services.save_procedure(
        user=users["kabid"],
        version=unit_draft,
        lanes=[{"label": "Kepala Bidang", "mapping": "unit_heads"}],
        steps=[
            {"number": 10, "uraian": "Mulai", "lanes": [0]},
            {"number": 20, "uraian": "Apakah benar?", "kind": "decision", "ya_ke": 30, "tidak_ke": 10, "lanes": [0]},
            {"number": 30, "uraian": "Selesai", "lanes": [0]},
        ],
    )
    steps = list(unit_draft.steps.order_by("number"))
    assert [s.number for s in steps] == [1, 2, 3]
    assert (steps[1].ya_ke, steps[1].tidak_ke) == (3, 1)
    assert unit_draft.lanes.count() == 1
