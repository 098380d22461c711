"""Reads of the measurement app — constant queries per page.

For other apps (Reporting, Evaluation):
    periods_of(opd, year=None) -> queryset of periods (not cancelled), newest first
    period_figures(period) -> (rows, {row id: figures.Figure}) of every unit form of the period
    measurement_summary(opd, year) -> dict: periods measured, signed, on time, late steps, evidence
    indicator_has_realisasi(indicator) -> bool (registered with planning's delete guard)
    indicator_realisasi_values(indicator) -> [(label, value)] (registered with planning's number-rule checks)
For screens: periods_for(user), tasks_of(period), submissions_of(period, user), submission_rows,
submission_figures, inbox(user).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from sakip.core.permissions import scope_queryset
from sakip.organization.models import Assignment, Position
from sakip.planning.models import Pagu

from . import figures as F
from . import policies
from .models import BudgetRealisasi, Evidence, Notification, Period, Realisasi, RevisionRequest, Task, UnitSubmission


def indicator_has_realisasi(indicator) -> bool:
    return (
        Realisasi.objects.filter(indicator_id=indicator.pk).filter(Q(value__isnull=False) | ~Q(value_text="")).exists()
    )


def indicator_realisasi_values(indicator) -> list:
    """[(label, value)] of every numeric realisasi recorded for the indicator in a period that is not cancelled,
    labelled "TW I 2026, Bidang Rehabilitasi Sosial" (registered with planning: a switch of the indicator's
    number rules re-checks them, docs/capaian.md "Konfigurasi indikator")."""
    rows = (
        Realisasi.objects.filter(indicator_id=indicator.pk, value__isnull=False)
        .exclude(submission__period__status=Period.Status.DIBATALKAN)
        .select_related("submission__period", "submission__unit")
        .order_by("submission__period__year", "submission__period__triwulan", "submission__unit__order", "pk")
    )
    return [
        (f"{r.submission.period.tw_label} {r.submission.period.year}, {r.submission.unit.name}", r.value) for r in rows
    ]


def period_queryset():
    return Period.objects.select_related(
        "opd", "opd__pemda", "sop_version", "sop_version__sop", "started_by", "dpk_document", "cover_letter"
    )


def periods_for(user):
    return scope_queryset(period_queryset(), user)


def periods_of(opd, year=None):
    qs = period_queryset().filter(opd=opd).exclude(status=Period.Status.DIBATALKAN)
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "-triwulan")


def tasks_of(period) -> list[Task]:
    return list(
        Task.objects.filter(period=period)
        .select_related("unit", "position", "completed_by", "output_document", "output_document__doc_type")
        .prefetch_related("assignees")
        .order_by("number", "round", "unit__order", "pk")
    )


def submissions_of(period, user=None) -> list[UnitSubmission]:
    qs = (
        UnitSubmission.objects.filter(period=period)
        .select_related("unit", "period", "period__opd", "submitted_by", "validated_by", "approved_by", "returned_by")
        .annotate(
            n_rows=Count("rows", distinct=True),
            n_filled=Count("rows", filter=Q(rows__value__isnull=False) | ~Q(rows__value_text=""), distinct=True),
            n_evidence=Count("rows__evidence", filter=Q(rows__evidence__active=True), distinct=True),
        )
        .order_by("order", "unit__name")
    )
    subs = list(qs)
    if user is not None:
        subs = [s for s in subs if policies.can_view_submission(user, s)]
    return subs


def submission_rows(submission) -> list[Realisasi]:
    return list(
        Realisasi.objects.filter(submission=submission)
        .select_related("indicator", "indicator__node", "updated_by", "updated_by__employee")
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related("uploaded_by", "uploaded_by__employee").order_by(
                    "-active", "-pk"
                ),
            )
        )
        .order_by("order", "pk")
    )


def budget_rows(submission) -> list[BudgetRealisasi]:
    return list(
        BudgetRealisasi.objects.filter(submission=submission)
        .select_related("updated_by", "updated_by__employee")
        .order_by("order", "pk")
    )


def year_history(opd_id, year, indicator_ids, *, before_tw=5, exclude_period=None) -> dict:
    """{indicator id: {triwulan: (value, value_text)}} of the OPD's triwulan periods of a year (one query)."""
    qs = Realisasi.objects.filter(
        submission__period__opd_id=opd_id,
        submission__period__year=year,
        submission__period__triwulan__gte=1,
        submission__period__triwulan__lt=before_tw,
        indicator_id__in=list(indicator_ids),
    ).exclude(submission__period__status=Period.Status.DIBATALKAN)
    if exclude_period is not None:
        qs = qs.exclude(submission__period=exclude_period)
    out: dict = defaultdict(dict)
    for ind, tw, value, text in qs.values_list("indicator_id", "submission__period__triwulan", "value", "value_text"):
        out[ind][tw] = (value, text)
    return out


