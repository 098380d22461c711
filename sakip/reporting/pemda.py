"""The Pemda-wide dashboard (issue 17 item 4): every OPD of a Pemda on one row — IKU capaian of the
year and the year before, the Kepala's Perjanjian Kinerja, the quarterly measurement, the LKjIP, the
LKE score and predikat with the change from last year, open and overdue recommendations.

Every figure comes from the mechanism that owns it: IKU capaian from the locked annual (else TW IV)
measurement through the figures engine (`sakip.measurement.figures` → `sakip.planning.capaian`,
averaged with the engine's cap, as the LKjIP does, docs/capaian.md), the LKE from
`sakip.evaluation.selectors.recap` (docs/scoring.md). A constant number of queries whatever the
number of OPDs: each source is read once for all OPDs and grouped in Python.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import rules
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.core import permissions as P
from sakip.core import roles as R
from sakip.measurement import figures as F
from sakip.measurement import selectors as M
from sakip.measurement.models import Period, Realisasi, UnitSubmission
from sakip.organization.models import OPD, Pemda
from sakip.planning import bands as B
from sakip.planning.models import PerjanjianKinerja

from .models import Lkjip

# Sortable columns: key → function of a row giving a comparable value (None sorts last).
SORT_KEYS = {
    "opd": lambda r: r["opd"].name.lower(),
    "iku": lambda r: r["iku"]["percent"],
    "iku_prev": lambda r: r["iku_prev"]["percent"],
    "iku_change": lambda r: r["iku_change"],
    "pk": lambda r: r["pk"].sign_date if r["pk"] and r["pk"].sign_date else None,
    "tw": lambda r: r["quarters_done"],
    "lkjip": lambda r: r["lkjip_date"],
    "lke": lambda r: r["lke"]["score"].total if r["lke"] and r["lke"]["score"] else None,
    "lke_change": lambda r: r["lke"]["change"] if r["lke"] else None,
    "open": lambda r: r["open"],
    "overdue": lambda r: r["overdue"],
}


def can_view(user) -> bool:
    """The Pemda's leadership and overseers (Bupati, Sekda as Pemda Viewer; the Inspektorat), its planners
    (Perencana Pemda, Bappeda) and the administrator. An OPD's own users (even its Kepala) do not see the other
    OPDs."""
    return P.is_admin(user) or bool(
        getattr(user, "is_authenticated", False) and user.role_names & (R.PEMDA_READERS | R.PEMDA_PLANNERS)
    )


def dashboard_opd_ids(user):
    """OPD ids whose figures the dashboard shows (None = all): a Pemda planner sees the figures of every OPD of
    its Pemda (docs/rules.md §10) — not their internal pages, whose links `readable` guards."""
    if not P.is_admin(user) and user.role_names & R.PEMDA_PLANNERS and user.pemda_id:
        return list(OPD.objects.filter(pemda_id=user.pemda_id).values_list("pk", flat=True))
    return P.readable_opd_ids(user)


rules.add_perm("sakip.view_pemda_dashboard", rules.predicate(can_view))


def pemda_of(user):
    return user.pemda or Pemda.objects.order_by("pk").first()


def years(pemda) -> list[int]:
    """Years that have a measurement, a PK or an evaluation in the Pemda, newest first."""
    from sakip.evaluation.models import Evaluation  # evaluation builds on reporting: imported here, not above

    found = set(Period.objects.filter(opd__pemda=pemda).values_list("year", flat=True).distinct())
    found |= set(Evaluation.objects.filter(opd__pemda=pemda).values_list("year", flat=True).distinct())
    return sorted(found, reverse=True)


def default_year(pemda) -> int:
    """The latest year with a locked annual (or TW IV) measurement, else the latest year with data, else today's."""
    locked = (
        Period.objects.filter(opd__pemda=pemda, triwulan__in=(0, 4))
        .exclude(status=Period.Status.DIBATALKAN)
        .exclude(submissions__state__in=[s for s in UnitSubmission.State.values if s != UnitSubmission.State.DIKUNCI])
        .filter(submissions__isnull=False)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    if locked:
        return locked
    found = years(pemda)
    return found[0] if found else timezone.localdate().year


def locked_periods(opds, year_list) -> dict:
    """{(opd id, year): Period}: the locked annual (else TW IV) measurement of each OPD and year, one query."""
    periods = list(
        Period.objects.filter(opd__in=opds, year__in=year_list, triwulan__in=(0, 4))
        .exclude(status=Period.Status.DIBATALKAN)
        .annotate(
            n_subs=Count("submissions"),
            n_locked=Count("submissions", filter=Q(submissions__state=UnitSubmission.State.DIKUNCI)),
        )
    )
    chosen = {}
    for p in sorted(periods, key=lambda p: p.triwulan, reverse=True):  # the annual one (0) wins over TW IV
        if p.n_subs and p.n_subs == p.n_locked:
            chosen[(p.opd_id, p.year)] = p
    return chosen


def _iku(opds, year_list, *, with_rows=False):
    """{(opd id, year): {"percent", "category", "n", "period"}} from the locked annual/TW IV measurements
    (with_rows: also "rows", [(Realisasi, Figure)] of the IKU)."""
    chosen = locked_periods(opds, year_list)
    rows = list(
        Realisasi.objects.filter(submission__period__in=list(chosen.values()), indicator__is_iku=True).select_related(
            "submission", "submission__period"
        )
    )
    B.prime([o.pk for o in opds])
    figs = M.figures_for_any_rows(rows)
    by_key = defaultdict(list)
    for r in sorted(rows, key=lambda r: (r.submission.order, r.order, r.pk)):
        by_key[(r.submission.period.opd_id, r.submission.period.year)].append((r, figs[r.pk]))
    out = {}
    for key, period in chosen.items():
        figures = [f for _r, f in by_key.get(key, [])]
        percent, category = F.average(figures) if figures else (None, None)
        out[key] = {
            "percent": percent,
            "category": category,
            "css": F.category_class(category),
            "n": len(figures),
            "period": period,
        }
        if with_rows:
            out[key]["rows"] = by_key.get(key, [])
    return out


def _pks(opds, year):
    """{opd id: the Kepala's current PK of the year} (the latest version, not superseded)."""
    out = {}
    for pk in PerjanjianKinerja.objects.filter(
        opd__in=opds, year=year, position__is_opd_head=True, superseded_by__isnull=True
    ).order_by("version"):
        out[pk.opd_id] = pk
    return out


def _quarters(opds, year):
    """{opd id: {triwulan: period}} of the year's quarterly measurements (not cancelled)."""
    out = defaultdict(dict)
    for p in Period.objects.filter(opd__in=opds, year=year, triwulan__gte=1).exclude(status=Period.Status.DIBATALKAN):
        current = out[p.opd_id].get(p.triwulan)
        if current is None or p.status == Period.Status.SELESAI:
            out[p.opd_id][p.triwulan] = p
    return out


def _lkjips(opds, year):
    return {lk.opd_id: lk for lk in Lkjip.objects.filter(opd__in=opds, year=year).select_related("document", "current")}


def _lkjip_date(lk):
    if lk is None:
        return None
    return lk.document.date if lk.document_id else None


def _recommendations(opds, today):
    from sakip.evaluation.models import (  # evaluation builds on reporting: imported here, not above
        Evaluation,
        Recommendation,
    )

    qs = (
        Recommendation.objects.filter(
            finding__evaluation__opd__in=opds,
            state__in=Recommendation.OPEN_STATES,
            finding__evaluation__state__in=Evaluation.CLOSED_STATES,
        )
        .values("finding__evaluation__opd")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(due_date__lt=today)))
    )
    return {row["finding__evaluation__opd"]: (row["n"], row["late"]) for row in qs}


