"""Reads for the reporting screens: the period dashboard and the SOP performance reports.
Constant queries whatever the number of indicators, units or periods."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from sakip.core.permissions import scope_queryset
from sakip.measurement import calendar as cal
from sakip.measurement import figures as F
from sakip.measurement import policies
from sakip.measurement import selectors as M
from sakip.measurement.models import Period, Task, UnitSubmission

from . import dpk as D
from . import efficiency as E


def _minutes(task, calendar, now):
    if not task.activated_at:
        return None
    end = task.completed_at if task.completed_at else (now if task.status == Task.Status.AKTIF else None)
    if end is None:
        return None
    return cal.working_minutes(task.activated_at, end, calendar)


def step_rows(period, tasks, calendar, now=None) -> list[dict]:
    """Per step of a period: standard vs actual working minutes (first activation → last completion
    over all its tasks and rounds), the late tasks and the slowest unit."""
    now = now or timezone.now()
    steps: dict[int, dict] = {}
    for task in tasks:
        step = steps.setdefault(
            task.number,
            {
                "number": task.number,
                "uraian": task.uraian,
                "action": task.action,
                "lanes": task.lanes_label,
                "standard": Decimal(task.standard_minutes or 0),
                "tasks": [],
                "start": None,
                "end": None,
                "open": False,
            },
        )
        step["tasks"].append(task)
        if task.status == Task.Status.DILEWATI:
            continue
        if task.activated_at and (step["start"] is None or task.activated_at < step["start"]):
            step["start"] = task.activated_at
        if task.status == Task.Status.AKTIF:
            step["open"] = True
        if task.completed_at and (step["end"] is None or task.completed_at > step["end"]):
            step["end"] = task.completed_at
    out = []
    for number in sorted(steps):
        step = steps[number]
        end = now if step["open"] else step["end"]
        actual = cal.working_minutes(step["start"], end, calendar) if step["start"] and end else None
        late_tasks = [
            t
            for t in step["tasks"]
            if t.due_at
            and ((t.completed_at and t.completed_at > t.due_at) or (t.status == Task.Status.AKTIF and now > t.due_at))
        ]
        per_task = [(t, _minutes(t, calendar, now)) for t in step["tasks"]]
        slowest = max((p for p in per_task if p[1] is not None), key=lambda p: p[1], default=(None, None))
        status = (
            "dilewati"
            if all(t.status == Task.Status.DILEWATI for t in step["tasks"])
            else ("aktif" if step["open"] else ("selesai" if step["end"] else "menunggu"))
        )
        out.append(
            {
                **step,
                "actual": actual,
                "status": status,
                "late": bool(late_tasks) or (actual is not None and actual > step["standard"]),
                "late_tasks": late_tasks,
                "overrun": (actual - step["standard"]) if actual is not None else None,
                "ratio": (actual / step["standard"]).quantize(Decimal("0.01"))
                if actual is not None and step["standard"]
                else None,
                "rounds": len({t.round for t in step["tasks"]}),
                "slowest": slowest[0],
                "slowest_minutes": slowest[1],
            }
        )
    return out


def period_sop(period, now=None) -> dict:
    tasks = list(
        Task.objects.filter(period=period)
        .select_related("unit")
        .prefetch_related("assignees")
        .order_by("number", "round", "pk")
    )
    calendar = cal.work_calendar({period.year, timezone.localdate().year, period.start_date.year})
    rows = step_rows(period, tasks, calendar, now)
    standard = sum((r["standard"] for r in rows if r["status"] != "dilewati"), Decimal(0))
    actual = sum((r["actual"] or 0 for r in rows), Decimal(0))
    return {"rows": rows, "standard": standard, "actual": actual, "late": sum(1 for r in rows if r["late"])}


def periods_for_report(user, opd_id=None, sop_id=None):
    qs = scope_queryset(Period.objects.select_related("opd", "sop_version", "sop_version__sop"), user).exclude(
        status=Period.Status.DIBATALKAN
    )
    if opd_id:
        qs = qs.filter(opd_id=opd_id)
    if sop_id:
        qs = qs.filter(sop_version__sop_id=sop_id)
    return qs.order_by("-year", "-triwulan")


def bottlenecks(periods, now=None) -> dict:
    """Across periods: per SOP version and step, how often it was late and by how much; the
    steps with the largest average overrun first; and every late task."""
    now = now or timezone.now()
    periods = list(periods)
    if not periods:
        return {"steps": [], "late": [], "periods": []}
    tasks = list(
        Task.objects.filter(period__in=periods)
        .select_related("period", "period__opd", "unit")
        .prefetch_related("assignees")
        .order_by("period", "number", "round")
    )
    years = {p.year for p in periods} | {p.start_date.year for p in periods} | {timezone.localdate().year}
    calendar = cal.work_calendar(years)
    by_period = defaultdict(list)
    for task in tasks:
        by_period[task.period_id].append(task)
    grouped: dict = {}
    late = []
    for period in periods:
        for row in step_rows(period, by_period.get(period.pk, []), calendar, now):
            for task in row["late_tasks"]:
                minutes = _minutes(task, calendar, now)
                late.append(
                    {
                        "period": period,
                        "task": task,
                        "minutes": minutes,
                        "over": (minutes - Decimal(task.standard_minutes)) if minutes is not None else None,
                    }
                )
            if row["actual"] is None or row["status"] != "selesai":
                continue
            key = (period.sop_version_id, row["number"])
            entry = grouped.setdefault(
                key,
                {
                    "sop": period.sop_label,
                    "number": row["number"],
                    "uraian": row["uraian"],
                    "lanes": row["lanes"],
                    "standard": row["standard"],
                    "runs": 0,
                    "late": 0,
                    "actual_total": Decimal(0),
                    "max": Decimal(0),
                    "rounds": 0,
                },
            )
            entry["runs"] += 1
            entry["late"] += 1 if row["late"] else 0
            entry["actual_total"] += row["actual"]
            entry["max"] = max(entry["max"], row["actual"])
            entry["rounds"] += row["rounds"] - 1
    steps = []
    for entry in grouped.values():
        entry["average"] = (entry["actual_total"] / entry["runs"]).quantize(Decimal("0.01"))
        entry["overrun"] = entry["average"] - entry["standard"]
        entry["late_share"] = round(100 * entry["late"] / entry["runs"]) if entry["runs"] else 0
        steps.append(entry)
    steps.sort(key=lambda e: (-e["overrun"], -e["late_share"]))
    late.sort(key=lambda item: -(item["over"] or 0))
    return {"steps": steps, "late": late, "periods": periods}


# --- dashboard -----------------------------------------------------------------------------------------------
def dashboard(period, user, now=None) -> dict:
    """Progress per step and per unit; capaian per sasaran and per unit — only from the forms the
    user may see (a Kabid never sees another bidang's draft figures)."""
    now = now or timezone.now()
    sop = period_sop(period, now)
    subs = list(
        UnitSubmission.objects.filter(period=period)
        .select_related("unit", "period")
        .annotate(
            n_rows=Count("rows", distinct=True),
            n_filled=Count("rows", filter=Q(rows__value__isnull=False) | ~Q(rows__value_text=""), distinct=True),
            n_evidence=Count("rows__evidence", filter=Q(rows__evidence__active=True), distinct=True),
        )
        .order_by("order", "unit__name")
    )
    visible = {s.pk for s in subs if policies.can_view_submission(user, s)}
    rows, figs = M.period_figures(period)
    rows = [r for r in rows if r.submission_id in visible]
    per_unit = defaultdict(list)
    unreadable = defaultdict(list)  # rows whose stored value cannot be read: an error with a repair link
    per_sasaran: dict = {}
    for r in rows:
        per_unit[r.submission_id].append(figs[r.pk])
        if figs[r.pk].unreadable:
            unreadable[r.submission_id].append(r)
        node = r.indicator.node
        if node.level <= 1:
            per_sasaran.setdefault(
                node.pk,
                {
                    "title": f"{node.code} {node.statement}".strip(),
                    "figures": [],
                    "order": (node.level, node.order, node.code),
                },
            )["figures"].append(figs[r.pk])
    units = []
    for s in subs:
        average, category = F.average(per_unit.get(s.pk, [])) if s.pk in visible else (None, None)
        units.append(
            {
                "submission": s,
                "visible": s.pk in visible,
                "average": average,
                "category": category,
                "css": F.category_class(category),
                "filled_pct": round(100 * s.n_filled / s.n_rows) if s.n_rows else 0,
                "unreadable": unreadable.get(s.pk, []),
            }
        )
    sasaran = []
    for item in sorted(per_sasaran.values(), key=lambda i: i["order"]):
        average, category = F.average(item["figures"])
        sasaran.append(
            {
                "title": item["title"],
                "average": average,
                "category": category,
                "css": F.category_class(category),
                "count": len(item["figures"]),
            }
        )
    budget = [b for b in M.period_budget(period) if b["row"].submission_id in visible]
    pagu = sum((b["row"].pagu or 0 for b in budget), Decimal(0))
    realisasi = sum((b["cumulative"] or 0 for b in budget), Decimal(0))
    # Programmes without realisasi s.d. the period (blank, or an earlier quarter not recorded): no serapan.
    unrecorded = sum(1 for b in budget if b["row"].pagu and b["cumulative"] is None)
    overall, overall_cat = F.average([figs[r.pk] for r in rows])
    states = defaultdict(int)
    for s in subs:
        states[s.state] += 1
    return {
        "sop": sop,
        "units": units,
        "sasaran": sasaran,
        "overall": overall,
        "overall_category": overall_cat,
        "overall_css": F.category_class(overall_cat),
        "pagu": pagu,
        "realisasi": realisasi,
        "serapan": E.serapan(pagu, realisasi) if pagu and not unrecorded else None,
        "unrecorded": unrecorded,
        "programmes": sum(1 for b in budget if b["row"].pagu),
        "states": dict(states),
        "indicators": len(rows),
        "filled": sum(1 for r in rows if r.has_value),
        "hidden_units": len(subs) - len(visible),
        "steps_done": sum(1 for r in sop["rows"] if r["status"] in ("selesai", "dilewati")),
    }


def chart_data(period, data) -> dict:
    """Plain data for the ECharts on the dashboard."""
    colors = {
        "Sangat Tinggi": "#198754",
        "Tinggi": "#6cc070",
        "Sedang": "#ffc107",
        "Rendah": "#fd7e14",
        "Sangat Rendah": "#dc3545",
    }
    steps = [r for r in data["sop"]["rows"] if r["status"] != "dilewati"]
    return {
        "steps": {
            "labels": [f"{r['number']}" for r in steps],
            "names": [r["uraian"][:70] for r in steps],
            "standard": [float(r["standard"]) for r in steps],
            "actual": [float(r["actual"]) if r["actual"] is not None else None for r in steps],
            "late": [bool(r["late"]) for r in steps],
        },
        "units": {
            "labels": [u["submission"].unit.short_name or u["submission"].unit.name for u in data["units"]],
            "filled": [u["filled_pct"] for u in data["units"]],
            "capaian": [float(u["average"]) if u["average"] is not None else None for u in data["units"]],
            "colors": [colors.get(u["category"], "#adb5bd") for u in data["units"]],
        },
        "sasaran": {
            "labels": [s["title"][:60] for s in data["sasaran"]],
            "capaian": [float(s["average"]) if s["average"] is not None else None for s in data["sasaran"]],
            "colors": [colors.get(s["category"], "#adb5bd") for s in data["sasaran"]],
        },
    }


def can_see_full_document(user, period) -> bool:
    """The draft document shows every unit's figures: OPD managers and the Kepala only (and, once
    signed, every reader through the archive)."""
    return policies.can_manage_period(user, period) or policies.is_kepala(user, period.opd_id)


def dpk_for(period) -> D.Dpk:
    return D.build(period)
