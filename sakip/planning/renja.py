"""The content of a Renja / RKT (docs/rules.md §11): a snapshot of an OPD's plan for one year taken from its
Renstra — the targets of the year of the indicators of its sasaran strategis, program and kegiatan (with the
quarterly targets, the rencana aksi), and its programmes, kegiatan and sub kegiatan with their pagu — and the
difference between two versions (what a Renja Perubahan changed). Plain data, JSON-serialisable."""

from __future__ import annotations

from decimal import Decimal

from .models import BudgetItem, Indicator, Kinerja, Pagu, Target
from .selectors import renstra_for

LEVELS = (Kinerja.Level.SASARAN, Kinerja.Level.PROGRAM, Kinerja.Level.KEGIATAN)


def _s(value):
    return None if value is None else str(value)


def snapshot(opd, year) -> dict | None:
    """The Renja content of `opd` for `year`, or None when no Renstra covers the year."""
    renstra = renstra_for(opd, year)
    if renstra is None:
        return None
    indicators = list(
        Indicator.objects.filter(node__renstra=renstra, node__level__in=LEVELS)
        .select_related("node")
        .order_by("node__level", "node__order", "node__code", "order", "code", "pk")
    )
    targets = {t.indicator_id: t for t in Target.objects.filter(indicator__in=indicators, year=year)}
    rows = []
    for ind in indicators:
        t = targets.get(ind.pk)
        if t is not None:
            t.indicator = ind
        rows.append(
            {
                "indicator": ind.pk,
                "level": ind.node.level,
                "level_label": str(ind.node.get_level_display()),
                "node": f"{ind.node.code} {ind.node.statement}".strip(),
                "code": ind.code,
                "name": ind.name,
                "satuan": ind.satuan,
                "is_iku": ind.is_iku,
                "target": t.display if t else "",
                "target_value": _s(t.value) if t else None,
                "quarters": [_s(q) for q in t.quarters] if t else [None] * 4,
            }
        )
    items = list(
        BudgetItem.objects.filter(renstra=renstra).select_related("nomenclature", "unit").order_by("nomenclature__code")
    )
    pagu = {p.item_id: p for p in Pagu.objects.filter(item__in=items, year=year)}
    budget = []
    for item in items:
        p = pagu.get(item.pk)
        budget.append(
            {
                "item": item.pk,
                "code": item.nomenclature.code,
                "level": item.level,
                "label": item.nomenclature.name,
                "unit": item.unit.name if item.unit_id else "",
                "pagu": _s(p.amount) if p else None,
            }
        )
    total = sum((Decimal(b["pagu"]) for b in budget if b["pagu"] and b["level"] == "program"), start=Decimal(0))
    return {
        "year": year,
        "renstra": {"id": renstra.pk, "name": renstra.name, "start": renstra.start_year, "end": renstra.end_year},
        "targets": rows,
        "budget": budget,
        "total_pagu": _s(total),
    }


def changes(before: dict, after: dict) -> list[dict]:
    """What changed from one version to the next: targets and pagu, added, removed or changed."""
    out = []
    old = {r["indicator"]: r for r in before.get("targets", [])}
    new = {r["indicator"]: r for r in after.get("targets", [])}
    for key in [*new.keys(), *[k for k in old if k not in new]]:
        a, b = old.get(key), new.get(key)
        if a is None:
            out.append({"kind": "target", "name": b["name"], "before": "", "after": b["target"]})
        elif b is None:
            out.append({"kind": "target", "name": a["name"], "before": a["target"], "after": ""})
        elif (a["target"], a["quarters"]) != (b["target"], b["quarters"]):
            out.append({"kind": "target", "name": b["name"], "before": a["target"], "after": b["target"]})
    old = {r["item"]: r for r in before.get("budget", [])}
    new = {r["item"]: r for r in after.get("budget", [])}
    for key in [*new.keys(), *[k for k in old if k not in new]]:
        a, b = old.get(key), new.get(key)
        before_pagu = a["pagu"] if a else None
        after_pagu = b["pagu"] if b else None
        if before_pagu != after_pagu:
            row = b or a
            out.append(
                {"kind": "pagu", "name": f"{row['code']} {row['label']}", "before": before_pagu, "after": after_pagu}
            )
    return out
