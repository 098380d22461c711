"""Screens of the measurement stage: periods, SOP tasks, unit forms (entry, evidence, states),
the inbox and the local holiday table. Thin: the work is in services and step_actions."""

from __future__ import annotations

from datetime import date, timedelta

import holidays as pkg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Min, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.core import permissions as P
from sakip.core.imports import import_view
from sakip.core.paging import in_order, page_of
from sakip.core.ratelimit import rate_limited, upload_limited
from sakip.core.service_calls import FAILED, call_service, run_action
from sakip.organization.models import OPD
from sakip.reporting import checklist
from sakip.reporting import selectors as reporting_selectors
from sakip.reporting import services as reporting
from sakip.sop import actions as A
from sakip.sop.models import SopVersion

from . import calendar as cal
from . import figures as F
from . import forms, policies, selectors, services, step_actions
from .importers import UnitFormImporter
from .models import (
    BudgetRealisasi,
    Evidence,
    HariLibur,
    Notification,
    Period,
    Realisasi,
    RevisionRequest,
    SubmissionVersion,
    Task,
    UnitSubmission,
)


def _period_or_404(request, pk) -> Period:
    period = get_object_or_404(selectors.period_queryset(), pk=pk)
    if not policies.can_view_period(request.user, period):
        raise Http404
    return period


def _submission_or_404(request, pk) -> UnitSubmission:
    submission = get_object_or_404(
        UnitSubmission.objects.select_related(
            "period",
            "period__opd",
            "period__opd__pemda",
            "unit",
            "submitted_by",
            "validated_by",
            "approved_by",
            "returned_by",
        ),
        pk=pk,
    )
    if not policies.can_view_submission(request.user, submission):
        raise Http404
    return submission


# --- periods ----------------------------------------------------------------------------------------------
@login_required
def index(request):
    user = request.user
    qs = selectors.periods_for(user).order_by("-year", "-triwulan", "opd__name", "pk")
    opd_filter = request.GET.get("opd")
    if opd_filter and opd_filter.isdigit():
        qs = qs.filter(opd_id=int(opd_filter))
    # The page of periods first, then the counts for the rows shown only (docs/architecture.md, "Pages").
    page, pks = page_of(request, qs)
    periods = in_order(
        selectors.period_queryset()
        .filter(pk__in=pks)
        .annotate(
            n_tasks=Count("tasks", distinct=True),
            n_done=Count("tasks", filter=Q(tasks__status__in=["selesai", "dilewati"]), distinct=True),
            current_step=Min("tasks__number", filter=Q(tasks__status="aktif")),
            n_units=Count("submissions", distinct=True),
            n_submitted=Count(
                "submissions", filter=Q(submissions__state__in=list(UnitSubmission.SUBMITTED)), distinct=True
            ),
        ),
        pks,
    )
    box = selectors.inbox(user)
    opds = P.readable_opd_ids(user)

    opd_choices = (
        list(OPD.objects.filter(pk__in=opds).order_by("name"))
        if opds is not None
        else list(OPD.objects.order_by("name"))
    )
    return render(
        request,
        "measurement/index.html",
        {
            "periods": periods,
            "page": page,
            "inbox": box,
            "can_start": policies.can_start_period(user, user.opd_id) if user.opd_id or P.is_admin(user) else False,
            "opd_choices": opd_choices if len(opd_choices) > 1 else [],
            "opd_filter": opd_filter,
        },
    )


def _start_period(request, form):
    """The period started from a valid start form, else None with the errors on the form."""
    opd = form.cleaned_data["opd"]
    version = None
    if form.cleaned_data.get("sop_version"):
        version = (
            SopVersion.objects.select_related("sop").filter(pk=form.cleaned_data["sop_version"], sop__opd=opd).first()
        )
        if version is None:
            form.add_error("sop_version", _("SOP yang dipilih tidak terdaftar di %(opd)s.") % {"opd": opd.akronim})
            return None
    period = call_service(
        form,
        services.start_period,
        user=request.user,
        opd=opd,
        year=form.cleaned_data["year"],
        triwulan=form.cleaned_data["triwulan"],
        sop_version=version,
    )
    return None if period is FAILED else period