def overview(user, pemda, year, *, sort="opd", descending=False, today=None) -> dict:
    """The dashboard's rows, totals and chart data for the user's readable OPDs of the Pemda."""
    from sakip.evaluation import selectors as EV  # evaluation builds on reporting: imported here, not above

    today = today or timezone.localdate()
    ids = dashboard_opd_ids(user)
    readable = P.readable_opd_ids(user)
    qs = OPD.objects.filter(pemda=pemda).exclude(kind=OPD.Kind.INSPEKTORAT).order_by("name")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    opds = list(qs)
    iku = _iku(opds, [year, year - 1])
    pks = _pks(opds, year)
    quarters = _quarters(opds, year)
    lkjips = _lkjips(opds, year)
    recs = _recommendations(opds, today)
    lke = {r["opd"].pk: r for r in EV.recap(user, pemda, year)["rows"]}
    empty = {"percent": None, "category": None, "css": "", "n": 0, "period": None}
    rows = []
    for opd in opds:
        now_iku = iku.get((opd.pk, year), empty)
        prev_iku = iku.get((opd.pk, year - 1), empty)
        change = (
            now_iku["percent"] - prev_iku["percent"]
            if now_iku["percent"] is not None and prev_iku["percent"] is not None
            else None
        )
        tw = quarters.get(opd.pk, {})
        tw_cells = []
        for q in (1, 2, 3, 4):
            p = tw.get(q)
            state = "none" if p is None else ("done" if p.status == Period.Status.SELESAI else "running")
            tw_cells.append({"q": q, "period": p, "state": state})
        lk = lkjips.get(opd.pk)
        n_open, n_late = recs.get(opd.pk, (0, 0))
        rows.append(
            {
                "opd": opd,
                "readable": readable is None or opd.pk in readable,
                "iku": now_iku,
                "iku_prev": prev_iku,
                "iku_change": change,
                "pk": pks.get(opd.pk),
                "quarters": tw_cells,
                "quarters_done": sum(1 for c in tw_cells if c["state"] == "done"),
                "lkjip": lk,
                "lkjip_date": _lkjip_date(lk),
                "lke": lke.get(opd.pk),
                "open": n_open,
                "overdue": n_late,
            }
        )
    key = SORT_KEYS.get(sort, SORT_KEYS["opd"])
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    present.sort(key=key, reverse=descending)
    rows = present + missing
    percents = [r["iku"]["percent"] for r in rows if r["iku"]["percent"] is not None]
    totals = {
        "opds": len(rows),
        "iku_average": (sum(percents, Decimal(0)) / len(percents)).quantize(Decimal("0.01")) if percents else None,
        "pk_signed": sum(1 for r in rows if r["pk"] and r["pk"].status == PerjanjianKinerja.Status.DITANDATANGANI),
        "lkjip_done": sum(
            1 for r in rows if r["lkjip"] and r["lkjip"].status in (Lkjip.Status.DITANDATANGANI, Lkjip.Status.DIUNGGAH)
        ),
        "open": sum(r["open"] for r in rows),
        "overdue": sum(r["overdue"] for r in rows),
    }
    chart = {
        "opds": [r["opd"].akronim for r in rows],
        "iku": [float(r["iku"]["percent"]) if r["iku"]["percent"] is not None else None for r in rows],
        "iku_prev": [float(r["iku_prev"]["percent"]) if r["iku_prev"]["percent"] is not None else None for r in rows],
        "lke": [float(r["lke"]["score"].total) if r["lke"] and r["lke"]["score"] else None for r in rows],
    }
    return {"rows": rows, "totals": totals, "chart": chart, "year": year, "pemda": pemda}


