"""Excel output shared by every export (openpyxl)."""

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
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


def _excel_value(value):
    """A value as Excel should hold it: numbers as numbers (Decimal included), naive datetimes, text
    neutralised."""
    if isinstance(value, datetime) and value.tzinfo:
        value = value.replace(tzinfo=None)
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() and abs(value) < 10**15 else float(value)
    return neutralise(value)


def _number_format(value):
    if isinstance(value, datetime):
        return "DD/MM/YYYY HH:MM"
    if isinstance(value, date):
        return "DD/MM/YYYY"
    if isinstance(value, float):
        return "#,##0.00##"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10000:
        return "#,##0"
    return None


def build_workbook(sheets, title=None, *, sample=200):
    """sheets: [(sheet title, headers, rows)] → a streaming (write-only) Workbook.

    Every sheet has its headers in row 1 (so an export can go back in through the import of the same list),
    frozen below them and repeated on every printed page; rows are written as they come (an iterator of a
    large queryset never sits in memory); numbers stay numbers with Indonesian display formats; landscape,
    fit to the page width, the title in the printed page header and the workbook's properties. Column widths
    come from the first `sample` rows.
    """
    wb = Workbook(write_only=True)
    if title:
        wb.properties.title = str(title)[:255]
    for sheet_title, headers, rows in sheets:
        ws = wb.create_sheet(str(sheet_title)[:31] or "Data")
        rows = iter(rows)
        head = []
        for row in rows:
            head.append([_excel_value(v) for v in row])
            if len(head) >= sample:
                break
        widths = [len(str(h)) for h in headers]
        for row in head:
            for c, value in enumerate(row[: len(widths)]):
                widths[c] = max(widths[c], min(len(str(value)) if value is not None else 0, 60))
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = max(8, width + 2)
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.gridLines = True
        if title:
            ws.oddHeader.center.text = str(title).replace("&", "&&")[:200]
        ws.oddFooter.right.text = "Halaman &P dari &N"
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(ws, value=neutralise(str(header)))
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            header_cells.append(cell)
        ws.append(header_cells)

        def cells(values, ws=ws):
            out = []
            for value in values:
                fmt = _number_format(value)
                if fmt is None:
                    out.append(value)
                else:
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = fmt
                    out.append(cell)
            return out

        for row in head:
            ws.append(cells(row))
        for row in rows:
            ws.append(cells([_excel_value(v) for v in row]))
    return wb


def workbook_response(filename, sheets, title=None):
    buffer = BytesIO()
    build_workbook(sheets, title=title).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename)}.xlsx"'
    return response


def table_response(table, filename, title=None):
    """Export a django-tables2 table (all rows of its queryset, not just the page), streamed row by row."""
    values = table.as_values(exclude_columns=getattr(table, "export_exclude", ()))
    headers = next(values)
    return workbook_response(filename, [(filename, headers, values)], title=title)
