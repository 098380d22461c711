"""Excel exports never turn user text into a formula (CSV/formula injection)."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from sakip.core.excel import build_workbook, neutralise, neutralise_workbook

PAYLOADS = ['=HYPERLINK("http://x","klik")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_neutralise_prefixes_formula_text(payload):
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize("value", [12, -3, Decimal("-1.5"), 2.5, None, date(2026, 1, 1), "Biasa", "Rp 1.000", "-"])
def test_neutralise_leaves_numbers_and_plain_text(value):
    assert neutralise(value) == value


def _reload(wb):
    buffer = BytesIO()
    wb.save(buffer)
    return load_workbook(BytesIO(buffer.getvalue()))


def test_build_workbook_writes_no_formula_and_keeps_numbers():
    wb = _reload(build_workbook([("S", ["=H", "N"], [[p, -5] for p in PAYLOADS])], title="=T"))
    ws = wb["S"]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    assert ws.cell(row=1, column=1).value == "'=H"  # headers in row 1, neutralised too
    assert [ws.cell(row=r, column=2).value for r in range(2, 2 + len(PAYLOADS))] == [-5] * len(PAYLOADS)
    assert ws.cell(row=2, column=1).value == "'" + PAYLOADS[0]


def test_neutralise_workbook_covers_cells_written_directly():
    wb = Workbook()
    wb.active["A1"] = "=1+1"  # openpyxl would store this as a formula
    wb.active["B1"] = 7
    ws = _reload(neutralise_workbook(wb)).active
    assert ws["A1"].data_type == "s" and ws["A1"].value == "'=1+1"
    assert ws["B1"].value == 7