def excel_table(data):
    """(headers, rows) of the dashboard for core.excel (user text neutralised there)."""
    year = data["year"]
    headers = [
        _("OPD"),
        _("Capaian IKU %(y)s (%%)") % {"y": year},
        _("Kategori"),
        _("Capaian IKU %(y)s (%%)") % {"y": year - 1},
        _("Perubahan (poin)"),
        _("PK ditandatangani"),
        "TW I",
        "TW II",
        "TW III",
        "TW IV",
        _("Status LKjIP"),
        _("Tanggal LKjIP"),
        _("Nilai LKE"),
        _("Predikat"),
        _("Perubahan nilai LKE"),
        _("Rekomendasi terbuka"),
        _("Lewat batas waktu"),
    ]
    labels = {"done": _("selesai"), "running": _("berjalan"), "none": "–"}
    out = []
    for r in data["rows"]:
        lke = r["lke"]
        score = lke["score"] if lke else None
        out.append(
            [
                r["opd"].name,
                r["iku"]["percent"],
                r["iku"]["category"] or "",
                r["iku_prev"]["percent"],
                r["iku_change"],
                r["pk"].sign_date if r["pk"] and r["pk"].status == PerjanjianKinerja.Status.DITANDATANGANI else None,
                *[labels[c["state"]] for c in r["quarters"]],
                r["lkjip"].get_status_display() if r["lkjip"] else _("belum ada"),
                r["lkjip_date"],
                score.total if score else None,
                score.predikat if score else "",
                lke["change"] if lke else None,
                r["open"],
                r["overdue"],
            ]
        )
    return headers, out


def opd_detail(user, opd, year) -> dict:
    """One OPD of the dashboard: its IKU (capaian of the year and the year before, per indicator), its
    measurements of the year, PK, LKjIP, evaluation and open recommendations, each with its own page."""
    from sakip.evaluation.models import Evaluation  # evaluation builds on reporting: imported here, not above

    iku = _iku([opd], [year, year - 1], with_rows=True)
    now = iku.get((opd.pk, year))
    prev = iku.get((opd.pk, year - 1))
    prev_by_indicator = {r.indicator_id: f for r, f in (prev or {}).get("rows", [])}
    indicators = []
    for r, f in (now or {}).get("rows", []):
        indicators.append({"row": r, "figure": f, "previous": prev_by_indicator.pop(r.indicator_id, None)})
    for r, f in (prev or {}).get("rows", []):  # IKU measured last year only
        if r.indicator_id in prev_by_indicator:
            indicators.append({"row": r, "figure": None, "previous": f})
    periods = list(
        Period.objects.filter(opd=opd, year=year).exclude(status=Period.Status.DIBATALKAN).order_by("triwulan")
    )
    evaluation = Evaluation.objects.filter(opd=opd, year=year).select_related("template").first()
    today = timezone.localdate()
    n_open, n_late = _recommendations([opd], today).get(opd.pk, (0, 0))
    return {
        "iku_now": now,
        "iku_prev": prev,
        "indicators": indicators,
        "periods": periods,
        "pk": _pks([opd], year).get(opd.pk),
        "lkjip": _lkjips([opd], year).get(opd.pk),
        "evaluation": evaluation,
        "open": n_open,
        "overdue": n_late,
    }
