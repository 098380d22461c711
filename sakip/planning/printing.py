"""Official documents of the planning app: the Perjanjian Kinerja (PDF and DOCX, F4, the OPD's
letterhead, two signature blocks with pangkat and NIP where the official has them) and the
planning check report. A signed PK is issued through the documents pipeline
(`services.sign_pk` → `sakip.documents.services.issue_document`): numbered, signed, archived; the renders
here serve the draft preview and the pipeline's input."""

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from sakip.core import formats
from sakip.core.nip import format_nip
from sakip.core.pdf import logo_uri, render_pdf


def pk_context(doc, *, draft: bool | None = None, number: str = ""):
    """What the PK says (PDF template planning/print/pk.html and the DOCX). `draft` marks the preview "DRAF"
    (default: while the PK is a draft); the issued copy passes draft=False and gets its number from the pipeline."""
    budget = list(doc.budget_lines.all())
    return {
        "doc": doc,
        "draft": doc.status == doc.Status.DRAFT if draft is None else draft,
        "nomor": number,
        "opd": doc.opd,
        "logo": logo_uri(doc.opd.logo) or logo_uri(doc.opd.pemda.logo),
        "items": list(doc.items.all()),
        "budget": budget,
        "budget_total": sum((b.amount for b in budget), 0),
        "title": str(doc),
        # docs/documents.md "Who signs": the pihak kedua signs the printed original by hand (ttd. basah)
        "second_wet": not (doc.status == doc.Status.DRAFT if draft is None else draft),
    }


def pk_pdf(doc) -> bytes:
    """The preview render (marked DRAF while the PK is a draft); the signed PK's PDF is the archived one."""
    return render_pdf("planning/print/pk.html", pk_context(doc))


def checks_pdf(ctx) -> bytes:
    ctx = dict(ctx)
    ctx["logo"] = logo_uri(ctx["opd"].logo)
    return render_pdf("planning/print/checks.html", ctx)


# --- DOCX ------------------------------------------------------------------------------------------
def _para(document, text="", *, bold=False, size=12, align=None, space_after=4, underline=False):
    p = document.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
        run.underline = underline
        run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    return p


def _kop(document, opd):
    for text, size, bold in (
        (str(opd.pemda).upper(), 14, False),
        (opd.name.upper(), 15, True),
        (f"{opd.address}{' ' + opd.postal_code if opd.postal_code else ''}", 10.5, False),
        (opd.contact_line, 10.5, False),
    ):
        if text:
            _para(document, text, bold=bold, size=size, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    p = _para(document, "", space_after=8)
    p_pr = p._p.get_or_add_pPr()

    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "double"), ("w:sz", "12"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    p_pr.append(border)


WET_NOTE = "(tanda tangan basah)"


def _signatures(document, doc, *, second_wet=False):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, label, title, emp, dated in (
        (table.rows[0].cells[0], "Pihak Kedua,", doc.second_title, doc.second_employee, False),
        (table.rows[0].cells[1], "Pihak Pertama,", doc.first_title, doc.first_employee, True),
    ):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        lines = []
        if dated:
            lines.append(f"{doc.place}, {formats.tanggal(doc.sign_date)}" if doc.sign_date else doc.place)
        else:
            lines.append("")
        lines += [label, title]
        cell.paragraphs[0].add_run("\n".join(lines))
        for _i in range(3):
            cell.add_paragraph()
        if second_wet and not dated:
            note = cell.add_paragraph()
            note.alignment = WD_ALIGN_PARAGRAPH.CENTER
            note.add_run(WET_NOTE).font.size = Pt(7)
        p = cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(emp.full_name)
        run.bold = True
        run.underline = True
        if emp.pangkat:
            cell.add_paragraph(emp.pangkat).alignment = WD_ALIGN_PARAGRAPH.CENTER
        if emp.nip:
            cell.add_paragraph(f"NIP. {format_nip(emp.nip)}").alignment = WD_ALIGN_PARAGRAPH.CENTER


def _grid(document, headers, rows, widths):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for i, h in enumerate(headers):
        cell = table.rows[0].cells[i]
        cell.text = ""
        run = cell.paragraphs[0].add_run(h)
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in rows:
        cells = table.add_row().cells
        for i, value in enumerate(row):
            cells[i].text = str(value)
    for row in table.rows:
        for i, w in enumerate(widths):
            row.cells[i].width = Mm(w)
    return table


def pk_docx(doc, number: str = "", *, issued: bool = False) -> bytes:
    ctx = pk_context(doc, number=number, draft=False if issued else None)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(215), Mm(330)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = (
        Mm(25),
        Mm(20),
        Mm(20),
        Mm(20),
    )

    _kop(document, doc.opd)
    _para(
        document, f"{doc.title}\nTAHUN {doc.year}", bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=2
    )
    _para(document, doc.opd.name.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=2 if number else 10)
    if number:
        _para(document, f"Nomor: {number}", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=10)
    _para(
        document,
        "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta "
        "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _para(document, f"Nama\t: {doc.first_employee.full_name}\nJabatan\t: {doc.first_title}")
    _para(document, "selanjutnya disebut pihak pertama,")
    _para(document, f"Nama\t: {doc.second_employee.full_name}\nJabatan\t: {doc.second_title}")
    _para(document, "selaku atasan langsung pihak pertama, selanjutnya disebut pihak kedua.")
    if doc.is_perubahan:
        since = f" tanggal {formats.tanggal(doc.supersedes.sign_date)}" if doc.supersedes.sign_date else ""
        _para(
            document,
            f"Perjanjian Kinerja ini mengubah {doc.supersedes}{since} karena {doc.change_reason}.",
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        )
    _para(
        document,
        "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian "
        "ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam "
        "dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi "
        "tanggung jawab kami.",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _para(
        document,
        "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap "
        "capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka "
        "pemberian penghargaan dan sanksi.",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _signatures(document, doc, second_wet=ctx["second_wet"])

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(
        document,
        f"{doc.title} TAHUN {doc.year}\n{formats.jabatan_kapital(doc.first_title)}",
        bold=True,
        size=13,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=10,
    )
    rows, last = [], None
    for n, it in enumerate(ctx["items"], start=1):
        rows.append(
            [
                n,
                it.sasaran if it.sasaran != last else "",
                it.indicator_name,
                formats.dengan_satuan(it.target, it.satuan),
            ]
        )
        last = it.sasaran
    _grid(document, ["No", "Sasaran", "Indikator Kinerja", "Target"], rows, [10, 60, 70, 30])
    _para(document, "")
    budget_rows = [[n, b.label, formats.angka(b.amount, 0), "APBD"] for n, b in enumerate(ctx["budget"], start=1)]
    if budget_rows:
        budget_rows.append(["", "Jumlah", formats.angka(ctx["budget_total"], 0), ""])
    else:
        budget_rows.append(["–", "Tidak ada anggaran yang menjadi tanggung jawab langsung jabatan ini.", "", ""])
    _grid(
        document,
        ["No", "Program / Kegiatan / Sub Kegiatan", "Anggaran (Rp)", "Keterangan"],
        budget_rows,
        [10, 95, 40, 25],
    )
    _signatures(document, doc, second_wet=ctx["second_wet"])
    out = BytesIO()
    document.save(out)
    return out.getvalue()
