"""The content of the Dokumen Pengukuran Kinerja of a period, as plain data for the PDF, the DOCX
and the dashboard. Every capaian comes from the measurement figures (the planning engine);
absorption and efficiency from reporting.efficiency."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from sakip.core.formats import angka
from sakip.measurement import figures as F
from sakip.measurement import selectors as M
from sakip.planning import bands as B
from sakip.planning.models import Kinerja

from . import efficiency as E

LEVEL_LABELS = {
    0: "Tujuan",
    1: "Sasaran strategis",
    2: "Sasaran program",
    3: "Sasaran kegiatan",
    4: "Rencana hasil kerja",
}
TW_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _fmt(value, places=2):
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        return value
    return angka(value, places)


def threshold():
    return Decimal(str(getattr(settings, "SAKIP_EFISIENSI_THRESHOLD", 5)))


@dataclass
class Line:
    row: object
    figure: F.Figure
    unit: str
    width: int = 1

    @property
    def code(self):
        return self.row.code

    @property
    def name(self):
        return self.row.name

    @property
    def satuan(self):
        return self.row.satuan

    @property
    def precision(self):
        return self.row.precision

    @property
    def target_year(self):
        if self.row.target_text:
            return self.row.target_text
        return self._span(self.row.target_year, self.row.target_max)

    @property
    def target_period(self):
        """The target the capaian was computed on, with its upper bound for a range target (docs/capaian.md)."""
        result = self.figure.result
        return self._span(self.figure.target_period, result.target_max if result else None)

    def _span(self, low, high):
        if high is None:
            return _fmt(low, self.row.precision)
        return f"{_fmt(low, self.row.precision)}–{_fmt(high, self.row.precision)}"

    @property
    def values(self):
        values = [_fmt(v, self.row.precision) for v in self.figure.values][: self.width]
        return values + [""] * (self.width - len(values))

    @property
    def cumulative(self):
        return _fmt(self.figure.cumulative, self.row.precision)

    @property
    def percent(self):
        return self.figure.percent

    @property
    def percent_text(self):
        return _fmt(self.figure.percent, 2)

    @property
    def category(self):
        return self.figure.category or ""

    @property
    def css(self):
        return self.figure.css

    @property
    def explanation(self):
        return self.figure.explanation

    @property
    def narrative(self):
        r = self.row
        return {
            "faktor_pendukung": r.faktor_pendukung,
            "faktor_penghambat": r.faktor_penghambat,
            "kendala": r.kendala,
            "tindak_lanjut": r.tindak_lanjut,
        }

    @property
    def has_narrative(self):
        return any(self.narrative.values())

    @property
    def evidence_count(self):
        return len([e for e in self.row.evidence.all() if e.active])


@dataclass
class Group:
    key: object
    title: str
    level: int
    unit: str = ""
    lines: list = field(default_factory=list)
    average: Decimal | None = None
    category: str | None = None
    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    kas: Decimal | None = None
    serapan: Decimal | None = None
    efisiensi: str | None = None
    gap: Decimal | None = None
    assessment: E.Assessment | None = None
    programs: list = field(default_factory=list)

    @property
    def css(self):
        return F.category_class(self.category)

    @property
    def level_label(self):
        return LEVEL_LABELS.get(self.level, "")


@dataclass
class BudgetLine:
    code: str
    label: str
    unit: str
    pagu: Decimal | None
    realisasi_period: Decimal | None
    realisasi: Decimal | None
    serapan: Decimal | None
    capaian: Decimal | None
    efisiensi: str | None
    gap: Decimal | None
    kas: Decimal | None = None
    assessment: E.Assessment | None = None


@dataclass
class Dpk:
    period: object
    strategic: list
    programs: list
    budget: list
    narratives: list
    summary: dict
    quarters: list

    @property
    def bands_text(self):
        """The category bands the figures were categorised with, in words (the Pemda's or the defaults)."""
        own = next((ln.figure.bands for ln in self.all_lines if ln.figure.bands), None)
        return B.describe(own or F.bands(self.period.opd_id))

    @property
    def is_quarter(self):
        """TW I–III: the budget is judged against the anggaran kas s.d. the quarter."""
        return self.period.triwulan in (1, 2, 3)

    @property
    def all_lines(self):
        return [line for group in self.strategic + self.programs for line in group.lines]


def build(period) -> Dpk:
    rows, figs = M.period_figures(period)
    width = max(1, period.triwulan)
    lines = [Line(r, figs[r.pk], r.unit_name or r.submission.unit.name, width) for r in rows]
    # Groups by cascade node: strategic (tujuan/sasaran) and the units' programs/kegiatan.
    groups: dict = {}
    for line in lines:
        node = line.row.indicator.node
        key = node.pk
        if key not in groups:
            title = f"{node.code} {node.statement}".strip()
            groups[key] = Group(
                key=key, title=title, level=node.level, unit=line.row.submission.unit.name if node.level >= 2 else ""
            )
        groups[key].lines.append(line)
    for group in groups.values():
        group.average, group.category = F.average([ln.figure for ln in group.lines])

    budget_rows = M.period_budget(period)
    budget_lines = []
    node_budget: dict = {}
    parents = _parents(budget_rows)
    for item in budget_rows:
        r = item["row"]
        kinerja = r.kinerja
        linked = groups.get(kinerja.pk) if kinerja else None
        if linked is None:
            unit_groups = [g for g in groups.values() if g.level == 2 and g.unit == r.submission.unit.name]
            capaian, _cat = (
                F.average([ln.figure for g in unit_groups for ln in g.lines]) if unit_groups else (None, None)
            )
        else:
            capaian = linked.average
        absorption = E.serapan(r.pagu, item["cumulative"])
        judged = _assess(
            capaian, item["cumulative"], r.pagu, item["kas"], period, missing_quarters=item["missing_quarters"]
        )
        budget_lines.append(
            BudgetLine(
                r.code,
                r.label,
                r.submission.unit.name,
                r.pagu,
                r.realisasi,
                item["cumulative"],
                absorption,
                capaian,
                judged.label,
                judged.gap,
                kas=item["kas"],
                assessment=judged,
            )
        )
        # Roll the budget up to every sasaran the program serves: its result and all its ancestors.
        node_id = kinerja.pk if kinerja is not None else None
        while node_id is not None:
            entry = node_budget.setdefault(
                node_id, {"pagu": Decimal(0), "real": None, "kas": Decimal(0), "lines": [], "unrecorded": 0}
            )
            entry["pagu"] += r.pagu or 0
            if item["cumulative"] is not None:
                entry["real"] = (entry["real"] or Decimal(0)) + item["cumulative"]
            elif r.pagu:
                entry["unrecorded"] += 1
            entry["kas"] = None if entry["kas"] is None or item["kas"] is None else entry["kas"] + item["kas"]
            entry["lines"].append(budget_lines[-1])
            node_id = parents.get(node_id)
    for node_id, entry in node_budget.items():
        group = groups.get(node_id)
        if group is None or not entry["pagu"]:
            continue
        group.pagu, group.realisasi, group.programs = entry["pagu"], entry["real"], entry["lines"]
        group.kas = entry["kas"] if period.triwulan else None
        # Incomplete realisasi (a programme without realisasi s.d. the period) gives no serapan and no verdict.
        complete = not entry["unrecorded"]
        group.serapan = E.serapan(group.pagu, group.realisasi) if complete else None
        group.assessment = _assess(
            group.average,
            group.realisasi,
            group.pagu,
            group.kas,
            period,
            unrecorded=entry["unrecorded"],
            programmes=len([b for b in entry["lines"] if b.pagu]),
        )
        group.efisiensi, group.gap = group.assessment.label, group.assessment.gap

    ordered = sorted(groups.values(), key=lambda g: (g.level, _node_order(g)))
    strategic = [g for g in ordered if g.level <= 1]
    programs = sorted([g for g in ordered if g.level >= 2], key=lambda g: (_unit_order(g), g.level, _node_order(g)))
    counts = {}
    for line in lines:
        if line.category:
            counts[line.category] = counts.get(line.category, 0) + 1
    overall, overall_cat = F.average([ln.figure for ln in lines])
    strategic_avg, strategic_cat = F.average([ln.figure for g in strategic for ln in g.lines])
    total_pagu = sum((b.pagu or 0 for b in budget_lines), Decimal(0))
    total_real = sum((b.realisasi or 0 for b in budget_lines), Decimal(0))
    with_pagu = [b for b in budget_lines if b.pagu]
    unrecorded = sum(1 for b in with_pagu if b.realisasi is None)
    total_kas = (
        sum((b.kas for b in with_pagu), Decimal(0))
        if period.triwulan and with_pagu and all(b.kas is not None for b in with_pagu)
        else None
    )
    summary = {
        "indicators": len(lines),
        "filled": sum(1 for ln in lines if ln.row.has_value),
        "average": overall,
        "category": overall_cat,
        "css": F.category_class(overall_cat),
        "strategic_average": strategic_avg,
        "strategic_category": strategic_cat,
        "strategic_css": F.category_class(strategic_cat),
        "categories": [(label, counts.get(label, 0), F.category_class(label)) for label in F.CATEGORY_CLASSES],
        "pagu": total_pagu,
        "realisasi": total_real,
        "serapan": E.serapan(total_pagu, total_real) if total_pagu and not unrecorded else None,
        "unrecorded": unrecorded,
        "kas": total_kas,
    }
    # The OPD's efficiency: the capaian of its sasaran strategis against the whole budget, like with
    # like (a quarter against the anggaran kas s.d. that quarter, the year against the pagu).
    summary["efisiensi_capaian"] = strategic_avg if strategic_avg is not None else overall
    summary["assessment"] = _assess(
        summary["efisiensi_capaian"],
        total_real,
        total_pagu,
        total_kas,
        period,
        unrecorded=unrecorded,
        programmes=len(with_pagu),
    )
    summary["efisiensi"], summary["gap"] = summary["assessment"].label, summary["assessment"].gap
    quarters = [TW_ROMAN[q] for q in period.quarters] if period.triwulan else ["Tahunan"]
    narratives = [line for line in lines if line.has_narrative]
    return Dpk(
        period=period,
        strategic=strategic,
        programs=programs,
        budget=budget_lines,
        narratives=narratives,
        summary=summary,
        quarters=quarters,
    )


def _node_order(group):
    line = group.lines[0]
    node = line.row.indicator.node
    return (node.order, node.code, node.pk)


def _unit_order(group):
    return group.lines[0].row.submission.order


def _assess(capaian, realisasi, pagu, kas, period, **completeness) -> E.Assessment:
    return E.assess(
        capaian, realisasi, pagu=pagu, kas=kas, triwulan=period.triwulan, threshold=threshold(), **completeness
    )


def _parents(budget_rows) -> dict:
    """Parent id of every result in the Renstras the budget rows serve (to roll a programme up to its sasaran)."""
    renstras = {item["row"].kinerja.renstra_id for item in budget_rows if item["row"].kinerja_id}
    if not renstras:
        return {}
    return dict(Kinerja.objects.filter(renstra_id__in=renstras).values_list("pk", "parent_id"))