@login_required
def period_start(request):
    user = request.user
    if not (P.is_admin(user) or (user.opd_id and policies.can_start_period(user, user.opd_id))):
        raise PermissionDenied
    form = forms.StartPeriodForm(request.POST or None, user=user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            period = _start_period(request, form)
            if period is not None:
                messages.success(
                    request,
                    _("Pengukuran %(tw)s %(y)s dimulai dengan SOP %(sop)s.")
                    % {"tw": period.tw_label, "y": period.year, "sop": period.sop_label},
                )
                return redirect("measurement:period_detail", pk=period.pk)
        status = 400
    return render(request, "measurement/period_start.html", {"form": form}, status=status)


def _timeline(period, tasks, calendar):
    """Steps in order, each with its tasks (all rounds) and actual vs standard working minutes."""
    steps = {}
    for task in tasks:
        step = steps.setdefault(
            task.number,
            {
                "number": task.number,
                "uraian": task.uraian,
                "action": task.action,
                "kind": task.kind,
                "lanes": task.lanes_label,
                "standard": task.standard_minutes,
                "tasks": [],
                "status": "menunggu",
            },
        )
        task.actual = (
            cal.working_minutes(task.activated_at, task.completed_at, calendar)
            if task.activated_at and task.completed_at
            else None
        )
        task.running = (
            cal.working_minutes(task.activated_at, timezone.now(), calendar)
            if task.activated_at and task.status == Task.Status.AKTIF
            else None
        )
        task.late = bool(
            task.due_at
            and (
                (task.completed_at and task.completed_at > task.due_at)
                or (task.status == Task.Status.AKTIF and timezone.now() > task.due_at)
            )
        )
        step["tasks"].append(task)
    for step in steps.values():
        statuses = {t.status for t in step["tasks"]}
        if Task.Status.AKTIF in statuses:
            step["status"] = "aktif"
        elif statuses <= {Task.Status.SELESAI, Task.Status.DILEWATI}:
            step["status"] = "dilewati" if statuses == {Task.Status.DILEWATI} else "selesai"
        step["late"] = any(t.late for t in step["tasks"])
        step["rounds"] = len({t.round for t in step["tasks"]})
    return [steps[n] for n in sorted(steps)]


@login_required
def period_detail(request, pk):
    period = _period_or_404(request, pk)
    user = request.user
    tasks = selectors.tasks_of(period)
    calendar = cal.work_calendar({period.year, timezone.localdate().year})
    timeline = _timeline(period, tasks, calendar)
    submissions = selectors.submissions_of(period, user)
    all_count = UnitSubmission.objects.filter(period=period).count()
    meeting = period.meetings.select_related("invitation", "minutes").order_by("-pk").first()
    done = sum(1 for t in tasks if t.is_done)
    is_kepala = policies.is_kepala(user, period.opd_id)
    return render(
        request,
        "measurement/period_detail.html",
        {
            "period": period,
            "timeline": timeline,
            "submissions": submissions,
            "hidden_units": all_count - len(submissions),
            "meeting": meeting,
            "progress": round(100 * done / len(tasks)) if tasks else 0,
            "done": done,
            "total": len(tasks),
            "can_manage": policies.can_manage_period(user, period) and period.is_open,
            "is_kepala": is_kepala,
            "can_approve_all": is_kepala
            and any(s.state == UnitSubmission.State.DIVALIDASI for s in submissions)
            and period.is_open,
            "can_resign": is_kepala and services.revision_pending_sign(period),
            "my_employee": user.employee_id,
        },
    )


@login_required
@require_POST
def period_cancel(request, pk):
    period = _period_or_404(request, pk)
    cancelled = run_action(
        request, services.cancel_period, user=request.user, period=period, reason=request.POST.get("reason", "")
    )
    if cancelled is FAILED:
        return redirect("measurement:period_detail", pk=pk)
    messages.success(request, _("Pengukuran dibatalkan."))
    return redirect("measurement:index")


@login_required
@require_POST
def period_approve_all(request, pk):
    period = _period_or_404(request, pk)
    if not policies.can_approve(request.user, period):
        raise PermissionDenied
    n = run_action(request, services.approve_all, user=request.user, period=period)
    if n is not FAILED:
        messages.success(request, _("%(n)s formulir unit disetujui.") % {"n": n})
    return redirect("measurement:period_detail", pk=pk)


@login_required
@require_POST
def period_resign(request, pk):
    period = _period_or_404(request, pk)
    if not policies.is_kepala(request.user, period.opd_id):
        raise PermissionDenied
    doc = run_action(request, reporting.resign_dpk, user=request.user, period=period)
    if doc is not FAILED:
        messages.success(request, _("Versi baru Dokumen Pengukuran Kinerja %(n)s ditandatangani.") % {"n": doc.number})
    return redirect("measurement:period_detail", pk=pk)


# --- tasks ----------------------------------------------------------------------------------------------------
def _task_or_404(request, pk) -> Task:
    task = get_object_or_404(
        Task.objects.select_related(
            "period",
            "period__opd",
            "period__opd__pemda",
            "period__dpk_document",
            "period__cover_letter",
            "unit",
            "position",
            "output_document",
            "completed_by",
        ),
        pk=pk,
    )
    if not policies.can_view_period(request.user, task.period):
        raise Http404
    return task


REVIEW_ACTIONS = (A.SUBMIT, A.CORRECT, A.REQUEST_APPROVAL, A.SIGN)


def _draft_review(task, user):
    """The draft DPK (embedded preview, downloads) and its pre-sign checklist on the steps that check,
    submit and sign it; only for those who may read the whole draft."""
    period = task.period
    if task.action not in REVIEW_ACTIONS or period.dpk_document_id or task.is_done:
        return None
    if not reporting_selectors.can_see_full_document(user, period):
        return None
    data = reporting_selectors.dpk_for(period)
    checks = checklist.build(period, data)
    return {
        "preview_url": reverse("reporting:dpk_preview", args=[period.pk]) + "?konsep=1",
        "docx_url": reverse("reporting:dpk_docx", args=[period.pk]) + "?konsep=1",
        "checks": checks,
        "findings": sum(len(c.items) for c in checks),
    }


@login_required
@upload_limited
def task_detail(request, pk):
    task = _task_or_404(request, pk)
    user = request.user
    assignee_ids = {e.pk for e in task.assignees.all()}
    can_act = task.is_active and task.period.is_open and policies.can_act_on_task(user, task, assignee_ids)
    status, errors, decision = 200, [], ""
    form = None
    if request.method == "POST":
        if not can_act:
            raise PermissionDenied
        decision = request.POST.get("decision", "")
        try:
            services.complete_task(user=user, task=task, decision=decision, inputs=request.POST, files=request.FILES)
        except ValidationError as exc:
            status = 400
            errors = exc.messages
            form = step_actions.form_for(task, request.POST, request.FILES)
            if form is not None:
                form.is_valid()
                if hasattr(exc, "message_dict"):
                    for field, msgs in exc.message_dict.items():
                        if field in form.fields and field not in form.errors:
                            form.add_error(field, msgs)
        else:
            task = Task.objects.get(pk=task.pk)
            if task.status == Task.Status.SELESAI:
                messages.success(request, _("Langkah %(n)s selesai.") % {"n": task.number})
            else:
                messages.info(
                    request,
                    _("Catatan langkah %(n)s disimpan; langkah ini tetap aktif sampai perbaikan selesai.")
                    % {"n": task.number},
                )
            return redirect("measurement:period_detail", pk=task.period_id)
    action = step_actions.spec(task)
    ready, ready_message = action.ready(task) if task.is_active else (True, "")
    if form is None and can_act:
        form = step_actions.form_for(task)
    submissions = []
    if task.action in (
        A.COLLECT,
        A.VALIDATE,
        A.SUBMIT,
        A.CORRECT,
        A.REQUEST_APPROVAL,
        A.SIGN,
        A.DISTRIBUTE,
        A.PREPARE_FORMS,
    ):
        submissions = selectors.submissions_of(task.period, user)
        if task.unit_id:
            submissions = [s for s in submissions if s.unit_id == task.unit_id]
    draft = _draft_review(task, user)
    calendar = cal.work_calendar({task.period.year, timezone.localdate().year})
    actual = (
        cal.working_minutes(task.activated_at, task.completed_at or timezone.now(), calendar)
        if task.activated_at
        else None
    )
    others = (
        Task.objects.filter(period=task.period, number=task.number)
        .exclude(pk=task.pk)
        .select_related("unit")
        .order_by("round", "unit__order")
    )
    can_reassign = policies.can_manage_period(user, task.period) and not task.is_done
    return render(
        request,
        "measurement/task_detail.html",
        {
            "task": task,
            "period": task.period,
            "form": form,
            "can_act": can_act,
            "ready": ready,
            "ready_message": ready_message,
            "errors": errors,
            "button": action.button,
            "submissions": submissions,
            "actual": actual,
            "others": others,
            "decision": decision,
            "reassign_form": forms.ReassignForm(period=task.period, initial={"employees": list(assignee_ids)})
            if can_reassign
            else None,
            "is_decision": task.kind == "decision",
            "draft": draft,
            "is_kepala": policies.is_kepala(user, task.period.opd_id),
        },
        status=status,
    )


@login_required
@require_POST
def task_reassign(request, pk):
    task = _task_or_404(request, pk)
    if not policies.can_manage_period(request.user, task.period):
        raise PermissionDenied
    form = forms.ReassignForm(request.POST, period=task.period)
    if not form.is_valid():
        messages.error(request, _("Pilih pelaksana dari pegawai OPD ini."))
        return redirect("measurement:task_detail", pk=pk)
    done = run_action(
        request, services.reassign_task, user=request.user, task=task, employees=form.cleaned_data["employees"]
    )
    if done is not FAILED:
        messages.success(request, _("Tugas dialihkan."))
    return redirect("measurement:task_detail", pk=pk)


@login_required
def task_file(request, pk):
    task = _task_or_404(request, pk)
    if not task.output_file:
        raise Http404
    name = task.output_file.name.rsplit("/", 1)[-1]
    return FileResponse(task.output_file.open("rb"), as_attachment=True, filename=name)


# --- unit forms -----------------------------------------------------------------------------------------------
def _row_context(request, row, figure, info=None):
    return {
        "row": row,
        "fig": figure,
        "can_edit": policies.can_edit_row(request.user, row),
        "submission": row.submission,
    }


def _submission_context(request, submission):
    user = request.user
    rows = selectors.submission_rows(submission)
    for row in rows:
        row.submission = submission
    figures = selectors.submission_figures(submission, rows)
    items = [{"row": r, "fig": figures[r.pk], "can_edit": policies.can_edit_row(user, r)} for r in rows]
    budget = selectors.budget_rows(submission)
    can_edit = policies.can_edit_submission(user, submission)
    write_budget = can_edit and policies.scope(user).writes_unit(submission.period.opd_id, submission.unit_id)
    is_kepala = policies.is_kepala(user, submission.period.opd_id)
    pending_revision = (
        submission.revision_requests.filter(state=RevisionRequest.State.DIAJUKAN).select_related("requested_by").first()
    )
    average, category = F.average([i["fig"] for i in items])
    return {
        "submission": submission,
        "period": submission.period,
        "items": items,
        "budget": budget,
        "can_edit": can_edit,
        "write_budget": write_budget,
        "can_submit": can_edit and policies.can_submit(user, submission),
        "can_validate": submission.state == UnitSubmission.State.DIAJUKAN and policies.can_validate(user, submission),
        "can_return": (
            submission.state == UnitSubmission.State.DIAJUKAN and (policies.can_validate(user, submission) or is_kepala)
        )
        or (
            submission.state in (UnitSubmission.State.DIVALIDASI, UnitSubmission.State.DISETUJUI)
            and (is_kepala or services._is_correcting(user, submission.period))
        ),
        "can_approve": submission.state == UnitSubmission.State.DIVALIDASI and is_kepala,
        "can_request_revision": submission.state == UnitSubmission.State.DIKUNCI
        and policies.can_request_revision(user, submission)
        and not pending_revision,
        "pending_revision": pending_revision,
        "can_decide": bool(pending_revision) and is_kepala,
        "average": average,
        "category": category,
        "category_css": F.category_class(category),
        "max_upload_mb": services.max_upload_bytes() // (1024 * 1024),
        "revisions": list(submission.revision_requests.select_related("requested_by", "decided_by")),
    }


@login_required
def submission_detail(request, pk, *, errors=None, status=200):
    submission = _submission_or_404(request, pk)
    context = _submission_context(request, submission)
    context["errors"] = errors or []
    return render(request, "measurement/submission_detail.html", context, status=status)


def _state_action(request, pk, fn, success, **kwargs):
    submission = _submission_or_404(request, pk)
    try:
        fn(user=request.user, submission=submission, **kwargs)
    except ValidationError as exc:
        return submission_detail(request, pk, errors=exc.messages, status=400)
    messages.success(request, success)
    return redirect("measurement:submission_detail", pk=pk)


@login_required
@require_POST
def submission_submit(request, pk):
    return _state_action(request, pk, services.submit_unit, _("Formulir diajukan kepada kepala unit untuk divalidasi."))


@login_required
@require_POST
def submission_validate(request, pk):
    return _state_action(request, pk, services.validate_unit, _("Data unit divalidasi."))


@login_required
@require_POST
def submission_return(request, pk):
    return _state_action(
        request,
        pk,
        services.return_unit,
        _("Formulir dikembalikan kepada unit beserta catatannya."),
        reason=request.POST.get("reason", ""),
    )


@login_required
@require_POST
def submission_approve(request, pk):
    return _state_action(request, pk, services.approve_unit, _("Data unit disetujui."))


@login_required
@require_POST
def submission_revision(request, pk):
    submission = _submission_or_404(request, pk)
    try:
        services.request_revision(user=request.user, submission=submission, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        return submission_detail(request, pk, errors=exc.messages, status=400)
    messages.success(request, _("Permintaan revisi diajukan kepada Kepala."))
    return redirect("measurement:submission_detail", pk=pk)


@login_required
@require_POST
def revision_decide(request, pk):
    revision = get_object_or_404(RevisionRequest.objects.select_related("submission", "submission__period"), pk=pk)
    if not policies.can_view_submission(request.user, revision.submission):
        raise Http404
    approve = request.POST.get("decision") == "approve"
    try:
        services.decide_revision(
            user=request.user, request=revision, approve=approve, note=request.POST.get("note", "")
        )
    except ValidationError as exc:
        return submission_detail(request, revision.submission_id, errors=exc.messages, status=400)
    messages.success(
        request,
        _("Revisi disetujui: formulir dibuka sebagai versi baru.") if approve else _("Permintaan revisi ditolak."),
    )
    return redirect("measurement:submission_detail", pk=revision.submission_id)


@login_required
def submission_versions(request, pk):
    submission = _submission_or_404(request, pk)
    versions = list(
        SubmissionVersion.objects.filter(submission=submission).select_related("document").order_by("-version")
    )
    return render(
        request,
        "measurement/submission_versions.html",
        {"submission": submission, "period": submission.period, "versions": versions},
    )


@login_required
def submission_import(request, pk):
    submission = _submission_or_404(request, pk)
    importer = UnitFormImporter(request.user, submission)
    if request.method == "POST" and not policies.can_edit_submission(request.user, submission):
        if policies.entry_allowed(submission):
            raise PermissionDenied
        return submission_detail(
            request,
            pk,
            errors=[
                _("Formulir %(unit)s tidak terbuka untuk pengisian (status: %(s)s).")
                % {"unit": submission.unit.name, "s": submission.get_state_display().lower()}
            ],
            status=400,
        )
    return import_view(request, importer, back_url=reverse("measurement:submission_detail", args=[pk]))


# --- rows (htmx) ------------------------------------------------------------------------------------------------
def _row_or_404(request, pk) -> Realisasi:
    row = get_object_or_404(
        Realisasi.objects.select_related(
            "submission",
            "submission__period",
            "submission__period__opd",
            "submission__unit",
            "indicator",
            "indicator__node",
            "updated_by",
            "updated_by__employee",
        ),
        pk=pk,
    )
    if not policies.can_view_submission(request.user, row.submission):
        raise Http404
    return row


def _figure(row, current=None):
    period = row.submission.period
    history = (
        selectors.year_history(
            period.opd_id, period.year, [row.indicator_id], before_tw=period.triwulan, exclude_period=period
        ).get(row.indicator_id)
        if period.triwulan
        else None
    )
    return F.row_figure(row, history, period.triwulan, current=current, opd_id=period.opd_id)


def _render_row(request, row, *, errors=None, notice="", status=200):
    row = (
        Realisasi.objects.select_related(
            "submission",
            "submission__period",
            "submission__period__opd",
            "submission__unit",
            "indicator",
            "indicator__node",
            "updated_by",
            "updated_by__employee",
        )
        .prefetch_related("evidence")
        .get(pk=row.pk)
    )
    context = _row_context(request, row, _figure(row))
    context.update(
        {
            "errors": errors or {},
            "general_errors": (errors or {}).get("__all__", []),
            "notice": notice,
            "max_upload_mb": services.max_upload_bytes() // (1024 * 1024),
            "period": row.submission.period,
        }
    )
    return render(request, "measurement/includes/row.html", context, status=status)


@login_required
@require_POST
def row_save(request, pk):
    row = _row_or_404(request, pk)
    data = {
        name: request.POST.get(name, "")
        for name in ("value", "faktor_pendukung", "faktor_penghambat", "kendala", "tindak_lanjut")
        if name in request.POST
    }
    try:
        services.save_row(user=request.user, row=row, data=data, expected_revision=request.POST.get("revision"))
    except ValidationError as exc:
        stale = (
            any(getattr(e, "code", None) == "stale" for e in exc.error_list)
            if not hasattr(exc, "error_dict")
            else False
        )
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        if not request.htmx:
            return submission_detail(
                request,
                row.submission_id,
                errors=exc.messages,
                status=409 if stale else 400,
            )
        if stale:
            return _render_row(request, row, errors=errors, status=409)
        return _render_row_with_input(request, row, errors)  # keeps what the user typed
    if not request.htmx:
        messages.success(request, _("Tersimpan."))
        return redirect(reverse("measurement:submission_detail", args=[row.submission_id]) + f"#row-{row.pk}")
    return _render_row(request, row, notice=_("Tersimpan."))


def _render_row_with_input(request, row, errors):
    row = (
        Realisasi.objects.select_related(
            "submission",
            "submission__period",
            "submission__period__opd",
            "submission__unit",
            "indicator",
            "indicator__node",
            "updated_by",
            "updated_by__employee",
        )
        .prefetch_related("evidence")
        .get(pk=row.pk)
    )
    context = _row_context(request, row, _figure(row))
    context.update(
        {
            "errors": errors,
            "general_errors": errors.get("__all__", []),
            "typed": {
                k: request.POST.get(k, "")
                for k in ("value", "faktor_pendukung", "faktor_penghambat", "kendala", "tindak_lanjut")
            },
            "max_upload_mb": services.max_upload_bytes() // (1024 * 1024),
            "period": row.submission.period,
        }
    )
    return render(request, "measurement/includes/row.html", context, status=400)


@login_required
@require_POST
def row_preview(request, pk):
    """The capaian of the value being typed (nothing is saved)."""
    row = _row_or_404(request, pk)
    error = ""
    figure = None
    try:
        values = services.clean_row_values(row, {"value": request.POST.get("value", "")})
        figure = _figure(row, current=(values.get("value"), values.get("value_text", "")))
    except ValidationError as exc:
        error = " ".join(exc.messages)
    return render(
        request, "measurement/includes/capaian.html", {"fig": figure, "error": error, "row": row, "preview": True}
    )


@login_required
def row_history(request, pk):
    row = _row_or_404(request, pk)
    records = list(row.history.select_related("history_user").order_by("-history_date", "-history_id"))
    fields = [
        ("value", _("Realisasi")),
        ("value_text", _("Realisasi (kualitatif)")),
        ("faktor_pendukung", _("Faktor pendukung")),
        ("faktor_penghambat", _("Faktor penghambat")),
        ("kendala", _("Kendala")),
        ("tindak_lanjut", _("Tindak lanjut")),
    ]
    entries = []
    for i, record in enumerate(records):
        previous = records[i + 1] if i + 1 < len(records) else None
        changes = []
        for name, label in fields:
            new, old = getattr(record, name), getattr(previous, name) if previous else None
            if previous is None and new in (None, ""):
                continue
            if previous is None or new != old:
                changes.append({"label": label, "old": "" if old is None else old, "new": "" if new is None else new})
        entries.append(
            {
                "record": record,
                "changes": changes,
                "user": record.history_user.display_name if record.history_user_id else _("Sistem"),
            }
        )
    evidence = list(
        Evidence.objects.filter(realisasi=row)
        .select_related("uploaded_by", "uploaded_by__employee", "replaces")
        .order_by("-pk")
    )
    versions = list(SubmissionVersion.objects.filter(submission=row.submission).order_by("-version"))
    snapshots = []
    for version in versions:
        found = next((r for r in version.data.get("rows", []) if r.get("indicator") == row.indicator_id), None)
        if found:
            snapshots.append({"version": version, "row": found})
    return render(
        request,
        "measurement/row_history.html",
        {
            "row": row,
            "submission": row.submission,
            "period": row.submission.period,
            "entries": entries,
            "evidence": evidence,
            "snapshots": snapshots,
        },
    )


@login_required
@require_POST
def budget_save(request, pk):
    row = get_object_or_404(
        BudgetRealisasi.objects.select_related("submission", "submission__period", "submission__unit"), pk=pk
    )
    if not policies.can_view_submission(request.user, row.submission):
        raise Http404
    try:
        services.save_budget_row(
            user=request.user,
            row=row,
            value=request.POST.get("realisasi", ""),
            expected_revision=request.POST.get("revision"),
        )
    except ValidationError as exc:
        stale = not hasattr(exc, "error_dict") and any(getattr(e, "code", None) == "stale" for e in exc.error_list)
        errors = exc.messages
        if not request.htmx:
            return submission_detail(request, row.submission_id, errors=errors, status=409 if stale else 400)
        row = BudgetRealisasi.objects.select_related(
            "submission", "submission__period", "submission__unit", "updated_by", "updated_by__employee"
        ).get(pk=pk)
        return render(
            request,
            "measurement/includes/budget_row.html",
            {"b": row, "write_budget": True, "errors": errors, "typed": request.POST.get("realisasi", "")},
            status=409 if stale else 400,
        )
    if not request.htmx:
        messages.success(request, _("Tersimpan."))
        return redirect("measurement:submission_detail", pk=row.submission_id)
    row = BudgetRealisasi.objects.select_related(
        "submission", "submission__period", "submission__unit", "updated_by", "updated_by__employee"
    ).get(pk=pk)
    return render(
        request,
        "measurement/includes/budget_row.html",
        {
            "b": row,
            "write_budget": policies.can_edit_submission(request.user, row.submission),
            "notice": _("Tersimpan."),
        },
    )


# --- evidence ------------------------------------------------------------------------------------------------------
@login_required
@require_POST
@rate_limited("upload")
def evidence_upload(request, pk):
    row = _row_or_404(request, pk)
    replaces = None
    if request.POST.get("replaces"):
        replaces = Evidence.objects.filter(pk=request.POST["replaces"], realisasi=row).first()
        if replaces is None:
            raise Http404
    try:
        services.add_evidence(
            user=request.user,
            row=row,
            upload=request.FILES.get("file"),
            description=request.POST.get("description", ""),
            replaces=replaces,
        )
    except ValidationError as exc:
        errors = exc.messages
        if not request.htmx:
            return submission_detail(request, row.submission_id, errors=errors, status=400)
        return _render_row(request, row, errors={"file": errors}, status=400)
    if not request.htmx:
        messages.success(request, _("Bukti dukung diunggah."))
        return redirect(reverse("measurement:submission_detail", args=[row.submission_id]) + f"#row-{row.pk}")
    return _render_row(request, row, notice=_("Bukti dukung diunggah."))


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(
        Evidence.objects.select_related(
            "realisasi__submission", "realisasi__submission__period", "realisasi__submission__unit"
        ),
        pk=pk,
    )
    if not policies.can_view_submission(request.user, evidence.realisasi.submission):
        raise Http404
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=request.GET.get("inline") != "1",
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- inbox ---------------------------------------------------------------------------------------------------------
@login_required
def inbox(request):
    box = selectors.inbox(request.user)
    recent = list(
        Notification.objects.filter(user=request.user)
        .select_related("period", "period__opd")
        .order_by("-created_at")[:50]
    )
    return render(
        request,
        "measurement/inbox.html",
        {"inbox": box, "recent": recent, "now": timezone.now(), "soon": timezone.now() + timedelta(days=2)},
    )


@login_required
@require_POST
def notifications_read(request):
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return redirect(request.POST.get("next") or "measurement:inbox")


# --- holidays ------------------------------------------------------------------------------------------------------
def _can_manage_holidays(user):
    # The local calendar is shared by every OPD of the installation (it moves everyone's due dates), so
    # only an administrator keeps it; an OPD's Sekretaris or Tim SAKIP would otherwise change another
    # agency's deadlines (docs/security.md, "Agencies stay apart").
    return P.is_admin(user)


@login_required
def holidays(request):
    year = request.GET.get("tahun")
    year = int(year) if year and year.isdigit() else timezone.localdate().year
    can_manage = _can_manage_holidays(request.user)
    form = forms.HolidayForm(request.POST or None, user=request.user) if can_manage else None
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            entry = form.save()
            messages.success(request, _("Tersimpan: %(e)s") % {"e": entry})
            return redirect(reverse("measurement:holidays") + f"?tahun={entry.date.year}")
        status = 400
    calendar = cal.work_calendar({year})
    local = list(HariLibur.objects.filter(date__year=year))
    package = sorted(d for d in calendar.holidays if d.year == year)
    local_dates = {e.date for e in local}

    names = pkg.country_holidays("ID", years=[year], categories=("public", "government"))
    rows = [{"date": d, "name": names.get(d, ""), "local": None} for d in package if d not in local_dates]
    rows += [{"date": e.date, "name": e.name, "local": e} for e in local]
    rows.sort(key=lambda r: r["date"])
    workdays = sum(
        1 for m in range(1, 13) for d in range(1, 32) if _valid(year, m, d) and calendar.is_workday(_valid(year, m, d))
    )
    return render(
        request,
        "measurement/holidays.html",
        {
            "rows": rows,
            "year": year,
            "form": form,
            "can_manage": can_manage,
            "workdays": workdays,
            "hours": calendar.default_hours,
        },
        status=status,
    )


def _valid(year, month, day):
    try:
        return date(year, month, day)
    except ValueError:
        return None


@login_required
@require_POST
def holiday_delete(request, pk):
    if not _can_manage_holidays(request.user):
        raise PermissionDenied
    entry = get_object_or_404(HariLibur, pk=pk)
    year = entry.date.year
    entry.delete()
    messages.success(request, _("Dihapus."))
    return redirect(reverse("measurement:holidays") + f"?tahun={year}")
