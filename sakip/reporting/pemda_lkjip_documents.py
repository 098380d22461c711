"""The Pemda LKjIP as documents (docs/rules.md §10): PDF (F4, WeasyPrint; PermenPAN-RB 53/2014 Lampiran II) and
a DOCX that says the same (python-docx, text added as runs, never markup), issued through the documents
pipeline (`sakip.documents.services.issue_document`): numbered in the preparing OPD's register, signed by the
Bupati, archived."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from sakip.core.actors import is_system
from sakip.core.formats import angka
from sakip.core.pdf import render_pdf_from_html
from sakip.documents import services as document_services
from sakip.documents.docx import RIGHT, DocxDocument
from sakip.documents.models import ArchivedDocument
from sakip.documents.services import kop_context, signature_block

from . import pemda_lkjip as PL

TEMPLATE = "reporting/print/pemda_lkjip.html"


def title(lkjip) -> str:
    return f"LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) {lkjip.pemda.name.upper()} TAHUN {lkjip.year}"


def subject(lkjip) -> str:
    return f"Laporan Kinerja Instansi Pemerintah (LKjIP) {lkjip.pemda.name} Tahun {lkjip.year}"


def context(lkjip) -> dict:
    return {"lkjip": lkjip, "data": PL.hydrate(lkjip.data), "title": title(lkjip), "doc_title": title(lkjip)}


def _signature(lkjip, on):
    try:
        return signature_block(PL.bupati_position(lkjip.pemda), on)
    except ValidationError:  # a preview without a Bupati on record shows no signature block
        return None


def render_pdf(lkjip, *, on=None) -> bytes:
    """The Pemda LKjIP as it stands (KONSEP watermark while draft), not archived."""
    on = on or timezone.localdate()
    ctx = {**context(lkjip), **kop_context(lkjip.preparer), "kop": kop_context(lkjip.preparer)}
    ctx.update({"signature": _signature(lkjip, on), "nomor": "", "verification": None, "draft": lkjip.is_editable})
    return render_pdf_from_html(render_to_string(TEMPLATE, ctx))


def _n(value, places=2):
    return "" if value in (None, "") else (value if isinstance(value, str) else angka(value, places))


def _para(doc, text, *, bold=False, size=None, align=None):
    p = doc.add_paragraph()
    run = p.add_run(str(text or ""))
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    return p


def _text(doc, text):
    for block in str(text or "–").split("\n"):
        if block.strip():
            _para(doc, block).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def build_docx(lkjip, *, signature=None, number: str = "") -> bytes:
    data = PL.hydrate(lkjip.data)
    year = lkjip.year
    # On the one DOCX layer (sakip/documents/docx.py): base template, page setup, grid-width tables.
    d = DocxDocument(title=f"LKjIP {lkjip.pemda.name} {year}", margins_mm=(20, 18, 20, 22), font_size=11)
    doc = d.doc

    def _table(_doc, headers, widths):
        return d.table(headers, [], widths, size=8)

    def _row(table, values, _widths, *, bold=False, fill=None, right=()):
        return d.add_row(table, values, size=8, bold=bold, fill=fill, align={i: RIGHT for i in right})

    center = WD_ALIGN_PARAGRAPH.CENTER
    for _i in range(6):
        doc.add_paragraph()
    _para(doc, "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", bold=True, size=18, align=center)
    _para(doc, f"TAHUN {year}", bold=True, size=16, align=center)
    for _i in range(6):
        doc.add_paragraph()
    _para(doc, lkjip.pemda.name.upper(), bold=True, size=14, align=center)
    r = data["rpjmd"]
    _para(
        doc,
        f"Versi {lkjip.version} · {r['name']} {r['start']}–{r['end']} · disusun oleh {lkjip.preparer.name}"
        + (f" · Nomor {number}" if number else ""),
        size=8,
        align=center,
    )
    doc.add_page_break()
    s = data["summary"]
    doc.add_heading("IKHTISAR EKSEKUTIF", level=1)
    _text(doc, lkjip.ikhtisar)
    t = _table(doc, ["Uraian", "Nilai"], [110, 60])
    _row(t, ["Jumlah Indikator Kinerja Utama Pemda", str(s["ikus"])], [110, 60])
    own = f"{_n(s['own_average'])}% {s['own_category']}" if s["own_average"] is not None else "–"
    cons = (
        f"{_n(s['consolidated_average'])}% {s['consolidated_category']}"
        if s["consolidated_average"] is not None
        else "–"
    )
    _row(t, ["Rata-rata capaian IKU Pemda (angka resmi terhadap target PK Bupati)", own], [110, 60])
    _row(t, ["Rata-rata capaian IKU Perangkat Daerah pendukung", cons], [110, 60])
    doc.add_page_break()
    doc.add_heading("BAB I PENDAHULUAN", level=1)
    doc.add_heading("A. Latar Belakang", level=2)
    _text(doc, lkjip.pendahuluan)
    doc.add_heading("B. Perangkat Daerah", level=2)
    t = _table(doc, ["No", "Perangkat Daerah", f"Pengukuran {year}"], [10, 110, 50])
    for n, o in enumerate(data["opds"], start=1):
        _row(t, [str(n), o["name"], f"{o['period']}, dikunci" if o["locked"] else "belum dikunci"], [10, 110, 50])
    doc.add_heading("C. Isu Strategis", level=2)
    _text(doc, lkjip.isu_strategis)
    doc.add_page_break()
    doc.add_heading("BAB II PERENCANAAN KINERJA", level=1)
    doc.add_heading(f"A. {r['name']} {r['start']}–{r['end']}", level=2)
    widths = [18, 92, 20, 22, 22]
    t = _table(doc, ["Kode", "Tujuan / sasaran / IKU Pemda", "Satuan", f"Target {year}", f"Target {r['end']}"], widths)
    for tj in data["tujuan"]:
        _row(t, [tj["code"], f"Tujuan: {tj['statement']}", "", "", ""], widths)
        for sa in tj["sasaran"]:
            _row(t, [sa["code"], f"Sasaran: {sa['statement']}", "", "", ""], widths)
            for i in sa["ikus"]:
                _row(t, [i["code"], i["name"], i["satuan"], _n(i["target"]), _n(i["end_target"])], widths, right={3, 4})
    doc.add_heading(f"B. Perjanjian Kinerja Bupati Tahun {year}", level=2)
    _text(doc, f"Target tahun {year} setiap IKU Pemda di atas adalah target Perjanjian Kinerja Bupati (Lampiran 1).")
    doc.add_page_break()
    doc.add_heading("BAB III AKUNTABILITAS KINERJA", level=1)
    doc.add_heading("A. Capaian Kinerja", level=2)
    for tj in data["tujuan"]:
        for sa in tj["sasaran"]:
            doc.add_heading(f"Sasaran {sa['code']}: {sa['statement']}", level=3)
            for i in sa["ikus"]:
                w = [110, 30, 30]
                head = f"{i['code']} {i['name']}" + (f" ({i['satuan']})" if i["satuan"] else "")
                t = _table(doc, [head, str(year - 1), str(year)], w)
                _row(t, ["Target (PK Bupati)", _n(i["prev_target"]), _n(i["target"])], w, right={1, 2})
                _row(t, ["Realisasi (angka resmi)", _n(i["prev_realisasi"]), _n(i["realisasi"])], w, right={1, 2})
                _row(
                    t,
                    [
                        "Capaian (%)",
                        _n(i["prev_own"].get("percent")),
                        f"{_n(i['own'].get('percent'))} {i['own'].get('category', '')}".strip(),
                    ],
                    w,
                    right={1, 2},
                )
                _row(
                    t,
                    [
                        "Capaian IKU Perangkat Daerah pendukung (%)",
                        _n(i["consolidated_prev"]["percent"]),
                        f"{_n(i['consolidated']['percent'])} {i['consolidated']['category']}".strip(),
                    ],
                    w,
                    right={1, 2},
                )
                _para(doc, f"{i['own'].get('explanation', '')} {i['explanation']}", size=8)
                w2 = [26, 70, 20, 20, 18, 22]
                t = _table(
                    doc, ["Perangkat Daerah", "IKU pendukung", "Target", "Realisasi", "Capaian (%)", "Kategori"], w2
                )
                for x in i["consolidated"]["items"]:
                    p = x["precision"]
                    name = x["name"] + (f" — {x['missing']}" if x["missing"] else "")
                    _row(
                        t,
                        [
                            x["opd"],
                            name,
                            _n(x["target_value"], p),
                            _n(x["realisasi"], p),
                            _n(x["capaian"]),
                            x["category"],
                        ],
                        w2,
                        right={2, 3, 4},
                    )
    doc.add_heading("B. Analisis Capaian", level=2)
    _text(doc, lkjip.analisis)
    doc.add_page_break()
    doc.add_heading("BAB IV PENUTUP", level=1)
    _text(doc, lkjip.penutup)
    if signature:
        for line in [signature["place_date"], *signature["title_lines"], "", "", signature["name"]]:
            _para(doc, line, align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.add_page_break()
    doc.add_heading(f"LAMPIRAN 1 PERJANJIAN KINERJA BUPATI TAHUN {year}", level=1)
    w = [10, 60, 60, 22, 18]
    t = _table(doc, ["No", "Sasaran", "Indikator Kinerja Utama", "Target", "Satuan"], w)
    n = 0
    for tj in data["tujuan"]:
        for sa in tj["sasaran"]:
            for i in sa["ikus"]:
                n += 1
                _row(t, [str(n), sa["statement"], i["name"], _n(i["target"]), i["satuan"]], w, right={3})
    return d.render()


def render_docx(lkjip, *, on=None) -> bytes:
    on = on or timezone.localdate()
    return build_docx(lkjip, signature=_signature(lkjip, on))


def _previous_doc(lkjip):
    return (
        ArchivedDocument.objects.filter(
            source_type=ContentType.objects.get_for_model(lkjip), source_id=str(lkjip.pk), doc_type__code="lkjip_pemda"
        )
        .order_by("-version", "-pk")
        .first()
    )


def issue(*, user, lkjip, on, signer):
    """Number (the preparing OPD's register), sign (electronically when the Bupati signs himself), archive with
    its DOCX."""
    signature = signature_block(signer, on)
    previous = _previous_doc(lkjip)
    electronic = is_system(user) or getattr(user, "employee_id", None) == signature["employee"].pk
    return document_services.issue_document(
        user=user,
        opd=lkjip.preparer,
        doc_type="lkjip_pemda",
        subject=subject(lkjip),
        date=on,
        html_template=TEMPLATE,
        context=context(lkjip),
        docx_render=lambda c: build_docx(lkjip, signature=signature, number=c["nomor"]),
        klasifikasi=None if previous else getattr(settings, "SAKIP_LKJIP_KLASIFIKASI", "050"),
        signer_position=signer,
        sign=electronic,
        source=lkjip,
        previous=previous,
        check_permission=False,
    )
