"""The LKjIP of the Pemda (issue 14 item 4; docs/rules.md §10): the Kabupaten's report of year N to MenPAN-RB,
in the structure of PermenPAN-RB 53/2014 Lampiran II (Ikhtisar Eksekutif, Bab I–IV, Lampiran), for the RPJMD
tujuan → sasaran → IKU Pemda.

Every figure is computed, never typed:
- the IKU Pemda's own capaian: its official realisasi of N (`PemdaTarget.realisasi`) against the target of the
  PK Bupati (`PemdaTarget.value`), through the capaian engine (`sakip.planning.capaian.capaian`, its polarity);
- the consolidation of the OPDs: for each OPD IKU feeding the IKU Pemda (`Indicator.iku_pemda`), its figure in
  the OPD's locked Tahunan (else TW IV) measurement of N through the figures engine
  (`sakip.measurement.figures`, the OPD's own rules), averaged with the engine's cap (`F.average`, as the
  Dasbor Pemda and the OPD LKjIP do); an OPD without a locked measurement is named, not guessed;
- N−1 beside N (the official realisasi and the consolidated capaian of N−1).

`compute(pemda, year)` returns JSON-serialisable data (Decimals as strings), stored on the PemdaLkjip at
compilation; `lkjip.hydrate` reads it back.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sakip.measurement import figures as F
from sakip.measurement import selectors as M
from sakip.measurement.models import Realisasi
from sakip.organization.models import OPD, Position
from sakip.planning import bands as B
from sakip.planning import capaian as engine
from sakip.planning.models import Indicator, PemdaIku, Rpjmd, RpjmdGoal

from . import lkjip as L
from . import pemda as PD


def bupati_position(pemda) -> Position:
    pos = Position.objects.filter(pemda=pemda, kind=Position.Kind.KEPALA_DAERAH).order_by("pk").first()
    if pos is None:
        raise ValidationError(_("Jabatan Kepala Daerah %(p)s belum terdaftar.") % {"p": pemda.short_name})
    return pos


class NoRpjmd(Exception):
    """No RPJMD of the Pemda covers the year."""


def rpjmd_for(pemda, year) -> Rpjmd | None:
    return Rpjmd.objects.filter(pemda=pemda, start_year__lte=year, end_year__gte=year).order_by("-start_year").first()


def _s(value):
    return None if value is None else str(value)


def _feeders(opds, ikus, year_list):
    """{(iku id, year): [(indicator, Realisasi row, Figure)]} and {(opd id, year): period} of the locked
    annual/TW IV measurements — every source read once (constant queries)."""
    chosen = PD.locked_periods(opds, year_list)
    indicators = list(
        Indicator.objects.filter(iku_pemda__in=ikus).select_related("opd", "node").order_by("opd__name", "order", "pk")
    )
    rows = list(
        Realisasi.objects.filter(submission__period__in=list(chosen.values()), indicator__in=indicators).select_related(
            "submission", "submission__period"
        )
    )
    B.prime([o.pk for o in opds])
    figs = M.figures_for_any_rows(rows)
    row_of = {(r.indicator_id, r.submission.period.year): r for r in rows}
    out = defaultdict(list)
    for ind in indicators:
        for y in year_list:
            r = row_of.get((ind.pk, y))
            out[(ind.iku_pemda_id, y)].append((ind, r, figs.get(r.pk) if r else None))
    return out, chosen, indicators


def _own(iku, target, year, bands):
    """The IKU Pemda's own capaian of `year`: official realisasi against the PK Bupati's target."""
    if target is None or target.value is None:
        return {"status": "no_target", "explanation": _("Tidak ada target %(y)s.") % {"y": year}}
    if target.realisasi is None:
        return {
            "status": "no_realisasi",
            "explanation": _("Angka resmi %(y)s belum dicatat.") % {"y": year},
        }
    c = engine.capaian(target.value, target.realisasi, iku.polarity, allow_negative=True, bands=bands)
    return {"status": c.status, "percent": _s(c.percent), "category": c.category or "", "explanation": c.explanation}


def compute(pemda, year) -> dict:
    rpjmd = rpjmd_for(pemda, year)
    if rpjmd is None:
        raise NoRpjmd(
            _("Belum ada RPJMD %(pemda)s yang mencakup tahun %(y)s: LKjIP Pemda disusun dari RPJMD.")
            % {"pemda": pemda.short_name, "y": year}
        )
    goals = list(RpjmdGoal.objects.filter(rpjmd=rpjmd).order_by("code"))
    ikus = list(PemdaIku.objects.filter(goal__rpjmd=rpjmd).prefetch_related("targets").order_by("order", "code", "pk"))
    opds = list(OPD.objects.filter(pemda=pemda).exclude(kind=OPD.Kind.INSPEKTORAT).order_by("name"))
    years = [year, year - 1]
    feeders, chosen, _indicators = _feeders(opds, ikus, years)
    bands = F.bands(opds[0].pk) if opds else None
    ikus_of = defaultdict(list)
    for iku in ikus:
        ikus_of[iku.goal_id].append(iku)

    def iku_row(iku):
        targets = {t.year: t for t in iku.targets.all()}
        t_now, t_prev = targets.get(year), targets.get(year - 1)
        consolidated = {}
        for y in years:
            items = feeders.get((iku.pk, y), [])
            figures = [f for _i, _r, f in items if f is not None and f.percent is not None]
            percent, category = F.average(figures) if figures else (None, None)
            consolidated[y] = {
                "percent": _s(percent),
                "category": category or "",
                "n": len(figures),
                "items": [
                    {
                        "opd": ind.opd.akronim,
                        "opd_name": ind.opd.name,
                        "indicator": ind.pk,
                        "code": ind.code,
                        "name": ind.name,
                        "satuan": ind.satuan,
                        "precision": ind.precision,
                        "target_value": _s(f.target_period) if f and not isinstance(f.target_period, str) else None,
                        "realisasi": _s(f.cumulative) if f and not isinstance(f.cumulative, str) else None,
                        "capaian": _s(f.percent) if f else None,
                        "category": (f.category or "") if f else "",
                        "explanation": f.explanation if f else "",
                        "missing": (
                            ""
                            if r is not None
                            else (
                                _("Pengukuran Tahunan/TW IV %(y)s %(opd)s belum dikunci.")
                                % {"y": y, "opd": ind.opd.akronim}
                                if (ind.opd_id, y) not in chosen
                                else _("Indikator ini tidak diukur pada pengukuran %(y)s.") % {"y": y}
                            )
                        ),
                    }
                    for ind, r, f in items
                ],
            }
        now = consolidated[year]
        explanation = (
            _(
                "Rata-rata capaian %(n)s IKU OPD pendukung pada pengukuran %(y)s yang dikunci "
                "(setiap capaian dibatasi %(cap)s%%, aturan mesin capaian): %(p)s%%."
            )
            % {
                "n": now["n"],
                "y": year,
                "cap": engine.fmt_number(F.average_cap()),
                "p": engine.fmt_number(Decimal(now["percent"])),
            }
            if now["percent"] is not None
            else _("Belum ada IKU OPD pendukung dengan capaian %(y)s.") % {"y": year}
        )
        return {
            "id": iku.pk,
            "code": iku.code,
            "name": iku.name,
            "satuan": iku.satuan,
            "polarity": iku.polarity,
            "baseline": _s(iku.baseline),
            "target": _s(t_now.value) if t_now else None,
            "realisasi": _s(t_now.realisasi) if t_now else None,
            "own": _own(iku, t_now, year, bands),
            "prev_target": _s(t_prev.value) if t_prev else None,
            "prev_realisasi": _s(t_prev.realisasi) if t_prev else None,
            "prev_own": _own(iku, t_prev, year - 1, bands),
            "end_target": _s(targets[rpjmd.end_year].value) if rpjmd.end_year in targets else None,
            "consolidated": now,
            "consolidated_prev": consolidated[year - 1],
            "explanation": explanation,
        }

    tujuan = []
    for t in [g for g in goals if g.kind == RpjmdGoal.Kind.TUJUAN]:
        sasaran = []
        for s in [g for g in goals if g.parent_id == t.pk]:
            sasaran.append({"code": s.code, "statement": s.statement, "ikus": [iku_row(i) for i in ikus_of[s.pk]]})
        tujuan.append({"code": t.code, "statement": t.statement, "sasaran": sasaran})
    rows = [i for t in tujuan for s in t["sasaran"] for i in s["ikus"]]
    own = [i["own"]["percent"] for i in rows if i["own"].get("percent") is not None]
    cons = [i["consolidated"]["percent"] for i in rows if i["consolidated"]["percent"] is not None]
    own_avg = engine.average_capaian([Decimal(p) for p in own], cap=F.average_cap()) if own else None
    cons_avg = engine.average_capaian([Decimal(p) for p in cons], cap=F.average_cap()) if cons else None
    return {
        "year": year,
        "pemda": pemda.pk,
        "rpjmd": {"id": rpjmd.pk, "name": rpjmd.name, "start": rpjmd.start_year, "end": rpjmd.end_year},
        "tujuan": tujuan,
        "opds": [
            {
                "akronim": o.akronim,
                "name": o.name,
                "locked": (o.pk, year) in chosen,
                "period": chosen[(o.pk, year)].tw_label if (o.pk, year) in chosen else "",
            }
            for o in opds
        ],
        "summary": {
            "ikus": len(rows),
            "own_average": _s(own_avg),
            "own_category": (engine.category_for(own_avg, bands) or "") if own_avg is not None else "",
            "consolidated_average": _s(cons_avg),
            "consolidated_category": (engine.category_for(cons_avg, bands) or "") if cons_avg is not None else "",
        },
    }


NUMERIC = {
    "target",
    "realisasi",
    "percent",
    "capaian",
    "target_value",
    "prev_target",
    "prev_realisasi",
    "end_target",
    "baseline",
    "own_average",
    "consolidated_average",
}


def hydrate(data):
    """A copy of stored data with its numbers as Decimals (as `lkjip.hydrate`, with this report's keys)."""
    if isinstance(data, dict):
        return {
            k: (L._dec(v) if k in NUMERIC and not isinstance(v, (dict, list)) else hydrate(v)) for k, v in data.items()
        }
    if isinstance(data, list):
        return [hydrate(v) for v in data]
    return data


def bab3_rows(data) -> list[dict]:
    """Every Bab III row of the Pemda LKjIP as data."""
    out = []
    for t in data.get("tujuan", []):
        for s in t["sasaran"]:
            for i in s["ikus"]:
                out.append(
                    {
                        "sasaran": f"{s['code']} {s['statement']}",
                        "code": i["code"],
                        "indicator": i["name"],
                        "satuan": i["satuan"],
                        "target": i["target"],
                        "realisasi": i["realisasi"],
                        "capaian": i["own"].get("percent"),
                        "consolidated": i["consolidated"]["percent"],
                        "feeders": [(x["opd"], x["name"], x["capaian"]) for x in i["consolidated"]["items"]],
                    }
                )
    return out
