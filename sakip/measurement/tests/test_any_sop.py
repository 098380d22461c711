"""Any SOP works the same way (its own lanes, steps and actions), and a revised SOP governs the
periods started after it takes effect — the periods already running keep theirs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sakip.core.actors import system_user
from sakip.measurement import services as S
from sakip.measurement.models import Period, Task, UnitSubmission
from sakip.organization.models import Position, TimSakipMember
from sakip.sop import actions as A
from sakip.sop import services as sop_services
from sakip.sop.models import Lane, ProcessKind, Sop

from .conftest import active, aware, do_task, fill, free_slot

pytestmark = pytest.mark.django_db


def _approve(version, **kw):
    sop_services.submit(user=system_user(), version=version)
    return sop_services.approve(user=system_user(), version=version, signed_on=timezone.localdate(), **kw)


def test_a_revised_sop_governs_periods_started_after_it_takes_effect(dinas):
    today = timezone.localdate()
    sop = Sop.objects.get(opd=dinas, number="061.1/366")
    year, tw = free_slot(dinas)
    running = S.start_period(user=system_user(), opd=dinas, year=year, triwulan=tw)
    v3 = sop_services.new_revision(
        user=system_user(), sop=sop, revised_on=today, revision_note="Langkah penggandaan dihapus."
    )
    lanes = [
        {"label": lane.label, "mapping": lane.mapping, "position": lane.position, "tim_role": lane.tim_role}
        for lane in v3.lanes.order_by("order")
    ]
    index = {lane.pk: i for i, lane in enumerate(v3.lanes.order_by("order"))}
    steps = [
        {
            "number": s.number,
            "uraian": s.uraian,
            "kind": s.kind,
            "lanes": [index[lane.pk] for lane in s.lanes.all()],
            "kelengkapan": s.kelengkapan,
            "waktu": s.waktu,
            "waktu_satuan": s.waktu_satuan,
            "output": s.output,
            "action": s.action,
            "utama": s.utama,
            "ya_ke": s.ya_ke,
            "tidak_ke": s.tidak_ke,
        }
        for s in v3.steps.order_by("number")
        if s.action != A.COPY
    ]
    sop_services.save_procedure(user=system_user(), version=v3, lanes=lanes, steps=steps)
    effective = today + timedelta(days=1)
    _approve(v3, effective_on=effective)
    later_year, later_tw = free_slot(dinas)
    later = S.start_period(user=system_user(), opd=dinas, year=later_year, triwulan=later_tw, now=aware(effective, 9))
    assert (
        later.sop_version_id == v3.pk
        and Task.objects.filter(period=later, round=1).count()
        == Task.objects.filter(period=running, round=1).count() - 1
    )
    assert not Task.objects.filter(period=later, action=A.COPY).exists()
    running = Period.objects.get(pk=running.pk)
    assert running.sop_version.version == 2 and Task.objects.filter(period=running, action=A.COPY).exists()


def test_another_sop_with_its_own_lanes_and_a_decision_runs_a_yearly_measurement(dinas, users):
    today = timezone.localdate()
    head = Position.objects.get(opd=dinas, is_opd_head=True)
    sek = Position.objects.get(opd=dinas, name__startswith="Sekretaris")
    version = sop_services.create_sop(
        user=system_user(),
        opd=dinas,
        number="061.1/901",
        judul="Pengukuran Kinerja Tahunan",
        source="manual",
        process_kind=ProcessKind.PENGUKURAN_KINERJA,
        made_on=today,
    )
    sop_services.save_procedure(
        user=system_user(),
        version=version,
        lanes=[
            {"label": "Sekretaris", "mapping": Lane.Mapping.POSITION, "position": sek},
            {"label": "Kepala unit kerja", "mapping": Lane.Mapping.UNIT_HEADS},
            {"label": "Anggota Tim SAKIP", "mapping": Lane.Mapping.TIM_ROLE, "tim_role": TimSakipMember.Role.ANGGOTA},
            {"label": "Kepala Dinas", "mapping": Lane.Mapping.POSITION, "position": head},
        ],
        steps=[
            {
                "number": 1,
                "uraian": "Menyiapkan formulir tahunan",
                "lanes": [0],
                "kind": "start",
                "waktu": 30,
                "action": A.PREPARE_FORMS,
            },
            {"number": 2, "uraian": "Mengirim formulir", "lanes": [0], "waktu": 10, "action": A.DISTRIBUTE},
            {
                "number": 3,
                "uraian": "Mengisi realisasi tahunan",
                "lanes": [1],
                "waktu": 1,
                "waktu_satuan": "hari",
                "action": A.COLLECT,
            },
            {"number": 4, "uraian": "Memvalidasi", "lanes": [1], "waktu": 60, "action": A.VALIDATE},
            {"number": 5, "uraian": "Memeriksa kelengkapan bukti dukung", "lanes": [2], "waktu": 45, "action": A.NONE},
            {
                "number": 6,
                "uraian": "Apakah data lengkap?",
                "lanes": [0],
                "kind": "decision",
                "waktu": 20,
                "action": A.CORRECT,
                "ya_ke": 7,
                "tidak_ke": 5,
            },
            {"number": 7, "uraian": "Menandatangani", "lanes": [3], "waktu": 10, "action": A.SIGN},
            {"number": 8, "uraian": "Mengarsipkan", "lanes": [0], "kind": "end", "waktu": 10, "action": A.ARCHIVE},
        ],
    )
    version = _approve(version)
    # A year of the demo's plan not yet measured as a whole (the demo's own Tahunan is last year's).
    yearly = set(Period.objects.filter(opd=dinas, triwulan=0).values_list("year", flat=True))
    year = next(y for y in (today.year - 1, 2022, today.year) if y not in yearly)
    period = S.start_period(user=users["sekretaris"], opd=dinas, year=year, triwulan=0, sop_version=version)
    collect = Task.objects.filter(period=period, number=3)
    assert (
        collect.count() == 6
        and Task.objects.get(period=period, number=3, unit__short_name="Rehsos").standard_minutes == 450
    )
    do_task(users, active(period)[0])  # forms
    do_task(users, active(period)[0])  # distribution
    for sub in UnitSubmission.objects.filter(period=period):
        fill(sub)
        S.submit_unit(user=system_user(), submission=sub)
        S.validate_unit(user=system_user(), submission=sub)
    check = active(period)[0]
    assert check.number == 5
    do_task(users, check, output="Bukti lengkap kecuali PMD.")
    decision = active(period)[0]
    do_task(users, decision, decision="tidak", hasil="kembalikan", catatan="Bukti PMD belum ada.")
    again = active(period)[0]
    assert (again.number, again.round) == (5, 2)
    do_task(users, again, output="Bukti PMD sudah diunggah.")
    do_task(users, active(period)[0], decision="ya")
    do_task(users, active(period)[0])  # the Kepala signs
    do_task(users, active(period)[0])  # archive
    period = Period.objects.get(pk=period.pk)
    assert period.status == Period.Status.SELESAI and period.dpk_document.signed
    assert "Tahunan" in period.dpk_document.subject
