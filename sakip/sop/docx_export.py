"""The whole SOP as DOCX, on the one DOCX layer (sakip/documents/docx.py: base template, styles, page setup):
identity page, procedure pages, worksheet — the layout of the PDF, editable in Word.

The procedure pages are real Word tables with the same columns and exact row heights as the PDF;
each lane cell that the flowchart passes through holds the matching piece of the flowchart (a
picture cut from the same layout), so the shapes and arrows join up across cells. A cell with a
step's shape is described "Simbol langkah N"; a cell crossed only by an arrow "Garis alur" — the
DOCX import reads the first as a lane mark and ignores the second.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlparse

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from sakip.core.formats import tanggal
from sakip.core.nip import format_nip
from sakip.documents.docx import DocxDocument

from . import flowchart as F
from . import printing, selectors

FONT = "Arial"
SHAPE_DESCR = "Simbol langkah"
FLOW_DESCR = "Garis alur"
CONNECTOR_DESCR = "Konektor"
SCALE = 4.0  # pixels per point of the flowchart pictures (≈ 288 dpi)


def _font(run, size=9, bold=False, underline=False):
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.underline = underline
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), FONT)


def _para(cell_or_doc, text="", size=9, bold=False, align=None, underline=False, first=False):
    if first and hasattr(cell_or_doc, "paragraphs") and cell_or_doc.paragraphs and not cell_or_doc.paragraphs[0].text:
        p = cell_or_doc.paragraphs[0]
    else:
        p = cell_or_doc.add_paragraph()
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.space_after = Pt(0)
    if align:
        p.alignment = align
    if text:
        _font(p.add_run(text), size, bold, underline)
    return p


def _cell_margins(cell, top=0, bottom=0, left=0, right=0):
    tcpr = cell._tc.get_or_add_tcPr()
    for old in tcpr.findall(qn("w:tcMar")):
        tcpr.remove(old)
    mar = OxmlElement("w:tcMar")
    for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(value * 20)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    # Schema order: … shd, noWrap, tcMar, textDirection, tcFitText, vAlign, hideMark
    later = next(
        (
            child
            for child in tcpr
            if child.tag in (qn("w:textDirection"), qn("w:tcFitText"), qn("w:vAlign"), qn("w:hideMark"))
        ),
        None,
    )
    if later is not None:
        later.addprevious(mar)
    else:
        tcpr.append(mar)


def _shade(cell, fill="E7E7E7"):
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _table_margins(table, left=0, right=0, top=0, bottom=0):
    """Default cell margins of a table (tblCellMar); cells may override them."""
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblCellMar")):
        tblpr.remove(old)
    mar = OxmlElement("w:tblCellMar")
    for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(value * 20)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblpr.append(mar)


def _fixed(table, widths_pt):
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_pt):
        col.set(qn("w:w"), str(int(width * 20)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_pt):
            cell.width = Pt(width)


def _picture(cell, png: bytes, width_pt: float, height_pt: float, descr: str):
    p = cell.paragraphs[0]
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = 1.0
    run = p.add_run()
    inline = run.add_picture(BytesIO(png), width=Pt(width_pt), height=Pt(height_pt))
    for attr in ("distT", "distB", "distL", "distR"):  # no text wrap distance (LibreOffice adds 0.32 cm otherwise)
        inline._inline.set(attr, "0")
    docpr = inline._inline.docPr
    docpr.set("descr", descr)
    docpr.set("title", descr)


def _identity(doc, ctx):
    version, sop, opd = ctx["version"], ctx["sop"], ctx["opd"]
    width = (printing.PAGE_WIDTH_MM - 2 * printing.MARGIN_MM) * F.PT_PER_MM
    table = doc.add_table(rows=6, cols=3)
    table.style = "Table Grid"
    _fixed(table, [width * 0.46, width * 0.15, width * 0.39])
    org = table.cell(0, 0).merge(table.cell(5, 0))
    org.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    logo = ctx.get("logo_path")
    if logo:
        p = _para(org, align=WD_ALIGN_PARAGRAPH.CENTER, first=True)
        p.add_run().add_picture(str(logo), width=Mm(22))
    _para(org, str(opd.pemda).upper(), 12, True, WD_ALIGN_PARAGRAPH.CENTER, first=not logo)
    _para(org, opd.name.upper(), 12, True, WD_ALIGN_PARAGRAPH.CENTER)
    if sop.unit_id:
        _para(org, sop.unit.name.upper(), 10, False, WD_ALIGN_PARAGRAPH.CENTER)
    rows = [
        ("Nomor SOP", sop.number),
        ("Tanggal Pembuatan", tanggal(version.made_on) if version.made_on else ""),
        ("Tanggal Revisi", tanggal(version.revised_on) if version.revised_on else ""),
        ("Tanggal Efektif", tanggal(version.effective_on) if version.effective_on else ""),
    ]
    for r, (label, value) in enumerate(rows):
        _para(table.cell(r, 1), label, 9, True, first=True)
        _para(table.cell(r, 2), value, 9, first=True)
    _para(table.cell(4, 1), "Disahkan oleh", 9, True, first=True)
    sign = table.cell(4, 2)
    _para(sign, ctx["signer_title"], 9, first=True)
    for _i in range(3):
        _para(sign, "")
    signer = ctx["signer"]
    if signer:
        _para(sign, signer.full_name, 9, True, underline=True)
        if signer.pangkat:
            _para(sign, signer.pangkat, 9)
        if signer.nip:
            _para(sign, f"NIP. {format_nip(signer.nip)}", 9)
    else:
        _para(sign, "(belum disahkan)", 9)
    _para(table.cell(5, 1), "Judul SOP", 9, True, first=True)
    # Shown in capitals as the PDF (text-transform), kept as written so that the DOCX import reads it back.
    judul = _para(table.cell(5, 2), version.judul, 11, True, first=True)
    judul.runs[0].font.all_caps = True
    _para(doc, "")
    lists = ctx["lists"]
    keterkaitan = [f"SOP {s.judul} ({s.number})" for s in ctx["keterkaitan_sop"]] + lists["keterkaitan"]
    pairs = [
        ("Dasar Hukum:", lists["dasar_hukum"], "Kualifikasi Pelaksana:", lists["kualifikasi_pelaksana"]),
        ("Keterkaitan:", keterkaitan, "Peralatan/Perlengkapan:", lists["peralatan"]),
        ("Peringatan:", lists["peringatan"], "Pencatatan dan Pendataan:", lists["pencatatan"]),
    ]
    grid = doc.add_table(rows=6, cols=2)
    grid.style = "Table Grid"
    _fixed(grid, [width / 2, width / 2])
    for i, (l1, v1, l2, v2) in enumerate(pairs):
        for c, (label, items) in enumerate(((l1, v1), (l2, v2))):
            head = grid.cell(2 * i, c)
            _shade(head, "EEEEEE")
            _para(head, label, 9, True, first=True)
            body = grid.cell(2 * i + 1, c)
            for n, item in enumerate(items, start=1):
                _para(body, f"{n}. {item}", 9, first=n == 1)


def _procedure(doc, version):
    pages = printing.flowchart_pages(version, paginate=True)
    lanes, _steps, waktu_header, _total = selectors.flow_steps(version)
    for n, page in enumerate(pages, start=1):
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        sheet = f" · Lembar {n}/{len(pages)}" if len(pages) > 1 else ""
        title = _para(
            doc,
            f"PROSEDUR SOP {version.judul.upper()}    Nomor {version.sop.number} · Versi {version.version}{sheet}",
            9,
            True,
        )
        title.paragraph_format.space_after = Pt(4)
        _procedure_table(doc, page, lanes, waktu_header)


def _procedure_table(doc, page: F.Page, lanes, waktu_header):
    layout_cols = F.columns(page.width, len(lanes))
    widths = (
        [layout_cols.w["no"], layout_cols.w["uraian"]]
        + [layout_cols.lane_w] * len(lanes)
        + [layout_cols.w[k] for k in ("kelengkapan", "waktu", "output", "keterangan")]
    )
    n_cols = len(widths)
    k0 = 2 + len(lanes)  # first mutu baku column
    bands = page.bands
    header_h = bands[0][2]
    body = [b for b in bands if b[0] != "header"]
    table = doc.add_table(rows=2 + len(body), cols=n_cols)
    table.style = "Table Grid"
    _fixed(table, widths)
    _table_margins(table)
    # header (two rows, merged like the paper form)
    top = header_h * 0.38
    table.rows[0].height, table.rows[0].height_rule = Pt(top), WD_ROW_HEIGHT_RULE.EXACTLY
    table.rows[1].height, table.rows[1].height_rule = Pt(header_h - top), WD_ROW_HEIGHT_RULE.EXACTLY
    for c in range(n_cols):
        for r in (0, 1):
            _shade(table.cell(r, c))
            _cell_margins(table.cell(r, c), 1, 1, 2, 2)

    def head(cell, text, size=7.5):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _para(cell, text, size, True, WD_ALIGN_PARAGRAPH.CENTER, first=True)

    head(table.cell(0, 0).merge(table.cell(1, 0)), "No.")
    head(table.cell(0, 1).merge(table.cell(1, 1)), "Uraian Prosedur")
    head(table.cell(0, 2).merge(table.cell(0, k0 - 1)) if len(lanes) > 1 else table.cell(0, 2), "Pelaksana")
    for i, label in enumerate(lanes):
        head(table.cell(1, 2 + i), label, 7)
    head(table.cell(0, k0).merge(table.cell(0, k0 + 2)), "Mutu Baku")
    head(table.cell(1, k0), "Kelengkapan")
    head(table.cell(1, k0 + 1), waktu_header)
    head(table.cell(1, k0 + 2), "Output")
    head(table.cell(0, k0 + 3).merge(table.cell(1, k0 + 3)), "Keterangan")
    flow = F.to_image(page.flow_only(), scale=SCALE, transparent=True)
    for r, (kind, y, h, step) in enumerate(body, start=2):
        row = table.rows[r]
        row.height, row.height_rule = Pt(h), WD_ROW_HEIGHT_RULE.EXACTLY
        trpr = row._tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        trpr.append(cant)
        cells = row.cells
        for c in range(n_cols):
            _cell_margins(cells[c], 2, 1, 3, 3)
        if kind == "total":
            label = cells[0].merge(cells[k0])
            _para(label, "Jumlah waktu", 7.5, True, WD_ALIGN_PARAGRAPH.RIGHT, first=True)
            total_text = next(
                (
                    t.text
                    for t in page.items
                    if isinstance(t, F.Text)
                    and t.bold
                    and abs(t.x - (layout_cols.x["waktu"] + layout_cols.w["waktu"] / 2)) < 0.5
                    and t.y > y
                ),
                "",
            )
            _para(cells[k0 + 1], total_text, 7.5, True, WD_ALIGN_PARAGRAPH.CENTER, first=True)
            rest = cells[k0 + 2].merge(cells[k0 + 3])
            note = next(
                (t.text for t in page.items if isinstance(t, F.Text) and t.bold and t.text.startswith("menit")), ""
            )
            _para(rest, note, 7.5, True, first=True)
            continue
        if kind == "step":
            _para(cells[0], f"{step.number}.", 7.5, align=WD_ALIGN_PARAGRAPH.CENTER, first=True)
            _para(cells[1], step.uraian, 7.5, first=True)
            _para(cells[k0], step.kelengkapan, 7.5, first=True)
            _para(cells[k0 + 1], step.waktu, 7.5, align=WD_ALIGN_PARAGRAPH.CENTER, first=True)
            _para(cells[k0 + 2], step.output, 7.5, first=True)
            _para(cells[k0 + 3], step.keterangan, 7.5, first=True)
        for i in range(len(lanes)):
            x = layout_cols.lane_x[i]
            box = (int(x * SCALE), int(y * SCALE), int((x + layout_cols.lane_w) * SCALE), int((y + h) * SCALE))
            piece = flow.crop(box)
            if piece.getchannel("A").getbbox() is None:
                continue
            cell = cells[2 + i]
            _cell_margins(cell, 0, 0, 0, 0)
            if kind == "strip":
                descr = CONNECTOR_DESCR
            elif step is not None and i in step.lanes:
                descr = f"{SHAPE_DESCR} {step.number}"
            else:
                descr = FLOW_DESCR
            buffer = BytesIO()
            piece.save(buffer, "PNG", optimize=True)
            _picture(cell, buffer.getvalue(), layout_cols.lane_w, h, descr)


def _worksheet(doc, ws):
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(doc, "LEMBAR KERJA IDENTIFIKASI KEGIATAN", 12, True, WD_ALIGN_PARAGRAPH.CENTER, underline=True)
    width = (printing.PAGE_WIDTH_MM - 2 * printing.MARGIN_MM) * F.PT_PER_MM

    def kv(title, rows):
        _para(doc, title, 10, True).paragraph_format.space_before = Pt(8)
        t = doc.add_table(rows=len(rows), cols=2)
        t.style = "Table Grid"
        _fixed(t, [width * 0.3, width * 0.7])
        for r, (k, v, bold) in enumerate(rows):
            _para(t.cell(r, 0), k, 9, first=True)
            values = v if isinstance(v, list) else [v]
            for n, value in enumerate(values):
                _para(t.cell(r, 1), value, 9, bold, first=n == 0)

    kv(
        "A. Data Kegiatan",
        [
            ("1. Judul SOP", ws["judul"], True),
            ("2. Jenis Kegiatan", ws["jenis_kegiatan"], True),
            ("3. Penanggung Jawab", "", False),
            ("    a. Produk", ws["pj_produk"], False),
            ("    b. Kegiatan", ws["pj_kegiatan"], False),
            ("4. Scope (Ruang Lingkup)", ws["ruang_lingkup"], False),
        ],
    )
    kv(
        "B. Identifikasi Kegiatan",
        [
            ("Judul Kegiatan", ws["judul"], True),
            ("Langkah Awal", ws["langkah_awal"], False),
            ("Langkah Utama", ws["langkah_utama"] or [""], False),
            ("Langkah Akhir", ws["langkah_akhir"], False),
        ],
    )
    _para(doc, "C. Identifikasi Langkah", 10, True).paragraph_format.space_before = Pt(8)
    t = doc.add_table(rows=len(ws["rows"]), cols=3)
    t.style = "Table Grid"
    _fixed(t, [width * 0.18, width * 0.05, width * 0.77])
    for r, row in enumerate(ws["rows"]):
        _para(t.cell(r, 0), row["label"], 9, True, first=True)
        _para(t.cell(r, 1), f"{row['number']}.", 9, align=WD_ALIGN_PARAGRAPH.RIGHT, first=True)
        _para(t.cell(r, 2), row["uraian"], 9, first=True)


def sop_docx(version, verification=None) -> bytes:
    """The SOP as DOCX; `verification` (the pipeline's, when issued): the lines the signed PDF's QR stamp carries."""
    ctx = printing.document_context(version)

    logo = ctx.get("logo") or ""
    ctx["logo_path"] = Path(unquote(urlparse(logo).path)) if logo.startswith("file://") else None
    if ctx["logo_path"] is not None and not ctx["logo_path"].exists():
        ctx["logo_path"] = None
    m = printing.MARGIN_MM
    d = DocxDocument(
        title=f"SOP {version.sop.number} {version.judul}", margins_mm=(m, m, m - 4, m), font_size=9, footer=False
    )
    d.page_size(printing.PAGE_WIDTH_MM, printing.PAGE_HEIGHT_MM)
    doc = d.doc
    _identity(doc, ctx)
    _procedure(doc, version)
    _worksheet(doc, ctx["worksheet"])
    if verification and verification.get("signed"):
        d.para(
            "Ditandatangani secara elektronik.\n"
            f"Kode verifikasi: {verification['code_display']}\n{verification['url']}",
            style="Catatan TTE",
        )
    return d.render()