def budget_history(opd_id, year, item_ids, *, before_tw=5, exclude_period=None) -> dict:
    """{budget item id: {triwulan: realisasi}} (one query)."""
    qs = BudgetRealisasi.objects.filter(
        submission__period__opd_id=opd_id,
        submission__period__year=year,
        submission__period__triwulan__gte=1,
        submission__period__triwulan__lt=before_tw,
        item_id__in=list(item_ids),
    ).exclude(submission__period__status=Period.Status.DIBATALKAN)
    if exclude_period is not None:
        qs = qs.exclude(submission__period=exclude_period)
    out: dict = defaultdict(dict)
    for item, tw, value in qs.values_list("item_id", "submission__period__triwulan", "realisasi"):
        out[item][tw] = value
    return out


def figures_for_rows(period, rows) -> dict:
    history = (
        year_history(
            period.opd_id, period.year, {r.indicator_id for r in rows}, before_tw=period.triwulan, exclude_period=period
        )
        if period.triwulan
        else {}
    )
    return {r.pk: F.row_figure(r, history.get(r.indicator_id), period.triwulan, opd_id=period.opd_id) for r in rows}


def submission_figures(submission, rows=None) -> dict:
    rows = rows if rows is not None else list(Realisasi.objects.filter(submission=submission))
    return figures_for_rows(submission.period, rows)


def period_rows(period) -> list[Realisasi]:
    return list(
        Realisasi.objects.filter(submission__period=period)
        .select_related("submission", "submission__unit", "indicator", "indicator__node", "indicator__node__parent")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.filter(active=True)))
        .order_by("submission__order", "order", "pk")
    )


def period_figures(period) -> tuple[list, dict]:
    rows = period_rows(period)
    return rows, figures_for_rows(period, rows)


def period_budget(period) -> list[dict]:
    """Budget rows of the period with the cumulative realisasi s.d. the period (sum of triwulan) and the
    anggaran kas s.d. the period's quarter.

    Strict like the capaian (docs/capaian.md §3, docs/rules.md §1): the realisasi s.d. TW n is the sum of
    TW 1..n and needs every one of them; an earlier quarter without realisasi (its period not run, or the
    row left blank) makes it None and is named in `missing_quarters` — a TW IV realisasi alone is not the
    year's realisasi."""
    rows = list(
        BudgetRealisasi.objects.filter(submission__period=period)
        .select_related("submission", "submission__unit", "item", "kinerja")
        .order_by("submission__order", "order")
    )
    history = (
        budget_history(
            period.opd_id, period.year, {r.item_id for r in rows}, before_tw=period.triwulan, exclude_period=period
        )
        if period.triwulan
        else {}
    )

    # The anggaran kas (planned disbursement) s.d. the period's quarter, from the plan of the year
    # (docs/rules.md §1): None while it is not recorded, and for a tahunan period.
    plans = {p.item_id: p for p in Pagu.objects.filter(item_id__in={r.item_id for r in rows}, year=period.year)}
    out = []
    for r in rows:
        past = history.get(r.item_id, {})
        missing = [tw for tw in range(1, period.triwulan) if past.get(tw) is None] if period.triwulan else []
        if r.realisasi is None or missing:
            cumulative = None
        else:
            cumulative = sum((past[tw] for tw in range(1, period.triwulan)), start=r.realisasi)
        plan = plans.get(r.item_id)
        kas = plan.kas_until(period.triwulan) if plan is not None and period.triwulan else None
        out.append({"row": r, "cumulative": cumulative, "kas": kas, "missing_quarters": missing})
    return out


