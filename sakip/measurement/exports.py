"""Workbooks of a period: all unit forms (the output of "prepare forms")."""

from __future__ import annotations

from io import BytesIO

from sakip.core.excel import build_workbook

from .models import UnitSubmission


def forms_workbook(period) -> bytes:
    sheets = []
    subs = (
        UnitSubmission.objects.filter(period=period)
        .select_related("unit")
        .prefetch_related("rows", "budget_rows")
        .order_by("order", "unit__name")
    )
    for submission in subs:
        headers = [
            "Jenis",
            "Kode",
            "Indikator / program",
            "Satuan",
            "Target tahunan",
            "Target TW I",
            "Target TW II",
            "Target TW III",
            "Target TW IV",
            "PK",
            "Realisasi",
            "Faktor pendukung",
            "Faktor penghambat",
            "Kendala",
            "Tindak lanjut",
        ]
        rows = []
        for r in submission.rows.all():
            q = list(r.quarters or []) + [None] * 4
            rows.append(
                [
                    "Indikator",
                    r.code,
                    r.name,
                    r.satuan,
                    r.target_text or (float(r.target_year) if r.target_year is not None else None),
                    *[float(v) if v not in (None, "") else None for v in q[:4]],
                    "ya" if r.in_pk else "",
                    None,
                    "",
                    "",
                    "",
                    "",
                ]
            )
        for b in submission.budget_rows.all():
            rows.append(
                [
                    "Anggaran",
                    b.code,
                    b.label,
                    "Rp",
                    float(b.pagu) if b.pagu is not None else None,
                    None,
                    None,
                    None,
                    None,
                    "",
                    None,
                    "",
                    "",
                    "",
                    "",
                ]
            )
        sheets.append((submission.unit.short_name or submission.unit.name, headers, rows))
    title = f"Formulir Pengukuran Kinerja {period.tw_label} {period.year} — {period.opd.name}"
    buffer = BytesIO()
    build_workbook(sheets, title=title).save(buffer)
    return buffer.getvalue()
