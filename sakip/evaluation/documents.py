"""The evaluation's documents: the Surat Pernyataan and the LHE (letter + report + attached LKE),
as PDF (WeasyPrint) and DOCX (python-docx), numbered, signed and archived through the documents
pipeline (`sakip.documents.services.issue_document`) — the only copy of an issued document is the
archived one. The renders here serve the draft preview ("konsep") and the pipeline's input.

Signers (docs/documents.md "Who signs"): the Surat Pernyataan by the Kepala of the evaluated OPD (the holder of
its head position on the date: Plt./Plh. shown), the LHE by the Inspektur (the holder of the Inspektorat's head
position). A document whose data changed since the signer opened it (`*_fingerprint`) is refused.
"""

import hashlib
import io
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from sakip.core.formats import angka, tanggal
from sakip.core.pdf import logo_uri, render_pdf
from sakip.documents import numbering
from sakip.documents import services as document_services
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


def lhe_docx(evaluation, on: date, number: str = "") -> bytes:
    c = lhe_content(evaluation, on, number)
    ev, opd = evaluation, c["evaluated_opd"]
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
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY

    def p(text="", *, bold=False, align=None, size=None, after=4):
        para = doc.add_paragraph()
        run = para.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if align is not None:
            para.alignment = align
        para.paragraph_format.space_after = Pt(after)
        return para

    def table(headers, rows, widths=None):
        t = doc.add_table(rows=1, cols=len(headers))
        t.style = "Table Grid"
        for i, h in enumerate(headers):
            t.rows[0].cells[i].text = str(h)
            for run in t.rows[0].cells[i].paragraphs[0].runs:
                run.bold = True
        for row in rows:
            cells = t.add_row().cells
            for i, v in enumerate(row):
                cells[i].text = "" if v is None else str(v)
        return t

    def signature():
        sig = c["signature"]
        if not sig:
            return
        block = doc.add_table(rows=1, cols=2)
        cell = block.rows[0].cells[1]
        for line in [
            sig["place_date"],
            *sig["title_lines"],
            "",
            "",
            "",
            sig["name"],
            sig.get("pangkat", ""),
            sig.get("nip_line", ""),
        ]:
            para = cell.add_paragraph(line)
            para.alignment = center
            if line == sig["name"]:
                for run in para.runs:
                    run.bold = True
                    run.underline = True

    insp = c["opd"]
    # Letter
    p(str(insp.pemda).upper(), align=center, size=14, after=0)
    p(insp.name.upper(), bold=True, align=center, size=15, after=0)
    p(f"{insp.address} {insp.postal_code}".strip(), align=center, size=10.5, after=10)
    for label, value in (
        ("Nomor", c["nomor"] or "…"),
        ("Sifat", "Penting"),
        ("Lampiran", "1 (satu) berkas"),
        ("Hal", c["subject"]),
    ):
        p(f"{label}\t: {value}", after=0)
    p("")
    p("Yth. " + c["recipient_title"], after=0)
    p(f"di {opd.city or 'Tempat'}", after=8)
    for para in letter_paragraphs(c):
        p(para, align=justify)
    signature()
    p("Tembusan:", after=0)
    for i, t in enumerate(c["tembusan"], start=1):
        p(f"{i}. {t}", after=0)
    # Report
    doc.add_page_break()
    p("LAPORAN HASIL EVALUASI", bold=True, align=center, after=0)
    p(f"ATAS IMPLEMENTASI SAKIP PADA {opd.name.upper()}", bold=True, align=center, after=0)
    p(f"TAHUN {ev.year}", bold=True, align=center, after=12)
    p("A. PENDAHULUAN", bold=True)
    p("1. Dasar Hukum", bold=True, after=0)
    for i, item in enumerate(c["dasar_hukum"], start=1):
        p(f"{chr(96 + i)}. {item};", after=0)
    for title, text in report_texts(c):
        p(title, bold=True, after=0)
        p(text, align=justify)
    p("B. TINDAK LANJUT ATAS REKOMENDASI LHE TAHUN SEBELUMNYA", bold=True)
    prev_rows = [
        (f"{f.letter}.{r.number}", r.text, r.get_state_display(), r.verification_note or r.not_possible_reason)
        for f in c["previous_findings"]
        for r in f.recommendations.all()
    ]
    if prev_rows:
        table(["No", "Rekomendasi", "Status", "Keterangan"], prev_rows)
    else:
        p(previous_followup_text(c), align=justify)
    p("")
    p("C. HASIL EVALUASI", bold=True)
    p(result_text(c), align=justify)
    headers = ["No", "Komponen", "Bobot", f"Nilai {ev.year}"] + (
        [f"Nilai {ev.year - 1}"] if c["previous_score"] else []
    )
    rows = []
    for comp in c["components"]:
        r = comp["row"]
        rows.append(
            [r.component.code, r.component.name, angka(r.component.weight, 2), angka(r.score, 2)]
            + ([angka(r.previous, 2) if r.previous is not None else "-"] if c["previous_score"] else [])
        )
    rows.append(
        ["", "Nilai Hasil Evaluasi", "100,00", angka(c["score"].total, 2)]
        + ([angka(c["previous_score"].total, 2)] if c["previous_score"] else [])
    )
    rows.append(
        ["", "Predikat", "", c["score"].predikat] + ([c["previous_score"].predikat] if c["previous_score"] else [])
    )
    table(headers, rows)
    p("")
    for comp in c["components"]:
        r = comp["row"]
        p(f"{r.component.code}. {r.component.name}", bold=True, after=0)
        p(" ".join(comp["notes"]) or _("Tidak ada catatan khusus."), align=justify)
    p("D. CATATAN HASIL EVALUASI (TEMUAN)", bold=True)
    for f in c["findings"]:
        p(f"{f.letter}. {f.title}", bold=True, after=2)
        p("Kondisi", bold=True, after=0)
        p(f.kondisi, align=justify)
        p("Kriteria", bold=True, after=0)
        p(f.norm_text, align=justify)
        kriteria_rows = finding_criteria_rows(f)
        if kriteria_rows:
            table(["Komponen", "Sub-Komponen", "Kriteria"], kriteria_rows)
        p("Sebab", bold=True, after=0)
        p(f.sebab, align=justify)
        p("Akibat", bold=True, after=0)
        p(f.akibat, align=justify)
    p("E. REKOMENDASI", bold=True)
    for i, r in enumerate(c["recommendations"], start=1):
        p(
            f"{i}. {r.text} (temuan {r.finding.letter}, prioritas {r.finding.get_priority_display().lower()})",
            align=justify,
            after=2,
        )
    p("F. PENUTUP", bold=True)
    p(closing_text(c), align=justify)
    signature()
    # Attached LKE (landscape)
    new = doc.add_section()
    new.orientation = WD_ORIENT.LANDSCAPE
    new.page_width, new.page_height = Mm(330), Mm(215)
    p(f"LAMPIRAN: LEMBAR KERJA EVALUASI (LKE) {opd.name.upper()} TAHUN {ev.year}", bold=True, align=center)
    lke = []
    for row in c["lke_rows"]:
        if row["level"] == "komponen":
            lke.append([row["code"], row["text"], angka(row["weight"], 2), "", "", angka(row["score"], 2), "", "", ""])
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
        else:
            lke.append(
                [row["code"], row["text"], "", row["opd"], row["evaluator"], "", row["note"], row["opd_note"], ""]
            )
    table(
        [
            "Kode",
            "Komponen / Sub-komponen / Kriteria",
            "Bobot",
            "Jawaban OPD",
            "Jawaban Evaluator",
            "Nilai",
            "Catatan Evaluator",
            "Tanggapan/Catatan OPD",
            "Tanggapan Evaluator",
        ],
        lke,
    )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


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
        docx_render=lambda nomor: lhe_docx(evaluation, on, nomor),
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
