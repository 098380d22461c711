"""Excel output shared by every export (openpyxl)."""

from datetime import date, datetime
from io import BytesIO

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")

# A text cell starting with one of these is read as a formula (or DDE) by Excel/LibreOffice.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value):
    """User text for a cell: a leading formula character is prefixed with an apostrophe-like quote so the
    spreadsheet shows it as text. Numbers, dates and None pass through unchanged (numbers stay numbers)."""
    if isinstance(value, str) and len(value) > 1 and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_workbook(wb):
    """Neutralise every string cell of every sheet (the one pass every writer runs before saving)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and len(cell.value) > 1 and cell.value.startswith(FORMULA_TRIGGERS):
                    cell.value = "'" + cell.value
                    cell.data_type = "s"
    return wb


def build_workbook(sheets, title=None):
    """sheets: [(sheet title, headers, rows)] → Workbook with a bold header row, frozen panes and widths."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet_title, headers, rows in sheets:
        ws = wb.create_sheet(str(sheet_title)[:31])
        start = 1
        if title:
            ws.cell(row=1, column=1, value=neutralise(str(title))).font = Font(bold=True, size=12)
            start = 3
        for col, header in enumerate(headers, start=1):
            cell = ws.cell(row=start, column=col, value=neutralise(str(header)))
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        widths = [len(str(h)) for h in headers]
        for r, row in enumerate(rows, start=start + 1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, datetime) and value.tzinfo:
                    value = value.replace(tzinfo=None)
                cell = ws.cell(row=r, column=c, value=neutralise(value))
                if isinstance(value, (date, datetime)):
                    cell.number_format = "DD/MM/YYYY" if not isinstance(value, datetime) else "DD/MM/YYYY HH:MM"
                if c <= len(widths):
                    widths[c - 1] = max(widths[c - 1], min(len(str(value)) if value is not None else 0, 60))
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = max(8, width + 2)
        ws.freeze_panes = ws.cell(row=start + 1, column=1)
    return wb


def workbook_response(filename, sheets, title=None):
    buffer = BytesIO()
    build_workbook(sheets, title=title).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename)}.xlsx"'
    return response


def table_response(table, filename, title=None):
    """Export a django-tables2 table (all rows of its queryset, not just the page)."""
    values = list(table.as_values(exclude_columns=getattr(table, "export_exclude", ())))
    headers, rows = values[0], values[1:]
    return workbook_response(filename, [(filename, headers, rows)], title=title)
