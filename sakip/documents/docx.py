"""DOCX versions of letters (python-docx), for offices that still edit or print from Word.
The layout follows the PDF: letterhead, title/number or address block, body, signature, tembusan."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from sakip.core.formats import tanggal


def _p(doc, text="", *, bold=False, size=None, align=None, underline=False, space_after=0):
    para = doc.add_paragraph()
    run = para.add_run(text)
    run.bold = bold
    run.underline = underline
    if size:
        run.font.size = Pt(size)
    if align:
        para.alignment = align
    para.paragraph_format.space_after = Pt(space_after)
    return para


def _rule(para):
    p_pr = para._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "double"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    p_pr.append(border)


def recipients_text(recipients) -> str:
    """ "Yth. A" for one recipient; "Yth." and "1. A", "2. B" on the following lines for several
    (Permendagri 1/2023)."""
    if len(recipients) > 1:
        return "\n".join(["Yth."] + [f"{i}. {r}" for i, r in enumerate(recipients, start=1)])
    return "Yth. " + (recipients[0] if recipients else "")


def letter_docx(letter, ctx: dict, number: str) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(215), Mm(330)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = (
        Mm(25),
        Mm(20),
        Mm(20),
        Mm(20),
    )
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(12)
    opd = letter.opd
    center = WD_ALIGN_PARAGRAPH.CENTER
    _p(doc, str(opd.pemda).upper(), size=14, align=center)
    _p(doc, opd.name.upper(), bold=True, size=15, align=center)
    _p(doc, f"{opd.address} {opd.postal_code}".strip(), size=10.5, align=center)
    last = _p(doc, opd.contact_line, size=10.5, align=center, space_after=10)
    _rule(last)
    sig = ctx["signature"]
    code = letter.doc_type.code
    if code in ("surat_pengantar", "undangan", "nota_dinas"):
        if code == "nota_dinas":
            _p(doc, "NOTA DINAS", bold=True, align=center, space_after=8)
            rows = [
                ("Kepada", recipients_text(ctx["recipients"])),
                ("Dari", sig["title"]),
                ("Tanggal", tanggal(letter.date)),
                ("Nomor", number or "…"),
                ("Sifat", letter.sifat),
                ("Lampiran", letter.lampiran_note or "-"),
                ("Hal", letter.subject),
            ]
        else:
            _p(doc, sig["place_date"], align=WD_ALIGN_PARAGRAPH.RIGHT, space_after=6)
            rows = [
                ("Nomor", number or "…"),
                ("Sifat", letter.sifat),
                ("Lampiran", letter.lampiran_note or "-"),
                ("Hal", letter.subject),
            ]
        table = doc.add_table(rows=0, cols=3)
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = label, ":", value
        if code != "nota_dinas":
            _p(doc, "")
            for line in recipients_text(ctx["recipients"]).splitlines():
                _p(doc, line)
            _p(doc, f"di {letter.recipient_place}" if letter.recipient_place else "", space_after=8)
    else:
        _p(doc, letter.doc_type.name.upper(), bold=True, underline=True, align=center)
        if number:
            _p(doc, f"NOMOR : {number}", align=center, space_after=8)
    for para in ctx["paragraphs"]:
        _p(doc, para, space_after=6).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for i, item in enumerate(ctx["items"], start=1):
        text = item if isinstance(item, str) else " — ".join(str(v) for v in item.values() if v)
        _p(doc, f"{i}. {text}", space_after=3)
    for key, value in (ctx.get("details") or {}).items():
        if value:
            _p(doc, f"{key.replace('_', ' ').capitalize()}: {value}", space_after=3)
    if ctx.get("closing"):
        _p(doc, ctx["closing"], space_after=12)
    right = WD_ALIGN_PARAGRAPH.CENTER
    block = doc.add_table(rows=1, cols=2)
    cell = block.rows[0].cells[1]
    cell.text = ""
    lines = (
        ([] if code in ("surat_pengantar", "undangan", "nota_dinas") else [sig["place_date"]])
        + sig["title_lines"]
        + ["", "", "", sig["name"]]
    )
    if sig["pangkat"]:
        lines.append(sig["pangkat"])
    if sig["nip_line"]:
        lines.append(sig["nip_line"])
    for line in lines:
        para = cell.add_paragraph(line)
        para.alignment = right
        if line == sig["name"]:
            for run in para.runs:
                run.bold = True
                run.underline = True
    if ctx["tembusan"]:
        _p(doc, "")
        _p(doc, "Tembusan:")
        for i, t in enumerate(ctx["tembusan"], start=1):
            _p(doc, f"{i}. {t}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
