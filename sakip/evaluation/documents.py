"""The evaluation's documents: the Surat Pernyataan and the LHE (letter + report + attached LKE),
as PDF (WeasyPrint) and DOCX (sakip/documents/docx.py), numbered, signed and archived through the documents
pipeline (`sakip.documents.services.issue_document`) — the only copy of an issued document is the
archived one. The renders here serve the draft preview ("konsep") and the pipeline's input.

Signers (docs/documents.md "Who signs"): the Surat Pernyataan by the Kepala of the evaluated OPD (the holder of
its head position on the date: Plt./Plh. shown), the LHE by the Inspektur (the holder of the Inspektorat's head
position). A document whose data changed since the signer opened it (`*_fingerprint`) is refused.
"""

import hashlib
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.utils.translation import gettext as _
from docx.shared import Mm

from sakip.core.formats import angka, tanggal
from sakip.core.pdf import logo_uri, render_pdf
from sakip.documents import numbering
from sakip.documents import services as document_services
from sakip.documents.docx import CENTER, RIGHT, DocxDocument, cell_text, no_borders, set_widths
from sakip.documents.models import ArchivedDocument
from sakip.organization.models import OPD

from . import selectors
from .models import Recommendation


# --- The documents app's archive ---------------------------------------------------------------
def archived_document(pk):
    if not pk:
        return None
    return ArchivedDocument.objects.filter(pk=pk).select_related("doc_type").first()


def find_archived_by_number(opd, number, doc_type="surat_pernyataan"):
    text = numbering.normalize(number)
    return ArchivedDocument.objects.filter(opd=opd, number=text, doc_type__code=doc_type).order_by("-version").first()


def _dedupe_pemda(block: dict, position) -> dict:
    """ "Inspektur Kabupaten Banyumas Kabupaten Banyumas" → once (a short name that already holds the Pemda)."""
    pemda = position.pemda.short_name
    doubled = f"{pemda} {pemda}"
    if doubled in block.get("title", ""):
        block = dict(block)
        block["title"] = block["title"].replace(doubled, pemda)
        block["title_lines"] = [line.replace(doubled, pemda) for line in block.get("title_lines", [])]
    return block


def signature_for(position, on: date) -> dict:
    """The signature block of the holder of `position` on `on` (Plt./Plh. shown)."""
    return _dedupe_pemda(document_services.signature_block(position, on), position)


