"""Reads of planning data — the planning app's public API for the other apps.

Every function here runs a constant number of queries whatever the data size.

For Measurement / Reporting:
    renstra_for(opd, year) -> Renstra | None
    plan_for(opd, year, *, unit=None, include_subunits=True, levels=None) -> list[IndicatorPlan]
        indicators of an OPD (or a unit subtree) valid in a year, each with its annual target,
        TW I–IV targets, polarity, aggregation, cumulative flag, precision, predicate scale,
        the owning position/unit and the PK items that carry it.
    indicator_plan(indicator, year) -> IndicatorPlan
    pk_items_for(opd, year) -> queryset of PkItem of the current (latest) PK versions
    cascade_edges(renstra, year) -> list of (child node id, parent node id, parent indicator id)
For Evaluation (automatic LKE answers):
    cascade_coverage(opd, year) -> checks.coverage.CoverageReport (.as_dict() for plain data)
    smart_report(opd, year) -> list[checks.smart.Result] (.as_dict())
    iku_stability(opd, year) -> checks.stability.StabilityReport
    crosscutting_shown(opd, year) -> dict(shown, count, indicators)
    pk_signed_for_every_official(opd, year) -> dict(ok, officials, missing)
Scoped reads for screens: renstras_for(user), indicators_for(user), pk_for(user), crosscutting_for(user).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q

from sakip.core.permissions import readable_opd_ids, scope_queryset
from sakip.documents.models import ArchivedDocument
from sakip.organization.models import Assignment, Position

from .checks import coverage as coverage_rules
from .checks import smart as smart_rules
from .checks import stability as stability_rules
from .models import (
    Crosscutting,
    IkuChange,
    Indicator,
    Kinerja,
    PerjanjianKinerja,
    PkBudget,
    PkItem,
    PredicateLevel,
    Renstra,
    Target,
)


def year_q(year, prefix=""):
    return Q(**{f"{prefix}year__isnull": True}) | Q(**{f"{prefix}year": year})


def reference_date(year: int) -> date:
    """The date whose office holders count for a year: today in the current year, 31 December for past years."""
    today = date.today()
    if year == today.year:
        return today
    return date(year, 12, 31) if year < today.year else date(year, 1, 1)


# --- Renstra -------------------------------------------------------------------------------------
def renstras_for(user):
    return scope_queryset(Renstra.objects.select_related("opd", "rpjmd"), user)


def renstra_for(opd, year) -> Renstra | None:
    opd_id = getattr(opd, "pk", opd)
    return (
        Renstra.objects.filter(opd_id=opd_id, start_year__lte=year, end_year__gte=year)
        .select_related("opd", "opd__pemda")
        .order_by("-start_year")
        .first()
    )


def holders(opd, year) -> dict:
    """position id → the Assignment holding it on the year's reference date (definitif before Plt./Plh.)."""
    on = reference_date(year)
    out = {}
    qs = (
        Assignment.objects.active_on(on)
        .filter(position__opd=opd)
        .select_related("employee", "employee__golongan", "position", "position__unit")
        .order_by("-kind_rank")
    )
    for a in qs:
        out[a.position_id] = a
    return out


# --- the tree ----------------------------------------------------------------------------------
def _targets_prefetch(year=None):
    qs = Target.objects.all() if year is None else Target.objects.filter(year=year)
    return Prefetch("targets", queryset=qs.order_by("year"))


def nodes_for(renstra: Renstra, year: int | None = None, *, all_targets=False):
    qs = Kinerja.objects.filter(renstra=renstra).select_related("position", "unit", "parent_indicator", "rpjmd_goal")
    if year is not None:
        qs = qs.filter(year_q(year))
    ind_qs = Indicator.objects.select_related(
        "pj_unit", "pj_position", "predicate_scale", "iku_pemda"
    ).prefetch_related(
        _targets_prefetch(None if all_targets else year),
        Prefetch("predicate_scale__levels", queryset=PredicateLevel.objects.order_by("order")),
        Prefetch("crosscutting", queryset=Crosscutting.objects.select_related("unit", "unit__opd")),
    )
    return list(qs.prefetch_related(Prefetch("indicators", queryset=ind_qs)).order_by("level", "order", "code", "pk"))


@dataclass
class TreeNode:
    node: Kinerja
    children: list = field(default_factory=list)
    holder: Assignment | None = None
    problems: list = field(default_factory=list)
    smart: dict = field(default_factory=dict)  # indicator id -> smart Result

    @property
    def has_problems(self):
        return bool(self.problems) or any(not r.ok for r in self.smart.values())


