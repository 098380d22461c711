"""Writes base.docx, the one template every DOCX of sakip is written on (sakip/documents/docx.py).

    .venv/bin/python sakip/documents/templates/documents/docx/make_base.py

It holds what the PDFs share (core/templates/core/print/base_print.html): the F4 page (215 × 330 mm, margins
20/20/20/25 mm), the footer "Halaman x dari y", Times New Roman 12 pt (LibreOffice shows it as Liberation Serif,
the PDFs' font), headings in black (no Word theme colour), the letterhead's, the signature block's and the
tables' styles, and the body `{{p body }}` where docxtpl inserts the document's content. Run it again after
changing a style here; the result is committed.
"""

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).with_name("base.docx")
SERIF, SANS = "Times New Roman", "Arial"
BLACK = RGBColor(0, 0, 0)


def _fonts(style, name):
    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _language(style, lang="id-ID"):
    rpr = style.element.get_or_add_rPr()
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), lang)


def _paragraph_style(
    doc,
    name,
    *,
    base="Normal",
    font=SERIF,
    size=12,
    bold=None,
    underline=None,
    align=None,
    after=0,
    before=0,
    keep_next=False,
    color=None,
):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        style.base_style = styles[base]
    _fonts(style, font)
    style.font.size = Pt(size)
    style.font.color.rgb = color or BLACK
    if bold is not None:
        style.font.bold = bold
    if underline is not None:
        style.font.underline = underline
    style.font.italic = False
    pf = style.paragraph_format
    pf.space_after, pf.space_before = Pt(after), Pt(before)
    pf.line_spacing = 1.15 if size >= 10 else 1.0
    if align is not None:
        pf.alignment = align
    pf.keep_with_next = keep_next
    # Word's theme colours and borders of the built-in headings go: black on white like the PDF.
    rpr = style.element.get_or_add_rPr()
    color_el = rpr.find(qn("w:color"))
    for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
        color_el.attrib.pop(qn(attr), None)
    ppr = style.element.get_or_add_pPr()
    for tag in ("w:pBdr",):
        for el in ppr.findall(qn(tag)):
            ppr.remove(el)
    return style


def _field(paragraph, instr):
    for kind, text in (("begin", None), (None, instr), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instr} "
            run._r.append(el)
        else:
            run.text = text


def _grid_table_style(doc):
    style = doc.styles.add_style("Tabel Bergaris", WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    tbl_pr = style.element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = OxmlElement("w:tblPr")
        style.element.append(tbl_pr)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
            el.set(qn(key), value)
        borders.append(el)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("top", 30), ("left", 85), ("bottom", 30), ("right", 85)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(width))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)


def main():
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(215), Mm(330)
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = (
        Mm(20),
        Mm(20),
        Mm(20),
        Mm(25),
    )
    section.header_distance, section.footer_distance = Mm(8), Mm(8)

    normal = _paragraph_style(doc, "Normal")
    _language(normal)
    for level, size in ((1, 13), (2, 12), (3, 12)):
        _paragraph_style(doc, f"Heading {level}", size=size, bold=True, before=10, after=4, keep_next=True)
    _paragraph_style(doc, "Title", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
    _paragraph_style(
        doc, "Judul", size=13, bold=True, underline=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=4, keep_next=True
    )
    _paragraph_style(doc, "Nomor", align=WD_ALIGN_PARAGRAPH.CENTER, after=12, keep_next=True)
    _paragraph_style(doc, "Isi", align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
    _paragraph_style(doc, "Tabel", size=10.5, after=0)
    _paragraph_style(doc, "Kop Pemda", font=SANS, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph_style(doc, "Kop OPD", font=SANS, size=15.5, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph_style(doc, "Kop Alamat", font=SANS, size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph_style(doc, "Kop Laman", font=SANS, size=8.5, align=WD_ALIGN_PARAGRAPH.CENTER)
    # The signature block: every line keeps with the next so that Word and LibreOffice never split it.
    _paragraph_style(doc, "Tanda Tangan", align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
    _paragraph_style(
        doc,
        "Tanda Tangan Nama",
        base="Tanda Tangan",
        bold=True,
        underline=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        keep_next=True,
    )
    _paragraph_style(
        doc,
        "Tanda Tangan TTE",
        base="Tanda Tangan",
        font=SANS,
        size=6.5,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        keep_next=True,
        color=RGBColor(0x33, 0x33, 0x33),
    )
    note = _paragraph_style(doc, "Catatan TTE", font=SANS, size=7.5, before=10, color=RGBColor(0x33, 0x33, 0x33))
    ppr = note.element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "2"), ("w:color", "888888")):
        top.set(qn(key), value)
    border.append(top)
    ppr.insert_element_before(border, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
    _paragraph_style(doc, "Paraf", font=SANS, size=7.5)
    _paragraph_style(
        doc, "Halaman", font=SANS, size=8, align=WD_ALIGN_PARAGRAPH.RIGHT, color=RGBColor(0x55, 0x55, 0x55)
    )
    _grid_table_style(doc)

    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Halaman"]
    footer.add_run("Halaman ")
    _field(footer, "PAGE")
    footer.add_run(" dari ")
    _field(footer, "NUMPAGES")

    body = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    body.text = "{{p body }}"
    doc.core_properties.title = "{{ title }}"
    doc.core_properties.author = "sakip"
    doc.save(OUT)


if __name__ == "__main__":
    main()
