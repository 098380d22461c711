"""The Dokumen Pengukuran Kinerja: its figures equal the engine's (computed here independently from
the plan's targets and the entered realisasi), in the archived PDF and DOCX alike."""

import subprocess
from decimal import Decimal
from io import BytesIO
from types import SimpleNamespace

import pytest
from docx import Document

from sakip.core.formats import angka
from sakip.documents.testing import assert_issued_docx, docx_text
from sakip.measurement import figures as F
from sakip.measurement.models import Period, Realisasi
from sakip.planning import capaian as engine
from sakip.planning.models import Target
from sakip.reporting import dpk

pytestmark = pytest.mark.django_db


def _pdf_text(doc) -> str:
    with doc.file.open("rb") as fh:
        data = fh.read()
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def _expected(indicator, period):
    """The engine's capaian from planning's own data: targets of the year and the realisasi of TW I…n."""
    target = Target.objects.get(indicator=indicator, year=period.year)
    rows = {
        r.submission.period.triwulan: r
        for r in Realisasi.objects.filter(
            indicator=indicator, submission__period__opd=period.opd, submission__period__year=period.year
        )
        .select_related("submission__period")
        .exclude(submission__period__status="dibatalkan")
    }
    n = period.triwulan
    values = [(rows[q].value_text or rows[q].value) if q in rows else None for q in range(1, n + 1)]
    if indicator.predicate_scale_id:
        scores = {lv.label: lv.score for lv in indicator.predicate_scale.levels.all()}
        return engine.capaian_periode(
            [scores[target.value_text]] * n,
            [scores.get(v) for v in values],
            "max",
            indicator.aggregation,
            cumulative_targets=True,
        )
    quarters = target.quarters[:n]
    if any(q is not None for q in target.quarters):
        return engine.capaian_periode(
            quarters, values, indicator.polarity, indicator.aggregation, cumulative_targets=indicator.cumulative_targets
        )
    return engine.capaian_periode(
        [target.value] * n, values, indicator.polarity, indicator.aggregation, cumulative_targets=True
    )


@pytest.fixture
def period(demo):
    return Period.objects.select_related("opd", "dpk_document").get(opd=demo["dinas"], year=2022, triwulan=4)


def test_the_document_figures_equal_the_engine(period):
    data = dpk.build(period)
    assert data.all_lines, "the 2022 document has indicators"
    for line in data.all_lines:
        expected = _expected(line.row.indicator, period)
        assert line.percent == expected.percent, line.name
        assert line.category == (expected.category or ""), line.name


def test_the_archived_pdf_shows_the_engine_figures(period):
    text = _pdf_text(period.dpk_document)
    assert "DOKUMEN PENGUKURAN KINERJA TRIWULAN IV TAHUN 2022" in text
    assert period.dpk_document.number in text and "SUGENG AMIN" in text
    flat = " ".join(text.split())
    for line in dpk.build(period).all_lines:
        expected = _expected(line.row.indicator, period)
        if expected.percent is not None:
            assert angka(expected.percent, 2) in flat, (line.name, expected.percent)


def test_the_archived_docx_has_the_same_rows(period):
    data = assert_issued_docx(period.dpk_document)  # the same text as the signed PDF
    document = Document(BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    joined = " | ".join(cells)
    for line in dpk.build(period).all_lines:
        assert line.name in joined
        if line.percent is not None:
            assert angka(line.percent, 2) in cells
    assert "SUGENG AMIN" in docx_text(data)


def test_budget_absorption_and_efficiency(period):
    data = dpk.build(period)
    assert data.budget and data.summary["pagu"] > 0
    for b in data.budget:
        if b.pagu and b.realisasi is not None:
            assert b.serapan == (b.realisasi / b.pagu * 100).quantize(Decimal("0.01"))
    assert data.summary["efisiensi"] in ("Efisien", "Cukup efisien", "Tidak efisien")


def test_range_targets_print_both_bounds_and_the_compared_target():
    """A max indicator with target 80–90: the DPK prints the range and the compared (cumulative) range."""
    row = SimpleNamespace(target_text="", target_year=Decimal(80), target_max=Decimal(90), precision=2)
    result = engine.capaian(80, 92, "max", target_max=90)
    line = dpk.Line(row=row, figure=F.Figure([Decimal(92)], Decimal(92), result.target, result), unit="")
    assert line.target_year == "80,00–90,00"
    assert line.target_period == "80,00–90,00"
    assert result.percent == Decimal("102.22")
    plain = SimpleNamespace(target_text="", target_year=Decimal(460), target_max=None, precision=0)
    total = engine.capaian_periode([115] * 4, [100, 110, 120, 130], "max", "sum")
    assert dpk.Line(row=plain, figure=F.Figure([], None, total.target, total), unit="").target_period == "460"
