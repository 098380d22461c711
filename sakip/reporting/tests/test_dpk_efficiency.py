"""Efficiency in the Dokumen Pengukuran Kinerja, like with like (docs/rules.md §1): TW I–III against
the anggaran kas s.d. the quarter, the year against the pagu; programmes, sasaran and the summary."""

from decimal import Decimal

import pytest

from sakip.core.actors import system_user
from sakip.measurement import selectors as M
from sakip.measurement.models import Period
from sakip.planning.models import Pagu
from sakip.reporting import dpk
from sakip.reporting import efficiency as E
from sakip.reporting.step_actions import _draft_summary

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


def test_efficiency_per_sasaran_rolls_up_the_programmes_that_support_it(demo):
    from sakip.planning.models import Kinerja

    period = _period(demo, 4)
    data = dpk.build(period)
    # The demo links every programme to the programme result it serves (and, through it, to its sasaran).
    assert data.budget and all(item["row"].kinerja_id for item in M.period_budget(period))
    with_budget = [g for g in data.strategic + data.programs if g.pagu]
    sasaran = [g for g in with_budget if g.level == 1]
    assert {g.title.split()[0] for g in sasaran} == {"S1", "S2"}
    assert any(g.level == 2 for g in with_budget)
    for g in with_budget:
        assert g.programs
        assert g.pagu == sum(b.pagu for b in g.programs)
        assert g.realisasi == sum(b.realisasi for b in g.programs if b.realisasi is not None)
        assert g.assessment is not None and g.assessment.basis == g.pagu
        assert g.efisiensi == E.efisiensi(g.average, E.serapan(g.pagu, g.realisasi), dpk.threshold())[0]
    # The sasaran are judged on real figures: a capaian, a serapan of the pagu above 0, a verdict.
    for g in sasaran:
        assert g.average is not None and g.assessment.judged and g.assessment.serapan > 0
    # A sasaran strategis carries the budget of every programme under its sasaran program.
    for g in sasaran:
        children = [c for c in with_budget if c.level == 2 and Kinerja.objects.get(pk=c.key).parent_id == g.key]
        assert children and {id(b) for c in children for b in c.programs} <= {id(b) for b in g.programs}
    assert sum(g.pagu for g in sasaran) == sum(b.pagu for b in data.budget if b.pagu)


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
        assert f"{b.assessment.text}\n{b.assessment.reason}" in cells  # as the PDF: the verdict, the reason below
    assert f": {data.summary['assessment'].text} ({data.summary['assessment'].reason})" in cells


def test_the_realisasi_up_to_tw_iv_is_the_sum_of_the_four_recorded_quarters(demo):
    period = _period(demo, 4)
    quarters = {
        tw: {item["row"].item_id: item["row"].realisasi for item in M.period_budget(_period(demo, tw))}
        for tw in (1, 2, 3, 4)
    }
    for item in M.period_budget(period):
        assert item["missing_quarters"] == []
        assert item["cumulative"] == sum(quarters[tw][item["row"].item_id] for tw in (1, 2, 3, 4))


def test_a_quarter_whose_earlier_quarters_were_not_recorded_is_not_judged(demo, users, client_for):
    """TW III of a year whose TW I and II were never measured: the TW III realisasi alone is not the
    realisasi s.d. TW III, so there is no serapan and no verdict — for the programme, its sasaran and the OPD."""
    from django.utils import timezone

    from sakip.measurement import forms_builder
    from sakip.measurement import services as S

    # Last year: the demo measured it only as a whole (Tahunan), never per quarter.
    year = timezone.localdate().year - 1
    assert not Period.objects.filter(opd=demo["dinas"], year=year, triwulan__in=[1, 2, 3]).exists()
    period = S.start_period(user=system_user(), opd=demo["dinas"], year=year, triwulan=3)
    forms_builder.build(period)
    S.open_entry(period)
    budget = M.period_budget(period)
    assert budget
    first = budget[0]["row"]
    S.save_budget_row(user=system_user(), row=first, value="1000000", expected_revision=first.revision)
    budget = {item["row"].pk: item for item in M.period_budget(period)}
    assert budget[first.pk]["missing_quarters"] == [1, 2] and budget[first.pk]["cumulative"] is None
    data = dpk.build(period)
    line = next(b for b in data.budget if b.code == first.code and b.unit == first.submission.unit.name)
    assert line.realisasi_period == Decimal("1000000") and line.realisasi is None and line.serapan is None
    assert line.assessment.status == E.TIDAK_DAPAT and line.efisiensi is None
    assert line.assessment.reason == (
        "tidak dapat dinilai: realisasi anggaran TW I, TW II belum tercatat, sehingga realisasi s.d. TW III "
        "tidak dapat dihitung"
    )
    programmes = len([b for b in data.budget if b.pagu])
    assert data.summary["serapan"] is None and data.summary["unrecorded"] == programmes
    assert data.summary["assessment"].reason == (
        f"tidak dapat dinilai: realisasi anggaran belum lengkap ({programmes} dari {programmes} program belum tercatat)"
    )
    for g in (g for g in data.strategic + data.programs if g.pagu):
        assert g.serapan is None and g.assessment.status == E.TIDAK_DAPAT and "belum lengkap" in g.assessment.reason
    # The measurement dashboard shows no serapan either, and says why.
    page = client_for("kepala").get(f"/pelaporan/periode/{period.pk}/dasbor/").content.decode()
    assert f"belum lengkap: {programmes} dari {programmes} program belum mencatat realisasi s.d. periode" in page


