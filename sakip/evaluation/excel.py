"""Excel: the LKE worksheet (export and import, one row per criterion, in the layout evaluators
use), the follow-up matrix (Matriks TL) and the Inspektorat's recap."""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from sakip.core import bounds
from sakip.core.excel import XLSX, neutralise_workbook
from sakip.core.imports import Column, ImportAborted, Importer, RowResult

from . import policies, selectors, services

META_SHEET = "_sakip"
HEADER_ROW = 6
COLUMNS = [
    Column("code", "Kode", True),
    Column("text", "Komponen / Sub-komponen / Kriteria"),
    Column("weight", "Bobot"),
    Column("auto", "Jawaban Otomatis"),
    Column("auto_reason", "Dasar Jawaban Otomatis"),
    Column("opd", "Jawaban OPD (Y/T)"),
    Column("opd_note", "Catatan / Bukti OPD"),
    Column("reason", "Alasan Berbeda dari Otomatis"),
    Column("evaluator", "Jawaban Evaluator (Y/T; AA–E per sub-komponen)"),
    Column("evaluator_note", "Catatan Evaluator"),
    Column("score", "Nilai"),
]
WIDTHS = [8, 62, 7, 10, 36, 10, 30, 26, 13, 30, 8]
FILL_COMPONENT = PatternFill("solid", fgColor="BDD7EE")
FILL_SUB = PatternFill("solid", fgColor="DDEBF7")
FILL_HEAD = PatternFill("solid", fgColor="1F4E79")
THIN = Side(style="thin", color="999999")


PAPER_F4 = 14  # Excel's "Folio" 8½ × 13 in, the F4 (215 × 330 mm) of Indonesian offices


