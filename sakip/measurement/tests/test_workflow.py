"""The whole cycle through the services: the corrected SOP run as tasks for real people, from the
disposition to the archived, signed Dokumen Pengukuran Kinerja."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sakip.core.actors import system_user
from sakip.documents.models import ArchivedDocument
from sakip.measurement import calendar as cal
from sakip.measurement import services as S
from sakip.measurement.models import Meeting, Notification, Period, Task, UnitSubmission
from sakip.sop import actions as A

from .conftest import active, do_task, fill, run_until, submission, user_for

pytestmark = pytest.mark.django_db


def test_start_creates_one_task_per_step_for_the_lane_holders(fresh_period, users):
    period = fresh_period
    assert period.sop_version.version == 2 and period.status == Period.Status.BERJALAN
    tasks = list(Task.objects.filter(period=period).prefetch_related("assignees").select_related("unit"))
    numbers = sorted({t.number for t in tasks})
    assert numbers == list(range(1, 15))
    first = [t for t in tasks if t.number == 1][0]
    assert first.status == Task.Status.AKTIF
    assert [e.pk for e in first.assignees.all()] == [users["kepala"].employee_id]  # lane "Kepala" → the holder today
    # Lane "Sek. Tim SAKIP" → the Tim SAKIP secretary of the year.
    assert {e.pk for t in tasks if t.number == 2 for e in t.assignees.all()} == {users["timsakip"].employee_id}
    # Lane "each unit head" → one task per top-level unit: the Sekretariat and the five bidang.
    collect = [t for t in tasks if t.number == 6]
    assert len(collect) == 6 and {t.unit.short_name for t in collect} >= {"Sekretariat", "Rehsos", "Dayasos"}
    rehsos = [t for t in collect if t.unit.short_name == "Rehsos"][0]
    assert [e.pk for e in rehsos.assignees.all()] == [users["kabid"].employee_id]
    assert all(t.status == Task.Status.MENUNGGU for t in tasks if t.number > 1)


def test_due_date_is_the_standard_time_in_working_minutes(fresh_period):
    task = Task.objects.get(period=fresh_period, number=1)
    assert task.standard_minutes == Decimal(15)
    assert task.due_at == cal.due_after(task.activated_at, 15)
    assert cal.working_minutes(task.activated_at, task.due_at) in (Decimal(15), Decimal("15.00"))


def test_first_steps_perform_their_system_actions(documented_period, users):
    period = Period.objects.get(pk=documented_period.pk)
    done = {
        t.number: t
        for t in Task.objects.filter(period=period, status=Task.Status.SELESAI).select_related(
            "output_document", "output_document__doc_type"
        )
    }
    assert set(done) == {1, 2, 3, 4, 5}
    assert done[1].output_document.doc_type.code == "disposisi" and done[1].output_document.signed
    assert done[2].output_file and "6 unit" in done[2].output_text
    assert period.entry_opened_at is not None
    invitation = done[4].output_document
    assert invitation.doc_type.code == "undangan" and invitation.number.startswith("005/")
    meeting = Meeting.objects.get(period=period)
    assert meeting.invitation == invitation and meeting.minutes == done[5].output_document
    assert meeting.attendees.exists()
    subs = list(UnitSubmission.objects.filter(period=period))
    assert len(subs) == 6 and all(s.distributed_at for s in subs)
    assert Notification.objects.filter(period=period, user=users["operator"], kind="form").exists()


def test_the_whole_cycle_to_the_archived_signed_document(open_period, users):
    period = open_period
    subs = list(UnitSubmission.objects.filter(period=period).select_related("unit"))
    for sub in subs:
        fill(sub)
        S.submit_unit(user=system_user(), submission=sub)
    # Collection completed itself unit by unit; validation is the unit heads' job.
    assert not Task.objects.filter(period=period, number=6).exclude(status=Task.Status.SELESAI).exists()
    for sub in subs:
        S.validate_unit(user=system_user(), submission=sub)
    task = run_until(users, period, action=A.SUBMIT)
    assert task.number == 8
    do_task(users, task)
    correct = active(period)[0]
    assert correct.action == A.CORRECT and correct.kind == "decision"
    # The Sekretaris finds an error: "Tidak" returns Rehsos and runs the recap (8) and check (9) again.
    rehsos = submission(period, "Rehsos")
    do_task(
        users,
        correct,
        decision="tidak",
        hasil="kembalikan",
        catatan="Realisasi TW I tertukar dengan TW IV.",
        unit=[rehsos.pk],
    )
    rehsos = UnitSubmission.objects.get(pk=rehsos.pk)
    assert rehsos.state == UnitSubmission.State.DIKEMBALIKAN and "tertukar" in rehsos.return_reason
    again = active(period)[0]
    assert again.number == 8 and again.round == 2
    with pytest.raises(ValidationError, match="belum divalidasi"):
        do_task(users, again)
    S.submit_unit(user=users["operator"], submission=rehsos)
    S.validate_unit(user=users["kabid"], submission=rehsos)
    do_task(users, again)
    do_task(users, active(period)[0], decision="ya")
    request_task = active(period)[0]
    assert request_task.action == A.REQUEST_APPROVAL
    do_task(users, request_task)
    sign = active(period)[0]
    assert sign.action == A.SIGN
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied: only the Kepala signs
        S.complete_task(user=users["sekretaris"], task=sign, inputs={"setuju": "on"})
    do_task(users, sign)
    period = Period.objects.get(pk=period.pk)
    doc = period.dpk_document
    assert doc.signed and doc.number.startswith("050/") and doc.doc_type.code == "dokumen_pengukuran"
    assert doc.signer_id == users["kepala"].employee_id and doc.docx_file
    assert set(UnitSubmission.objects.filter(period=period).values_list("state", flat=True)) == {
        UnitSubmission.State.DIKUNCI
    }
    cover_task = active(period)[0]
    do_task(users, cover_task)
    period = Period.objects.get(pk=period.pk)
    assert period.cover_letter.number.startswith("050/") and period.cover_letter.lampiran.filter(pk=doc.pk).exists()
    do_task(users, active(period)[0])  # copies
    archive = active(period)[0]
    do_task(users, archive)
    period = Period.objects.get(pk=period.pk)
    assert period.status == Period.Status.SELESAI and period.finished_at
    archive = Task.objects.get(pk=archive.pk)
    assert doc.number in archive.output_text and "SHA-256" in archive.output_text
    assert ArchivedDocument.objects.filter(source_id=str(period.pk), doc_type__code="dokumen_pengukuran").exists()
    # Eight SOP step numbers ran twice (the correction loop) and all are recorded.
    assert Task.objects.filter(period=period, round=2).count() == 2


def test_a_task_is_done_once_and_only_by_its_people(fresh_period, users):
    task = active(fresh_period)[0]
    with pytest.raises(Exception, match="bukan tugas Anda"):
        S.complete_task(user=users["kabid"], task=task, inputs={})
    do_task(users, task)
    with pytest.raises(ValidationError, match="sudah diselesaikan"):
        do_task(users, task)
    waiting = Task.objects.get(period=fresh_period, number=4)
    with pytest.raises(ValidationError, match="belum dapat dikerjakan"):
        S.complete_task(user=user_for(users, waiting), task=waiting, inputs={})


def test_starting_twice_or_for_a_future_year_is_refused(fresh_period, users, dinas):
    with pytest.raises(ValidationError, match="sudah dimulai"):
        S.start_period(user=users["sekretaris"], opd=dinas, year=fresh_period.year, triwulan=fresh_period.triwulan)
    with pytest.raises(ValidationError):
        S.start_period(user=users["sekretaris"], opd=dinas, year=timezone.localdate().year + 1, triwulan=1)
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied for an operator
        S.start_period(user=users["operator"], opd=dinas, year=fresh_period.year, triwulan=3)


def test_the_2022_demo_ran_the_seed_sop_completely(demo):
    periods = list(
        Period.objects.filter(opd=demo["dinas"], year=2022)
        .select_related("dpk_document", "sop_version", "cover_letter")
        .order_by("triwulan")
    )
    assert [p.triwulan for p in periods] == [1, 2, 3, 4]
    for p in periods:
        assert p.status == Period.Status.SELESAI
        assert p.sop_version.version == 1 and p.sop_version.sop.number == "061.1/366"
        assert p.dpk_document.signed and p.dpk_document.signer.name == "SUGENG AMIN"
        assert p.dpk_document.number.endswith("/2022") and p.cover_letter.number.endswith("/2022")
        assert (
            not Task.objects.filter(period=p).exclude(status__in=[Task.Status.SELESAI, Task.Status.DILEWATI]).exists()
        )
        assert set(p.submissions.values_list("state", flat=True)) == {UnitSubmission.State.DIKUNCI}
    assert periods[0].dpk_document.number == "050/1184/2022"


def test_the_current_years_earlier_quarters_ran_the_corrected_sop_in_sakip(demo):
    """TW I … the quarter before the current one: done under SOP version 2 in sakip, locked, the DPK numbered,
    signed and archived, each run over before the next period started (docs/capaian.md §3 needs them)."""
    today = timezone.localdate()
    tw_now = (today.month - 1) // 3 + 1
    periods = list(
        Period.objects.filter(opd=demo["dinas"], year=today.year)
        .exclude(status=Period.Status.DIBATALKAN)
        .select_related("dpk_document", "sop_version", "cover_letter")
        .order_by("triwulan")
    )
    assert [p.triwulan for p in periods] == list(range(1, tw_now + 1))
    for p, following in zip(periods[:-1], periods[1:], strict=True):
        assert p.status == Period.Status.SELESAI and p.sop_version.version == 2
        assert p.dpk_document.signed and p.dpk_document.number.endswith(f"/{today.year}")
        assert p.cover_letter is not None and p.cover_letter.number
        assert set(p.submissions.values_list("state", flat=True)) == {UnitSubmission.State.DIKUNCI}
        assert (
            not Task.objects.filter(period=p).exclude(status__in=[Task.Status.SELESAI, Task.Status.DILEWATI]).exists()
        )
        assert p.finished_at <= following.started_at <= timezone.now()
    assert periods[-1].status == Period.Status.BERJALAN
