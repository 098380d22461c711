"""The one DOCX layer (docs/documents.md "DOCX"): every DOCX of sakip is written on one docxtpl template,
`templates/documents/docx/base.docx` (made by `make_base.py` beside it: F4 page and margins of the PDFs, footer
"Halaman x dari y", black headings, the letterhead's, signature block's and tables' styles). A document builds
its content with `DocxDocument` — `letterhead()`, `title()`, `para()`, `fields()`, `table()` (grid widths set,
so LibreOffice and Word keep the PDF's column widths), `signature()` (kept together on one page, with the QR and
"Ditandatangani secara elektronik" when the PDF has them), `tembusan()`, `tte_note()`, `landscape()` — and
`render()` puts it into the template's `{{p body }}`. User text only ever becomes run text (escaped by
python-docx), never template code or markup.

The letters (`letter_docx`) are written here too, one function per print template of
`templates/documents/print/`, saying what the PDF says."""

import io
import re
from copy import deepcopy
from pathlib import Path

import segno
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docxtpl import DocxTemplate
from lxml import etree

from sakip.core.formats import tanggal
from sakip.core.templatetags.sakip import tanggal as tanggal_filter

BASE = Path(__file__).parent / "templates" / "documents" / "docx" / "base.docx"
CENTER, RIGHT, LEFT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
DOTS = "…………"


def recipients_text(recipients) -> str:
    """ "Yth. A" for one recipient; "Yth." and "1. A", "2. B" on the following lines for several
    (Permendagri 1/2023)."""
    if len(recipients) > 1:
        return "\n".join(["Yth."] + [f"{i}. {r}" for i, r in enumerate(recipients, start=1)])
    return "Yth. " + (recipients[0] if recipients else "")


def _logo_path(opd) -> str | None:
    for field in (getattr(opd, "logo", None), getattr(getattr(opd, "pemda", None), "logo", None)):
        if field and getattr(field, "name", ""):
            try:
                path = Path(field.path)
            except (ValueError, NotImplementedError):
                continue
            if path.exists() and path.suffix.lower() in (".png", ".jpg", ".jpeg", ".gif", ".bmp"):
                return str(path)
    return None


# The order of the children of these elements in the WordprocessingML schema (Word refuses a file that breaks it).
_ORDER = {
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
    "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
    "trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing jc hidden",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "tblBorders": "top start left bottom end right insideH insideV",
    "pBdr": "top left bottom right between bar",
    "tblCellMar": "top start left bottom end right",
}


def _set(el, tag, **attrs):
    """Child `tag` of `el` (created when missing, at its place in the schema) with the w:-attributes given."""
    child = el.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        order = _ORDER.get(el.tag.rsplit("}", 1)[-1], "").split()
        name = tag.split(":", 1)[1]
        later = set(order[order.index(name) + 1 :]) if name in order else set()
        following = next((c for c in el if c.tag.rsplit("}", 1)[-1] in later), None)
        if following is not None:
            following.addprevious(child)
        else:
            el.append(child)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), str(value))
    return child


def keep_row_together(row):
    """A table row never breaks across pages (w:cantSplit)."""
    tr_pr = row._tr.get_or_add_trPr()
    _set(tr_pr, "w:cantSplit")


def repeat_header(row):
    _set(row._tr.get_or_add_trPr(), "w:tblHeader")


def shade(cell, fill: str):
    tc_pr = cell._tc.get_or_add_tcPr()
    _set(tc_pr, "w:shd", val="clear", color="auto", fill=fill)


def set_widths(table, widths_mm):
    """Column widths in the grid (w:tblGrid/w:gridCol), the table width and every cell: what LibreOffice reads
    (without the grid it makes every column equal) and what Word reads (cell widths), fixed layout."""
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    _set(tbl_pr, "w:tblW", w=sum(int(Mm(w).twips) for w in widths_mm), type="dxa")
    _set(tbl_pr, "w:tblLayout", type="fixed")
    grid = tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    for w in widths_mm:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(int(Mm(w).twips)))
        grid.append(col)
    table.autofit = False
    for row in table.rows:
        for i, cell in enumerate(row.cells[: len(widths_mm)]):
            cell.width = Mm(widths_mm[i])