# --- inbox -------------------------------------------------------------------------------------------------
def _headed_unit_ids(user, on) -> set:
    if not getattr(user, "employee_id", None):
        return set()
    rows = (
        Assignment.objects.active_on(on)
        .filter(
            employee_id=user.employee_id,
            position__unit__isnull=False,
            position__kind__in=[Position.Kind.ADMINISTRATOR, Position.Kind.PENGAWAS],
        )
        .values_list("position__unit_id", flat=True)
    )
    ids = set(rows)
    if user.has_role("Kepala Unit") and user.unit_id:
        ids.add(user.unit_id)
    return ids


def inbox(user, *, now=None) -> dict:
    """What waits for the user: active tasks (overdue first), forms to validate, approve, fill or
    fix, revision requests to decide, unread notifications. Constant queries."""
    now = now or timezone.now()
    info = policies.scope(user)
    out = {
        "tasks": [],
        "overdue": [],
        "due_soon": [],
        "to_validate": [],
        "to_approve": [],
        "to_fill": [],
        "returned": [],
        "revisions": [],
        "notifications": [],
        "to_sign": [],
    }
    if not info.authenticated:
        return out
    if getattr(user, "employee_id", None):
        tasks = list(
            Task.objects.filter(status=Task.Status.AKTIF, assignees=user.employee_id)
            .select_related("period", "period__opd", "unit")
            .order_by("due_at", "number")
        )
        out["tasks"] = tasks
        out["overdue"] = [t for t in tasks if t.due_at and t.due_at < now]
        out["due_soon"] = [t for t in tasks if t.due_at and now <= t.due_at <= now + timedelta(days=2)]
    open_subs = UnitSubmission.objects.filter(period__status=Period.Status.BERJALAN).select_related(
        "period", "period__opd", "unit"
    )
    heads = _headed_unit_ids(user, timezone.localtime(now).date())
    if heads:
        out["to_validate"] = list(open_subs.filter(state=UnitSubmission.State.DIAJUKAN, unit_id__in=heads))
    is_kepala = user.opd_id and policies.is_kepala(user, user.opd_id)
    if is_kepala:
        out["to_approve"] = list(
            UnitSubmission.objects.filter(
                period__opd_id=user.opd_id, state=UnitSubmission.State.DIVALIDASI
            ).select_related("period", "unit")
        )
        out["revisions"] = list(
            RevisionRequest.objects.filter(
                submission__period__opd_id=user.opd_id, state=RevisionRequest.State.DIAJUKAN
            ).select_related("submission", "submission__unit", "submission__period", "requested_by")
        )
    chain = info.unit_ids | info.ancestor_ids
    if user.opd_id and chain:
        fill = list(
            open_subs.filter(
                period__opd_id=user.opd_id,
                period__entry_opened_at__isnull=False,
                unit_id__in=chain,
                state__in=[UnitSubmission.State.DRAFT, UnitSubmission.State.DIKEMBALIKAN],
            )
        )
        out["returned"] = [s for s in fill if s.state == UnitSubmission.State.DIKEMBALIKAN]
        out["to_fill"] = [s for s in fill if s.state == UnitSubmission.State.DRAFT]
    out["notifications"] = list(
        Notification.objects.filter(user=user, read_at__isnull=True).order_by("-created_at")[:20]
    )
    return out


def inbox_count(user) -> int:
    data = inbox(user)
    return (
        len(data["tasks"])
        + len(data["to_validate"])
        + len(data["to_approve"])
        + len(data["revisions"])
        + len(data["returned"])
    )


# --- for the Evaluation app --------------------------------------------------------------------------------
def measurement_summary(opd, year) -> dict:
    """Plain facts of an OPD's measurement in a year (criteria 2.a/2.b: measured periodically, by IT, tiered)."""
    periods = list(periods_of(opd, year))
    tasks = Task.objects.filter(
        period__in=periods, status=Task.Status.SELESAI, due_at__isnull=False, completed_at__isnull=False
    )
    late = sum(1 for due, done in tasks.values_list("due_at", "completed_at") if done > due)
    evidence = Evidence.objects.filter(realisasi__submission__period__in=periods, active=True).count()
    return {
        "year": year,
        "periods": [
            {
                "label": p.tw_label,
                "status": p.status,
                "signed": bool(p.dpk_document_id),
                "document": p.dpk_document,
                "sop": p.sop_label,
                "id": p.pk,
            }
            for p in periods
        ],
        "quarters_measured": sorted(p.triwulan for p in periods if p.triwulan),
        "signed_count": sum(1 for p in periods if p.dpk_document_id),
        "tasks_done": tasks.count(),
        "tasks_late": late,
        "evidence_files": evidence,
    }


