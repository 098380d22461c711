"""Writes of the measurement app: the SOP-driven workflow, the unit forms and their states.

Keyword-only and atomic. Every function names its actor: a person, or the system user (sakip.core.actors:
the demo loader, commands, a step completed on a signer's behalf) whose permission is not checked. Permission failures
raise PermissionDenied; bad input raises ValidationError with an Indonesian message and nothing
is half-saved. `now` may be given (the demo replays past periods); it defaults to the current time.

The engine:
- start_period(): the SOP version in force on the start date → one task per step (per unit for a
  lane "each unit head"), the first step active.
- Completing the last task of a step activates the next step (a decision follows its Ya/Tidak
  branch; going back opens a new round of the steps in between; going forward skips steps).
- Steps whose action depends on the units' forms (collect, validate) complete themselves when
  their condition holds; the other actions are performed by their lane (sakip.measurement.step_actions).
- The last step finishes the period.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from sakip.core import notifications
from sakip.core.actors import is_system, person, require_actor
from sakip.core.formats import angka, tanggal
from sakip.core.numbers import is_unreadable
from sakip.organization.models import User
from sakip.planning.selectors import plan_for
from sakip.planning.services import parse_number as planning_parse
from sakip.sop import actions as A
from sakip.sop import selectors as sop_selectors
from sakip.sop.models import ProcessKind

from . import calendar as cal
from . import filetypes, forms_builder, policies
from .models import (
    TW_LABELS,
    BudgetRealisasi,
    Evidence,
    Period,
    Realisasi,
    RevisionRequest,
    SubmissionVersion,
    Task,
    UnitSubmission,
)
from .selectors import budget_history

SYSTEM_NAME = "Sistem"
AUTO_ACTIONS = {A.COLLECT, A.VALIDATE}


# --- helpers ---------------------------------------------------------------------------------------
def _now(now):
    return now or timezone.now()


def _reason(obj, text, now=None, user=None):
    """The history entry's reason, its author outside a request (commands, demo) and its date
    when the caller replays a past moment."""
    obj._change_reason = text[:100]
    if now is not None:
        obj._history_date = now
    if getattr(user, "pk", None):
        obj._history_user = user


def _user_name(user):
    if is_system(user):
        return SYSTEM_NAME
    return user.display_name


def _uid(user):
    return person(user)


def _require(allowed, message=None):
    if not allowed:
        raise PermissionDenied(message or _("Anda tidak berwenang melakukan tindakan ini."))


def _fresh(model, obj, *, lock=True):
    qs = model.objects.select_for_update() if lock else model.objects
    return qs.get(pk=obj.pk)


def measurement_sop_title() -> str:
    return getattr(settings, "SAKIP_MEASUREMENT_SOP", "Pengukuran Kinerja")


def tw_label(triwulan) -> str:
    return TW_LABELS.get(triwulan, str(triwulan))


def period_url(period) -> str:
    return reverse("measurement:period_detail", args=[period.pk])


def task_url(task) -> str:
    return reverse("measurement:task_detail", args=[task.pk])


def submission_url(submission) -> str:
    return reverse("measurement:submission_detail", args=[submission.pk])


# --- starting a period --------------------------------------------------------------------------------
def find_sop(opd, on: date):
    """The OPD's SOP of kind pengukuran kinerja in force on a date (docs/rules.md "SOP dan proses"); with several,
    the one named by the setting SAKIP_MEASUREMENT_SOP."""
    return sop_selectors.process_sop_in_force(opd, ProcessKind.PENGUKURAN_KINERJA, on, prefer=measurement_sop_title())


@transaction.atomic
def start_period(*, user, opd, year: int, triwulan: int, sop_version=None, now=None) -> Period:
    """Start the measurement of a triwulan (1–4) or a whole year (0) under the SOP in force today."""
    require_actor(user)
    now = _now(now)
    today = timezone.localtime(now).date()
    if not is_system(user):
        _require(
            policies.can_start_period(user, opd),
            _("Hanya Kepala, Sekretaris atau Tim SAKIP yang dapat memulai pengukuran."),
        )
    try:
        year, triwulan = int(year), int(triwulan)
    except (TypeError, ValueError):
        raise ValidationError(_("Tahun dan periode harus berupa angka.")) from None
    if triwulan not in TW_LABELS:
        raise ValidationError({"triwulan": _("Periode harus TW I–IV atau tahunan.")})
    if year < 2000 or year > today.year:
        raise ValidationError(
            {
                "year": _("Tahun %(y)s tidak dapat diukur (paling akhir tahun berjalan %(now)s).")
                % {"y": year, "now": today.year}
            }
        )
    existing = (
        Period.objects.filter(opd=opd, year=year, triwulan=triwulan).exclude(status=Period.Status.DIBATALKAN).first()
    )
    if existing is not None:
        raise ValidationError(
            _("Pengukuran %(tw)s %(y)s sudah dimulai pada %(d)s.")
            % {"tw": tw_label(triwulan), "y": year, "d": tanggal(existing.start_date)}
        )
    if sop_version is None:
        sop_version = find_sop(opd, today)
        if sop_version is None:
            raise ValidationError(
                _(
                    "Belum ada SOP pengukuran kinerja yang berlaku pada %(d)s di %(opd)s. Sahkan SOP-nya lebih dahulu "
                    'di menu SOP dan pastikan "Proses yang dijalankan" SOP itu adalah pengukuran kinerja.'
                )
                % {"d": tanggal(today), "opd": opd.akronim}
            )
    else:
        if sop_version.sop.opd_id != opd.pk or not sop_version.in_force_on(today):
            raise ValidationError(
                {
                    "sop_version": _("SOP yang dipilih tidak berlaku pada %(d)s di %(opd)s.")
                    % {"d": tanggal(today), "opd": opd.akronim}
                }
            )

        if sop_version.sop.process_kind != ProcessKind.PENGUKURAN_KINERJA:
            raise ValidationError(
                {
                    "sop_version": _(
                        "SOP %(n)s bukan SOP pengukuran kinerja; pilih SOP pengukuran kinerja yang berlaku."
                    )
                    % {"n": sop_version.sop.number}
                }
            )

    if not plan_for(opd, year, levels=forms_builder.levels()):
        raise ValidationError(
            _(
                "Belum ada indikator kinerja %(opd)s untuk tahun %(y)s; lengkapi Renstra dan pohon "
                "kinerja di menu Perencanaan."
            )
            % {"opd": opd.akronim, "y": year}
        )
    procedure = sop_selectors.procedure(sop_version)
    if not procedure.steps:
        raise ValidationError(_("SOP %(n)s tidak memiliki langkah.") % {"n": procedure.number})
    period = Period(
        opd=opd,
        year=year,
        triwulan=triwulan,
        sop_version=sop_version,
        start_date=today,
        started_at=now,
        started_by=_uid(user),
        sop_label=f"{procedure.number} {procedure.judul} (versi {procedure.version})",
    )
    _reason(period, "Dimulai", now=now, user=user)
    period.save()
    for step in procedure.steps:
        _create_step_tasks(period, step, round_no=1, on_date=today)
    actions_present = {s.action for s in procedure.steps}
    if A.PREPARE_FORMS not in actions_present:
        forms_builder.build(period)
    if A.DISTRIBUTE not in actions_present and A.PREPARE_FORMS not in actions_present:
        open_entry(period, now=now)
    calendar = cal.work_calendar({year, today.year})
    _activate_step(period, procedure.steps[0].number, now=now, calendar=calendar)
    return period


def _create_step_tasks(period, step, *, round_no, on_date) -> list[Task]:
    lanes = list(step.lanes)
    common = {
        "period": period,
        "step_id": step.id,
        "number": step.number,
        "round": round_no,
        "uraian": step.uraian,
        "kind": step.kind,
        "action": step.action,
        "ya_ke": step.ya_ke,
        "tidak_ke": step.tidak_ke,
        "standard_minutes": step.minutes,
        "kelengkapan": step.kelengkapan[:255],
        "output_label": step.output[:255],
        "lanes_label": ", ".join(lane.label for lane in lanes)[:300],
    }
    tasks = []
    if lanes and all(lane.mapping == "unit_heads" for lane in lanes):
        for assignee in sop_selectors.lane_assignees(lanes[0], period.opd_id, on_date):
            task = Task.objects.create(unit_id=assignee.unit_id, position_id=assignee.position_id, **common)
            if assignee.employee_id:
                task.assignees.add(assignee.employee_id)
            tasks.append(task)
        if tasks:
            return tasks
    employee_ids, position_id = [], None
    for lane in lanes:
        for assignee in sop_selectors.lane_assignees(lane, period.opd_id, on_date):
            if assignee.employee_id and assignee.employee_id not in employee_ids:
                employee_ids.append(assignee.employee_id)
            if position_id is None and assignee.position_id and lane.mapping == "position":
                position_id = assignee.position_id
    task = Task.objects.create(position_id=position_id, **common)
    if employee_ids:
        task.assignees.add(*employee_ids)
    return [task]


def _clone_for_round(template: Task, round_no: int) -> Task:
    fields = {
        f.name: getattr(template, f.name)
        for f in Task._meta.concrete_fields
        if f.name
        not in (
            "id",
            "status",
            "round",
            "activated_at",
            "due_at",
            "completed_at",
            "completed_by",
            "completed_by_name",
            "decision",
            "output_text",
            "output_file",
            "output_document",
            "data",
            "note",
            "reminded_at",
            "created_at",
            "updated_at",
        )
    }
    task = Task.objects.create(round=round_no, **fields)
    task.assignees.set(template.assignees.all())
    return task


# --- activation and progress -------------------------------------------------------------------------------
def _activate_step(period, number, *, now, calendar=None):
    calendar = calendar or cal.work_calendar({period.year, timezone.localtime(now).year})
    latest_round = Task.objects.filter(period=period, number=number, status=Task.Status.MENUNGGU).aggregate(
        r=Max("round")
    )["r"]
    if latest_round is None:
        return []
    tasks = list(
        Task.objects.filter(period=period, number=number, status=Task.Status.MENUNGGU, round=latest_round)
        .select_related("unit")
        .prefetch_related("assignees")
    )
    for task in tasks:
        task.activate()
        task.activated_at = now
        task.due_at = cal.due_after(now, task.standard_minutes, calendar)
        _reason(task, "Aktif", now=now)
        task.save()
    for task in tasks:
        if task.action not in AUTO_ACTIONS:
            users = notifications.users_of_employees([e.pk for e in task.assignees.all()])
            notifications.notify(
                users,
                title=_("Tugas baru: langkah %(n)s pengukuran %(tw)s %(y)s")
                % {"n": task.number, "tw": period.tw_label, "y": period.year},
                body=_("%(u)s. Batas waktu: %(d)s.")
                % {"u": task.uraian, "d": timezone.localtime(task.due_at).strftime("%d/%m/%Y %H.%M")},
                url=task_url(task),
                period=period,
                task=task,
                kind="task",
                now=now,
            )
    _auto_progress(period, now=now, calendar=calendar)
    return tasks


def _condition_met(task, submissions) -> bool | None:
    """For automatic steps: True when done, False when not yet, None when not applicable."""
    if task.action == A.COLLECT:
        test = "is_submitted"
    elif task.action == A.VALIDATE:
        test = "is_validated"
    else:
        return None
    if not submissions:
        return False
    if task.unit_id:
        mine = [s for s in submissions if s.unit_id == task.unit_id]
        if not mine:
            return True  # a unit without a form has nothing to collect or validate
        return all(getattr(s, test) for s in mine)
    return all(getattr(s, test) for s in submissions)


def _auto_progress(period, *, now, calendar=None):
    """Complete the automatic steps whose condition holds, and move on (bounded loop)."""
    for _i in range(60):
        active = [t for t in Task.objects.filter(period=period, status=Task.Status.AKTIF) if t.action in AUTO_ACTIONS]
        if not active:
            return
        submissions = list(UnitSubmission.objects.filter(period=period))
        progressed = False
        for task in active:
            met = _condition_met(task, submissions)
            if met:
                has_form = not task.unit_id or any(s.unit_id == task.unit_id for s in submissions)
                task.complete()
                task.completed_at = now
                task.completed_by_name = SYSTEM_NAME
                task.output_text = (
                    _("Semua formulir unit sudah diajukan.")
                    if task.action == A.COLLECT
                    else _("Semua data unit sudah divalidasi.")
                )
                if not has_form:
                    task.output_text = _("Unit ini tidak memiliki formulir pengukuran pada periode ini.")
                _reason(task, "Selesai (otomatis)", now=now)
                task.save()
                progressed = True
                _after_task_done(period, task, now=now, calendar=calendar)
        if not progressed:
            return


def _after_task_done(period, task, *, now, calendar=None):
    siblings = Task.objects.filter(period=period, number=task.number, round=task.round)
    if siblings.exclude(status__in=[Task.Status.SELESAI, Task.Status.DILEWATI]).exists():
        return
    numbers = sorted(set(Task.objects.filter(period=period, round=1).values_list("number", flat=True)))
    current = task.number
    target = current + 1
    if task.kind == "decision":
        decided = Task.Decision.TIDAK if siblings.filter(decision=Task.Decision.TIDAK).exists() else Task.Decision.YA
        chosen = task.tidak_ke if decided == Task.Decision.TIDAK else task.ya_ke
        if chosen:
            target = chosen
    later = [n for n in numbers if n >= target]
    if not later:
        _finish(period, now=now)
        return
    target = later[0] if target not in numbers else target
    if target <= current:
        new_round = (Task.objects.filter(period=period).aggregate(r=Max("round"))["r"] or 1) + 1
        for number in [n for n in numbers if target <= n <= current]:
            for template in Task.objects.filter(
                period=period, number=number, round=task.round if number == current else _last_round(period, number)
            ):
                _clone_for_round(template, new_round)
    else:
        for skipped in Task.objects.filter(
            period=period, number__gt=current, number__lt=target, status=Task.Status.MENUNGGU
        ):
            skipped.skip()
            skipped.completed_at = now
            skipped.output_text = _("Dilewati: cabang keputusan langkah %(n)s.") % {"n": current}
            _reason(skipped, "Dilewati", now=now)
            skipped.save()
    _activate_step(period, target, now=now, calendar=calendar)


def _last_round(period, number):
    return Task.objects.filter(period=period, number=number).aggregate(r=Max("round"))["r"] or 1


def _finish(period, *, now):
    period = Period.objects.get(pk=period.pk)
    if period.status != Period.Status.BERJALAN:
        return
    for submission in UnitSubmission.objects.filter(period=period, state=UnitSubmission.State.DISETUJUI):
        _lock_submission(submission, now=now, document=period.dpk_document)
    period.finish()
    period.finished_at = now
    _reason(period, "Selesai", now=now)
    period.save()


def check_progress(period, *, now=None):
    """Re-check the automatic steps after a change of the unit forms."""
    _auto_progress(period, now=_now(now))


# --- completing a task ---------------------------------------------------------------------------------
@transaction.atomic
def complete_task(
    *, user, task: Task, decision: str = "", inputs: dict | None = None, files: dict | None = None, now=None
) -> Task:
    """Perform the task's system action with the lane's inputs and mark it done; the next step follows."""
    require_actor(user)
    from . import step_actions  # step_actions builds on this module: imported here, not above

    now = _now(now)
    task = (
        Task.objects.select_for_update(of=("self",))
        .select_related("period", "period__opd", "unit", "position")
        .get(pk=task.pk)
    )
    period = Period.objects.select_for_update().get(pk=task.period_id)
    task.period = period
    if not is_system(user):
        _require(policies.can_view_period(user, period))
        _require(policies.can_act_on_task(user, task), _("Tugas ini bukan tugas Anda."))
    if period.status != Period.Status.BERJALAN:
        raise ValidationError(
            _("Pengukuran %(tw)s %(y)s sudah %(s)s; tugas tidak dapat diubah.")
            % {"tw": period.tw_label, "y": period.year, "s": period.get_status_display().lower()}
        )
    if task.status != Task.Status.AKTIF:
        if task.status == Task.Status.SELESAI:
            raise ValidationError(
                _("Tugas ini sudah diselesaikan oleh %(who)s pada %(d)s.")
                % {
                    "who": task.completed_by_name or SYSTEM_NAME,
                    "d": timezone.localtime(task.completed_at).strftime("%d/%m/%Y %H.%M"),
                }
            )
        raise ValidationError(_("Tugas ini belum dapat dikerjakan: langkah sebelumnya belum selesai."))
    if task.kind == "decision" and decision not in (Task.Decision.YA, Task.Decision.TIDAK):
        raise ValidationError({"decision": _("Pilih keputusan: Ya atau Tidak.")})
    if task.kind != "decision":
        decision = ""
    result = step_actions.perform(
        task=task, user=user, decision=decision, inputs=inputs or {}, files=files or {}, now=now
    )
    if result.get("keep_open"):
        task.data = {**(task.data or {}), **result.get("data", {})}
        task.note = result.get("note", task.note)
        _reason(task, result.get("reason", "Dicatat"), now=now, user=user)
        task.save()
        return task
    task.complete()
    task.completed_at = now
    task.completed_by = _uid(user)
    task.completed_by_name = _user_name(user)
    task.decision = decision
    task.output_text = result.get("output_text", "")
    task.data = {**(task.data or {}), **result.get("data", {})}
    if result.get("output_document") is not None:
        task.output_document = result["output_document"]
    if result.get("output_file") is not None:
        name, content = result["output_file"]
        task.output_file.save(name, content, save=False)
    task.note = result.get("note", "")
    _reason(task, f"Selesai oleh {_user_name(user)}", now=now, user=user)
    task.save()
    _after_task_done(period, task, now=now)
    return task


@transaction.atomic
def reassign_task(*, user, task: Task, employees, now=None) -> Task:
    """A coordinator gives an open task to other people (a holder absent, a lane not mapped)."""
    require_actor(user)
    task = Task.objects.select_for_update(of=("self",)).select_related("period").get(pk=task.pk)
    if not is_system(user):
        _require(policies.can_manage_period(user, task.period))
    if task.is_done:
        raise ValidationError(_("Tugas yang sudah selesai tidak dapat dialihkan."))
    employees = list(employees)
    if not employees:
        raise ValidationError({"employees": _("Pilih sedikitnya satu pelaksana.")})
    if any(e.opd_id != task.period.opd_id for e in employees):
        raise ValidationError({"employees": _("Pelaksana harus pegawai %(opd)s.") % {"opd": task.period.opd.akronim}})
    task.assignees.set(employees)
    _reason(task, f"Dialihkan oleh {_user_name(user)}", now=now, user=user)
    task.save()
    notifications.notify(
        notifications.users_of_employees([e.pk for e in employees]),
        title=_("Tugas dialihkan kepada Anda: langkah %(n)s") % {"n": task.number},
        body=task.uraian,
        url=task_url(task),
        period=task.period,
        task=task,
        kind="task",
        now=_now(now),
    )
    return task


@transaction.atomic
def cancel_period(*, user, period: Period, reason: str, now=None) -> Period:
    require_actor(user)
    period = Period.objects.select_for_update().get(pk=period.pk)
    if not is_system(user):
        _require(policies.can_manage_period(user, period))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Alasan pembatalan wajib diisi.")})
    if period.dpk_document_id:
        raise ValidationError(
            _("Dokumen Pengukuran Kinerja periode ini sudah ditandatangani; periode tidak dapat dibatalkan.")
        )
    if period.status != Period.Status.BERJALAN:
        raise ValidationError(_("Hanya periode yang berjalan yang dapat dibatalkan."))
    period.cancel()
    period.cancel_reason = reason.strip()
    period.finished_at = _now(now)
    _reason(period, "Dibatalkan", now=now)
    period.save()
    return period


# --- forms and entry ---------------------------------------------------------------------------------------
def prepare_forms(period, *, now=None) -> dict:
    return forms_builder.build(period)


def open_entry(period, *, now=None):
    now = _now(now)
    Period.objects.filter(pk=period.pk, entry_opened_at__isnull=True).update(entry_opened_at=now)
    UnitSubmission.objects.filter(period=period, distributed_at__isnull=True).update(distributed_at=now)
    period.entry_opened_at = period.entry_opened_at or now


def _check_entry_open(submission):
    period = submission.period
    if period.status == Period.Status.DIBATALKAN:
        raise ValidationError(
            _("Pengukuran %(tw)s %(y)s dibatalkan; realisasi tidak dapat diisi.")
            % {"tw": period.tw_label, "y": period.year}
        )
    if period.status == Period.Status.BERJALAN and period.entry_opened_at is None:
        raise ValidationError(
            _("Formulir %(tw)s %(y)s belum dikirim ke unit; realisasi belum dapat diisi.")
            % {"tw": period.tw_label, "y": period.year}
        )
    if not submission.is_editable:
        message = _("Formulir %(unit)s berstatus %(s)s; data tidak dapat diubah.") % {
            "unit": submission.unit.name,
            "s": submission.get_state_display().lower(),
        }
        if submission.state == UnitSubmission.State.DIKUNCI:
            message += " " + _("Data yang dikunci hanya dapat diubah melalui permintaan revisi yang disetujui Kepala.")
        raise ValidationError(message)
    if not policies.entry_allowed(submission):
        raise ValidationError(
            _("Pengukuran %(tw)s %(y)s tidak terbuka untuk pengisian (status: %(s)s).")
            % {"tw": period.tw_label, "y": period.year, "s": period.get_status_display().lower()}
        )


def parse_number(value, label, *, field=None, **rules):
    return planning_parse(value, label, field=field, **rules)


def clean_row_values(row: Realisasi, data: dict) -> dict:
    """Validate the entered values of a row → {field: value}; ValidationError per field."""
    errors, out = {}, {}
    if "value" in data:
        raw = data.get("value")
        raw = raw.strip() if isinstance(raw, str) else raw
        if row.is_qualitative:
            labels = [str(item[0]) for item in row.scale]
            if raw in (None, ""):
                out["value"], out["value_text"] = None, ""
            else:
                match = next((label for label in labels if label.lower() == str(raw).lower()), None)
                if match is None:
                    errors["value"] = _("Pilih salah satu predikat: %(l)s.") % {"l": ", ".join(labels)}
                else:
                    out["value"], out["value_text"] = None, match
        elif row.is_binary:
            text = str(raw or "").strip().lower()
            if text in ("", "none"):
                out["value"], out["value_text"] = None, ""
            elif text in ("ya", "y", "1", "ada", "tercapai", "tepat waktu"):
                out["value"], out["value_text"] = None, "ya"
            elif text in ("tidak", "t", "0", "tidak ada", "tidak tercapai", "terlambat"):
                out["value"], out["value_text"] = None, "tidak"
            else:
                errors["value"] = _('Realisasi indikator ini diisi "ya" atau "tidak".')
        else:
            try:
                # The row's snapshot of the indicator's number rules (docs/capaian.md: negatives, whole numbers).
                out["value"] = parse_number(
                    raw,
                    _("Realisasi"),
                    field=(Realisasi, "value"),
                    allow_negative=row.allow_negative,
                    whole=row.whole_number,
                    satuan=row.satuan,
                )
                out["value_text"] = ""
            except ValidationError as exc:
                errors["value"] = exc.messages[0]
    for name in ("faktor_pendukung", "faktor_penghambat", "kendala", "tindak_lanjut"):
        if name in data:
            text = (data.get(name) or "").strip()
            if len(text) > 4000:
                errors[name] = _("Paling banyak 4.000 karakter.")
            out[name] = text
    if errors:
        raise ValidationError(errors)
    return out


def _stale(obj, expected, who):
    """Every write of a versioned row carries the revision the writer saw (issue 12: missing → refused)."""
    if expected is None or expected == "":
        raise ValidationError(
            _("Formulir tidak lengkap: versi data tidak terkirim. Muat ulang halaman lalu simpan lagi."),
            code="stale",
        )
    try:
        expected = int(expected)
    except (TypeError, ValueError):
        raise ValidationError(_("Formulir tidak lengkap; muat ulang halaman.")) from None
    if expected != obj.revision:
        when = timezone.localtime(obj.updated_at).strftime("%d/%m/%Y %H.%M")
        raise ValidationError(
            _(
                "Data ini sudah diubah oleh %(who)s pada %(when)s setelah formulir Anda dibuka. Perubahan "
                "Anda tidak disimpan; muat ulang untuk melihat data terbaru."
            )
            % {"who": who or _("pengguna lain"), "when": when},
            code="stale",
        )


@transaction.atomic
def save_row(*, user, row: Realisasi, data: dict, expected_revision, now=None) -> Realisasi:
    """Save one indicator row. `expected_revision` (from the form; required) refuses a stale save."""
    require_actor(user)
    row = (
        Realisasi.objects.select_for_update(of=("self",))
        .select_related(
            "submission",
            "submission__period",
            "submission__unit",
            "indicator__node",
            "updated_by",
            "updated_by__employee",
        )
        .get(pk=row.pk)
    )
    submission = row.submission
    if not is_system(user):
        _require(policies.can_view_submission(user, submission))
    _check_entry_open(submission)
    if not is_system(user):
        _require(policies.can_edit_row(user, row), _("Anda hanya dapat mengisi indikator unit Anda."))
    _stale(row, expected_revision, row.updated_by.display_name if row.updated_by_id else "")
    values = clean_row_values(row, data)
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if not changed:
        return row
    for name, value in values.items():
        setattr(row, name, value)
    row.revision += 1
    row.updated_by = _uid(user)
    _reason(row, f"Diisi oleh {_user_name(user)}", now=now, user=user)
    row.save()
    return row


@transaction.atomic
def save_budget_row(*, user, row: BudgetRealisasi, value, expected_revision, now=None) -> BudgetRealisasi:
    require_actor(user)
    row = (
        BudgetRealisasi.objects.select_for_update(of=("self",))
        .select_related("submission", "submission__period", "submission__unit", "updated_by", "updated_by__employee")
        .get(pk=row.pk)
    )
    submission = row.submission
    if not is_system(user):
        _require(policies.can_view_submission(user, submission))
    _check_entry_open(submission)
    if not is_system(user):
        _require(
            policies.can_edit_submission(user, submission)
            and policies.scope(user).writes_unit(submission.period.opd_id, submission.unit_id),
            _("Anda hanya dapat mengisi anggaran unit Anda."),
        )
    _stale(row, expected_revision, row.updated_by.display_name if row.updated_by_id else "")
    try:
        amount = parse_number(value, _("Realisasi anggaran"), field=(BudgetRealisasi, "realisasi"))
    except ValidationError as exc:
        raise ValidationError({"realisasi": exc.messages[0]}) from None
    if amount is not None and row.pagu is not None:
        period = submission.period
        earlier = Decimal(0)
        if period.triwulan:
            past = budget_history(
                period.opd_id, period.year, [row.item_id], before_tw=period.triwulan, exclude_period=period
            ).get(row.item_id, {})
            earlier = sum((v for v in past.values() if v is not None), Decimal(0))
        if earlier + amount > row.pagu:
            raise ValidationError(
                {
                    "realisasi": _(
                        "Realisasi anggaran s.d. %(tw)s (Rp %(t)s) melebihi pagu Rp %(p)s; periksa kembali angkanya."
                    )
                    % {"tw": period.tw_label, "t": _rp(earlier + amount), "p": _rp(row.pagu)}
                }
            )
    if amount == row.realisasi:
        return row
    row.realisasi = amount
    row.revision += 1
    row.updated_by = _uid(user)
    _reason(row, f"Diisi oleh {_user_name(user)}", now=now, user=user)
    row.save()
    return row


def _rp(value) -> str:
    return angka(value, 0)


# --- evidence ---------------------------------------------------------------------------------------------
def max_upload_bytes() -> int:
    return int(getattr(settings, "SAKIP_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))


@transaction.atomic
def add_evidence(
    *, user, row: Realisasi, upload, description: str = "", replaces: Evidence | None = None, now=None
) -> Evidence:
    """Store an evidence file after checking its content and size; a replacement keeps the old file."""
    require_actor(user)
    row = Realisasi.objects.select_related(
        "submission", "submission__period", "submission__unit", "indicator__node"
    ).get(pk=row.pk)
    submission = row.submission
    if not is_system(user):
        _require(policies.can_view_submission(user, submission))
    _check_entry_open(submission)
    if not is_system(user):
        _require(policies.can_edit_row(user, row), _("Anda hanya dapat mengunggah bukti untuk indikator unit Anda."))
    if upload is None:
        raise ValidationError({"file": _("Pilih berkas bukti dukung.")})
    try:
        kind = filetypes.check(upload, upload.name, upload.size, max_upload_bytes())
    except filetypes.UploadRefused as exc:
        raise ValidationError({"file": str(exc)}) from None
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    sha = digest.hexdigest()
    if replaces is not None:
        replaces = Evidence.objects.select_for_update().get(pk=replaces.pk)
        if replaces.realisasi_id != row.pk:
            raise ValidationError({"file": _("Bukti yang diganti bukan milik indikator ini.")})
        if not replaces.active:
            raise ValidationError({"file": _("Bukti ini sudah diganti sebelumnya.")})
    if Evidence.objects.filter(realisasi=row, sha256=sha, active=True).exists():
        raise ValidationError({"file": _("Berkas yang sama persis sudah diunggah untuk indikator ini.")})
    evidence = Evidence(
        realisasi=row,
        original_name=upload.name[:255],
        kind=kind.code,
        content_type=kind.mime,
        size=upload.size,
        sha256=sha,
        description=(description or "").strip()[:255],
        uploaded_by=_uid(user),
        replaces=replaces,
    )
    evidence.file.save(upload.name[-80:], upload, save=False)
    _reason(evidence, "Diunggah", now=now, user=user)
    evidence.save()
    if replaces is not None:
        replaces.active = False
        _reason(replaces, "Diganti", now=now, user=user)
        replaces.save()
    return evidence


# --- unit form states ----------------------------------------------------------------------------------------
def _transition(submission, method, message):
    try:
        getattr(submission, method)()
    except TransitionNotAllowed:
        raise ValidationError(message) from None


def _save_state(submission, reason, now=None, user=None):
    _reason(submission, reason, now, user)
    try:
        submission.save()
    except ConcurrentTransition:
        raise ValidationError(_("Status formulir baru saja diubah oleh pengguna lain; muat ulang halaman.")) from None


def _unit_users(submission):
    """Users of the unit's subtree plus its head's account."""
    unit_ids = [submission.unit_id, *submission.unit.descendants().values_list("pk", flat=True)]
    users = list(User.objects.filter(unit_id__in=unit_ids, is_active=True))
    head = policies.head_position(submission.unit)
    holder = head.holder_on(timezone.localdate()) if head else None
    if holder:
        users += notifications.users_of_employees([holder.employee_id])
    return users


@transaction.atomic
def submit_unit(*, user, submission: UnitSubmission, now=None) -> UnitSubmission:
    """draft/dikembalikan → diajukan: every indicator must have its realisasi."""
    require_actor(user)
    now = _now(now)
    submission = (
        UnitSubmission.objects.select_for_update(of=("self",)).select_related("period", "unit").get(pk=submission.pk)
    )
    if not is_system(user):
        _require(policies.can_view_submission(user, submission))
    if submission.is_submitted:
        who = submission.submitted_by.display_name if submission.submitted_by_id else SYSTEM_NAME
        raise ValidationError(
            _("Formulir %(unit)s sudah diajukan pada %(d)s oleh %(who)s.")
            % {
                "unit": submission.unit.name,
                "d": timezone.localtime(submission.submitted_at).strftime("%d/%m/%Y %H.%M")
                if submission.submitted_at
                else "-",
                "who": who,
            }
        )
    _check_entry_open(submission)
    if not is_system(user):
        _require(policies.can_submit(user, submission), _("Anda tidak dapat mengajukan formulir unit ini."))

    broken = [r.name for r in submission.rows.all() if is_unreadable(r.value)]
    broken += [b.label for b in submission.budget_rows.all() if is_unreadable(b.realisasi)]
    if broken:
        raise ValidationError(
            _("Nilai tersimpan tidak terbaca (angka di luar batas) pada: %(l)s. Isi ulang nilainya sebelum mengajukan.")
            % {"l": "; ".join(broken[:5]) + (" …" if len(broken) > 5 else "")}
        )
    missing = [r.name for r in submission.rows.all() if not r.has_value]
    if missing:
        raise ValidationError(
            _("Realisasi belum diisi untuk %(n)s indikator: %(l)s.")
            % {"n": len(missing), "l": "; ".join(missing[:5]) + (" …" if len(missing) > 5 else "")}
        )
    budget_missing = [b.label for b in submission.budget_rows.all() if b.realisasi is None]
    if budget_missing:
        raise ValidationError(
            _("Realisasi anggaran belum diisi untuk: %(l)s (isi 0 bila belum ada penyerapan).")
            % {"l": "; ".join(budget_missing[:5])}
        )
    _transition(
        submission,
        "submit",
        _("Formulir tidak dapat diajukan dari status %(s)s.") % {"s": submission.get_state_display()},
    )
    submission.submitted_at, submission.submitted_by = now, _uid(user)
    _save_state(submission, f"Diajukan oleh {_user_name(user)}", now, user)
    head = policies.head_position(submission.unit)
    holder = head.holder_on(timezone.localtime(now).date()) if head else None
    if holder:
        notifications.notify(
            notifications.users_of_employees([holder.employee_id]),
            title=_("Data kinerja %(unit)s menunggu validasi Anda") % {"unit": submission.unit.name},
            body=_("Diajukan oleh %(who)s untuk %(tw)s %(y)s.")
            % {"who": _user_name(user), "tw": submission.period.tw_label, "y": submission.period.year},
            url=submission_url(submission),
            period=submission.period,
            kind="validate",
            now=now,
        )
    check_progress(submission.period, now=now)
    return submission


@transaction.atomic
def validate_unit(*, user, submission: UnitSubmission, now=None) -> UnitSubmission:
    require_actor(user)
    now = _now(now)
    submission = (
        UnitSubmission.objects.select_for_update(of=("self",)).select_related("period", "unit").get(pk=submission.pk)
    )
    if not is_system(user):
        _require(policies.can_view_submission(user, submission))
        _require(
            policies.can_validate(user, submission),
            _("Hanya kepala %(unit)s yang dapat memvalidasi data unit ini.") % {"unit": submission.unit.name},
        )
    if not policies.period_active_for(submission):
        raise ValidationError(_("Pengukuran ini sudah tidak berjalan."))
    _transition(
        submission,
        "validate",
        _("Hanya data yang sudah diajukan yang dapat divalidasi (status sekarang: %(s)s).")
        % {"s": submission.get_state_display()},
    )
    submission.validated_at, submission.validated_by = now, _uid(user)
    _save_state(submission, f"Divalidasi oleh {_user_name(user)}", now, user)
    check_progress(submission.period, now=now)
    return submission


@transaction.atomic
def return_unit(*, user, submission: UnitSubmission, reason: str, now=None) -> UnitSubmission:
    """Return a form to its unit with the reason: by the unit head (diajukan) or, during the
    correction, by the Kepala or the correcting lane (divalidasi/disetujui)."""
    require_actor(user)
    now = _now(now)
    submission = (
        UnitSubmission.objects.select_for_update(of=("self",)).select_related("period", "unit").get(pk=submission.pk)
    )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan alasan pengembalian agar unit tahu apa yang harus diperbaiki.")})
    if not is_system(user):
        _require(policies.can_view_submission(user, submission))
        if submission.state == UnitSubmission.State.DIAJUKAN:
            allowed = policies.can_validate(user, submission) or policies.is_kepala(user, submission.period.opd_id)
        else:
            allowed = policies.is_kepala(user, submission.period.opd_id) or _is_correcting(user, submission.period)
        _require(allowed, _("Anda tidak berwenang mengembalikan data unit ini."))
    if submission.state == UnitSubmission.State.DIKUNCI:
        raise ValidationError(_("Data yang dikunci hanya dapat diubah melalui permintaan revisi."))
    _transition(
        submission,
        "send_back",
        _("Formulir berstatus %(s)s tidak dapat dikembalikan.") % {"s": submission.get_state_display()},
    )
    submission.returned_at, submission.returned_by, submission.return_reason = now, _uid(user), reason.strip()
    submission.validated_at = submission.validated_by = submission.approved_at = submission.approved_by = None
    _save_state(submission, f"Dikembalikan oleh {_user_name(user)}", now, user)
    notifications.notify(
        _unit_users(submission),
        title=_("Data kinerja %(unit)s dikembalikan") % {"unit": submission.unit.name},
        body=_("Alasan: %(r)s") % {"r": reason.strip()},
        url=submission_url(submission),
        period=submission.period,
        kind="returned",
        now=now,
    )
    return submission


def _is_correcting(user, period) -> bool:
    """The user is an assignee of an active correction task of the period."""
    tasks = Task.objects.filter(period=period, status=Task.Status.AKTIF, action=A.CORRECT).prefetch_related("assignees")
    return any(policies.can_act_on_task(user, t) for t in tasks)


@transaction.atomic
def approve_unit(*, user, submission: UnitSubmission, now=None) -> UnitSubmission:
    """divalidasi → disetujui: the Kepala only."""
    require_actor(user)
    now = _now(now)
    submission = (
        UnitSubmission.objects.select_for_update(of=("self",)).select_related("period", "unit").get(pk=submission.pk)
    )
    if not is_system(user):
        _require(policies.can_view_submission(user, submission))
        _require(
            policies.can_approve(user, submission),
            _("Hanya Kepala %(opd)s yang dapat menyetujui data kinerja.") % {"opd": submission.period.opd.akronim},
        )
    _transition(
        submission,
        "approve",
        _("Hanya data yang sudah divalidasi yang dapat disetujui (status sekarang: %(s)s).")
        % {"s": submission.get_state_display()},
    )
    submission.approved_at, submission.approved_by = now, _uid(user)
    _save_state(submission, f"Disetujui oleh {_user_name(user)}", now, user)
    return submission


def approve_all(*, user, period: Period, now=None) -> int:
    require_actor(user)
    count = 0
    for submission in UnitSubmission.objects.filter(period=period, state=UnitSubmission.State.DIVALIDASI):
        approve_unit(user=user, submission=submission, now=now)
        count += 1
    return count


def snapshot(submission) -> dict:
    rows = [
        {
            "indicator": r.indicator_id,
            "name": r.name,
            "value": None if r.value is None else str(r.value),
            "value_text": r.value_text,
            "faktor_pendukung": r.faktor_pendukung,
            "faktor_penghambat": r.faktor_penghambat,
            "kendala": r.kendala,
            "tindak_lanjut": r.tindak_lanjut,
            "evidence": [e.sha256 for e in r.evidence.all() if e.active],
        }
        for r in submission.rows.all()
    ]
    budget = [
        {
            "item": b.item_id,
            "label": b.label,
            "pagu": None if b.pagu is None else str(b.pagu),
            "realisasi": None if b.realisasi is None else str(b.realisasi),
        }
        for b in submission.budget_rows.all()
    ]
    return {"rows": rows, "budget": budget}


def _lock_submission(submission, *, now, document=None):
    submission = UnitSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.state != UnitSubmission.State.DISETUJUI:
        return submission
    submission.lock()
    submission.locked_at = now
    _save_state(submission, "Dikunci", now)
    SubmissionVersion.objects.update_or_create(
        submission=submission,
        version=submission.version,
        defaults={"locked_at": now, "data": snapshot(submission), "document": document},
    )
    return submission


def lock_period(period, *, now=None, document=None) -> int:
    now = _now(now)
    count = 0
    for submission in UnitSubmission.objects.filter(period=period, state=UnitSubmission.State.DISETUJUI):
        _lock_submission(submission, now=now, document=document)
        count += 1
    return count


# --- revisions of locked data --------------------------------------------------------------------------
@transaction.atomic
def request_revision(*, user, submission: UnitSubmission, reason: str, now=None) -> RevisionRequest:
    require_actor(user)
    now = _now(now)
    submission = (
        UnitSubmission.objects.select_for_update(of=("self",)).select_related("period", "unit").get(pk=submission.pk)
    )
    if not is_system(user):
        _require(policies.can_view_submission(user, submission))
        _require(policies.can_request_revision(user, submission), _("Anda tidak dapat meminta revisi data unit ini."))
    if submission.state != UnitSubmission.State.DIKUNCI:
        raise ValidationError(
            _("Revisi hanya untuk data yang sudah dikunci; data ini masih dapat diubah melalui alur biasa.")
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Alasan revisi wajib diisi.")})
    if submission.revision_requests.filter(state=RevisionRequest.State.DIAJUKAN).exists():
        raise ValidationError(_("Permintaan revisi untuk formulir ini masih menunggu keputusan Kepala."))
    request = RevisionRequest(
        submission=submission,
        reason=reason.strip(),
        from_version=submission.version,
        requested_at=now,
        requested_by=_uid(user),
    )
    _reason(request, "Diajukan", now=now, user=user)
    request.save()

    kepala = list(User.objects.filter(opd_id=submission.period.opd_id, groups__name="Kepala OPD", is_active=True))
    notifications.notify(
        kepala,
        title=_("Permintaan revisi data %(unit)s %(tw)s %(y)s")
        % {"unit": submission.unit.name, "tw": submission.period.tw_label, "y": submission.period.year},
        body=reason.strip(),
        url=submission_url(submission),
        period=submission.period,
        kind="revision",
        now=now,
    )
    return request


@transaction.atomic
def decide_revision(*, user, request: RevisionRequest, approve: bool, note: str = "", now=None) -> RevisionRequest:
    """The Kepala approves (a new version of the form opens as a draft) or rejects a revision request."""
    require_actor(user)
    now = _now(now)
    request = (
        RevisionRequest.objects.select_for_update(of=("self",))
        .select_related("submission", "submission__period", "submission__unit")
        .get(pk=request.pk)
    )
    submission = (
        UnitSubmission.objects.select_for_update(of=("self",))
        .select_related("period", "unit")
        .get(pk=request.submission_id)
    )
    if not is_system(user):
        _require(policies.can_view_submission(user, submission))
        _require(
            policies.can_approve(user, submission),
            _("Hanya Kepala %(opd)s yang dapat memutuskan permintaan revisi.") % {"opd": submission.period.opd.akronim},
        )
    if request.state != RevisionRequest.State.DIAJUKAN:
        raise ValidationError(_("Permintaan revisi ini sudah diputuskan."))
    if not approve and not (note or "").strip():
        raise ValidationError({"note": _("Tuliskan alasan penolakan.")})
    request.decided_at, request.decided_by, request.decision_note = now, _uid(user), (note or "").strip()
    if approve:
        request.accept()
        _transition(submission, "reopen", _("Formulir tidak berstatus dikunci."))
        submission.version += 1
        submission.submitted_at = submission.submitted_by = submission.validated_at = submission.validated_by = None
        submission.approved_at = submission.approved_by = submission.locked_at = None
        submission.return_reason = ""
        _save_state(submission, f"Dibuka untuk revisi versi {submission.version}", now, user)
        period = submission.period
        if period.entry_opened_at is None:
            open_entry(period, now=now)
    else:
        request.reject()
    _reason(request, "Disetujui" if approve else "Ditolak", now=now, user=user)
    request.save()
    if request.requested_by_id:
        notifications.notify(
            [request.requested_by],
            title=_("Permintaan revisi %(unit)s %(s)s")
            % {"unit": submission.unit.name, "s": request.get_state_display().lower()},
            body=request.decision_note,
            url=submission_url(submission),
            period=submission.period,
            kind="revision",
            now=now,
        )
    return request


def revision_pending_sign(period) -> bool:
    """A form of a signed period was revised and approved again: the document must be re-signed."""
    if not period.dpk_document_id:
        return False
    states = set(UnitSubmission.objects.filter(period=period).values_list("state", flat=True))
    return UnitSubmission.State.DISETUJUI in states and states <= {
        UnitSubmission.State.DISETUJUI,
        UnitSubmission.State.DIKUNCI,
    }


# --- history helpers -------------------------------------------------------------------------------------------
def as_datetime(value) -> datetime:
    return value if isinstance(value, datetime) else timezone.make_aware(datetime.combine(value, datetime.min.time()))


def decimal_or_none(value):
    return None if value in (None, "") else Decimal(str(value))