def no_borders(table):
    borders = _set(table._tbl.tblPr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _set(borders, f"w:{edge}", val="nil")


def box(paragraph, mark=""):
    """A check box drawn as a bordered character (the PDFs' span.box): "✓" or an empty box, no letter added."""
    run = paragraph.add_run(mark or "\u2003")
    _set(run._r.get_or_add_rPr(), "w:bdr", val="single", sz=6, space=0, color="000000")
    paragraph.add_run("\u00a0")
    return run


def cell_text(cell, text, *, bold=False, italic=False, align=None, size=None, style="Tabel"):
    """Write `text` into a cell (lines of a multi-line text as paragraphs)."""
    lines = str("" if text is None else text).split("\n")
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        p.style = style
        if align is not None:
            p.alignment = align
        run = p.add_run(line)
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
    return cell


class _Template(DocxTemplate):
    def fix_tables(self, xml):
        """docxtpl re-counts every table's columns to serve its {%tc %} tags and counts a nested table's cells as
        the outer table's (the outer grid then gets a column too many). base.docx has no table tags: the tables stay
        as the layer wrote them."""
        return etree.fromstring(xml, parser=etree.XMLParser(recover=True))


class _Body:
    """The content of a document, inserted at the template's `{{p body }}`: a python-docx Document whose part is the
    template's, so that styles are looked up in base.docx and pictures land in its media. (docxtpl's own Subdoc does
    the same but imports docxcompose, which it needs only to merge another file's parts — sakip never does.)"""

    def __init__(self, tpl):
        self.subdocx = Document()
        self.subdocx._part = tpl.get_docx()._part

    def __html__(self):
        body = self.subdocx.element.body
        if body.sectPr is not None:
            body.remove(body.sectPr)
        return re.sub(r"</?w:body[^>]*>", "", etree.tostring(body, encoding="unicode"))

    __str__ = __html__


class DocxDocument:
    """One DOCX being written on base.docx. Content goes into a docxtpl sub-document that shares the template's
    styles and media; `render()` returns the .docx bytes."""

    def __init__(self, *, title: str = "", landscape: bool = False, margins_mm=None, font_size=None, footer=True):
        self.tpl = _Template(str(BASE))
        if not footer:  # a document with its own page furniture (the SOP): no "Halaman x dari y"
            sect_pr = self.tpl.get_docx().sections[0]._sectPr
            for ref in sect_pr.findall(qn("w:footerReference")):
                sect_pr.remove(ref)
        self.sub = _Body(self.tpl)
        self.doc = self.sub.subdocx  # a python-docx Document whose styles and media are the template's
        self.title_text = title
        self._section = self.tpl.get_docx().sections[0]
        if landscape:
            self._orient(self._section, landscape=True)
        if margins_mm:
            self._margins(self._section, margins_mm)
        self.font_size = font_size
        if font_size:
            self.tpl.get_docx().styles["Normal"].font.size = Pt(font_size)

    # -- page setup --------------------------------------------------------------------------------
    @staticmethod
    def _orient(section, *, landscape):
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Mm(330), Mm(215)) if landscape else (Mm(215), Mm(330))

    @staticmethod
    def _margins(section, margins_mm):
        section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = (
            Mm(m) for m in margins_mm
        )

    def page_size(self, width_mm, height_mm):
        """Another page size than F4 (the SOP's own landscape sheet)."""
        s = self._section
        s.orientation = WD_ORIENT.LANDSCAPE if width_mm > height_mm else WD_ORIENT.PORTRAIT
        s.page_width, s.page_height = Mm(width_mm), Mm(height_mm)

    @property
    def width_mm(self) -> float:
        """The text width of the current (last) section."""
        s = self._section
        return (s.page_width - s.left_margin - s.right_margin) / 36000

    def new_section(self, *, landscape: bool, margins_mm=None):
        """Start a new page in another orientation: the section written so far keeps the current page setup."""
        final = self.tpl.get_docx().sections[0]._sectPr
        ended = deepcopy(final)
        p = self.doc.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        p._p.get_or_add_pPr().append(ended)
        self._orient(self._section, landscape=landscape)
        if margins_mm:
            self._margins(self._section, margins_mm)

    def page_break(self):
        p = self.doc.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        p.add_run().add_break(WD_BREAK.PAGE)

    # -- text --------------------------------------------------------------------------------------
    def para(
        self,
        text="",
        *,
        style="Normal",
        bold=False,
        italic=False,
        underline=False,
        align=None,
        size=None,
        before=None,
        after=None,
        indent_mm=None,
        keep_next=None,
        runs=None,
    ):
        """A paragraph; `runs` = [(text, {"bold": True, ...}), ...] for mixed formatting. Line breaks in `text`
        stay line breaks."""
        p = self.doc.add_paragraph(style=style)
        for piece, fmt in runs or [(text, {})]:
            lines = str(piece).split("\n")
            for i, line in enumerate(lines):
                run = p.add_run(line)
                if i < len(lines) - 1:
                    run.add_break()
                run.bold = fmt.get("bold", bold) or None
                run.italic = fmt.get("italic", italic) or None
                run.underline = fmt.get("underline", underline) or None
                if fmt.get("size", size):
                    run.font.size = Pt(fmt.get("size", size))
        pf = p.paragraph_format
        if align is not None:
            p.alignment = align
        if before is not None:
            pf.space_before = Pt(before)
        if after is not None:
            pf.space_after = Pt(after)
        if indent_mm:
            pf.left_indent = Mm(indent_mm)
        if keep_next is not None:
            pf.keep_with_next = keep_next
        return p

    def title(self, text, *, underline=True, after=None):
        p = self.para(text, style="Judul" if underline else "Title")
        if after is not None:
            p.paragraph_format.space_after = Pt(after)
        return p

    def number(self, text):
        return self.para(text, style="Nomor")

    def heading(self, text, level=2):
        return self.para(text, style=f"Heading {level}")

    def numbered(self, items, *, indent_mm=7, style="Isi", after=3, start=1):
        """A numbered list as the PDF's <ol>: "1. text" with a hanging indent."""
        for i, item in enumerate(items, start=start):
            p = self.para(f"{i}.\t{item}", style=style, after=after)
            pf = p.paragraph_format
            pf.left_indent = Mm(indent_mm)
            pf.first_line_indent = -Mm(indent_mm)
            pf.tab_stops.add_tab_stop(Mm(indent_mm))
        return self

    def draft_banner(self, text="KONSEP — belum ditandatangani, bukan dokumen resmi"):
        p = self.para(text, align=RIGHT, size=8)
        for run in p.runs:
            run.font.color.rgb = RGBColor(0xBB, 0, 0)
        return p

    # -- tables ------------------------------------------------------------------------------------
    def table(
        self,
        headers,
        rows,
        widths_mm,
        *,
        size=None,
        align=None,
        header_fill="EEEEEE",
        cant_split=True,
        bold_rows=(),
        fills=None,
        style="Tabel Bergaris",
        center_table=False,
    ):
        """A bordered table with a repeated header row, column widths in the grid. `align`: {column index: WD
        alignment}; `bold_rows`: indices into `rows`; `fills`: {row index: hex fill}."""
        ncols = len(widths_mm)
        table = self.doc.add_table(rows=0, cols=ncols)
        table.style = style
        if center_table:
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
        align = align or {}
        if headers:
            cells = table.add_row().cells
            repeat_header(table.rows[0])
            keep_row_together(table.rows[0])
            for i, h in enumerate(headers):
                cell_text(cells[i], h, bold=True, align=CENTER, size=size)
                if header_fill:
                    shade(cells[i], header_fill)
        for r, row in enumerate(rows):
            added = table.add_row()
            if cant_split:
                keep_row_together(added)
            for i, value in enumerate(row[:ncols]):
                cell_text(added.cells[i], value, bold=r in bold_rows, align=align.get(i), size=size)
                if fills and r in fills and fills[r]:
                    shade(added.cells[i], fills[r])
        set_widths(table, widths_mm)
        return table

    def add_row(self, table, values, *, size=None, bold=False, fill=None, align=None, cant_split=True):
        """One more row of `table` (returns its cells)."""
        row = table.add_row()
        if cant_split:
            keep_row_together(row)
        align = align or {}
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        for i, value in enumerate(values):
            cell = row.cells[i]
            cell_text(cell, value, bold=bold, align=align.get(i), size=size)
            if fill:
                shade(cell, fill)
            if i < len(grid):
                _set(cell._tc.get_or_add_tcPr(), "w:tcW", w=grid[i], type="dxa")
        return row.cells

    def merge_row(self, table, row_index, first, last, text, *, bold=True, size=None, fill=None):
        """Merge cells first..last of a row into one holding `text`."""
        row = table.rows[row_index]
        merged = row.cells[first].merge(row.cells[last])
        for extra in merged.paragraphs[1:]:
            extra._element.getparent().remove(extra._element)
        p = merged.paragraphs[0]
        for run in list(p.runs):
            run._element.getparent().remove(run._element)
        run = p.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
        if fill:
            shade(merged, fill)
        return merged

    def fields(self, rows, *, label_mm=22, colon_mm=4, indent_mm=0, value_mm=None, after=6):
        """ "Label : value" lines as the PDF's head-fields table (no borders)."""
        value_mm = value_mm or (self.width_mm - indent_mm - label_mm - colon_mm)
        table = self.doc.add_table(rows=0, cols=3)
        for label, value in rows:
            cells = table.add_row().cells
            cell_text(cells[0], label, style="Normal")
            cell_text(cells[1], ":", style="Normal")
            cell_text(cells[2], value, style="Normal")
        no_borders(table)
        set_widths(table, [label_mm, colon_mm, value_mm])
        if indent_mm:
            _set(table._tbl.tblPr, "w:tblInd", w=int(Mm(indent_mm).twips), type="dxa")
        self._cell_margins(table, 0)
        if after:
            self.para("", after=0, size=max(1, after // 2))
        return table

    @staticmethod
    def _cell_margins(table, mm):
        mar = _set(table._tbl.tblPr, "w:tblCellMar")
        for edge in ("left", "right"):
            _set(mar, f"w:{edge}", w=int(Mm(mm).twips) if mm else 0, type="dxa")

    def layout_table(self, widths_mm):
        """A borderless one-row table for side-by-side blocks (the PDFs' layout tables)."""
        table = self.doc.add_table(rows=1, cols=len(widths_mm))
        no_borders(table)
        set_widths(table, widths_mm)
        keep_row_together(table.rows[0])
        self._cell_margins(table, 0)
        return table

    # -- letterhead, signature, tembusan ---------------------------------------------------------
    def letterhead(self, opd):
        """The kop surat (core/templates/core/print/kop.html): logo, Pemda, OPD, address, contacts, double rule."""
        width = self.width_mm
        table = self.layout_table([25, width - 50, 25])
        cells = table.rows[0].cells
        logo = _logo_path(opd)
        p = cells[0].paragraphs[0]
        if logo:
            p.add_run().add_picture(logo, width=Mm(21))
        lines = [
            ("Kop Pemda", str(opd.pemda).upper()),
            ("Kop OPD", opd.name.upper()),
            ("Kop Alamat", f"{opd.address}{' ' + opd.postal_code if opd.postal_code else ''}"),
        ]
        if opd.contact_line:
            lines.append(("Kop Alamat", opd.contact_line))
        web = " ".join(
            t
            for t in (f"Laman: {opd.website}" if opd.website else "", f"Pos-el: {opd.email}" if opd.email else "")
            if t
        )
        if web:
            lines.append(("Kop Laman", web))
        first = cells[1].paragraphs[0]
        for i, (style, text) in enumerate(lines):
            para = first if i == 0 else cells[1].add_paragraph()
            para.style = style
            para.add_run(text)
        for cell in cells:
            _set(cell._tc.get_or_add_tcPr(), "w:vAlign", val="center")
        borders = _set(table._tbl.tblPr, "w:tblBorders")
        _set(borders, "w:bottom", val="double", sz=8, space=0, color="000000")
        self.para("", after=6, size=6)
        return table

    def _qr(self, paragraph, url, size_mm=20):
        buf = io.BytesIO()
        segno.make(url, error="m").save(buf, kind="png", scale=4, border=1)
        buf.seek(0)
        paragraph.add_run().add_picture(buf, width=Mm(size_mm), height=Mm(size_mm))

    def signature_lines(self, cell, sig, verification=None, *, place_date=True, label=None, space_mm=22, note=""):
        """The signature block (documents/print/signature_block.html) written into a table cell: place and date,
        title lines, the space (QR and "Ditandatangani secara elektronik" when signed), name, pangkat, NIP. Every
        line keeps with the next."""
        lines = []
        if place_date and sig.get("place_date"):
            lines.append(sig["place_date"])
        if label:
            lines.append(label)
        lines += list(sig.get("title_lines") or [sig.get("title", "")])
        first = cell.paragraphs[0]
        for i, line in enumerate(lines):
            p = first if i == 0 else cell.add_paragraph()
            p.style = "Tanda Tangan"
            p.add_run(line)
        signed = bool(verification and verification.get("signed"))
        space = cell.add_paragraph(style="Tanda Tangan")
        if signed:
            self._qr(space, verification["url"])
            cell.add_paragraph("Ditandatangani secara elektronik", style="Tanda Tangan TTE")
        else:
            space.paragraph_format.space_before = Mm(space_mm - 6)
            if note:  # written at the bottom of the space ("(tanda tangan basah)")
                space.add_run(note).font.size = Pt(7)
        cell.add_paragraph(sig["name"], style="Tanda Tangan Nama")
        for extra in (sig.get("pangkat"), sig.get("nip_line")):
            if extra:
                cell.add_paragraph(extra, style="Tanda Tangan")
        cell.paragraphs[-1].paragraph_format.keep_with_next = False
        return cell

    def signature(self, sig, verification=None, *, place_date=True, left_mm=None, width_mm=None, before=12):
        """One signature block on the right (the PDFs' 56 % column), kept on one page (cantSplit row)."""
        if not sig:
            return None
        total = self.width_mm
        width = width_mm or total * 0.56
        left = total - width if left_mm is None else left_mm
        body = self.doc.element.body
        if len(body) and body[-1].tag == qn("w:p"):  # the last paragraph goes with the block: never a block alone
            _set(body[-1].get_or_add_pPr(), "w:keepNext")
        self.para("", after=0, size=max(1, before // 2), keep_next=True)
        table = self.layout_table([left, width])
        self.signature_lines(table.rows[0].cells[1], sig, verification, place_date=place_date)
        return table

    def tembusan(self, items):
        """Tembusan (documents/print/tembusan.html): one line, or a numbered list."""
        if not items:
            return
        self.para("", after=0, size=6)
        self.para("", runs=[("Tembusan", {"underline": True}), (" :", {})], size=11, keep_next=True)
        if len(items) == 1:
            self.para(items[0], size=11)
        else:
            for i, t in enumerate(items, start=1):
                p = self.para(f"{i}.\t{t}", size=11, keep_next=i < len(items))
                p.paragraph_format.left_indent = Mm(5)
                p.paragraph_format.first_line_indent = -Mm(5)

    def parafs(self, parafs):
        if not parafs:
            return
        self.para("", after=0, size=6)
        rows = [[p.position.display_short, p.initials, tanggal_filter(p.at)] for p in parafs]
        table = self.table(["Paraf koordinasi", "", ""], rows, [60, 14, 26], header_fill=None, size=7.5)
        self.merge_row(table, 0, 0, 2, "Paraf koordinasi", size=7.5)
        table.rows[0].cells[0].paragraphs[0].alignment = CENTER

    def tte_note(self, verification):
        """The e-signature note under a signed document."""
        if not (verification and verification.get("signed")):
            return
        self.para(
            style="Catatan TTE",
            runs=[
                (
                    "Dokumen ini ditandatangani secara elektronik menggunakan sertifikat elektronik. Keasliannya "
                    f"dapat diperiksa pada {verification['url']} dengan kode verifikasi ",
                    {},
                ),
                (verification["code_display"], {"bold": True}),
                (" (pindai kode QR).", {}),
            ],
        )

    # -- output ------------------------------------------------------------------------------------
    def render(self) -> bytes:
        # The last empty paragraph docxtpl leaves after a table would add a blank page after a full one.
        self.tpl.render({"body": self.sub, "title": self.title_text}, autoescape=True)
        out = io.BytesIO()
        self.tpl.save(out)
        return out.getvalue()


# --- Letters ------------------------------------------------------------------------------------------
def _get(obj, name, default=""):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _letter_head_fields(letter, nomor):
    return [
        ("Nomor", nomor or DOTS),
        ("Sifat", _get(letter, "sifat")),
        ("Lampiran", _get(letter, "lampiran_note") or "-"),
        ("Hal", _get(letter, "subject")),
    ]


def _kepada(cell, ctx, letter):
    cell_text(cell, "Kepada", style="Normal")
    recipients = ctx.get("recipients") or []
    if len(recipients) > 1:
        cell.add_paragraph("Yth.", style="Normal")
        for i, r in enumerate(recipients, start=1):
            p = cell.add_paragraph(f"{i}.\t{r}", style="Normal")
            p.paragraph_format.left_indent = Mm(6)
            p.paragraph_format.first_line_indent = -Mm(6)
    else:
        cell.add_paragraph("Yth. " + (recipients[0] if recipients else ""), style="Normal")
    place = _get(letter, "recipient_place")
    if place:
        cell.add_paragraph(f"di {place}", style="Normal")


def _body(d, ctx, *, indent_mm=0):
    for text in ctx.get("paragraphs") or []:
        d.para(text, style="Isi", indent_mm=indent_mm)


def _items(d, ctx, *, indent_mm=0):
    items = [i if isinstance(i, str) else " — ".join(str(v) for v in i.values() if v) for i in ctx.get("items") or []]
    if items:
        d.numbered(items, indent_mm=6)
        if indent_mm:
            for p in d.doc.paragraphs[-len(items) :]:
                p.paragraph_format.left_indent = Mm(indent_mm + 6)


def _closing(d, ctx, *, indent_mm=0):
    if ctx.get("closing"):
        d.para(ctx["closing"], style="Isi", indent_mm=indent_mm)


def _surat_pernyataan(d, ctx, letter, nomor):
    sig = ctx["signature"]
    d.title("SURAT PERNYATAAN")
    d.number(f"NOMOR : {nomor or DOTS}")
    d.para("Yang bertanda tangan di bawah ini :", style="Isi")
    rows = [("Nama", sig["name"])]
    if sig.get("nip"):
        rows.append(("NIP", sig["nip"]))
    rows.append(("Jabatan", sig["title"]))
    d.fields(rows, indent_mm=10)
    _body(d, ctx)
    _items(d, ctx)
    _closing(d, ctx)
    return True


def _surat_pengantar(d, ctx, letter, nomor):
    sig = ctx["signature"]
    d.para(sig["place_date"], align=RIGHT, after=6)
    width = d.width_mm
    table = d.layout_table([width / 2, width / 2])
    _kepada(table.rows[0].cells[1], ctx, letter)
    d.title("SURAT PENGANTAR").paragraph_format.space_before = Pt(14)
    d.number(f"Nomor : {nomor or DOTS}")
    _body(d, ctx)
    rows = []
    for i, item in enumerate(ctx.get("items") or [], start=1):
        if isinstance(item, dict):
            rows.append([f"{i}.", item.get("uraian") or "", item.get("banyaknya") or "", item.get("keterangan") or ""])
        else:
            rows.append([f"{i}.", item, "", ""])
    if not rows:
        rows.append(["1.", _get(letter, "subject"), "", ""])
    d.table(
        ["No.", "Naskah dinas / barang yang dikirimkan", "Banyaknya", "Keterangan"],
        rows,
        [10, width - 10 - 35 - 45, 35, 45],
        size=10.5,
        align={0: CENTER, 2: CENTER},
    )
    if ctx.get("closing"):
        d.para(ctx["closing"], style="Isi", before=8)
    # The signature: the recipient's receipt on the left, the signer on the right (surat_pengantar.html).
    d.para("", after=0, size=8, keep_next=True)
    table = d.layout_table([width * 0.44, width * 0.56])
    left = table.rows[0].cells[0]
    for i, line in enumerate(["Diterima tanggal ……………………", "Penerima,", "", "", "", "(……………………………………)", "NIP."]):
        p = left.paragraphs[0] if i == 0 else left.add_paragraph()
        p.style = "Tanda Tangan"
        p.alignment = LEFT
        run = p.add_run(line)
        run.font.size = Pt(11)
    d.signature_lines(table.rows[0].cells[1], sig, ctx.get("verification"), place_date=False)
    return None


def _undangan(d, ctx, letter, nomor):
    sig = ctx["signature"]
    d.para(sig["place_date"], align=RIGHT, after=6)
    width = d.width_mm
    table = d.layout_table([width * 0.58, width * 0.42])
    left = table.rows[0].cells[0]
    inner = left.add_table(rows=0, cols=3)
    for label, value in _letter_head_fields(letter, nomor):
        cells = inner.add_row().cells
        cell_text(cells[0], label, style="Normal")
        cell_text(cells[1], ":", style="Normal")
        cell_text(cells[2], value, style="Normal")
    no_borders(inner)
    set_widths(inner, [22, 4, width * 0.58 - 27])
    left._tc.remove(left.paragraphs[0]._p)
    left.add_paragraph()  # a cell ends with a paragraph
    _kepada(table.rows[0].cells[1], ctx, letter)
    d.para("", after=0, size=6)
    _body(d, ctx, indent_mm=26)
    details = ctx.get("details") or {}
    rows = [
        (label, details.get(key))
        for label, key in (
            ("Hari, tanggal", "hari_tanggal_text"),
            ("Waktu", "waktu"),
            ("Tempat", "tempat"),
            ("Acara", "acara"),
        )
        if details.get(key)
    ]
    if rows:
        d.fields(rows, indent_mm=34, label_mm=30)
    _items(d, ctx, indent_mm=26)
    _closing(d, ctx, indent_mm=26)
    return False


def _nota_dinas(d, ctx, letter, nomor):
    sig = ctx["signature"]
    d.title("NOTA DINAS", underline=False)
    rows = [("Kepada", recipients_text(ctx.get("recipients") or [])), ("Dari", sig["title"])]
    if ctx.get("tembusan"):
        rows.append(("Tembusan", ", ".join(ctx["tembusan"])))
    rows.append(("Tanggal", tanggal(_get(letter, "date")) if _get(letter, "date") else ""))
    rows += _letter_head_fields(letter, nomor)[0:4]
    d.fields(rows, after=0)
    rule = d.para("", after=10, size=4)
    _set(_set(rule._p.get_or_add_pPr(), "w:pBdr"), "w:bottom", val="single", sz=12, space=1, color="000000")
    _body(d, ctx)
    _items(d, ctx)
    _closing(d, ctx)
    return False


def _berita_acara(d, ctx, letter, nomor):
    d.title("BERITA ACARA")
    d.para(str(_get(letter, "subject")).upper(), bold=True, align=CENTER)
    d.number(f"NOMOR : {nomor or DOTS}")
    _body(d, ctx)
    _items(d, ctx)
    _closing(d, ctx)
    return True


def _disposisi(d, ctx, letter, nomor):
    details = ctx.get("details") or {}
    d.title("LEMBAR DISPOSISI", underline=False)
    d.number(f"Nomor agenda : {nomor}" if nomor else "")
    width = d.width_mm
    items = ctx.get("items") or []
    paragraphs = ctx.get("paragraphs") or []
    rows = [
        [
            f"Surat dari : {details.get('surat_dari', '')}",
            f"Diterima tanggal : {details.get('diterima_tanggal_text', '')}",
        ],
        [f"Nomor surat : {details.get('nomor_surat', '')}", f"Nomor agenda : {details.get('nomor_agenda', '')}"],
        [f"Tanggal surat : {details.get('tanggal_surat_text', '')}", f"Sifat : {_get(letter, 'sifat')}"],
        [f"Hal : {_get(letter, 'subject')}", ""],
        [
            "\n".join(["Diteruskan kepada Sdr. :", *[f"{i}. {t}" for i, t in enumerate(items, start=1)]]),
            "Dengan hormat harap :",
        ],
        [f"Catatan : {ctx.get('closing') or ''}", ""],
    ]
    table = d.table(None, rows, [width / 2, width / 2], header_fill=None, size=12)
    asked = table.rows[4].cells[1]
    for text in paragraphs:
        p = asked.add_paragraph(style="Tabel")
        box(p)
        p.add_run(text).font.size = Pt(12)
    d.merge_row(table, 3, 0, 1, rows[3][0], bold=False, size=12)
    d.merge_row(table, 5, 0, 1, rows[5][0], bold=False, size=12)
    table.rows[5].height = Mm(22)
    return True


LETTER_BODIES = {
    "surat_pernyataan": _surat_pernyataan,
    "surat_pengantar": _surat_pengantar,
    "undangan": _undangan,
    "nota_dinas": _nota_dinas,
    "berita_acara": _berita_acara,
    "disposisi": _disposisi,
}


def letter_docx(
    letter, ctx: dict, number: str = "", verification=None, *, opd=None, doc_type=None, body=None, after_signature=None
) -> bytes:
    """The DOCX of a letter, saying what its PDF (documents/print/<type>.html) says. `letter` is a Letter, or the
    dict a document of another app passes as `letter` (the DPK's cover letter); `ctx` is `letter_context`'s.
    Another app's letter template that changes the body or adds pages after the signature passes `body(d, ctx,
    letter, number) -> with place and date above the signature` and `after_signature(d, ctx)`."""
    opd = opd or _get(letter, "opd", None) or ctx.get("opd")
    dtype = _get(letter, "doc_type", None) or ctx.get("doc_type")
    code = doc_type or getattr(dtype, "code", "")
    name = getattr(dtype, "name", "") or code
    verification = verification if verification is not None else ctx.get("verification")
    d = DocxDocument(title=f"{name} {number}".strip())
    if ctx.get("draft"):
        d.draft_banner()
    d.letterhead(opd)
    build = body or LETTER_BODIES.get(code)
    if build is None:  # letter_base.html's own body
        d.title(str(name).upper())
        if number:
            d.number(f"NOMOR : {number}")
        _body(d, ctx)
        _items(d, ctx)
        _closing(d, ctx)
        with_place_date = True
    else:
        with_place_date = build(d, ctx, letter, number)
    if with_place_date is not None:  # None: the body wrote its own signature block
        d.signature(ctx["signature"], verification, place_date=with_place_date)
    if after_signature is not None:
        after_signature(d, ctx)
    d.tembusan(ctx.get("tembusan") or [])
    d.parafs(ctx.get("parafs") or [])
    d.tte_note(verification)
    return d.render()
