"""Scheduled jobs run once a day on working days, through the task worker (sakip.core.scheduler)."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from sakip.core import scheduler
from sakip.core.models import ScheduledRun

JAKARTA = ZoneInfo("Asia/Jakarta")
MONDAY_8 = datetime(2026, 12, 7, 8, 0, tzinfo=JAKARTA)
SATURDAY_8 = datetime(2026, 12, 12, 8, 0, tzinfo=JAKARTA)


def test_parse_reads_command_at_time_and_refuses_anything_else():
    assert scheduler.parse(["send_reminders@07:00", " cleanup_uploads @ 2:05"]) == [
        scheduler.Entry("send_reminders", time(7, 0)),
        scheduler.Entry("cleanup_uploads", time(2, 5)),
    ]
    for bad in ["send_reminders", "flush@07:00", "send_reminders@7", "send_reminders@25:00"]:
        with pytest.raises(ImproperlyConfigured):
            scheduler.parse([bad])


def test_due_only_after_the_time_on_working_days():
    entries = scheduler.parse(["send_reminders@07:00", "evaluation_reminders@09:00"])
    assert [e.job for e in scheduler.due(entries, MONDAY_8, [0, 1, 2, 3, 4])] == ["send_reminders"]
    assert scheduler.due(entries, SATURDAY_8, [0, 1, 2, 3, 4]) == []
    assert len(scheduler.due(entries, SATURDAY_8, [0, 1, 2, 3, 4, 5])) == 1


@pytest.mark.django_db
def test_each_job_is_claimed_once_a_day_however_many_schedulers_run(settings):
    settings.SAKIP_SCHEDULE = ["send_reminders@07:00", "evaluation_reminders@07:15"]
    settings.SAKIP_WORK_DAYS = [0, 1, 2, 3, 4]
    first = scheduler.claim_due(MONDAY_8)
    assert sorted(r.job for r in first) == ["evaluation_reminders", "send_reminders"]
    assert scheduler.claim_due(MONDAY_8) == []  # a second scheduler (or the next tick) claims nothing
    assert ScheduledRun.objects.filter(day=MONDAY_8.date()).count() == 2
    tuesday = MONDAY_8.replace(day=8)
    assert len(scheduler.claim_due(tuesday)) == 2  # the next day runs again


@pytest.mark.django_db
def test_execute_records_the_outcome_and_output():
    done = ScheduledRun.objects.create(job="cleanup_uploads", day=MONDAY_8.date())
    assert scheduler.execute(done.pk) == ScheduledRun.Status.DONE
    done.refresh_from_db()
    assert done.finished_at is not None and done.status == ScheduledRun.Status.DONE
    failed = ScheduledRun.objects.create(job="no_such_command", day=MONDAY_8.date())
    assert scheduler.execute(failed.pk) == ScheduledRun.Status.FAILED
    failed.refresh_from_db()
    assert "no_such_command" in failed.output and failed.finished_at is not None


@pytest.mark.django_db
def test_the_command_hands_due_jobs_to_the_task_worker(settings):
    settings.SAKIP_SCHEDULE = ["cleanup_uploads@00:00"]
    settings.SAKIP_WORK_DAYS = [0, 1, 2, 3, 4, 5, 6]
    before = DBTaskResult.objects.filter(task_path="sakip.core.tasks.run_scheduled").count()
    call_command("scheduler", "--once")
    call_command("scheduler", "--once")
    run = ScheduledRun.objects.get(job="cleanup_uploads")
    queued = DBTaskResult.objects.filter(task_path="sakip.core.tasks.run_scheduled")
    assert queued.count() == before + 1
    assert queued.latest("enqueued_at").args_kwargs["args"] == [run.pk]