def _fingerprint(parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _stamp(qs):
    """(count, newest change) of a queryset: a deleted, added or edited row changes it."""
    agg = qs.aggregate(n=Count("pk"), at=Max("updated_at"))
    return agg["n"], agg["at"]


def holder_employee(position, on: date):
    """The employee who holds `position` on `on` (definitif before Plt. before Plh.), or None."""
    if position is None:
        return None
    assignment = position.holder_on(on)
    return assignment.employee if assignment else None


def _require_signer(user, position, on: date, what: str):
    """Only the holder of `position` on `on` (or an administrator, with the holder's certificate) signs."""
    return document_services.require_signer(user, position, on, what)


def kop(opd):
    return {"opd": opd, "logo": logo_uri(opd.logo) or logo_uri(opd.pemda.logo)}


def inspektorat_of(opd):
    insp = OPD.objects.filter(pemda_id=opd.pemda_id, kind=OPD.Kind.INSPEKTORAT).first()
    if insp is None:
        raise ValidationError(_("Inspektorat Pemda ini belum terdaftar di data organisasi."))
    return insp


# --- Surat Pernyataan ---------------------------------------------------------------------------
def statement_context(statement, on: date, number: str = "") -> dict:
    evaluation = statement.evaluation
    opd = evaluation.opd
    head = opd.head_position()
    signature = signature_for(head, on)
    recs = list(statement.recommendations.select_related("finding").order_by("finding__letter", "number"))
    return {
        **kop(opd),
        "statement": statement,
        "evaluation": evaluation,
        "signature": signature,
        "nomor": number,
        "recommendations": recs,
        "attachments": list(statement.attachments.all()),
        "lines": statement.statement_lines,
        "intro": _(
            "Menanggapi rekomendasi %(insp)s sesuai hasil pemeriksaan atas Laporan Hasil Evaluasi atas "
            "Implementasi SAKIP pada %(opd)s %(pemda)s Tahun %(year)s sebagaimana tercantum. Dengan ini "
            "menyatakan bahwa:"
        )
        % {
            "insp": inspektorat_of(opd).name,
            "opd": opd.akronim,
            "pemda": opd.pemda.short_name,
            "year": evaluation.year,
        },
        "title": _("Surat Pernyataan"),
    }


def statement_docx(ctx: dict) -> bytes:
    """The Surat Pernyataan as DOCX (sakip/documents/docx.py): the text of evaluation/print/surat_pernyataan.html.
    `ctx`: `statement_context` plus the pipeline's number and verification."""
    sig = ctx["signature"]
    verification = ctx.get("verification")
    d = DocxDocument(title=f"Surat Pernyataan {ctx.get('nomor') or ''}".strip())
    width = d.width_mm
    d.letterhead(ctx["opd"])
    d.title("SURAT PERNYATAAN")
    d.number(f"NOMOR : {ctx.get('nomor') or '…………'}")
    d.para("Yang bertanda tangan di bawah ini :", style="Isi")
    rows = [("Nama", sig["name"])]
    if sig.get("nip"):
        rows.append(("NIP", sig["nip"]))
    rows.append(("Jabatan", sig["title"]))
    d.fields(rows, indent_mm=10, label_mm=24)
    d.para(ctx["intro"], style="Isi")
    d.numbered(ctx["lines"], indent_mm=6)
    d.para("Demikian Surat Pernyataan dibuat untuk menjadi periksa dan guna seperlunya.", style="Isi")
    d.signature(sig, verification, width_mm=width * 0.52)
    recs = ctx.get("recommendations") or []
    if recs:
        d.para("Rekomendasi yang ditanggapi:", bold=True, before=16, after=2, keep_next=True)
        rest = (width - 10) / 3
        d.table(
            ["No.", "Temuan", "Rekomendasi", "Pokok"],
            [[f"{r.finding.letter}.{r.number}", r.finding.title, r.text, r.subject] for r in recs],
            [10, rest, rest, rest],
            align={0: CENTER},
        )
        attachments = ctx.get("attachments") or []
        if attachments:
            d.para("Lampiran:", bold=True, before=6, after=2, keep_next=True)
            d.numbered([a.display_label for a in attachments], indent_mm=6)
    return d.render()


def statement_fingerprint(statement) -> str:
    """What the Surat Pernyataan says (its lines, recommendations, lampiran): the sign form carries it."""
    return _fingerprint(
        [
            statement.statements,
            sorted(statement.recommendations.values_list("pk", flat=True)),
            _stamp(statement.attachments.all()),
        ]
    )


def statement_signer(statement, on: date):
    """The employee who signs the Surat Pernyataan on `on`: the holder of the evaluated OPD's head position."""
    return holder_employee(statement.evaluation.opd.head_position(), on)


def issue_statement(*, user, statement, number: str, on: date, fingerprint: str | None = None, check_signer=True):
    """Number, render, sign (the Kepala of the evaluated OPD, Plt./Plh. shown) and archive the statement."""
    evaluation = statement.evaluation
    opd = evaluation.opd
    head = opd.head_position()
    if head is None:
        raise ValidationError(_("Jabatan kepala %(opd)s belum ditetapkan di data organisasi.") % {"opd": opd})
    if check_signer:
        _require_signer(user, head, on, _("Surat Pernyataan"))
    if fingerprint is not None and fingerprint != statement_fingerprint(statement):
        raise ValidationError(
            _("Surat Pernyataan berubah sejak Anda membukanya; muat ulang halaman, periksa isinya, lalu tandatangani.")
        )
    ctx = statement_context(statement, on, number)
    signature = ctx["signature"]
    subject = _("Surat Pernyataan tindak lanjut LHE SAKIP %(year)s") % {"year": evaluation.year}
    lampiran = [
        a.target
        for a in statement.attachments.all()
        if a.target_id and a.target is not None and a.target._meta.model_name == "archiveddocument"
    ]
    doc = document_services.issue_document(
        user=user,
        opd=opd,
        doc_type="surat_pernyataan",
        subject=subject,
        date=on,
        html_template="evaluation/print/surat_pernyataan.html",
        context=ctx,
        docx_render=statement_docx,
        klasifikasi=None if number else document_services.numbering_klasifikasi("surat_pernyataan"),
        number=number or None,
        signer_position=head,
        sign=True,
        source=statement,
        lampiran=lampiran,
        check_permission=False,
    )
    statement.document_id = doc.pk
    statement.number = doc.number
    statement.date = on
    statement.signer_name, statement.signer_title = signature["name"], signature["title"]
    statement.signer_pangkat, statement.signer_nip = signature.get("pangkat", ""), (signature["employee"].nip or "")
    return statement


def statement_pdf_preview(statement, on: date | None = None) -> bytes:
    on = on or statement.date or date.today()
    return render_pdf(
        "evaluation/print/surat_pernyataan.html",
        {**statement_context(statement, on, statement.number), "draft": statement.state == "draft"},
    )


# --- LHE -----------------------------------------------------------------------------------------
DASAR_HUKUM = [
    "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi Pemerintah",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
]


def lhe_content(evaluation, on: date, number: str = "") -> dict:
    """Everything the LHE says, for both the PDF and the DOCX."""
    opd = evaluation.opd
    template = evaluation.template
    insp = inspektorat_of(opd)
    sheet = selectors.worksheet(evaluation, None)
    score = sheet["score"]
    bands = sheet["bands"]
    band = bands.get(score.predikat)
    previous, prev_score = sheet["previous"], sheet["previous_score"]
    findings = list(
        evaluation.findings.prefetch_related(
            "subcomponents__component", "lke_criteria__subcomponent__component", "recommendations__pic"
        ).order_by("letter")
    )
    priority_rank = {"tinggi": 0, "sedang": 1, "rendah": 2}
    recommendations = sorted(
        [r for f in findings for r in f.recommendations.all()],
        key=lambda r: (priority_rank.get(r.finding.priority, 9), r.finding.letter, r.number),
    )
    prev_recs = []
    if previous is not None:
        prev_recs = list(previous.findings.all().prefetch_related("recommendations").order_by("letter"))
    components = []
    for crow in sheet["components"]:
        notes = [f"{s.sub.code} {s.answer.evaluator_note}" for s in crow.subs if s.answer.evaluator_note]
        components.append({"row": crow, "notes": notes})
    dasar = [*DASAR_HUKUM, template.regulation]
    head = insp.head_position()
    signature = signature_for(head, on) if head else None
    recipient_title = (
        opd.head_position().display_short if opd.head_position() else _("Kepala %(opd)s") % {"opd": opd.name}
    )
    lke_rows = []
    for crow in sheet["components"]:
        lke_rows.append(
            {
                "level": "komponen",
                "code": crow.component.code,
                "text": crow.component.name,
                "weight": crow.component.weight,
                "score": crow.score,
            }
        )
        for srow in crow.subs:
            lke_rows.append(
                {
                    "level": "sub",
                    "code": srow.sub.code,
                    "text": srow.sub.name,
                    "weight": srow.sub.weight,
                    "answer": srow.answer.answer,
                    "score": srow.score,
                    "note": srow.answer.evaluator_note,
                    "opd_response": srow.answer.opd_response,
                    "evaluator_response": srow.answer.evaluator_response,
                }
            )
            for ans in srow.criteria:
                lke_rows.append(
                    {
                        "level": "kriteria",
                        "code": ans.criterion.code,
                        "text": ans.criterion.text,
                        "opd": ans.effective_opd_answer,
                        "evaluator": ans.evaluator_answer,
                        "note": ans.evaluator_note,
                        "opd_note": ans.opd_note,
                    }
                )
    for f in findings:
        f.criteria_rows = finding_criteria_rows(f)
    content = {
        **kop(insp),
        "evaluation": evaluation,
        "opd": insp,
        "evaluated_opd": opd,
        "nomor": number,
        "date": on,
        "date_text": tanggal(on),
        "signature": signature,
        "recipient_title": recipient_title,
        "score": score,
        "band": band,
        "previous": previous,
        "previous_score": prev_score,
        "components": components,
        "findings": findings,
        "recommendations": recommendations,
        "previous_findings": prev_recs,
        "dasar_hukum": dasar,
        "lke_rows": lke_rows,
        "subject": _("Laporan Hasil Evaluasi atas Implementasi SAKIP pada %(opd)s Tahun %(year)s")
        % {"opd": opd.akronim, "year": evaluation.year},
        "total_text": angka(score.total, 2),
        "title": _("Laporan Hasil Evaluasi"),
        "tembusan": [
            _("Bupati %(name)s (sebagai laporan)") % {"name": opd.pemda.name},
            _("Sekretaris Daerah %(pemda)s") % {"pemda": opd.pemda.short_name},
        ],
    }
    content.update(
        {
            "letter_paragraphs": letter_paragraphs(content),
            "report_texts": report_texts(content),
            "previous_text": previous_followup_text(content),
            "result_text": result_text(content),
            "closing": closing_text(content),
        }
    )
    return content


def lhe_pdf(evaluation, on: date, number: str = "") -> bytes:
    return render_pdf("evaluation/print/lhe.html", lhe_content(evaluation, on, number))


def lhe_docx(evaluation, on: date, number: str = "", verification=None) -> bytes:
    """The LHE as DOCX (sakip/documents/docx.py): the same text as evaluation/print/lhe.html — the letter, the
    report and the LKE on landscape F4 pages."""
    c = lhe_content(evaluation, on, number)
    ev, opd, insp = evaluation, c["evaluated_opd"], c["opd"]
    d = DocxDocument(title=f"LHE {opd.akronim} {ev.year}")
    width = d.width_mm
    # The letter
    d.letterhead(insp)
    table = d.layout_table([width * 0.6, width * 0.4])
    left, right = table.rows[0].cells
    inner = left.add_table(rows=0, cols=3)
    for label, value in (
        ("Nomor", c["nomor"] or "…………"),
        ("Sifat", "Penting"),
        ("Lampiran", "1 (satu) berkas"),
        ("Hal", c["subject"]),
    ):
        cells = inner.add_row().cells
        for cell, text in zip(cells, (label, ":", value), strict=True):
            cell_text(cell, text, style="Normal")
    no_borders(inner)
    set_widths(inner, [24, 4, width * 0.6 - 29])
    left._tc.remove(left.paragraphs[0]._p)
    left.add_paragraph()
    if c["signature"]:
        cell_text(right, c["signature"]["place_date"], style="Normal", align=RIGHT)
    d.para(f"Yth. {c['recipient_title']}\ndi {opd.city or 'Tempat'}", before=10, after=7)
    for para in c["letter_paragraphs"]:
        d.para(para, style="Isi")
    # The letter's date stands at the top right: not again above the signature (lhe.html).
    d.signature(c["signature"], verification, width_mm=width * 0.52, place_date=False)
    d.para("Tembusan:", size=11, before=10, keep_next=True)
    d.numbered(c["tembusan"], style="Normal", indent_mm=6)
    # The report
    d.page_break()
    d.para(
        "LAPORAN HASIL EVALUASI\nATAS IMPLEMENTASI SISTEM AKUNTABILITAS KINERJA INSTANSI PEMERINTAH\n"
        f"PADA {opd.name.upper()}\n{str(opd.pemda).upper()} TAHUN {ev.year}",
        bold=True,
        align=CENTER,
        after=14,
    )
    d.heading("A. PENDAHULUAN")
    d.heading("1. Dasar Hukum", 3)
    for i, item in enumerate(c["dasar_hukum"]):
        p = d.para(f"{chr(97 + i)}.\t{item};", style="Isi", after=3)
        p.paragraph_format.left_indent, p.paragraph_format.first_line_indent = Mm(6), -Mm(6)
    for title, text in c["report_texts"]:
        d.heading(title, 3)
        d.para(text, style="Isi")
    d.heading("B. TINDAK LANJUT ATAS REKOMENDASI LHE TAHUN SEBELUMNYA")
    prev_rows = [
        (f"{f.letter}.{r.number}", r.text, r.get_state_display(), r.verification_note or r.not_possible_reason)
        for f in c["previous_findings"]
        for r in f.recommendations.all()
    ]
    if prev_rows:
        rest = (width - 12 - 34) / 2
        d.table(["No.", "Rekomendasi", "Status", "Keterangan"], prev_rows, [12, rest, 34, rest], align={0: CENTER})
    else:
        d.para(c["previous_text"], style="Isi")
    d.heading("C. HASIL EVALUASI")
    d.para(c["result_text"], style="Isi")
    prev = c["previous_score"]
    headers = ["No.", "Komponen", "Bobot", f"Nilai {ev.year}"] + ([f"Nilai {c['previous'].year}"] if prev else [])
    rows = []
    for comp in c["components"]:
        r = comp["row"]
        rows.append(
            [r.component.code, r.component.name, angka(r.component.weight, 2), angka(r.score, 2)]
            + ([angka(r.previous, 2) if r.previous is not None else "-"] if prev else [])
        )
    rows.append(
        ["", "Nilai Hasil Evaluasi", "100,00", angka(c["score"].total, 2)] + ([angka(prev.total, 2)] if prev else [])
    )
    rows.append(["", "Predikat", "", c["score"].predikat] + ([prev.predikat] if prev else []))
    numbers = [22] * (3 if prev else 2)
    d.table(
        headers,
        rows,
        [10, width - 10 - sum(numbers), *numbers],
        align={0: CENTER, 2: RIGHT, 3: RIGHT, 4: RIGHT},
        bold_rows=(len(rows) - 2, len(rows) - 1),
    )
    for comp in c["components"]:
        r = comp["row"]
        d.heading(
            f"{r.component.code}. {r.component.name} ({angka(r.score, 2)} dari {angka(r.component.weight, 2)})", 3
        )
        if comp["notes"]:
            for note in comp["notes"]:
                p = d.para(f"•\t{note}", style="Isi", after=3)
                p.paragraph_format.left_indent, p.paragraph_format.first_line_indent = Mm(6), -Mm(6)
        else:
            d.para(_("Tidak ada catatan khusus."), style="Isi")
    d.heading("D. CATATAN HASIL EVALUASI (TEMUAN)")
    for f in c["findings"]:
        d.heading(f"{f.letter}. {f.title}", 3)
        for label, text in (("Kondisi", f.kondisi), ("Kriteria", f.norm_text)):
            d.para(label, bold=True, before=6, after=2, keep_next=True)
            d.para(text, style="Isi")
        if f.criteria_rows:
            d.table(["Komponen", "Sub-Komponen", "Kriteria"], f.criteria_rows, [40, 55, width - 95])
        for label, text in (("Sebab", f.sebab), ("Akibat", f.akibat)):
            d.para(label, bold=True, before=6, after=2, keep_next=True)
            d.para(text, style="Isi")
    if not c["findings"]:
        d.para("Tidak terdapat temuan.", style="Isi")
    d.heading("E. REKOMENDASI")
    recs = [
        f"{r.text} (temuan {r.finding.letter}, prioritas {r.finding.get_priority_display().lower()})"
        for r in c["recommendations"]
    ] or ["Tidak ada rekomendasi."]
    d.numbered(recs, indent_mm=6)
    d.heading("F. PENUTUP")
    d.para(c["closing"], style="Isi")
    d.signature(c["signature"], verification, width_mm=width * 0.52)
    # The LKE, on landscape pages
    d.new_section(landscape=True, margins_mm=(15, 15, 15, 15))
    d.para(
        f"LAMPIRAN LAPORAN HASIL EVALUASI NOMOR {c['nomor'] or '…'}\n"
        f"LEMBAR KERJA EVALUASI (LKE) {opd.name.upper()} TAHUN {ev.year}",
        bold=True,
        align=CENTER,
        after=14,
    )
    lke, fills, bold = [], {}, []
    for i, row in enumerate(c["lke_rows"]):
        if row["level"] == "komponen":
            lke.append([row["code"], row["text"], angka(row["weight"], 2), "", "", angka(row["score"], 2), "", "", ""])
            fills[i] = "D9E2EC"
            bold.append(i)
        elif row["level"] == "sub":
            lke.append(
                [
                    row["code"],
                    row["text"],
                    angka(row["weight"], 2),
                    "",
                    row["answer"],
                    angka(row["score"], 2),
                    row["note"],
                    row["opd_response"],
                    row["evaluator_response"],
                ]
            )
            fills[i] = "F0F3F7"
            bold.append(i)
        else:
            lke.append(
                [row["code"], row["text"], "", row["opd"], row["evaluator"], "", row["note"], row["opd_note"], ""]
            )
    lke_width = d.width_mm
    rest = lke_width - 14 - 13 - 12 - 14 - 13
    d.table(
        [
            "Kode",
            "Komponen / Sub-komponen / Kriteria",
            "Bobot",
            "Jawaban OPD",
            "Jawaban Evaluator",
            "Nilai",
            "Catatan Evaluator",
            "Tanggapan / Catatan OPD",
            "Tanggapan Evaluator",
        ],
        lke,
        [14, rest * 0.34, 13, 12, 14, 13, rest * 0.22, rest * 0.22, rest * 0.22],
        size=8.5,
        align={2: RIGHT, 3: CENTER, 4: CENTER, 5: RIGHT},
        bold_rows=tuple(bold),
        fills=fills,
    )
    return d.render()


def finding_criteria_rows(finding):
    """Komponen | Sub-Komponen | Kriteria, one row per sub-component (as in the seed's table)."""
    subs, criteria = {}, {}
    for sub in finding.subcomponents.all():
        subs[sub.pk] = sub
    for crit in finding.lke_criteria.all():
        subs.setdefault(crit.subcomponent_id, crit.subcomponent)
        criteria.setdefault(crit.subcomponent_id, []).append(crit)
    rows = []
    for sub in sorted(subs.values(), key=lambda s: s.code):
        texts = [f"{c.code} {c.text}" for c in sorted(criteria.get(sub.pk, []), key=lambda c: c.number)]
        rows.append([sub.component.name, f"{sub.code} {sub.name}", "\n".join(texts)])
    return rows


def letter_paragraphs(c) -> list[str]:
    ev, opd, score = c["evaluation"], c["evaluated_opd"], c["score"]
    band = c["band"]
    return [
        _(
            "Dalam rangka melaksanakan %(reg)s, kami telah melakukan evaluasi atas implementasi Sistem "
            "Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) pada %(opd)s %(pemda)s Tahun %(year)s. "
            "Evaluasi bertujuan menilai tingkat implementasi SAKIP, memberikan saran perbaikan, dan "
            "memantau tindak lanjut rekomendasi hasil evaluasi sebelumnya."
        )
        % {"reg": ev.template.regulation, "opd": opd.name, "pemda": opd.pemda.short_name, "year": ev.year},
        _(
            "Hasil evaluasi menunjukkan bahwa %(opd)s memperoleh nilai %(total)s dengan predikat "
            '"%(pred)s" (%(label)s). Rincian hasil evaluasi, catatan, dan rekomendasi perbaikan kami '
            "sampaikan dalam laporan terlampir."
        )
        % {"opd": opd.akronim, "total": c["total_text"], "pred": score.predikat, "label": band.label if band else ""},
        _(
            "Kami mengharapkan rekomendasi tersebut ditindaklanjuti dan tindak lanjutnya disampaikan "
            "kepada Inspektorat beserta bukti pendukungnya. Atas perhatian dan kerja sama Saudara, kami "
            "ucapkan terima kasih."
        ),
    ]


def report_texts(c):
    ev, opd = c["evaluation"], c["evaluated_opd"]
    return [
        (
            "2. Tujuan",
            _(
                "Evaluasi bertujuan memperoleh informasi tentang implementasi SAKIP, menilai tingkat "
                "implementasi SAKIP dan tingkat akuntabilitas kinerja, memberikan saran perbaikan untuk "
                "peningkatan kinerja dan penguatan akuntabilitas, serta memonitor tindak lanjut "
                "rekomendasi hasil evaluasi periode sebelumnya."
            ),
        ),
        (
            "3. Ruang Lingkup",
            _(
                "Evaluasi mencakup empat komponen: Perencanaan Kinerja, Pengukuran Kinerja, Pelaporan "
                "Kinerja, dan Evaluasi Akuntabilitas Kinerja Internal, atas dokumen perencanaan tahun "
                "%(year)s serta pengukuran dan pelaporan kinerja tahun %(prev)s pada %(opd)s."
            )
            % {"year": ev.year, "prev": ev.year - 1, "opd": opd.name},
        ),
        (
            "4. Metodologi",
            _(
                "Evaluasi dilaksanakan dengan penilaian mandiri oleh %(opd)s, reviu dokumen (desk "
                "evaluation), wawancara, dan observasi, menggunakan %(tpl)s. Setiap kriteria dijawab "
                "Ya/Tidak berdasarkan bukti dukung, dan setiap sub-komponen dinilai dengan skala AA–E."
            )
            % {"opd": opd.akronim, "tpl": ev.template.name},
        ),
    ]


def previous_followup_text(c):
    if c["previous"] is None:
        return _("Tidak terdapat LHE tahun sebelumnya dalam sakip.")
    return _("LHE Tahun %(year)s tidak memuat rekomendasi.") % {"year": c["previous"].year}


def result_text(c):
    score, band = c["score"], c["band"]
    text = _(
        'Nilai hasil evaluasi atas implementasi SAKIP adalah %(total)s dengan predikat "%(pred)s" (%(label)s).'
    ) % {"total": c["total_text"], "pred": score.predikat, "label": band.label if band else ""}
    if band and band.interpretation:
        text += " " + band.interpretation
    if c["previous_score"] is not None:
        diff = score.total - c["previous_score"].total
        text += " " + _(
            "Dibandingkan tahun %(year)s (nilai %(prev)s, predikat %(pp)s), nilai %(dir)s %(diff)s poin."
        ) % {
            "year": c["previous"].year,
            "prev": angka(c["previous_score"].total, 2),
            "pp": c["previous_score"].predikat,
            "dir": _("naik") if diff > 0 else (_("turun") if diff < 0 else _("tetap")),
            "diff": angka(abs(diff), 2),
        }
    return text


def closing_text(c):
    return _(
        "Demikian laporan hasil evaluasi ini kami sampaikan. Rekomendasi agar ditindaklanjuti dalam batas "
        "waktu yang ditetapkan dan dilaporkan kepada Inspektorat %(pemda)s."
    ) % {"pemda": c["evaluated_opd"].pemda.short_name}


def lhe_fingerprint(evaluation) -> str:
    """What the LHE says (answers, notes, findings, recommendations, score): the issue form carries it."""
    return _fingerprint(
        [
            evaluation.state,
            evaluation.total_score,
            evaluation.summary,
            _stamp(evaluation.criterion_answers.all()),
            _stamp(evaluation.sub_answers.all()),
            _stamp(evaluation.findings.all()),
            _stamp(Recommendation.objects.filter(finding__evaluation=evaluation)),
        ]
    )


def lhe_signer(evaluation, on: date):
    """The employee who signs the LHE on `on`: the Inspektur (holder of the Inspektorat's head position)."""
    return holder_employee(inspektorat_of(evaluation.opd).head_position(), on)


def issue_lhe(*, user, evaluation, number: str, on: date, fingerprint: str | None = None, check_signer=True):
    """Number (the Inspektorat's register), render (PDF + DOCX with the same number), sign by the Inspektur and
    archive the LHE."""
    opd = evaluation.opd
    insp = inspektorat_of(opd)
    head = insp.head_position()
    if head is None:
        raise ValidationError(_("Jabatan Inspektur belum ditetapkan di data organisasi."))
    if check_signer:
        _require_signer(user, head, on, _("LHE"))
    if fingerprint is not None and fingerprint != lhe_fingerprint(evaluation):
        raise ValidationError(
            _("Data evaluasi berubah sejak Anda membuka halaman ini; muat ulang, periksa konsep LHE, lalu terbitkan.")
        )
    subject = _("Laporan Hasil Evaluasi atas Implementasi SAKIP pada %(opd)s Tahun %(year)s") % {
        "opd": opd.akronim,
        "year": evaluation.year,
    }
    klasifikasi = document_services.numbering_klasifikasi("lhe")
    if not number and klasifikasi is not None:
        # Taken first so that the letter, the report and the DOCX all print it; a failure below rolls it back.
        record = document_services.next_number(
            opd=insp,
            doc_type="lhe",
            date=on,
            klasifikasi=klasifikasi,
            subject=subject,
            recipient=opd.name,
            user=user,
        )
        number = record.number
    doc = document_services.issue_document(
        user=user,
        opd=insp,
        doc_type="lhe",
        subject=subject,
        date=on,
        html_template="evaluation/print/lhe.html",
        context=lhe_content(evaluation, on, number),
        docx_render=lambda c: lhe_docx(evaluation, on, c["nomor"], c["verification"]),
        number=number or None,
        signer_position=head,
        sign=True,
        source=evaluation,
        check_permission=False,
    )
    evaluation.lhe_document_id = doc.pk
    evaluation.lhe_number = doc.number
    evaluation.lhe_date = on
    return evaluation