@pytest.mark.parametrize("tw", [1, 4])
def test_the_docx_tables_fit_the_page_with_the_pdfs_column_widths(demo, tw):
    """Every DOCX table fills the F4 landscape text width (no column pushed off the page) and the budget table
    has the PDF's column widths (reporting/print/dpk.html), the programme name taking the rest."""
    from io import BytesIO

    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm

    from sakip.reporting import docx_dpk

    period = _period(demo, tw)
    data = dpk.build(period)
    document = Document(BytesIO(docx_dpk.build({"dpk": data, "period": period, "opd": period.opd, "title": "DPK"})))
    text_width = Mm(docx_dpk.TEXT_WIDTH_MM).twips
    for table in document.tables:
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(grid) - text_width) <= len(grid), grid
        assert table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")) == str(sum(grid))
    budget = next(t for t in document.tables if len(t.rows[0].cells) > 2 and t.rows[0].cells[2].text == "Program")
    grid = [round(int(c.get(qn("w:w"))) * 25.4 / 1440) for c in budget._tbl.tblGrid.findall(qn("w:gridCol"))]  # mm
    fixed = [9, 17, 28, 25, *([24] if tw < 4 else []), 24, 24, 15, *([16] if tw < 4 else []), 15, 42]
    assert [g for i, g in enumerate(grid) if i != 2] == fixed
    assert grid[2] == docx_dpk.TEXT_WIDTH_MM - sum(fixed)
    # every row's cells carry the grid's widths (Word reads tcW, LibreOffice the grid)
    for row in budget.rows[1:3]:
        assert [round(c.width / Mm(1)) for c in row.cells] == grid


def test_the_current_periods_figures_and_efficiency_can_be_assessed(demo):
    """With TW I … n−1 recorded, the current period's submitted rows have a capaian (not "tidak dapat dihitung:
    periode … kosong") and the programmes of the units that submitted get an efficiency verdict."""
    from django.utils import timezone

    from sakip.measurement import selectors
    from sakip.measurement.models import UnitSubmission
    from sakip.reporting import efficiency as E

    today = timezone.localdate()
    period = Period.objects.get(opd=demo["dinas"], year=today.year, triwulan=(today.month - 1) // 3 + 1)
    if period.triwulan == 1:
        pytest.skip("January–March: the current period has no earlier quarter")
    rows, figures = selectors.period_figures(period)
    submitted = [r for r in rows if r.submission.state == UnitSubmission.State.DIAJUKAN and not r.is_qualitative]
    assert submitted
    not_computed = [(r.name, figures[r.pk].explanation) for r in submitted if figures[r.pk].percent is None]
    assert not_computed == []
    data = dpk.build(period)
    units = {s.unit.name for s in period.submissions.filter(state=UnitSubmission.State.DIAJUKAN)}
    judged = [b for b in data.budget if b.unit in units and b.pagu]
    assert judged and all(b.assessment.status == E.DINILAI for b in judged), [b.assessment.reason for b in judged]
    assert all("belum lengkap" not in b.assessment.reason for b in judged)
