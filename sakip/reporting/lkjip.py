"""The computed content of an LKjIP (PermenPAN-RB 53/2014 Lampiran II; docs/rules.md §8) as plain data.

Every figure comes from the locked annual (or TW IV) measurement through the figures engine
(`sakip.measurement.figures` → `sakip.planning.capaian`); efficiency through
`sakip.reporting.efficiency` (via the Dokumen Pengukuran Kinerja builder `dpk.build`). Nothing
here is typed by a person: the narrative sections live on the version (models.LkjipVersion).

`compute(opd, year)` returns a JSON-serialisable dict (Decimals as strings) stored on the version
at compilation; `hydrate(data)` turns the numbers back into Decimals for the pages and documents.

Bab III A, per sasaran strategis and its IKU:
(1) target vs realisasi of year N; (2) realisasi N vs N−1 and earlier years (locked measurements
of earlier years, else the indicator's baseline); (3) realisasi vs the Renstra end-period target;
(4) vs the indicator's national/provincial standard, where it has one; (5) narratives (on the
version); (6) efficiency (capaian vs serapan of the programmes serving the sasaran); (7) the
programmes that supported it. Bab III B: pagu, realisasi and serapan per programme.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from sakip.measurement import figures as F
from sakip.measurement import selectors as M
from sakip.measurement.models import Period, UnitSubmission
from sakip.planning import capaian as engine
from sakip.planning import selectors as planning_selectors
from sakip.planning.models import PerjanjianKinerja, Target

from . import dpk as D
from . import efficiency as E

HISTORY_YEARS = 4  # realisasi of N−1 … N−4 beside year N (Bab III A (2))


class NotLocked(Exception):
    """The year's measurement is missing or not locked; the message says which period."""


@dataclass
class Source:
    period: Period
    versions: dict  # {submission id (str): version}


def _s(value):
    if value is None:
        return None
    return str(value)


def find_period(opd, year) -> Period | None:
    """The annual measurement of the year, else its TW IV (not cancelled)."""
    periods = list(
        Period.objects.filter(opd=opd, year=year, triwulan__in=(0, 4))
        .exclude(status=Period.Status.DIBATALKAN)
        .select_related("opd")
    )
    periods.sort(key=lambda p: p.triwulan)
    return periods[0] if periods else None


def _submissions(period):
    return list(UnitSubmission.objects.filter(period=period).select_related("unit").order_by("order"))


def is_locked(period, subs=None) -> bool:
    subs = subs if subs is not None else _submissions(period)
    return bool(subs) and all(s.state == UnitSubmission.State.DIKUNCI for s in subs)


def locked_source(opd, year) -> Source:
    """The locked measurement the LKjIP of `year` is computed from, or NotLocked saying what is missing."""
    period = find_period(opd, year)
    if period is None:
        raise NotLocked(
            _(
                "Pengukuran kinerja Tahunan atau TW IV %(year)s %(opd)s belum ada: LKjIP disusun dari pengukuran "
                "tahunan (atau TW IV) yang sudah dikunci."
            )
            % {"year": year, "opd": opd.akronim}
        )
    subs = _submissions(period)
    if not subs:
        raise NotLocked(
            _("Pengukuran %(tw)s %(year)s belum memiliki formulir unit.") % {"tw": period.tw_label, "year": year}
        )
    open_units = [s.unit.short_name or s.unit.name for s in subs if s.state != UnitSubmission.State.DIKUNCI]
    if open_units:
        raise NotLocked(
            _("Pengukuran %(tw)s %(year)s belum dikunci: formulir %(units)s belum dikunci.")
            % {"tw": period.tw_label, "year": year, "units": ", ".join(open_units)}
        )
    return Source(period, {str(s.pk): s.version for s in subs})


def current_versions(period) -> dict:
    return {str(pk): v for pk, v in UnitSubmission.objects.filter(period=period).values_list("pk", "version")}


def changed_since(version) -> list[str]:
    """Unit forms of the source measurement revised (a recorded revision opened a later version) after compilation."""
    if version is None or version.period_id is None:
        return []
    now = current_versions(version.period)
    names = dict(UnitSubmission.objects.filter(period_id=version.period_id).values_list("pk", "unit__name"))
    out = []
    for pk, v in now.items():
        before = version.source_versions.get(pk)
        if before is not None and v > before:
            out.append(names.get(int(pk), pk))
    return out


