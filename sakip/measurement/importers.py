"""Excel round trip of a unit form: download the form with its current values, fill it, upload it
(preview with row errors, then all-or-nothing) — through sakip.core.imports."""

from __future__ import annotations

from io import BytesIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from sakip.core.excel import XLSX, neutralise_workbook
from sakip.core.imports import Column, Importer

from . import services
from .models import BudgetRealisasi, Realisasi
from .selectors import submission_figures

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
LOCKED_FILL = PatternFill("solid", fgColor="EEF2F6")


class UnitFormImporter(Importer):
    columns = [
        Column(
            "row_id",
            "ID baris",
            required=True,
            help="Jangan diubah: menunjuk baris formulir (IND-… indikator, ANG-… anggaran).",
        ),
        Column("jenis", "Jenis", help="Indikator atau Anggaran (hanya informasi)."),
        Column("kode", "Kode"),
        Column("uraian", "Indikator / program", help="Hanya informasi."),
        Column("satuan", "Satuan"),
        Column("target", "Target", help="Hanya informasi (target periode / pagu)."),
        Column(
            "realisasi",
            "Realisasi",
            help="Angka (boleh 6,5 atau 6.5), predikat untuk indikator kualitatif, ya/tidak untuk indikator "
            "biner, rupiah untuk anggaran.",
        ),
        Column("faktor_pendukung", "Faktor pendukung"),
        Column("faktor_penghambat", "Faktor penghambat"),
        Column("kendala", "Kendala"),
        Column("tindak_lanjut", "Tindak lanjut"),
        Column("versi", "Versi", help="Jangan diubah: menolak unggahan dari formulir yang sudah usang."),
    ]

    def __init__(self, user, submission):
        super().__init__(user)
        self.submission = submission
        self.title = _("Impor formulir %(unit)s — %(tw)s %(y)s") % {
            "unit": submission.unit.name,
            "tw": submission.period.tw_label,
            "y": submission.period.year,
        }
        unit_name = submission.unit.short_name or submission.unit.name
        self.filename = f"formulir-{unit_name}-{submission.period.year}-tw{submission.period.triwulan}"
        self._rows = {r.pk: r for r in Realisasi.objects.filter(submission=submission)}
        self._budget = {b.pk: b for b in BudgetRealisasi.objects.filter(submission=submission)}

    # --- the form as a workbook --------------------------------------------------------------------------
    def workbook_bytes(self) -> bytes:
        submission = self.submission
        wb = Workbook()
        ws = wb.active
        ws.title = "Data"
        headers = [c.header for c in self.columns]
        ws.append(headers)
        for col, _header in enumerate(headers, start=1):
            cell = ws.cell(row=1, column=col)
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        figures = submission_figures(submission)
        for row in sorted(self._rows.values(), key=lambda r: (r.order, r.pk)):
            fig = figures.get(row.pk)
            target = row.target_text or (
                fig.target_period if fig and fig.target_period is not None else row.target_year
            )
            value = row.value_text if row.value_text else (float(row.value) if row.value is not None else None)
            ws.append(
                [
                    f"IND-{row.pk}",
                    "Indikator",
                    row.code,
                    row.name,
                    row.satuan,
                    str(target) if target is not None else "",
                    value,
                    row.faktor_pendukung,
                    row.faktor_penghambat,
                    row.kendala,
                    row.tindak_lanjut,
                    row.revision,
                ]
            )
            if row.is_qualitative or row.is_binary:
                options = [str(item[0]) for item in row.scale] if row.is_qualitative else ["ya", "tidak"]
                dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
                ws.add_data_validation(dv)
                dv.add(ws.cell(row=ws.max_row, column=7))
        for b in sorted(self._budget.values(), key=lambda b: (b.order, b.pk)):
            ws.append(
                [
                    f"ANG-{b.pk}",
                    "Anggaran",
                    b.code,
                    b.label,
                    "Rp",
                    float(b.pagu) if b.pagu is not None else "",
                    float(b.realisasi) if b.realisasi is not None else None,
                    "",
                    "",
                    "",
                    "",
                    b.revision,
                ]
            )
        for r in range(2, ws.max_row + 1):
            for c in (1, 2, 3, 4, 5, 6, 12):
                ws.cell(row=r, column=c).fill = LOCKED_FILL
            for c in range(1, 13):
                ws.cell(row=r, column=c).alignment = Alignment(wrap_text=True, vertical="top")
        widths = [11, 10, 10, 55, 10, 12, 14, 30, 30, 30, 30, 7]
        for i, width in enumerate(widths):
            ws.column_dimensions[chr(65 + i)].width = width
        ws.freeze_panes = "E2"
        guide = wb.create_sheet("Petunjuk")
        guide.append(["Kolom", "Wajib", "Keterangan"])
        for column in self.columns:
            guide.append([column.header, "ya" if column.required else "", column.help])
        guide.append([])
        guide.append(
            [
                _("Formulir"),
                "",
                f"{submission.unit.name} — {submission.period.tw_label} {submission.period.year} "
                f"({submission.period.opd.akronim})",
            ]
        )
        guide.column_dimensions["A"].width = 22
        guide.column_dimensions["C"].width = 90
        buffer = BytesIO()
        neutralise_workbook(wb)
        wb.save(buffer)
        return buffer.getvalue()

    def template_response(self):
        response = HttpResponse(self.workbook_bytes(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{slugify(self.filename)}.xlsx"'
        return response

    # --- applying a row ---------------------------------------------------------------------------------------
    def import_row(self, data, ctx):
        ident = str(data.get("row_id") or "").strip().upper()
        kind, _sep, pk = ident.partition("-")
        try:
            pk = int(pk)
        except ValueError:
            raise ValidationError(
                _('ID baris "%(id)s" tidak dikenal; gunakan formulir yang diunduh dari sakip.')
                % {"id": data.get("row_id")}
            ) from None
        seen = ctx.setdefault("seen", set())
        if ident in seen:
            raise ValidationError(_("Baris %(id)s muncul lebih dari sekali.") % {"id": ident})
        seen.add(ident)
        versi = data.get("versi")
        versi = None if versi in (None, "") else versi
        value = data.get("realisasi")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value = "" if value is None else str(value)
        try:
            if kind == "IND" and pk in self._rows:
                row = self._rows[pk]
                fields = {"value": value}
                for name in ("faktor_pendukung", "faktor_penghambat", "kendala", "tindak_lanjut"):
                    if name in data:
                        fields[name] = "" if data[name] is None else str(data[name])
                before = row.revision
                saved = services.save_row(
                    user=self.user, row=row, data=fields, expected_revision=_versi_for(versi, row, row.has_value)
                )
                return _("diperbarui") if saved.revision != before else _("tidak berubah")
            if kind == "ANG" and pk in self._budget:
                row = self._budget[pk]
                before = row.revision
                saved = services.save_budget_row(
                    user=self.user,
                    row=row,
                    value=value,
                    expected_revision=_versi_for(versi, row, row.realisasi is not None),
                )
                return _("diperbarui") if saved.revision != before else _("tidak berubah")
        except PermissionDenied as exc:
            raise ValidationError(str(exc) or _("Anda tidak berwenang mengisi baris ini.")) from None
        except ValidationError as exc:
            if hasattr(exc, "message_dict"):
                labels = {
                    "value": _("Realisasi"),
                    "realisasi": _("Realisasi"),
                    "faktor_pendukung": _("Faktor pendukung"),
                    "faktor_penghambat": _("Faktor penghambat"),
                    "kendala": _("Kendala"),
                    "tindak_lanjut": _("Tindak lanjut"),
                }
                raise ValidationError(
                    [
                        m if f == "__all__" else f"{labels.get(f, f)}: {m}"
                        for f, ms in exc.message_dict.items()
                        for m in ms
                    ]
                ) from None
            raise
        raise ValidationError(_('ID baris "%(id)s" bukan bagian dari formulir ini.') % {"id": data.get("row_id")})


def _versi_for(versi, row, has_value):
    """Without a Versi (column missing or cell empty) only a still-empty row is filled; a row that already
    has a value would be overwritten blindly, so it is refused (issue 12: the revision is required)."""
    if versi is not None:
        return versi
    if has_value:
        raise ValidationError(
            _(
                "Kolom Versi kosong atau tidak ada, padahal baris ini sudah berisi nilai: unduh ulang formulir "
                "dari sakip agar perubahan orang lain tidak tertimpa."
            )
        )
    return row.revision