# --- for the API (sakip.api) ----------------------------------------------------------------------
def _visible_submissions_q(user, prefix=""):
    """policies.can_view_submission as one WHERE clause: managers see every form of their OPD, unit
    users their own unit's forms, every other reader of the OPD only submitted forms."""
    info = policies.scope(user)
    if info.admin:
        return Q()
    submitted = Q(**{f"{prefix}state__in": UnitSubmission.SUBMITTED})
    if info.manager and info.opd_id:
        return submitted | Q(**{f"{prefix}period__opd_id": info.opd_id})
    if info.opd_id and (info.unit_ids or info.ancestor_ids):
        own = Q(**{f"{prefix}period__opd_id": info.opd_id, f"{prefix}unit_id__in": info.unit_ids | info.ancestor_ids})
        return submitted | own
    return submitted


def submissions_for(user):
    """Unit forms the user may see (scoped like the period page), with their fill counts."""
    qs = UnitSubmission.objects.select_related(
        "unit", "period", "period__opd", "submitted_by", "validated_by", "approved_by", "returned_by"
    ).annotate(
        n_rows=Count("rows", distinct=True),
        n_filled=Count("rows", filter=Q(rows__value__isnull=False) | ~Q(rows__value_text=""), distinct=True),
    )
    return scope_queryset(qs, user, "period__opd").filter(_visible_submissions_q(user))


def realisasi_for(user):
    """Realisasi rows of the unit forms the user may see, with their active evidence (metadata)."""
    qs = Realisasi.objects.select_related(
        "submission",
        "submission__period",
        "submission__unit",
        "indicator",
        "indicator__node",
        "updated_by",
        "updated_by__employee",
    ).prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.filter(active=True).order_by("pk"), to_attr="active_evidence")
    )
    return scope_queryset(qs, user, "submission__period__opd").filter(_visible_submissions_q(user, "submission__"))


def figures_for_any_rows(rows) -> dict:
    """{row id: Figure} for rows of any periods, with the year's earlier triwulan in ONE query."""
    rows = list(rows)
    if not rows:
        return {}
    keys = {(r.submission.period.opd_id, r.submission.period.year) for r in rows}
    cond = Q()
    for opd_id, year in keys:
        cond |= Q(submission__period__opd_id=opd_id, submission__period__year=year)
    found = (
        Realisasi.objects.filter(cond, indicator_id__in={r.indicator_id for r in rows})
        .filter(submission__period__triwulan__gte=1)
        .exclude(submission__period__status=Period.Status.DIBATALKAN)
        .values_list(
            "indicator_id",
            "submission__period__opd_id",
            "submission__period__year",
            "submission__period__triwulan",
            "submission__period_id",
            "value",
            "value_text",
        )
    )
    by_key: dict = defaultdict(list)
    for ind, opd_id, year, tw, period_id, value, text in found:
        by_key[(ind, opd_id, year)].append((tw, period_id, value, text))
    out = {}
    for r in rows:
        period = r.submission.period
        history = {}
        if period.triwulan:
            for tw, period_id, value, text in by_key.get((r.indicator_id, period.opd_id, period.year), []):
                if tw < period.triwulan and period_id != period.pk:
                    history[tw] = (value, text)
        out[r.pk] = F.row_figure(r, history, period.triwulan, opd_id=period.opd_id)
    return out


def budget_realisasi_for(user):
    """Budget rows (realisasi anggaran) of the unit forms the user may see."""
    qs = BudgetRealisasi.objects.select_related("submission", "submission__period", "submission__unit", "updated_by")
    return scope_queryset(qs, user, "submission__period__opd").filter(_visible_submissions_q(user, "submission__"))