def tree(renstra: Renstra, year: int) -> dict:
    """The pohon kinerja of a year: roots with children, each node with its holder, its problems
    (coverage gaps) and the SMART result of each indicator. Constant queries."""
    nodes = nodes_for(renstra, year, all_targets=True)
    hold = holders(renstra.opd, year)
    coverage = _coverage_from(nodes, hold)
    smart = {r.id: r for r in _smart_from(renstra, nodes, year)}
    problems = coverage.node_problems
    items = {
        n.pk: TreeNode(
            n,
            holder=hold.get(n.position_id),
            problems=problems.get(n.pk, []),
            smart={i.pk: smart[i.pk] for i in n.indicators.all()},
        )
        for n in nodes
    }
    roots = []
    for n in nodes:
        item = items[n.pk]
        if n.parent_id and n.parent_id in items:
            items[n.parent_id].children.append(item)
        else:
            roots.append(item)
    return {"roots": roots, "items": items, "coverage": coverage, "smart": smart, "holders": hold}


def cascade_edges(renstra: Renstra, year: int) -> list[tuple]:
    return list(
        Kinerja.objects.filter(renstra=renstra)
        .filter(year_q(year))
        .values_list("pk", "parent_id", "parent_indicator_id")
    )


# --- checks ------------------------------------------------------------------------------------------
def _holder_rows(hold: dict) -> list:
    rows = []
    for a in hold.values():
        pos = a.position
        rows.append(
            coverage_rules.Holder(
                pos.pk,
                pos.display_short,
                pos.kind,
                a.employee.full_name,
                a.employee_id,
                a.prefix,
                pos.unit.name if pos.unit_id else "",
            )
        )
    rows.sort(key=lambda h: h.position)
    return rows


def _coverage_from(nodes, hold) -> coverage_rules.CoverageReport:
    cn = [
        coverage_rules.Node(n.pk, n.parent_id, n.level, n.position_id, n.statement, n.parent_indicator_id)
        for n in nodes
    ]
    ci = [coverage_rules.Ind(i.pk, n.pk, i.is_iku, i.name) for n in nodes for i in n.indicators.all()]
    holder_rows = [h for h in _holder_rows(hold) if h.kind != Position.Kind.KEPALA_DAERAH]
    return coverage_rules.check_coverage(cn, ci, holder_rows)


def cascade_coverage(opd, year: int) -> coverage_rules.CoverageReport:
    """Criterion 1.b cascade: IKU reach, holders without IKI, results not tracing up to an IKU (plain data via
    .as_dict()).
    """
    renstra = renstra_for(opd, year)
    hold = holders(opd, year)
    nodes = nodes_for(renstra, year) if renstra else []
    return _coverage_from(nodes, hold)


def _facts(renstra, ind, node, year_scope=None):
    years = tuple([node.year]) if node.year is not None else tuple(renstra.years)
    targets = {t.year: (t.value, t.value_max, t.value_text) for t in ind.targets.all()}
    labels = tuple(lv.label for lv in ind.predicate_scale.levels.all()) if ind.predicate_scale_id else ()
    return smart_rules.Facts(
        id=ind.pk,
        label=ind.name,
        level=node.level,
        is_iku=ind.is_iku,
        satuan=ind.satuan,
        definition=ind.definition,
        formula=ind.formula,
        data_source=ind.data_source,
        has_pj=bool(ind.pj_unit_id or ind.pj_position_id),
        baseline=ind.baseline,
        polarity=ind.polarity,
        qualitative=ind.is_qualitative,
        scale_labels=labels,
        years=years,
        targets=targets,
    )


def _smart_from(renstra, nodes, year):
    return smart_rules.report([_facts(renstra, i, n) for n in nodes for i in n.indicators.all()])


def smart_report(opd, year: int) -> list[smart_rules.Result]:
    """SMART result with reasons for every indicator valid in the year (plain data via .as_dict())."""
    renstra = renstra_for(opd, year)
    if renstra is None:
        return []
    return _smart_from(renstra, nodes_for(renstra, year, all_targets=True), year)


def iku_stability(opd, year: int) -> stability_rules.StabilityReport:
    renstra = renstra_for(opd, year)
    if renstra is None:
        return stability_rules.StabilityReport(year, year, [])
    changes = [
        stability_rules.Change(c.indicator_label, c.field, c.old_value, c.new_value, c.changed_on, c.reason)
        for c in IkuChange.objects.filter(renstra=renstra)
    ]
    return stability_rules.check(changes, renstra.start_year, renstra.end_year)


