"""Reminders for due follow-up (management command)."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from sakip.evaluation.models import Recommendation

pytestmark = pytest.mark.django_db


def test_due_and_overdue_items_are_reminded_once_a_day(closed_evaluation, users, capsys):
    ev, rec = closed_evaluation()
    users["timsakip"].email = "timsakip@example.go.id"
    users["timsakip"].save()
    on = rec.due_date - timedelta(days=3)  # inside the 14-day window
    mine = lambda: [m for m in mail.outbox if m.subject.endswith(": " + rec.subject) and f"LHE {ev.year}" in m.subject]  # noqa: E731
    call_command("evaluation_reminders", tanggal=on.isoformat())
    out = capsys.readouterr().out
    assert f"{ev.opd.akronim} {ev.year} c.1 SOP penyusunan dokumen perencanaan kinerja — jatuh tempo" in out
    assert len(mine()) == 1 and "timsakip@example.go.id" in mine()[0].to and "jatuh tempo" in mine()[0].subject
    assert rec.get_absolute_url() in mine()[0].body
    sent = len(mail.outbox)
    call_command("evaluation_reminders", tanggal=on.isoformat())
    assert len(mail.outbox) == sent  # not twice on the same day
    call_command("evaluation_reminders", tanggal=(rec.due_date + timedelta(days=1)).isoformat())
    assert len(mine()) == 2 and "lewat batas waktu" in mine()[1].subject
    rec.refresh_from_db()
    assert rec.last_reminded == rec.due_date + timedelta(days=1)


def test_closed_and_far_items_are_not_reminded(closed_evaluation, capsys):
    ev, rec = closed_evaluation()
    call_command("evaluation_reminders", tanggal=(rec.due_date - timedelta(days=40)).isoformat(), dry_run=True)
    assert f"{ev.opd.akronim} {ev.year}" not in capsys.readouterr().out
    Recommendation.objects.filter(pk=rec.pk).update(state=Recommendation.State.SELESAI)
    call_command("evaluation_reminders", tanggal=rec.due_date.isoformat(), dry_run=True)
    assert f"{ev.opd.akronim} {ev.year}" not in capsys.readouterr().out


def test_bad_date_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("evaluation_reminders", tanggal="21-11-2022")
    assert date.today()