def _history(opd, year, indicator_ids) -> dict:
    """{indicator id: [(year, realisasi, locked)]} of the locked measurements of N−1 … N−HISTORY_YEARS."""
    out: dict = {}
    for y in range(year - 1, year - HISTORY_YEARS - 1, -1):
        period = find_period(opd, y)
        if period is None or not is_locked(period):
            continue
        rows, figs = M.period_figures(period)
        for r in rows:
            if r.indicator_id in indicator_ids:
                fig = figs[r.pk]
                out.setdefault(r.indicator_id, []).append(
                    {"year": y, "realisasi": _s(fig.cumulative), "capaian": _s(fig.percent)}
                )
    return out


def _row(line, renstra, end_targets, history, standard_bands):
    r = line.row
    ind = r.indicator
    fig = line.figure
    past = list(history.get(ind.pk, []))
    if not past and ind.baseline is not None and ind.baseline_year and ind.baseline_year < r.submission.period.year:
        past = [{"year": ind.baseline_year, "realisasi": _s(ind.baseline), "baseline": True}]
    end_target = end_targets.get(ind.pk)
    realisasi = fig.cumulative
    renstra_cmp = standard_cmp = None
    numeric = not r.is_qualitative and r.polarity != "binary" and isinstance(realisasi, Decimal)
    if numeric and end_target is not None and end_target.value is not None:
        renstra_cmp = engine.capaian(
            end_target.value,
            realisasi,
            r.polarity,
            target_max=end_target.value_max,
            allow_negative=r.allow_negative,
            bands=standard_bands,
            note=_("target akhir Renstra %(y)s") % {"y": renstra.end_year},
        )
    if numeric and ind.standard is not None:
        standard_cmp = engine.capaian(
            ind.standard,
            realisasi,
            "max" if r.polarity == "stabil" else r.polarity,
            allow_negative=r.allow_negative,
            bands=standard_bands,
            note=_("standar"),
        )
    last = past[0] if past and past[0]["year"] == r.submission.period.year - 1 else {}
    prev, prev_capaian = last.get("realisasi"), last.get("capaian")
    return {
        "indicator": ind.pk,
        "code": r.code,
        "name": r.name,
        "satuan": r.satuan,
        "precision": r.precision,
        "polarity": r.polarity,
        "aggregation": r.aggregation,
        "is_iku": ind.is_iku,
        "in_pk": r.in_pk,
        "unit": line.unit,
        "target": line.target_period,
        "target_value": _s(fig.target_period) if not isinstance(fig.target_period, str) else fig.target_period,
        "realisasi": _s(realisasi),
        "realisasi_text": line.cumulative,
        "quarters": [_s(v) for v in fig.values] if r.submission.period.triwulan else [],
        "capaian": _s(fig.percent),
        "category": fig.category or "",
        "explanation": fig.explanation,
        "prev_year": r.submission.period.year - 1,
        "prev_realisasi": prev,
        "prev_capaian": prev_capaian,
        "history": past,
        "renstra_year": renstra.end_year if renstra else None,
        "renstra_target": (end_target.display if end_target else "") or "",
        "renstra_target_value": _s(end_target.value) if end_target else None,
        "renstra_capaian": _s(renstra_cmp.percent) if renstra_cmp else None,
        "renstra_category": (renstra_cmp.category if renstra_cmp else "") or "",
        "standard": _s(ind.standard),
        "standard_source": ind.standard_source,
        "standard_capaian": _s(standard_cmp.percent) if standard_cmp else None,
        "narrative": {
            "faktor_pendukung": r.faktor_pendukung,
            "faktor_penghambat": r.faktor_penghambat,
            "kendala": r.kendala,
            "tindak_lanjut": r.tindak_lanjut,
        },
    }