def crosscutting_shown(opd, year: int) -> dict:
    """Criterion 1.b "crosscutting shown": links where this OPD's indicators get contributions, or its units
    contribute."""
    opd_id = getattr(opd, "pk", opd)
    qs = (
        Crosscutting.objects.filter(Q(opd_id=opd_id) | Q(contributor_opd_id=opd_id))
        .filter(indicator__node__renstra__start_year__lte=year, indicator__node__renstra__end_year__gte=year)
        .filter(year_q(year, "indicator__node__"))
    )
    rows = list(qs.select_related("indicator", "unit", "unit__opd"))
    return {
        "shown": bool(rows),
        "count": len(rows),
        "indicators": sorted({r.indicator.name for r in rows}),
        "links": [
            {
                "indicator": r.indicator.name,
                "unit": r.unit.name,
                "opd": r.unit.opd.akronim,
                "role": r.get_role_display(),
                "own": r.opd_id == opd_id,
            }
            for r in rows
        ],
    }


KIND_RANK = {Position.Kind.JPT_PRATAMA: 0, Position.Kind.ADMINISTRATOR: 1, Position.Kind.PENGAWAS: 2}


def officials(opd, year: int) -> list[Assignment]:
    """Holders of the PK-signing positions (JPT, Administrator, Pengawas) of an OPD in a year."""
    return _officials_from(holders(opd, year))


def _officials_from(hold: dict) -> list[Assignment]:
    kinds = (Position.Kind.JPT_PRATAMA, Position.Kind.ADMINISTRATOR, Position.Kind.PENGAWAS)
    return sorted(
        (a for a in hold.values() if a.position.kind in kinds),
        key=lambda a: (KIND_RANK.get(a.position.kind, 9), a.position.order, a.position.name),
    )


def pk_signed_for_every_official(opd, year: int) -> dict:
    """Criterion 1.a/1.b "PK for every official": each JPT/Administrator/Pengawas holder has a signed PK."""
    return _pk_signed(opd, year, holders(opd, year))


def _pk_signed(opd, year: int, hold: dict) -> dict:
    offs = _officials_from(hold)
    signed = set(
        PerjanjianKinerja.objects.filter(
            opd=opd, year=year, status=PerjanjianKinerja.Status.DITANDATANGANI
        ).values_list("position_id", flat=True)
    )
    rows = [
        {
            "position": a.position.display_short,
            "position_id": a.position_id,
            "employee": f"{a.prefix}{a.employee.full_name}",
            "signed": a.position_id in signed,
        }
        for a in offs
    ]
    missing = [r for r in rows if not r["signed"]]
    return {
        "ok": bool(rows) and not missing,
        "officials": rows,
        "missing": missing,
        "signed_count": len(rows) - len(missing),
        "total": len(rows),
    }


def home_summary(opd, employee, year: int) -> dict:
    """What the planning card of the home page shows, in a bounded number of queries (≤ 6 whatever the size
    of the OPD): the employee's IKI count, the cascade coverage (same rules as cascade_coverage, read from
    plain values) and how many officials signed their PK."""
    out = {"iki_count": None, "coverage": None, "pk": None}
    on = reference_date(year)
    if employee is not None:
        positions = Assignment.objects.active_on(on).filter(employee=employee).values("position_id")
        out["iki_count"] = Indicator.objects.filter(
            node__in=Kinerja.objects.filter(
                position_id__in=positions, renstra__start_year__lte=year, renstra__end_year__gte=year
            ).filter(year_q(year))
        ).count()
    if opd is None:
        return out
    hold = holders(opd, year)
    renstra_ids = list(
        Renstra.objects.filter(opd=opd, start_year__lte=year, end_year__gte=year)
        .order_by("-start_year")
        .values_list("pk", flat=True)[:1]
    )
    cn, ci = [], []
    if renstra_ids:
        node_qs = Kinerja.objects.filter(renstra_id=renstra_ids[0]).filter(year_q(year))
        cn = [
            coverage_rules.Node(pk, parent_id, level, position_id, statement, parent_indicator_id)
            for pk, parent_id, level, position_id, statement, parent_indicator_id in node_qs.values_list(
                "pk", "parent_id", "level", "position_id", "statement", "parent_indicator_id"
            )
        ]
        ci = [
            coverage_rules.Ind(pk, node_id, is_iku, name)
            for pk, node_id, is_iku, name in Indicator.objects.filter(node__in=node_qs).values_list(
                "pk", "node_id", "is_iku", "name"
            )
        ]
    holder_rows = [h for h in _holder_rows(hold) if h.kind != Position.Kind.KEPALA_DAERAH]
    out["coverage"] = coverage_rules.check_coverage(cn, ci, holder_rows)
    out["pk"] = _pk_signed(opd, year, hold)
    return out


