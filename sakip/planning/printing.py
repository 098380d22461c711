"""Official documents of the planning app: the Perjanjian Kinerja (PDF and DOCX, F4, the OPD's
letterhead, two signature blocks with pangkat and NIP where the official has them) and the
planning check report. A signed PK is issued through the documents pipeline
(`services.sign_pk` → `sakip.documents.services.issue_document`): numbered, signed, archived; the renders
here serve the draft preview and the pipeline's input."""

from sakip.core import formats
from sakip.core.nip import format_nip
from sakip.core.pdf import logo_uri, render_pdf
from sakip.documents.docx import CENTER, RIGHT, DocxDocument


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


# --- DOCX (sakip/documents/docx.py: the one DOCX layer) ------------------------------------------------
def _party(doc, employee, title) -> dict:
    return {
        "name": employee.full_name,
        "title_lines": [title],
        "pangkat": employee.pangkat,
        "nip_line": f"NIP. {format_nip(employee.nip)}" if employee.nip else "",
    }


WET_NOTE = "(tanda tangan basah)"


def _signatures(d: DocxDocument, doc, verification, *, second_wet=False):
    """Pihak kedua left, pihak pertama right (planning/print/signatures.html), in one row that never splits."""
    d.para("", after=0, size=8, keep_next=True)
    width = d.width_mm
    table = d.layout_table([width / 2, width / 2])
    left, right = table.rows[0].cells
    d.signature_lines(
        left,
        {**_party(doc, doc.second_employee, doc.second_title), "place_date": " "},
        label="Pihak Kedua,",
        space_mm=30 if verification and verification.get("signed") else 22,
        note=WET_NOTE if second_wet else "",
    )
    place = f"{doc.place}, {formats.tanggal(doc.sign_date)}" if doc.sign_date else doc.place
    d.signature_lines(
        right,
        {**_party(doc, doc.first_employee, doc.first_title), "place_date": place},
        verification,
        label="Pihak Pertama,",
    )


def pk_docx(doc, number: str = "", verification=None, *, issued: bool = False) -> bytes:
    """The PK as DOCX: the same text as planning/print/pk.html (the issued copy gets the pipeline's number and
    verification: QR in the pihak pertama's signature space and the e-signature note)."""
    ctx = pk_context(doc, number=number, draft=False if issued else None)
    d = DocxDocument(title=str(doc))
    d.letterhead(doc.opd)
    d.title(f"{doc.title}\nTAHUN {doc.year}", underline=False)
    d.para(doc.opd.name.upper(), bold=True, align=CENTER, after=2 if number else 14)
    if number:
        d.number(f"Nomor: {number}")
    d.para(
        "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta "
        "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:",
        style="Isi",
    )
    d.fields([("Nama", doc.first_employee.full_name), ("Jabatan", doc.first_title)], after=0)
    d.para("", runs=[("selanjutnya disebut ", {}), ("pihak pertama", {"bold": True}), (",", {})], after=6)
    d.fields([("Nama", doc.second_employee.full_name), ("Jabatan", doc.second_title)], after=0)
    d.para(
        "",
        runs=[
            ("selaku atasan langsung pihak pertama, selanjutnya disebut ", {}),
            ("pihak kedua", {"bold": True}),
            (".", {}),
        ],
        after=6,
    )
    if doc.is_perubahan:
        since = f" tanggal {formats.tanggal(doc.supersedes.sign_date)}" if doc.supersedes.sign_date else ""
        d.para(f"Perjanjian Kinerja ini mengubah {doc.supersedes}{since} karena {doc.change_reason}.", style="Isi")
    d.para(
        "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian "
        "ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam "
        "dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi "
        "tanggung jawab kami.",
        style="Isi",
    )
    d.para(
        "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap "
        "capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka "
        "pemberian penghargaan dan sanksi.",
        style="Isi",
    )
    _signatures(d, doc, verification, second_wet=ctx["second_wet"])

    d.page_break()
    d.title(f"{doc.title} TAHUN {doc.year}\n{formats.jabatan_kapital(doc.first_title)}", underline=False, after=14)
    width = d.width_mm
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
    d.table(
        ["No", "Sasaran", "Indikator Kinerja", "Target"],
        rows,
        [8, (width - 38) / 2, (width - 38) / 2, 30],
        align={0: CENTER, 3: CENTER},
    )
    d.para("", after=6)
    budget_rows = [[n, b.label, formats.angka(b.amount, 0), "APBD"] for n, b in enumerate(ctx["budget"], start=1)]
    bold = ()
    if budget_rows:
        budget_rows.append(["", "Jumlah", formats.angka(ctx["budget_total"], 0), ""])
        bold = (len(budget_rows) - 1,)
    else:
        budget_rows.append(["–", "Tidak ada anggaran yang menjadi tanggung jawab langsung jabatan ini.", "", ""])
    table = d.table(
        ["No", "Program / Kegiatan / Sub Kegiatan", "Anggaran (Rp)", "Keterangan"],
        budget_rows,
        [8, width - 76, 42, 26],
        align={0: CENTER, 2: RIGHT},
        bold_rows=bold,
    )
    if not ctx["budget"]:
        d.merge_row(table, 1, 1, 3, budget_rows[0][1], bold=False)
    else:
        table.rows[-1].cells[1].paragraphs[0].alignment = RIGHT
    _signatures(d, doc, verification, second_wet=ctx["second_wet"])
    return d.render()
