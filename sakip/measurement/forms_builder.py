"""The collection forms of a period, generated from the plan: the PK and the cascade.

One form per top-level unit (the Sekretariat and each bidang) with
- a row per indicator of the cascade valid in the year whose result is owned in the unit's
  subtree (levels from SAKIP_MEASUREMENT_LEVELS, default tujuan/sasaran/program/kegiatan; the
  Kepala's own indicators — the IKU — go to the Sekretariat, which compiles them), with the target
  snapshot of the year and a mark when the indicator is in a signed PK;
- a row per program (Permendagri 90/2019) the unit is responsible for, with its pagu of the year.
"""

from __future__ import annotations

from django.conf import settings

from sakip.organization.models import Unit
from sakip.planning import selectors as planning
from sakip.planning.models import BudgetItem, Pagu

from .models import BudgetRealisasi, Realisasi, UnitSubmission

DEFAULT_LEVELS = (0, 1, 2, 3)


def levels():
    return tuple(getattr(settings, "SAKIP_MEASUREMENT_LEVELS", DEFAULT_LEVELS))


def top_units(opd_id) -> tuple[list, dict]:
    """(top-level units in order, {unit id: top-level unit}) for an OPD (one query)."""
    units = list(Unit.objects.filter(opd_id=opd_id).order_by("order", "name"))
    by_id = {u.pk: u for u in units}
    top_of = {}
    for unit in units:
        node, seen = unit, set()
        while node.parent_id and node.parent_id in by_id and node.pk not in seen:
            seen.add(node.pk)
            node = by_id[node.parent_id]
        top_of[unit.pk] = node
    tops = [u for u in units if u.parent_id is None]
    return tops, top_of


def compiling_unit(tops):
    """The unit that compiles the OPD-level indicators: the Sekretariat, else the first unit."""
    for unit in tops:
        if unit.kind == Unit.Kind.SEKRETARIAT:
            return unit
    return tops[0] if tops else None


def _s(value):
    return None if value is None else str(value)


def build(period) -> dict:
    """Create the unit forms and their rows. Returns counts. Idempotent: a form that exists is kept."""
    opd_id = period.opd_id
    tops, top_of = top_units(opd_id)
    compiler = compiling_unit(tops)
    plans = planning.plan_for(period.opd, period.year, levels=levels())
    by_unit: dict[int, list] = {}
    for plan in plans:
        node = plan.indicator.node
        target_unit = top_of.get(node.unit_id) if node.unit_id else compiler
        if target_unit is None:
            continue
        by_unit.setdefault(target_unit.pk, []).append(plan)

    budget_by_unit: dict[int, list] = {}
    renstra = planning.renstra_for(period.opd, period.year)
    if renstra is not None:
        items = list(
            BudgetItem.objects.filter(renstra=renstra, level="program")
            .select_related("nomenclature", "unit")
            .order_by("nomenclature__code")
        )
        pagu = dict(Pagu.objects.filter(item__in=items, year=period.year).values_list("item_id", "amount"))
        for item in items:
            unit = top_of.get(item.unit_id) if item.unit_id else compiler
            if unit is not None:
                budget_by_unit.setdefault(unit.pk, []).append((item, pagu.get(item.pk)))

    units = {u.pk: u for u in tops}
    forms = rows = budget = 0
    existing = {s.unit_id: s for s in period.submissions.all()}
    for unit_id in [u.pk for u in tops if u.pk in by_unit or u.pk in budget_by_unit]:
        unit = units[unit_id]
        submission = existing.get(unit_id)
        if submission is None:
            submission = UnitSubmission.objects.create(period=period, unit=unit, order=unit.order)
            forms += 1
        have = set(submission.rows.values_list("indicator_id", flat=True))
        new_rows = []
        for order, plan in enumerate(by_unit.get(unit_id, []), start=1):
            ind = plan.indicator
            if ind.pk in have:
                continue
            new_rows.append(
                Realisasi(
                    submission=submission,
                    indicator=ind,
                    order=order,
                    code=ind.code,
                    name=ind.name,
                    node_statement=ind.node.statement,
                    level=ind.node.level,
                    satuan=ind.satuan,
                    polarity=plan.polarity,
                    aggregation=plan.aggregation,
                    cumulative_targets=plan.cumulative_targets,
                    precision=plan.precision,
                    scale=[[label, str(score)] for label, score in plan.predicate_scale],
                    target_year=plan.target_score if plan.predicate_scale else plan.target,
                    target_max=plan.target_max,
                    target_text=plan.target_text,
                    quarters=[_s(q) for q in plan.quarters],
                    quarters_max=[_s(q) for q in plan.quarters_max] if any(plan.quarters_max) else [],
                    allow_negative=ind.allow_negative,
                    whole_number=ind.is_whole_number and not plan.predicate_scale,
                    in_pk=bool(plan.pk_item_ids),
                    unit_name=ind.node.unit.name if ind.node.unit_id else "",
                )
            )
        for row in new_rows:
            row.save()  # one by one: each row gets its history entry
        rows += len(new_rows)
        have_items = set(submission.budget_rows.values_list("item_id", flat=True))
        for order, (item, amount) in enumerate(budget_by_unit.get(unit_id, []), start=1):
            if item.pk in have_items:
                continue
            BudgetRealisasi.objects.create(
                submission=submission,
                item=item,
                order=order,
                code=item.nomenclature.code,
                label=item.nomenclature.name,
                kinerja_id=item.kinerja_id,
                pagu=amount,
            )
            budget += 1
    return {
        "forms": forms,
        "rows": rows,
        "budget": budget,
        "units": len([u for u in tops if u.pk in by_unit or u.pk in budget_by_unit]),
    }