# --- for Measurement ----------------------------------------------------------------------------
@dataclass
class IndicatorPlan:
    indicator: Indicator
    year: int
    target: Decimal | None
    target_max: Decimal | None
    target_text: str
    target_score: Decimal | None  # the number the capaian engine uses (qualitative: the predicate's score)
    quarters: list  # TW I–IV targets (Decimal | None), cumulative when indicator.cumulative_targets
    predicate_scale: list  # [(label, score)] in order, [] for quantitative indicators
    pk_item_ids: list
    quarters_max: list = field(default_factory=lambda: [None] * 4)  # TW I–IV upper bounds of a range target

    @property
    def polarity(self):
        return "max" if self.indicator.is_qualitative else self.indicator.polarity

    @property
    def aggregation(self):
        return self.indicator.aggregation

    @property
    def cumulative_targets(self):
        return self.indicator.cumulative_targets

    @property
    def precision(self):
        return self.indicator.precision


def _plan(ind, year, pk_map) -> IndicatorPlan:
    target = next((t for t in ind.targets.all() if t.year == year), None)
    scale = [(lv.label, lv.score) for lv in ind.predicate_scale.levels.all()] if ind.predicate_scale_id else []
    score = None
    if target is not None:
        if target.value_text and scale:
            score = next((s for label, s in scale if label.lower() == target.value_text.lower()), None)
        else:
            score = target.value
    return IndicatorPlan(
        indicator=ind,
        year=year,
        target=target.value if target else None,
        target_max=target.value_max if target else None,
        target_text=target.value_text if target else "",
        target_score=score,
        quarters=target.quarters if target else [None] * 4,
        predicate_scale=scale,
        pk_item_ids=pk_map.get(ind.pk, []),
        quarters_max=target.quarters_max if target else [None] * 4,
    )


def plan_for(opd, year: int, *, unit=None, include_subunits=True, levels=None) -> list[IndicatorPlan]:
    qs = Indicator.objects.filter(
        opd=opd, node__renstra__start_year__lte=year, node__renstra__end_year__gte=year
    ).filter(year_q(year, "node__"))
    if unit is not None:
        if include_subunits:
            ids = [unit.pk] + list(unit.descendants().values_list("pk", flat=True))
            qs = qs.filter(node__unit_id__in=ids)
        else:
            qs = qs.filter(node__unit=unit)
    if levels is not None:
        qs = qs.filter(node__level__in=levels)
    qs = (
        qs.select_related("node", "node__position", "node__unit", "predicate_scale")
        .prefetch_related(
            Prefetch("targets", queryset=Target.objects.filter(year=year)),
            Prefetch("predicate_scale__levels", queryset=PredicateLevel.objects.order_by("order")),
        )
        .order_by("node__level", "node__order", "order", "code", "pk")
    )
    indicators = list(qs)
    pk_map = {}
    for item_id, ind_id in (
        pk_items_for(opd, year).filter(indicator_id__in=[i.pk for i in indicators]).values_list("pk", "indicator_id")
    ):
        pk_map.setdefault(ind_id, []).append(item_id)
    return [_plan(i, year, pk_map) for i in indicators]


def indicator_plan(indicator: Indicator, year: int) -> IndicatorPlan:
    ind = (
        Indicator.objects.select_related("node", "predicate_scale")
        .prefetch_related(
            Prefetch("targets", queryset=Target.objects.filter(year=year)),
            Prefetch("predicate_scale__levels", queryset=PredicateLevel.objects.order_by("order")),
        )
        .get(pk=indicator.pk)
    )
    pk_map = {}
    for item_id in PkItem.objects.filter(
        indicator=ind, pk_doc__year=year, pk_doc__superseded_by__isnull=True
    ).values_list("pk", flat=True):
        pk_map.setdefault(ind.pk, []).append(item_id)
    return _plan(ind, year, pk_map)


def archived_pk(pk):
    """The archived (immutable) copy of a signed PK in the documents app, or None."""
    return (
        ArchivedDocument.objects.filter(source_type=ContentType.objects.get_for_model(pk), source_id=str(pk.pk))
        .order_by("-pk")
        .first()
    )


def pk_items_for(opd, year: int):
    """Items of the current (latest) version of every PK of an OPD for a year."""
    return PkItem.objects.filter(pk_doc__opd=opd, pk_doc__year=year, pk_doc__superseded_by__isnull=True).select_related(
        "pk_doc", "pk_doc__position", "indicator"
    )


