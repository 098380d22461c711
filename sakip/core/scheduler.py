"""Scheduled jobs without crontab lines (docs/deployment.md "Scheduled jobs").

`manage.py scheduler` (started by `make run`; one or more per installation) wakes every 30 seconds and, for each
entry "command@HH:MM" of SAKIP_SCHEDULE whose time has come today on a working day (SAKIP_WORK_DAYS), claims the
(job, day) row of core.ScheduledRun — the unique pair lets exactly one scheduler win — and hands the command to the
task worker. A job missed while no scheduler ran (the server was down at 07:00) runs when it starts again the
same day. Only the commands in JOBS may be scheduled."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ScheduledRun

# Commands a schedule may name (each idempotent for a day: reminders and clean-ups).
JOBS = {"send_reminders", "evaluation_reminders", "cleanup_uploads"}


@dataclass(frozen=True)
class Entry:
    job: str
    at: time


def parse(entries) -> list[Entry]:
    out = []
    for raw in entries:
        job, sep, at = raw.partition("@")
        job = job.strip()
        if not sep or job not in JOBS:
            raise ImproperlyConfigured(
                f"SAKIP_SCHEDULE: {raw!r} is not command@HH:MM with a command among {', '.join(sorted(JOBS))}."
            )
        try:
            hour, minute = (int(part) for part in at.strip().split(":"))
            out.append(Entry(job, time(hour, minute)))
        except ValueError:
            raise ImproperlyConfigured(f"SAKIP_SCHEDULE: {raw!r} has no valid time HH:MM.") from None
    return out


def due(entries: list[Entry], now: datetime, work_days) -> list[Entry]:
    """Entries whose time has come on the day of `now` (local time), on working days only."""
    if now.weekday() not in set(work_days):
        return []
    return [e for e in entries if now.time() >= e.at]


def claim(job: str, day: date):
    """The ScheduledRun of (job, day) if this caller created it, None when another scheduler already did."""
    try:
        with transaction.atomic():
            return ScheduledRun.objects.create(job=job, day=day)
    except IntegrityError:
        return None


def claim_due(now: datetime | None = None) -> list[ScheduledRun]:
    """One pass: claim every job due now that no scheduler claimed today. The caller hands each run to the task
    worker (`manage.py scheduler` enqueues core.tasks.run_scheduled)."""
    now = timezone.localtime(now or timezone.now())
    claimed = (
        claim(entry.job, now.date()) for entry in due(parse(settings.SAKIP_SCHEDULE), now, settings.SAKIP_WORK_DAYS)
    )
    return [run for run in claimed if run is not None]


def execute(run_id: int) -> str:
    """Run a claimed job (in the task worker) and record its outcome and output."""
    run = ScheduledRun.objects.get(pk=run_id)
    out = io.StringIO()
    try:
        call_command(run.job, stdout=out, stderr=out)
        run.status = ScheduledRun.Status.DONE
    except Exception as exc:  # noqa: BLE001 — the log keeps the failure; the next day runs again
        run.status = ScheduledRun.Status.FAILED
        out.write(f"\n{exc.__class__.__name__}: {exc}")
    run.output = out.getvalue()[-20000:]
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "output", "finished_at"])
    return run.status
