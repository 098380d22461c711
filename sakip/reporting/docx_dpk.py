"""The Dokumen Pengukuran Kinerja as DOCX (python-docx): the same content as the PDF, editable."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from sakip.core.formats import angka

FILLS = {
    "Sangat Tinggi": "CFE9DA",
    "Tinggi": "E1F2D3",
    "Sedang": "FFF1C2",
    "Rendah": "FDE0C5",
    "Sangat Rendah": "F8CFD3",
}


def _n(value, places=2):
    return "" if value is None else angka(value, places)


def _shade(cell, color):
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color)
    props.append(shading)


def _cell(cell, text, *, bold=False, align=None, size=8):
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(str(text))
    run.bold = bold
    run.font.size = Pt(size)
    if align:
        paragraph.alignment = align
    return cell


def _merge(first, last, text, *, bold=True):
    """Merge a row's cells and keep one paragraph (python-docx keeps every merged cell's paragraph)."""
    merged = first.merge(last)
    paragraphs = merged.paragraphs
    for extra in paragraphs[1:]:
        extra._element.getparent().remove(extra._element)
    paragraph = merged.paragraphs[0]
    for run in list(paragraph.runs):
        run._element.getparent().remove(run._element)
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, Pt(8)
    return merged


PAGE_WIDTH_MM, MARGIN_MM = 330, 16  # F4 landscape (build() sets the section)
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM


def _fit(widths, total=TEXT_WIDTH_MM):
    """Column widths in mm filling the text width: the fixed ones as given, the `None` ones share the rest
    (like a <col> without width in the PDF)."""
    fixed = sum(w for w in widths if w is not None)
    free = [i for i, w in enumerate(widths) if w is None]
    rest = max(total - fixed, 20 * len(free))
    return [w if w is not None else rest / len(free) for w in widths]


def _table(doc, headers, widths):
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i, column in enumerate(table._tbl.tblGrid.findall(qn("w:gridCol"))):
        column.set(qn("w:w"), str(int(Mm(widths[i]).twips)))
    # The table's own width and fixed layout, so Word and LibreOffice keep the grid instead of auto-fitting.
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(sum(int(Mm(w).twips) for w in widths)))
    tbl_w.set(qn("w:type"), "dxa")
    for i, header in enumerate(headers):
        cell = table.rows[0].cells[i]
        _cell(cell, header, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _shade(cell, "E7ECF2")
        cell.width = Mm(widths[i])
    return table


def _row(table, values, widths, *, bold=False, fill=None, right=()):
    cells = table.add_row().cells
    for i, value in enumerate(values):
        _cell(cells[i], value, bold=bold, align=WD_ALIGN_PARAGRAPH.RIGHT if i in right else None)
        cells[i].width = Mm(widths[i])
        if fill:
            _shade(cells[i], fill)
    return cells


def _capaian_table(doc, groups, dpk, period, show_unit):
    quarters = dpk.quarters
    headers = [
        "No",
        "Sasaran/indikator",
        "Satuan",
        "Target tahunan",
        "Target periode",
        *[f"TW {q}" if period.triwulan else q for q in quarters],
        "Kumulatif",
        "Capaian (%)",
        "Kategori",
    ]
    widths = _fit([9, None, 17, 17, 17, *[15] * len(quarters), 17, 16, 23])  # as reporting/print/dpk_table.html
    table = _table(doc, headers, widths)
    right = set(range(3, 3 + 2 + len(quarters) + 2))
    unit = None
    for gi, group in enumerate(groups, start=1):
        if show_unit and group.unit != unit:
            unit = group.unit
            cells = _row(table, [""] * len(headers), widths, bold=True, fill="DFE7F1")
            _merge(cells[0], cells[-1], unit)
        title = f"{group.level_label}: {group.title}"
        if group.pagu:
            title += (
                f" — anggaran {len(group.programs)} program: Rp {_n(group.realisasi, 0) or '0'} / Rp "
                f"{_n(group.pagu, 0)}"
                + (f" (serapan {_n(group.serapan)}% dari pagu)" if group.serapan is not None else "")
                + (f", anggaran kas s.d. {period.tw_label} Rp {_n(group.kas, 0)}" if group.kas is not None else "")
                + f"; efisiensi: {group.assessment.text.lower()} ({group.assessment.reason})"
            )
        cells = _row(
            table,
            [str(gi), "", *[""] * (len(headers) - 4), _n(group.average), group.category or ""],
            widths,
            bold=True,
            fill="F1F4F8",
            right=right,
        )
        _merge(cells[1], cells[len(headers) - 3], title)
        for li, line in enumerate(group.lines, start=1):
            values = [
                f"{gi}.{li}",
                f"{line.code} {line.name}".strip(),
                line.satuan,
                line.target_year,
                line.target_period,
                *line.values,
                line.cumulative,
                line.percent_text or "–",
                line.category,
            ]
            cells = _row(table, values, widths, right=right)
            if line.category in FILLS:
                _shade(cells[-1], FILLS[line.category])


def build(ctx: dict, *, number: str = "") -> bytes:
    dpk, period, opd = ctx["dpk"], ctx["period"], ctx["opd"]
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(215)
    section.left_margin = section.right_margin = Mm(MARGIN_MM)
    section.top_margin = section.bottom_margin = Mm(14)
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    for text, size, bold in (
        (str(opd.pemda).upper(), 13, False),
        (opd.name.upper(), 14, True),
        (f"{opd.address} {opd.postal_code}".strip(), 9, False),
        (opd.contact_line, 9, False),
    ):
        if text:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
            run = p.add_run(text)
            run.bold, run.font.size = bold, Pt(size)
    doc.add_paragraph("_" * 150).alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(ctx["title"])
    run.bold, run.font.size = True, Pt(13)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(f"{opd.name.upper()}\nNomor : {number or '…………'}").bold = True

    summary = dpk.summary
    doc.add_heading("A. Ringkasan", level=2)
    lines = [
        f"Periode pengukuran: {period.tw_label} Tahun {period.year}",
        f"SOP yang dijalankan: SOP {period.sop_label}",
        f"Jumlah indikator diukur: {summary['indicators']} ({summary['filled']} berisi realisasi)",
        f"Rata-rata capaian sasaran strategis: {_n(summary['strategic_average']) or '–'}% "
        f"{summary['strategic_category'] or ''}".strip(),
        f"Rata-rata capaian seluruh indikator: {_n(summary['average']) or '–'}% {summary['category'] or ''}".strip(),
        "Sebaran kategori: " + " · ".join(f"{label} {n}" for label, n, _css in summary["categories"]),
        f"Realisasi anggaran: Rp {_n(summary['realisasi'], 0)} dari pagu Rp {_n(summary['pagu'], 0)}"
        + (f" (serapan {_n(summary['serapan'])}% dari pagu)" if summary["serapan"] is not None else "")
        + (f"; anggaran kas s.d. {period.tw_label} Rp {_n(summary['kas'], 0)}" if summary["kas"] is not None else ""),
        f"Efisiensi anggaran: {summary['assessment'].text} ({summary['assessment'].reason})",
    ]
    for text in lines:
        doc.add_paragraph(text, style="List Bullet")

    doc.add_heading("B. Capaian Sasaran Strategis", level=2)
    _capaian_table(doc, dpk.strategic, dpk, period, False)
    doc.add_heading("C. Capaian Kinerja Program dan Kegiatan", level=2)
    _capaian_table(doc, dpk.programs, dpk, period, True)

    doc.add_heading("D. Realisasi Anggaran dan Efisiensi", level=2)
    quarter = dpk.is_quarter
    headers = [
        "No",
        "Kode",
        "Program",
        "Unit",
        "Pagu (Rp)",
        *([f"Anggaran kas s.d. {period.tw_label} (Rp)"] if quarter else []),
        f"Realisasi {period.tw_label} (Rp)",
        f"Realisasi s.d. {period.tw_label} (Rp)",
        "Serapan dari pagu (%)",
        *(["Serapan dari anggaran kas (%)"] if quarter else []),
        "Capaian kinerja (%)",
        "Efisiensi",
    ]
    # The PDF's column widths (reporting/print/dpk.html), the programme name taking the rest of the line.
    widths = _fit([9, 17, None, 28, 25, *([24] if quarter else []), 24, 24, 15, *([16] if quarter else []), 15, 42])
    table = _table(doc, headers, widths)
    for i, b in enumerate(dpk.budget, start=1):
        kas = [_n(b.kas, 0) if b.kas is not None else "belum dicatat"] if quarter else []
        kas_serapan = [_n(b.assessment.serapan) if b.kas is not None else ""] if quarter else []
        _row(
            table,
            [
                str(i),
                b.code,
                b.label,
                b.unit,
                _n(b.pagu, 0),
                *kas,
                _n(b.realisasi_period, 0),
                _n(b.realisasi, 0),
                _n(b.serapan),
                *kas_serapan,
                _n(b.capaian),
                f"{b.assessment.text} — {b.assessment.reason}",
            ],
            widths,
            right=set(range(4, len(headers) - 1)),
        )

    doc.add_heading("E. Analisis Capaian", level=2)
    headers = ["No", "Indikator", "Faktor pendukung", "Faktor penghambat", "Kendala", "Tindak lanjut"]
    widths = _fit([9, 75, None, None, None, None])
    table = _table(doc, headers, widths)
    for i, line in enumerate(dpk.narratives, start=1):
        r = line.row
        _row(
            table,
            [str(i), f"{line.name} ({line.unit})", r.faktor_pendukung, r.faktor_penghambat, r.kendala, r.tindak_lanjut],
            widths,
        )

    signature = ctx.get("signature")
    if signature:
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Mm(190)
        p.paragraph_format.space_before = Pt(12)
        p.add_run("\n".join([signature["place_date"], *signature["title_lines"]]))
        p.add_run("\n\n\n\n")
        name = p.add_run(signature["name"])
        name.bold, name.underline = True, True
        tail = [t for t in (signature.get("pangkat"), signature.get("nip_line")) if t]
        if tail:
            p.add_run("\n" + "\n".join(tail))

    doc.add_page_break()
    doc.add_heading("Lampiran: Penjelasan Perhitungan Capaian", level=2)
    widths = _fit([9, 95, None])  # as the PDF's appendix
    table = _table(doc, ["No", "Indikator", "Penjelasan perhitungan"], widths)
    for i, line in enumerate(dpk.all_lines, start=1):
        _row(table, [str(i), line.name, line.explanation], widths)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