# --- scoped lists for screens ----------------------------------------------------------------------
def indicators_for(user):
    return scope_queryset(
        Indicator.objects.select_related(
            "node", "node__position", "node__unit", "node__renstra", "opd", "pj_unit", "pj_position", "predicate_scale"
        ),
        user,
    )


def pk_for(user):
    return scope_queryset(
        PerjanjianKinerja.objects.select_related(
            "position", "position__unit", "first_employee", "second_employee", "opd", "supersedes"
        ),
        user,
    )


def crosscutting_for(user):
    """Links of indicators the user may read, plus links where the user's OPD contributes."""
    qs = Crosscutting.objects.select_related(
        "indicator", "indicator__node", "indicator__node__unit", "unit", "unit__opd", "opd"
    )
    ids = readable_opd_ids(user)
    if ids is None:
        return qs
    return qs.filter(Q(opd_id__in=ids) | Q(contributor_opd_id__in=ids))


def crosscutting_matrix(user, opd, year: int) -> dict:
    """Rows: indicators (own, or others' with a contribution of this OPD); columns: contributing units; cells: role."""
    links = list(
        crosscutting_for(user)
        .filter(Q(opd=opd) | Q(contributor_opd=opd))
        .filter(indicator__node__renstra__start_year__lte=year, indicator__node__renstra__end_year__gte=year)
        .filter(year_q(year, "indicator__node__"))
        .select_related("indicator__opd")
    )
    units, rows = {}, {}
    for link in links:
        units[link.unit_id] = link.unit
        row = rows.setdefault(link.indicator_id, {"indicator": link.indicator, "cells": {}})
        row["cells"][link.unit_id] = link
    columns = sorted(
        units.values(), key=lambda u: (u.opd_id != getattr(opd, "pk", opd), u.opd.akronim, u.order, u.name)
    )
    ordered = sorted(
        rows.values(),
        key=lambda r: (r["indicator"].opd_id != getattr(opd, "pk", opd), r["indicator"].code, r["indicator"].name),
    )
    for row in ordered:
        row["line"] = [row["cells"].get(u.pk) for u in columns]
    return {"columns": columns, "rows": ordered, "links": links}


def my_iki(employee, year: int) -> list[dict]:
    """What an employee must deliver in a year: for each position he holds, its results, indicators,
    targets (TW I–IV) and the chain up to the IKU. Constant queries."""
    on = reference_date(year)
    assignments = list(
        Assignment.objects.active_on(on)
        .filter(employee=employee)
        .select_related("position", "position__unit", "position__opd")
    )
    out = []
    if not assignments:
        return out
    pos_ids = [a.position_id for a in assignments]
    nodes = list(
        Kinerja.objects.filter(position_id__in=pos_ids, renstra__start_year__lte=year, renstra__end_year__gte=year)
        .filter(year_q(year))
        .select_related("renstra")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.prefetch_related(_targets_prefetch(year))))
    )
    renstra_ids = {n.renstra_id for n in nodes}
    all_nodes = {
        n.pk: n
        for n in Kinerja.objects.filter(renstra_id__in=renstra_ids)
        .select_related("position")
        .prefetch_related("indicators")
    }

    def chain(node):
        out_chain, seen, current = [], set(), all_nodes.get(node.parent_id)
        while current is not None and current.pk not in seen:
            out_chain.append(current)
            seen.add(current.pk)
            current = all_nodes.get(current.parent_id)
        return out_chain

    for a in assignments:
        mine = [n for n in nodes if n.position_id == a.position_id]
        out.append(
            {
                "assignment": a,
                "nodes": [
                    {
                        "node": n,
                        "chain": chain(n),
                        "indicators": [(i, next(iter(i.targets.all()), None)) for i in n.indicators.all()],
                    }
                    for n in mine
                ],
            }
        )
    return out


# --- for the API (sakip.api) ----------------------------------------------------------------------
def kinerja_for(user):
    """Nodes of the pohon kinerja (tujuan, sasaran, program/kegiatan results, IKI) the user may read."""
    return scope_queryset(
        Kinerja.objects.select_related("renstra", "position", "unit", "parent", "parent_indicator", "rpjmd_goal"),
        user,
    )


def indicators_with_targets_for(user):
    """indicators_for(user) with every year's targets (one extra query per page)."""
    return indicators_for(user).prefetch_related(_targets_prefetch(None))


def pk_with_items_for(user):
    """pk_for(user) with the PK's indicator and budget rows (two extra queries per page)."""
    return pk_for(user).prefetch_related(
        Prefetch("items", queryset=PkItem.objects.order_by("order", "pk")),
        Prefetch("budget_lines", queryset=PkBudget.objects.order_by("order", "pk")),
    )