def print_setup(ws, title):
    """The LKE prints one criterion per row on landscape F4: the columns fitted to the page width (wrapped text, the
    rows growing with it), the header row repeated on every page, "Halaman x dari y" in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_F4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddHeader.center.text = str(title).replace("&", "&&")[:200]
    ws.oddFooter.right.text = "Halaman &P dari &N"


def worksheet_bytes(evaluation, user) -> bytes:
    sheet = selectors.worksheet(evaluation, user)
    show_eval = sheet["show_evaluator"]
    wb = Workbook()
    ws = wb.active
    ws.title = "LKE"
    template = evaluation.template
    ws["A1"] = _("LEMBAR KERJA EVALUASI (LKE) AKUNTABILITAS KINERJA INSTANSI PEMERINTAH")
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = f"{evaluation.opd.name} — {_('Tahun evaluasi')} {evaluation.year}"
    ws["A3"] = _("Templat: %(key)s versi %(v)s (%(name)s)") % {
        "key": template.key,
        "v": template.version,
        "name": template.name,
    }
    ws["A4"] = _(
        "Isi kolom Jawaban OPD dengan Y/T; evaluator mengisi Jawaban Evaluator (Y/T per kriteria, AA–E "
        "per sub-komponen). Jangan mengubah kolom Kode."
    )
    ws["A4"].font = Font(italic=True, size=9)
    for col, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=column.header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = FILL_HEAD
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[cell.column_letter].width = WIDTHS[col - 1]
    row = HEADER_ROW + 1
    yt = DataValidation(type="list", formula1='"Y,T"', allow_blank=True)
    ws.add_data_validation(yt)

    def put(values, fill=None, bold=False):
        nonlocal row
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
            if fill:
                cell.fill = fill
            if bold:
                cell.font = Font(bold=True)
        row += 1

    for crow in sheet["components"]:
        comp = crow.component
        put(
            [
                comp.code,
                comp.name,
                float(comp.weight),
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                float(crow.score) if show_eval else None,
            ],
            FILL_COMPONENT,
            True,
        )
        for srow in crow.subs:
            sub = srow.sub
            put(
                [
                    sub.code,
                    sub.name,
                    float(sub.weight),
                    None,
                    None,
                    None,
                    None,
                    None,
                    srow.answer.answer if show_eval else None,
                    srow.answer.evaluator_note if show_eval else None,
                    float(srow.score) if show_eval else None,
                ],
                FILL_SUB,
                True,
            )
            for ans in srow.criteria:
                put(
                    [
                        ans.criterion.code,
                        ans.criterion.text,
                        None,
                        ans.auto_answer or None,
                        ans.auto_reason or None,
                        ans.opd_answer or None,
                        ans.opd_note or None,
                        ans.override_reason or None,
                        ans.evaluator_answer or None,
                        ans.evaluator_note or None,
                        None,
                    ]
                )
                yt.add(f"F{row - 1}")
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    print_setup(ws, f"{evaluation.opd.akronim} — LKE {evaluation.year}")
    meta = wb.create_sheet(META_SHEET)
    meta["A1"], meta["B1"] = "template", template.key
    meta["A2"], meta["B2"] = "version", template.version
    meta["A3"], meta["B3"] = "evaluation", evaluation.pk
    meta.sheet_state = "hidden"
    buffer = BytesIO()
    neutralise_workbook(wb)
    wb.save(buffer)
    return buffer.getvalue()


def import_mode(user, evaluation):
    if policies.can_self_assess(user, evaluation):
        return "opd"
    if policies.can_evaluate(user, evaluation):
        return "evaluator"
    return None


def _norm(text):
    return "".join(ch for ch in str(text or "").lower() if ch.isalnum())


class WorksheetImporter(Importer):
    """Import a filled LKE worksheet: the OPD's answers during self-assessment, or the evaluator's
    during review. A worksheet of another template version is refused whole."""

    columns = COLUMNS

    def __init__(self, user, evaluation, mode):
        super().__init__(user)
        self.evaluation = evaluation
        self.mode = mode
        self.title = (
            _("Impor jawaban OPD dari lembar kerja LKE")
            if mode == "opd"
            else _("Impor jawaban evaluator dari lembar kerja LKE")
        ) + f" — {evaluation.opd.akronim} {evaluation.year}"
        self.filename = f"lke-{slugify(evaluation.opd.akronim)}-{evaluation.year}"
        self.answers = {a.criterion.code: a for a in evaluation.criterion_answers.select_related("criterion")}
        self.subs = {s.subcomponent.code: s for s in evaluation.sub_answers.select_related("subcomponent")}
        self.components = set(evaluation.template.components.values_list("code", flat=True))

    def template_response(self):
        response = HttpResponse(worksheet_bytes(self.evaluation, self.user), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{self.filename}.xlsx"'
        return response

    def read_rows(self, path):
        try:
            bounds.check_archive(path)  # before openpyxl unpacks anything (zip bomb)
        except bounds.TooLarge as exc:
            raise ImportAborted(str(exc)) from None
        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception:
            raise ImportAborted(_("Berkas bukan lembar kerja Excel (.xlsx) yang dapat dibaca.")) from None
        template = self.evaluation.template
        if META_SHEET in wb.sheetnames:
            meta = {str(r[0]): r[1] for r in wb[META_SHEET].iter_rows(values_only=True) if r and r[0]}
            key, version = str(meta.get("template", "")), meta.get("version")
        else:
            key, version = "", None
        if key != template.key or str(version) != str(template.version):
            found = (
                _("templat %(key)s versi %(v)s") % {"key": key, "v": version}
                if key
                else _("templat yang tidak dikenal (bukan lembar kerja LKE dari sakip)")
            )
            raise ImportAborted(
                _(
                    "Lembar kerja ini untuk %(found)s, sedangkan evaluasi %(opd)s %(year)s memakai "
                    "templat %(key)s versi %(v)s. Unduh lembar kerja dari evaluasi ini lalu isi kembali."
                )
                % {
                    "found": found,
                    "opd": self.evaluation.opd.akronim,
                    "year": self.evaluation.year,
                    "key": template.key,
                    "v": template.version,
                }
            )
        ws = wb["LKE"] if "LKE" in wb.sheetnames else wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        header_index = next((i for i, r in enumerate(rows) if r and _norm(r[0]) == "kode"), None)
        if header_index is None:
            raise ImportAborted(_("Baris judul kolom (Kode …) tidak ditemukan."))
        by_norm = {_norm(c.header): c.key for c in self.columns}
        index = {by_norm[_norm(t)]: i for i, t in enumerate(rows[header_index]) if _norm(t) in by_norm}
        if "code" not in index:
            raise ImportAborted(_("Kolom Kode tidak ditemukan."))
        results = []
        for number, values in enumerate(rows[header_index + 1 :], start=header_index + 2):
            if values is None or all(v in (None, "") for v in values):
                continue
            data = {}
            for key, i in index.items():
                value = values[i] if i < len(values) else None
                data[key] = value.strip() if isinstance(value, str) else value
            results.append(RowResult(number=number, data=data))
        if not results:
            raise ImportAborted(_("Tidak ada baris data di lembar kerja."))
        return results

    def import_row(self, data, ctx):
        code = str(data.get("code") or "").strip()
        if code in self.components:
            return _("komponen (dilewati)")
        if code in self.answers:
            ans = self.answers[code]
            if self.mode == "opd":
                services.save_self_assessment(
                    user=self.user,
                    answer=ans,
                    value=str(data.get("opd") or ""),
                    note=str(data.get("opd_note") or ""),
                    override_reason=str(data.get("reason") or ""),
                )
            else:
                services.save_evaluator_criterion(
                    user=self.user,
                    answer=ans,
                    value=str(data.get("evaluator") or ""),
                    note=str(data.get("evaluator_note") or ""),
                )
            return _("kriteria")
        if code in self.subs:
            if self.mode == "evaluator":
                sub = self.subs[code]
                services.save_sub_answer(
                    user=self.user,
                    sub_answer=sub,
                    answer=str(data.get("evaluator") or ""),
                    note=str(data.get("evaluator_note") or ""),
                    years_kept=sub.years_kept,
                    commendable=sub.commendable,
                    national_model=sub.national_model,
                )
                return _("sub-komponen")
            return _("sub-komponen (dilewati)")
        raise ValidationError(
            _('Kode "%(code)s" tidak ada pada templat %(key)s.') % {"code": code, "key": self.evaluation.template.key}
        )


# --- Matriks TL ------------------------------------------------------------------------------------
MATRIKS_HEADERS = [
    "No",
    "OPD",
    "Tahun",
    "Temuan",
    "Rekomendasi",
    "Pokok",
    "Rencana Aksi TL",
    "Penanggung Jawab",
    "Batas Waktu",
    "Status",
    "Bukti",
    "Verifikasi Inspektorat",
]


def matriks_rows(recs):
    rows = []
    for i, r in enumerate(recs, start=1):
        ev = r.finding.evaluation
        evidence = "; ".join(e.display_label for e in r.evidence.all())
        verification = r.verification_note or r.not_possible_reason
        rows.append(
            [
                i,
                ev.opd.akronim,
                ev.year,
                f"{r.finding.letter}. {r.finding.title}",
                r.text,
                r.subject,
                r.action_plan,
                r.pic.display_short if r.pic_id else "",
                r.due_date,
                r.get_state_display(),
                evidence,
                verification,
            ]
        )
    return rows


# --- Recap --------------------------------------------------------------------------------------------
def recap_table(data):
    codes = data["component_codes"]
    year = data["year"]
    headers = (
        [_("Peringkat"), _("OPD")]
        + [_("Komponen %(c)s") % {"c": c} for c in codes]
        + [
            _("Nilai %(y)s") % {"y": year},
            _("Predikat"),
            _("Nilai %(y)s") % {"y": year - 1},
            _("Perubahan"),
            _("Rekomendasi terbuka"),
        ]
    )
    rows = []
    for r in data["rows"]:
        s, p = r["score"], r["previous"]
        rows.append(
            [r["rank"], r["opd"].name]
            + [s.components.get(c) if s else None for c in codes]
            + [
                s.total if s else None,
                s.predikat if s else _("belum dinilai"),
                p.total if p else None,
                r["change"],
                r["open"],
            ]
        )
    return headers, rows
