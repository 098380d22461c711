"""Efficiency in the Dokumen Pengukuran Kinerja, like with like (docs/rules.md §1): TW I–III against
the anggaran kas s.d. the quarter, the year against the pagu; programmes, sasaran and the summary."""

from decimal import Decimal

import pytest

from sakip.measurement import selectors as M
from sakip.measurement.models import Period
from sakip.measurement.step_actions import _draft_summary
from sakip.planning.models import Pagu
from sakip.reporting import dpk
from sakip.reporting import efficiency as E

pytestmark = pytest.mark.django_db


def _period(demo, tw):
    return Period.objects.exclude(status=Period.Status.DIBATALKAN).get(opd=demo["dinas"], year=2022, triwulan=tw)


def _clear_kas(period):
    Pagu.objects.filter(year=period.year, item__opd=period.opd).update(
        kas_tw1=None, kas_tw2=None, kas_tw3=None, kas_tw4=None
    )


def _set_kas(period, shares=("0.15", "0.25", "0.30", "0.30")):
    """Anggaran kas per quarter as shares of the pagu (the last one takes the rounding)."""
    for p in Pagu.objects.filter(year=period.year, item__opd=period.opd):
        q = [(p.amount * Decimal(s)).quantize(Decimal(1)) for s in shares[:3]]
        p.kas_tw1, p.kas_tw2, p.kas_tw3 = q
        p.kas_tw4 = p.amount - sum(q)
        p.save()


def test_tw_i_without_anggaran_kas_is_not_yet_assessable(demo):
    period = _period(demo, 1)
    _clear_kas(period)
    data = dpk.build(period)
    assert data.budget
    for b in data.budget:
        assert b.kas is None
        assert b.assessment.status == E.BELUM and b.efisiensi is None
        assert b.assessment.text == "Belum dapat dinilai"
        assert "anggaran kas (rencana penarikan dana) per triwulan belum dicatat" in b.assessment.reason
    summary = data.summary
    assert summary["assessment"].status == E.BELUM and summary["efisiensi"] is None
    # The OPD sentence no longer calls a quarter "Efisien" against a share of the annual pagu.
    line = _draft_summary(period)
    assert "Efisien" not in line and "efisiensi: belum dapat dinilai" in line
    assert "dari pagu" in line


def test_tw_i_with_anggaran_kas_compares_with_the_plan_up_to_the_quarter(demo):
    period = _period(demo, 1)
    _set_kas(period)
    data = dpk.build(period)
    budget = {item["row"].pk: item for item in M.period_budget(period)}
    assert data.budget
    for b, item in zip(data.budget, budget.values(), strict=True):
        plan = Pagu.objects.get(item=item["row"].item, year=period.year)
        assert b.kas == plan.kas_tw1
        assert b.assessment.basis == plan.kas_tw1
        if b.realisasi:
            assert b.assessment.serapan == (b.realisasi / plan.kas_tw1 * 100).quantize(Decimal("0.01"))
            expected, _gap = E.efisiensi(b.capaian, b.assessment.serapan, dpk.threshold())
            assert b.efisiensi == expected
        # The absorption of the annual pagu is still printed, for information.
        assert b.serapan == E.serapan(b.pagu, b.realisasi)
    total_kas = sum(Pagu.objects.get(item=i["row"].item, year=period.year).kas_tw1 for i in budget.values())
    assert data.summary["kas"] == total_kas
    assert data.summary["assessment"].basis == total_kas


def _patched_budget(monkeypatch, change):
    """The period's budget rows as the selector reads them, changed in memory (signed rows are locked)."""
    real = M.period_budget

    def wrapped(period):
        items = real(period)
        change(items)
        return items

    monkeypatch.setattr(dpk.M, "period_budget", wrapped)


def test_tw_iv_is_judged_against_the_pagu_and_a_zero_realisasi_is_not_efficient(demo, monkeypatch):
    period = _period(demo, 4)

    def zero_first(items):
        items[0]["cumulative"] = Decimal(0)

    _patched_budget(monkeypatch, zero_first)
    data = dpk.build(period)
    zero = data.budget[0]
    assert zero.realisasi == 0 and zero.serapan == Decimal("0.00")
    assert zero.efisiensi is None and zero.assessment.status == E.TIDAK_DAPAT
    assert zero.assessment.reason == "tidak dapat dinilai: belum ada realisasi anggaran"
    judged = [b for b in data.budget if b.realisasi]
    assert judged
    for b in judged:
        assert b.assessment.basis == b.pagu and b.assessment.basis_label == "pagu"
        assert b.efisiensi == E.efisiensi(b.capaian, b.serapan, dpk.threshold())[0]


def test_efficiency_per_sasaran_rolls_up_the_programmes_that_support_it(demo, monkeypatch):
    from sakip.planning.models import Kinerja

    period = _period(demo, 4)
    before = dpk.build(period)
    program_groups = {g.unit: g for g in before.programs}

    def link(items):
        # Each programme serves the first sasaran program of its unit (as the Renstra would say).
        for item in items:
            group = program_groups.get(item["row"].submission.unit.name)
            item["row"].kinerja = Kinerja.objects.get(pk=group.key) if group else None

    _patched_budget(monkeypatch, link)
    data = dpk.build(period)
    with_budget = [g for g in data.strategic + data.programs if g.pagu]
    assert any(g.level == 1 for g in with_budget), "a sasaran strategis has programmes"
    assert any(g.level == 2 for g in with_budget)
    for g in with_budget:
        assert g.programs
        assert g.pagu == sum(b.pagu for b in g.programs)
        assert g.realisasi == sum(b.realisasi for b in g.programs if b.realisasi is not None)
        assert g.assessment is not None and g.assessment.basis == g.pagu
        assert g.efisiensi == E.efisiensi(g.average, E.serapan(g.pagu, g.realisasi), dpk.threshold())[0]
    # A sasaran strategis carries the budget of every programme under its sasaran program.
    for g in (g for g in with_budget if g.level == 1):
        children = [c for c in with_budget if c.level == 2 and Kinerja.objects.get(pk=c.key).parent_id == g.key]
        assert {id(b) for c in children for b in c.programs} <= {id(b) for b in g.programs}


def test_the_printed_dpk_shows_the_basis_and_the_reason(demo):
    from django.template.loader import render_to_string

    period = _period(demo, 1)
    _clear_kas(period)
    data = dpk.build(period)
    html = render_to_string(
        "reporting/print/dpk.html", {"dpk": data, "period": period, "opd": period.opd, "title": "DPK"}
    )
    assert "Anggaran kas s.d. " in html and "Serapan dari anggaran kas (%)" in html
    assert "Belum dapat dinilai" in html and "belum dicatat" in html
    assert "— Efisien" not in html


def test_the_docx_shows_the_efficiency_verdict_and_reason(demo):
    from io import BytesIO

    from docx import Document

    from sakip.reporting import docx_dpk

    period = _period(demo, 1)
    _set_kas(period)
    data = dpk.build(period)
    document = Document(BytesIO(docx_dpk.build({"dpk": data, "period": period, "opd": period.opd, "title": "DPK"})))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    for b in data.budget:
        assert f"{b.assessment.text} — {b.assessment.reason}" in cells
    paragraphs = " ".join(p.text for p in document.paragraphs)
    assert f"Efisiensi anggaran: {data.summary['assessment'].text}" in paragraphs
