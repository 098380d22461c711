"""Reads of the public portal: only what an OPD published, and nothing personal.

What the portal shows of a publication is chosen here field by field (never a whole model): no NIP, no
names of staff, no drafts, no unpublished document. Capaian per IKU comes from the published LKjIPs — the
figures the OPD reported and signed (sakip.reporting.lkjip, computed by the capaian engine from the locked
measurement); the LKE predikat only from final evaluations (sakip.evaluation.scoring)."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db.models import Prefetch

from sakip.documents import signing
from sakip.evaluation import selectors as EV
from sakip.evaluation.models import Evaluation, SubComponentAnswer
from sakip.organization.models import OPD, Pemda
from sakip.planning.models import Indicator, Target
from sakip.reporting import lkjip as L
from sakip.reporting.models import Lkjip

from .models import Publication


def published():
    return Publication.objects.filter(published_at__isnull=False)


def pemdas():
    ids = published().values_list("opd__pemda_id", flat=True).distinct()
    return list(Pemda.objects.filter(pk__in=ids).order_by("kind", "name"))


def lke_predikat(opds) -> dict:
    """{opd id: [{"year", "total", "predikat"}]} of the final evaluations, newest first."""
    evals = (
        Evaluation.objects.filter(opd__in=opds, state__in=Evaluation.CLOSED_STATES)
        .select_related("template")
        .prefetch_related(Prefetch("sub_answers", queryset=SubComponentAnswer.objects.select_related("subcomponent")))
        .order_by("-year")
    )
    out = defaultdict(list)
    for ev in evals:
        score = EV.score_of(ev, ev.sub_answers.all())
        out[ev.opd_id].append({"year": ev.year, "total": score.total, "predikat": score.predikat})
    return out


def pemda_page(pemda) -> dict:
    opds = list(OPD.objects.filter(pemda=pemda).order_by("name"))
    counts = defaultdict(int)
    last = {}
    for opd_id, when in published().filter(opd__pemda=pemda).values_list("opd_id", "published_at"):
        counts[opd_id] += 1
        last[opd_id] = max(last.get(opd_id, when), when)
    lke = lke_predikat(opds)
    rows = [
        {"opd": o, "published": counts[o.pk], "last": last.get(o.pk), "lke": (lke.get(o.pk) or [None])[0]}
        for o in opds
        if counts[o.pk] or lke.get(o.pk)
    ]
    return {"pemda": pemda, "rows": rows}


def _iku_rows_of_lkjip(data):
    for s in data.get("sasaran", []):
        for r in s.get("rows", []):
            if r.get("is_iku"):
                yield r


def figures(opds) -> list[dict]:
    """The published figures: per OPD, year and IKU, target, realisasi and capaian from the published LKjIPs."""
    pubs = {
        p.document_id: p
        for p in published().filter(opd__in=opds, kind=Publication.Kind.LKJIP).select_related("opd", "document")
    }
    out = []
    for lk in (
        Lkjip.objects.filter(document_id__in=list(pubs)).select_related("current", "opd").order_by("opd__name", "year")
    ):
        if lk.current is None:
            continue
        data = L.hydrate(lk.current.data or {})
        for r in _iku_rows_of_lkjip(data):
            out.append(
                {
                    "opd": lk.opd.akronim,
                    "opd_name": lk.opd.name,
                    "year": lk.year,
                    "code": r.get("code") or "",
                    "indicator": r.get("name") or "",
                    "satuan": r.get("satuan") or "",
                    "precision": r.get("precision", 2),
                    "target": r.get("target_value") if r.get("target_value") is not None else r.get("target"),
                    "realisasi": r.get("realisasi") if r.get("realisasi") is not None else r.get("realisasi_text"),
                    "capaian": r.get("capaian"),
                    "category": r.get("category") or "",
                    "published_at": pubs[lk.document_id].published_at,
                }
            )
    return out


def opd_page(opd) -> dict:
    pubs = list(
        published()
        .filter(opd=opd)
        .select_related("document", "document__doc_type", "renstra", "perjanjian")
        .prefetch_related("perjanjian__items")
        .order_by("-year", "kind")
    )
    renstras = []
    for p in pubs:
        if p.kind != Publication.Kind.RENSTRA:
            continue
        renstra = p.renstra
        years = renstra.years
        ikus = list(
            Indicator.objects.filter(node__renstra=renstra, is_iku=True)
            .select_related("node")
            .prefetch_related(Prefetch("targets", queryset=Target.objects.order_by("year")))
            .order_by("code", "pk")
        )
        renstras.append(
            {
                "publication": p,
                "renstra": renstra,
                "years": years,
                "ikus": [
                    {
                        "code": i.code,
                        "name": i.name,
                        "satuan": i.satuan,
                        "sasaran": i.node.statement,
                        "targets": [next((t.display for t in i.targets.all() if t.year == y), "") for y in years],
                    }
                    for i in ikus
                ],
            }
        )
    pks = [
        {
            "publication": p,
            "year": p.perjanjian.year,
            "title": p.perjanjian.title,
            "sign_date": p.perjanjian.sign_date,
            "first_title": p.perjanjian.first_title,
            "second_title": p.perjanjian.second_title,
            "items": sorted(p.perjanjian.items.all(), key=lambda i: (i.order, i.pk)),
        }
        for p in pubs
        if p.kind == Publication.Kind.PK
    ]
    documents = [
        {
            "publication": p,
            "document": p.document,
            "verify_url": settings.SITE_URL + p.document.verification_url,
            "qr": signing.qr_data_uri(settings.SITE_URL + p.document.verification_url),
        }
        for p in pubs
        if p.document_id
    ]
    figs = figures([opd])
    by_indicator: dict = {}
    years = sorted({f["year"] for f in figs})
    for f in figs:
        key = (f["code"], f["indicator"])
        entry = by_indicator.setdefault(
            key,
            {
                "code": f["code"],
                "indicator": f["indicator"],
                "satuan": f["satuan"],
                "precision": f["precision"],
                "years": {},
            },
        )
        entry["years"][f["year"]] = f
    capaian = [{**e, "cells": [e["years"].get(y) for y in years]} for e in by_indicator.values()]
    chart = {
        "years": [str(y) for y in years],
        "series": [
            {
                "name": f"{e['code']} {e['indicator']}".strip()[:60],
                "data": [float(c["capaian"]) if c and c["capaian"] is not None else None for c in e["cells"]],
            }
            for e in capaian
        ],
    }
    return {
        "opd": opd,
        "renstras": renstras,
        "pks": pks,
        "documents": documents,
        "capaian": capaian,
        "capaian_years": years,
        "chart": chart,
        "lke": lke_predikat([opd]).get(opd.pk, []),
        "has_any": bool(pubs),
    }