def _renja(period, lines, end_targets, history, item_codes):
    """Lampiran: the Permendagri 86/2017 Renja evaluation form (docs/rules.md §7), one row per indicator."""
    rows = []
    quarters = {}
    if period.triwulan == 0:
        quarters = M.year_history(period.opd_id, period.year, {ln.row.indicator_id for ln in lines})
    for n, line in enumerate(lines, start=1):
        r = line.row
        fig = line.figure
        if period.triwulan:
            tw = list(fig.values) + [None] * (4 - len(fig.values))
        else:
            own = quarters.get(r.indicator_id, {})
            tw = [F._entered(own.get(q)) for q in (1, 2, 3, 4)]
        numeric = not r.is_qualitative and r.polarity != "binary"
        past = [h["realisasi"] for h in reversed(history.get(r.indicator_id, [])) if h.get("realisasi") is not None]
        up_to_last = this_year = total = capaian_end = None
        end = end_targets.get(r.indicator_id)
        if numeric:
            method = r.aggregation if r.aggregation in engine.AGGREGATIONS else "last"
            try:
                neg = r.allow_negative
                up_to_last = engine.aggregate(past, method, allow_negative=neg) if past else None
                this_year = fig.cumulative if isinstance(fig.cumulative, Decimal) else None
                total = (
                    engine.aggregate([*past, this_year], method, allow_negative=neg) if this_year is not None else None
                )
                if end is not None and end.value is not None and total is not None:
                    capaian_end = engine.capaian(
                        end.value, total, r.polarity, target_max=end.value_max, allow_negative=neg
                    ).percent
            except ValueError:
                pass
        node = r.indicator.node
        rows.append(
            {
                "no": n,
                "sasaran": f"{node.code} {node.statement}".strip(),
                "kode": item_codes.get(node.pk, ""),
                "program": node.statement if node.level >= 2 else "",
                "indicator": r.name,
                "renstra_target": end.display if end else "",
                "realisasi_lalu": _s(up_to_last),
                "target": line.target_year,
                "tw": [_s(v) if not isinstance(v, str) else v for v in tw],
                "realisasi": _s(this_year) if numeric else (line.cumulative or ""),
                "realisasi_total": _s(total),
                "capaian_renstra": _s(capaian_end),
                "unit": line.unit,
                "precision": r.precision,
            }
        )
    return rows


def renja_evaluation(period) -> dict:
    """The quarterly (or annual) Permendagri 86/2017 Renja evaluation form of a measurement period (docs/rules.md
    §7, §11): the rows of `_renja` — the same code as the LKjIP's Lampiran — and the footer: average capaian
    of the year so far (capped, the engine's rule) and its predikat (the category bands), the supporting and
    hindering factors and the follow-up from the measurement narratives."""
    opd = period.opd
    data = D.build(period)
    lines = data.all_lines
    ids = {ln.row.indicator_id for ln in lines}
    renstra = planning_selectors.renstra_for(opd, period.year)
    end_targets = {}
    if renstra is not None:
        end_targets = {
            t.indicator_id: t
            for t in Target.objects.filter(indicator_id__in=ids, year=renstra.end_year).select_related("indicator")
        }
    item_codes = {}
    for item in M.period_budget(period):
        k = item["row"].kinerja
        if k is not None:
            item_codes.setdefault(k.pk, item["row"].code)
    rows = _renja(period, lines, end_targets, _history(opd, period.year, ids), item_codes)
    average, category = (
        F.average([ln.figure for ln in lines if ln.figure.percent is not None]) if lines else (None, None)
    )
    supporting, hindering, follow_up = [], [], []
    for ln in lines:
        r = ln.row
        if r.faktor_pendukung:
            supporting.append(f"{r.name}: {r.faktor_pendukung.strip()}")
        if r.faktor_penghambat or r.kendala:
            hindering.append(f"{r.name}: " + " ".join(t.strip() for t in (r.faktor_penghambat, r.kendala) if t))
        if r.tindak_lanjut:
            follow_up.append(f"{r.name}: {r.tindak_lanjut.strip()}")
    return {
        "period": period,
        "renstra": renstra,
        "rows": rows,
        "average": average,
        "predikat": category or "",
        "pendukung": supporting,
        "penghambat": hindering,
        "tindak_lanjut": follow_up,
        "locked": is_locked(period),
    }


