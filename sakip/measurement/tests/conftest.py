"""Fixtures of the measurement tests: a fresh period of the demo agency, helpers to run steps."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from django.http import QueryDict
from django.utils import timezone

from sakip.core.actors import system_user
from sakip.measurement import services as S
from sakip.measurement import step_actions
from sakip.measurement.models import Task, UnitSubmission
from sakip.sop import actions as A


def inputs_for(task, **overrides) -> QueryDict:
    """The action form's defaults as POST data, with overrides."""
    form = step_actions.form_for(task)
    data = {}
    if form is not None:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None:
                continue
            data[name] = value
    data.update(overrides)
    qd = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, (list, tuple)):
            qd.setlist(key, [str(getattr(v, "pk", v)) for v in value])
        elif hasattr(value, "isoformat"):
            qd[key] = value.isoformat()
        else:
            qd[key] = str(value)
    return qd


def active(period):
    return list(
        Task.objects.filter(period=period, status=Task.Status.AKTIF)
        .order_by("number", "pk")
        .prefetch_related("assignees")
    )


def user_for(users, task):
    ids = {e.pk for e in task.assignees.all()}
    return next((u for u in users.values() if u.employee_id in ids), None)


def do_task(users, task, *, decision="", **overrides):
    """Complete a task as its assignee (the system when the assignee has no login)."""
    if task.kind == "decision" and not decision:
        decision = "ya"
    extra = {"setuju": "on"} if task.action == A.SIGN else {}
    if task.action == A.CORRECT and task.kind != "decision":
        extra["hasil"] = "terima"  # no verdict is pre-selected: the checker chooses
    extra.update(overrides)
    actor = user_for(users, task)
    return S.complete_task(user=actor, task=task, decision=decision, inputs=inputs_for(task, **extra))


PAPER = {A.DISPOSITION, A.INVITE, A.HOLD_MEETING}


def run_until(users, period, *, action=None, number=None, paper=False):
    """Complete the active steps in order until the first active task has this action/number.
    paper=True records the disposition, invitation and meeting as paper documents (no PDF
    rendering: for tests that are about the forms, not about those documents)."""
    from sakip.measurement.demo import _complete_paper

    for _ in range(40):
        tasks = active(period)
        if not tasks:
            return None
        task = tasks[0]
        if (action and task.action == action) or (number and task.number == number):
            return task
        if task.action in (A.COLLECT, A.VALIDATE):
            return task
        if paper and task.action in PAPER:
            _complete_paper(task, users, timezone.now(), "Dokumen kertas (uji).")
            continue
        do_task(users, task)
    raise AssertionError("langkah tidak maju")


def fill(submission, user=None, value="50"):
    user = user or system_user()
    for row in submission.rows.all():
        val = value
        if row.is_qualitative:
            val = row.scale[0][0]
        elif row.is_binary:
            val = "ya"
        S.save_row(user=user, row=row, data={"value": val}, expected_revision=row.revision)
    for b in submission.budget_rows.all():
        S.save_budget_row(user=user, row=b, value="1000000", expected_revision=b.revision)


@pytest.fixture
def dinas(demo):
    return demo["dinas"]


def free_slot(opd, *, skip=()):
    """(year, triwulan) not measured yet: TW I of this year unless the demo's current period is TW I
    (January–March), else a triwulan of last year (the 2025–2029 Renstra covers it)."""
    from sakip.measurement.models import Period

    taken = set(
        Period.objects.filter(opd=opd).exclude(status=Period.Status.DIBATALKAN).values_list("year", "triwulan")
    ) | set(skip)
    today = timezone.localdate()
    for year, tw in [(today.year, 1), (today.year, 2), (today.year - 1, 1), (today.year - 1, 2)]:
        if (year, tw) not in taken:
            return year, tw
    raise AssertionError("tidak ada periode bebas")


@pytest.fixture
def fresh_period(db, dinas, users):
    """A triwulan not in the demo (TW I of this year), started by the Sekretaris under the SOP in force."""
    year, tw = free_slot(dinas)
    return S.start_period(user=users["sekretaris"], opd=dinas, year=year, triwulan=tw)


@pytest.fixture
def open_period(fresh_period, users):
    """TW I with steps 1–5 done: the forms are with the units, the collection step is active."""
    run_until(users, fresh_period, action=A.COLLECT, paper=True)
    return fresh_period


@pytest.fixture
def documented_period(fresh_period, users):
    """Like open_period, with the disposition, invitation and minutes issued as documents."""
    run_until(users, fresh_period, action=A.COLLECT)
    return fresh_period


def submission(period, short):
    return UnitSubmission.objects.select_related("unit", "period").get(period=period, unit__short_name=short)


def aware(d, hh=8, mm=0):
    return timezone.make_aware(datetime.combine(d, time(hh, mm)))