def renja_excel(form) -> tuple[list, list]:
    """(headers, rows) of the evaluation form for core.excel.build_workbook (user text neutralised there)."""
    year = form["period"].year
    headers = [
        "1 No",
        "2 Sasaran",
        "3 Kode",
        "4 Program/Kegiatan/Sub Kegiatan",
        "5 Indikator",
        "6 Target akhir Renstra",
        "7 Realisasi s.d. tahun lalu",
        f"8 Target {year}",
        "9 TW I",
        "10 TW II",
        "11 TW III",
        "12 TW IV",
        f"13 Realisasi {year}",
        "14 = 7 + 13",
        "15 = 14 ÷ 6 (%)",
        "16 Unit",
    ]

    def num(v):
        if v in (None, ""):
            return None
        try:
            return Decimal(str(v))
        except ArithmeticError:
            return v

    out = []
    for r in form["rows"]:
        out.append(
            [
                r["no"],
                r["sasaran"],
                r["kode"],
                r["program"],
                r["indicator"],
                r["renstra_target"],
                num(r["realisasi_lalu"]),
                r["target"],
                *[num(v) for v in r["tw"]],
                num(r["realisasi"]),
                num(r["realisasi_total"]),
                num(r["capaian_renstra"]),
                r["unit"],
            ]
        )
    blank = [""] * (len(headers) - 2)
    out.append([None, _("Rata-rata capaian kinerja (%)"), *blank[:-1], form["average"]])
    out.append([None, _("Predikat kinerja"), *blank[:-1], form["predikat"]])
    for label, items in (
        (_("Faktor pendorong"), form["pendukung"]),
        (_("Faktor penghambat"), form["penghambat"]),
        (_("Tindak lanjut"), form["tindak_lanjut"]),
    ):
        out.append([None, label, "; ".join(items)])
    return headers, out


def _pk(opd, year):
    head = opd.head_position()
    if head is None:
        return None
    pk = (
        PerjanjianKinerja.objects.filter(position=head, year=year, superseded_by__isnull=True)
        .select_related("first_employee", "second_employee")
        .prefetch_related("items", "budget_lines")
        .order_by("-version")
        .first()
    )
    if pk is None:
        return None
    return {
        "id": pk.pk,
        "title": pk.title,
        "status": pk.status,
        "first": f"{pk.first_prefix} {pk.first_employee.full_name}".strip(),
        "first_title": pk.first_title,
        "second": f"{pk.second_prefix} {pk.second_employee.full_name}".strip(),
        "second_title": pk.second_title,
        "sign_date": pk.sign_date.isoformat() if pk.sign_date else None,
        "items": [
            {"sasaran": i.sasaran, "indicator": i.indicator_name, "target": i.target, "satuan": i.satuan}
            for i in sorted(pk.items.all(), key=lambda i: (i.order, i.pk))
        ],
        "budget": [
            {"label": b.label, "amount": _s(b.amount)} for b in sorted(pk.budget_lines.all(), key=lambda b: b.order)
        ],
    }


def _organisation(opd):
    units = [
        {"name": u.name, "level": u.depth if hasattr(u, "depth") else 0}
        for u in opd.units.filter(parent__isnull=True).order_by("order", "name")
    ]
    return {"name": opd.name, "akronim": opd.akronim, "units": units}


def compute(opd, year, source: Source | None = None) -> dict:
    """Every table of the LKjIP of `opd` for `year` (raises NotLocked)."""
    source = source or locked_source(opd, year)
    period = source.period
    data = D.build(period)
    renstra = planning_selectors.renstra_for(opd, year)
    strategic_lines = [ln for g in data.strategic for ln in g.lines]
    all_lines = data.all_lines
    ids = {ln.row.indicator_id for ln in all_lines}
    end_targets = {}
    if renstra is not None:
        end_targets = {
            t.indicator_id: t
            for t in Target.objects.filter(indicator_id__in=ids, year=renstra.end_year).select_related("indicator")
        }
    history = _history(opd, year, ids)
    bands = F.bands(opd.pk)  # the Pemda's category bands (planning.bands)

    # Budget rows of the period and the sasaran they serve (the node or its parent).
    budget_rows = M.period_budget(period)
    item_codes = {}
    programs_of: dict = {}
    for item in budget_rows:
        b = item["row"]
        k = b.kinerja
        if k is None:
            continue
        item_codes.setdefault(k.pk, b.code)
        entry = {
            "code": b.code,
            "label": b.label,
            "unit": b.submission.unit.name,
            "pagu": _s(b.pagu),
            "realisasi": _s(item["cumulative"]),
            "serapan": _s(E.serapan(b.pagu, item["cumulative"])),
        }
        for node_id in {k.pk, k.parent_id} - {None}:
            programs_of.setdefault(node_id, []).append(entry)

    sasaran = []
    for g in data.strategic:
        sasaran.append(
            {
                "node": g.key,
                "title": g.title,
                "level": g.level,
                "level_label": g.level_label,
                "average": _s(g.average),
                "category": g.category or "",
                "pagu": _s(g.pagu),
                "realisasi": _s(g.realisasi),
                "serapan": _s(g.serapan),
                "efisiensi": g.efisiensi or "",
                "gap": _s(g.gap),
                "programs": programs_of.get(g.key, []),
                "rows": [_row(ln, renstra, end_targets, history, bands) for ln in g.lines],
            }
        )
    budget = [
        {
            "code": b.code,
            "label": b.label,
            "unit": b.unit,
            "pagu": _s(b.pagu),
            "realisasi": _s(b.realisasi),
            "serapan": _s(b.serapan),
            "capaian": _s(b.capaian),
            "efisiensi": b.efisiensi or "",
            "gap": _s(b.gap),
        }
        for b in data.budget
    ]
    s = data.summary
    summary = {
        "indicators": len(strategic_lines),
        "average": _s(s["strategic_average"]),
        "category": s["strategic_category"] or "",
        "categories": [
            (label, sum(1 for ln in strategic_lines if ln.category == label)) for label in F.CATEGORY_CLASSES
        ],
        "pagu": _s(s["pagu"]),
        "realisasi": _s(s["realisasi"]),
        "serapan": _s(s["serapan"]),
        "efisiensi": s["efisiensi"] or "",
        "gap": _s(s["gap"]),
    }
    return {
        "year": year,
        "opd": opd.pk,
        "period": {"id": period.pk, "label": period.tw_label, "triwulan": period.triwulan},
        "renstra": {
            "name": renstra.name if renstra else "",
            "start": renstra.start_year if renstra else None,
            "end": renstra.end_year if renstra else None,
        },
        "organisation": _organisation(opd),
        "sasaran": sasaran,
        "budget": budget,
        "summary": summary,
        "pk": _pk(opd, year),
        "renja": _renja(period, all_lines, end_targets, history, item_codes),
    }


# --- reading the stored data back --------------------------------------------------------------------
NUMERIC = {
    "average",
    "pagu",
    "realisasi",
    "serapan",
    "gap",
    "capaian",
    "target_value",
    "prev_realisasi",
    "prev_capaian",
    "renstra_target_value",
    "renstra_capaian",
    "standard",
    "standard_capaian",
    "amount",
    "realisasi_lalu",
    "realisasi_total",
    "capaian_renstra",
}


def _dec(value):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return value  # a qualitative label


def hydrate(data):
    """A copy of stored data with its numbers as Decimals (qualitative labels stay text)."""
    if isinstance(data, dict):
        return {
            k: (_dec(v) if k in NUMERIC and not isinstance(v, (dict, list)) else hydrate(v)) for k, v in data.items()
        }
    if isinstance(data, list):
        return [hydrate(v) for v in data]
    return data


def bab3_rows(data) -> list[dict]:
    """Every Bab III row as data (the `lkjip_render --format json` output)."""
    out = []
    for s in data.get("sasaran", []):
        for r in s["rows"]:
            out.append(
                {
                    "sasaran": s["title"],
                    "indicator": r["name"],
                    "code": r["code"],
                    "satuan": r["satuan"],
                    "target": r["target_value"],
                    "target_text": r["target"],
                    "realisasi": r["realisasi"],
                    "capaian": r["capaian"],
                    "category": r["category"],
                    "prev_year": r["prev_year"],
                    "prev_realisasi": r["prev_realisasi"],
                    "renstra_year": r["renstra_year"],
                    "renstra_target": r["renstra_target"],
                    "renstra_capaian": r["renstra_capaian"],
                    "standard": r["standard"],
                    "standard_capaian": r["standard_capaian"],
                }
            )
    return out


def prefill_narrative(rows) -> tuple[str, str]:
    """(causes, solutions) of a sasaran from its rows' measurement narratives (faktor pendukung/penghambat,
    kendala → causes; tindak lanjut → solutions), one line per indicator that has one."""
    causes, solutions = [], []
    for r in rows:
        n = r["narrative"]
        parts = []
        if n.get("faktor_pendukung"):
            parts.append(_("Faktor pendukung: %(t)s") % {"t": n["faktor_pendukung"].strip()})
        if n.get("faktor_penghambat"):
            parts.append(_("Faktor penghambat: %(t)s") % {"t": n["faktor_penghambat"].strip()})
        if n.get("kendala"):
            parts.append(_("Kendala: %(t)s") % {"t": n["kendala"].strip()})
        if parts:
            causes.append(f"{r['name']}: " + " ".join(parts))
        if n.get("tindak_lanjut"):
            solutions.append(f"{r['name']}: {n['tindak_lanjut'].strip()}")
    return "\n".join(causes), "\n".join(solutions)
