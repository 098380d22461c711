"""The Dokumen Pengukuran Kinerja as DOCX (sakip/documents/docx.py, the one DOCX layer): the same text as the PDF
(reporting/print/dpk.html and dpk_table.html) on landscape F4 pages, editable."""

from __future__ import annotations

from sakip.core.formats import angka
from sakip.documents.docx import (
    CENTER,
    RIGHT,
    DocxDocument,
    cell_text,
    keep_row_together,
    repeat_header,
    set_widths,
    shade,
)

FILLS = {
    "Sangat Tinggi": "CFE9DA",
    "Tinggi": "E1F2D3",
    "Sedang": "FFF1C2",
    "Rendah": "FDE0C5",
    "Sangat Rendah": "F8CFD3",
}
GRID = 8.6
# The PDF's landscape F4 page (reporting/print/dpk.html: @page margin 14mm 14mm 16mm 16mm).
PAGE_WIDTH_MM, MARGINS_MM = 330, (14, 14, 16, 16)  # top, right, bottom, left
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM[1] - MARGINS_MM[3]


def _n(value, places=2):
    return "" if value is None else angka(value, places)


def _capaian_table(d: DocxDocument, groups, dpk, period, show_unit):
    """dpk_table.html: two header rows, a row per unit (programs), per group and per indicator line."""
    quarters = list(dpk.quarters)
    nq = len(quarters)
    ncols = 8 + nq
    widths = [9, 0, 17, 17, 17, *[15] * nq, 17, 16, 23]
    widths[1] = d.width_mm - sum(widths)
    table = d.table(None, [], widths, size=GRID)
    head1 = table.add_row()
    head2 = table.add_row()
    label = "Sasaran program/kegiatan dan indikator" if show_unit else "Sasaran dan indikator kinerja"
    top = ["No", label, "Satuan", "Target", "", "Realisasi", *[""] * nq, "Capaian (%)", "Kategori"]
    last_q = quarters[-1] if quarters else ""
    bottom = [
        "",
        "",
        "",
        "Tahunan",
        f"s.d. TW {last_q}" if period.triwulan else "Tahunan",
        *[f"TW {q}" if period.triwulan else str(q) for q in quarters],
        "Kumulatif",
        "",
        "",
    ]
    for row, texts in ((head1, top), (head2, bottom)):
        for i, text in enumerate(texts):
            cell_text(row.cells[i], text, bold=True, align=CENTER, size=GRID)
            shade(row.cells[i], "EEEEEE")
        repeat_header(row)
        keep_row_together(row)
    for i in (0, 1, 2, ncols - 2, ncols - 1):
        head1.cells[i].merge(head2.cells[i])
    head1.cells[3].merge(head1.cells[4])
    head1.cells[5].merge(head1.cells[5 + nq])
    right = set(range(3, ncols - 1))
    rows_added = 2
    unit = None
    groups = list(groups)
    for gi, group in enumerate(groups, start=1):
        if show_unit and group.unit != unit:
            unit = group.unit
            d.add_row(table, [""] * ncols, size=GRID, fill="DFE7F1")
            d.merge_row(table, rows_added, 0, ncols - 1, str(unit), size=GRID)
            rows_added += 1
        title = f"{group.level_label}: {group.title}"
        if group.pagu:
            title += (
                f" — anggaran {len(group.programs)} program: Rp {_n(group.realisasi, 0) or '0'} / Rp "
                f"{_n(group.pagu, 0)}"
                + (f" (serapan {_n(group.serapan)}% dari pagu)" if group.serapan is not None else "")
                + (f", anggaran kas s.d. {period.tw_label} Rp {_n(group.kas, 0)}" if group.kas is not None else "")
                + f"; efisiensi: {group.assessment.text.lower()} ({group.assessment.reason})"
            )
        d.add_row(
            table,
            [str(gi), "", *[""] * (ncols - 4), _n(group.average), group.category or ""],
            size=GRID,
            bold=True,
            fill="F1F4F8",
            align={i: RIGHT for i in right} | {0: CENTER},
        )
        d.merge_row(table, rows_added, 1, ncols - 3, title, size=GRID)
        rows_added += 1
        for li, line in enumerate(group.lines, start=1):
            status = "belum ada realisasi" if line.figure.status == "belum_ada_realisasi" else "tidak dapat dihitung"
            cells = d.add_row(
                table,
                [
                    f"{gi}.{li}",
                    f"{line.code} {line.name}" if line.code else line.name,
                    line.satuan,
                    line.target_year,
                    line.target_period,
                    *line.values,
                    line.cumulative,
                    line.percent_text or "–",
                    line.category or status,
                ],
                size=GRID,
                align={i: RIGHT for i in right} | {0: CENTER},
            )
            rows_added += 1
            if line.category in FILLS:
                shade(cells[-1], FILLS[line.category])
    if not groups:
        d.add_row(table, [""] * ncols, size=GRID)
        d.merge_row(table, rows_added, 0, ncols - 1, "Tidak ada indikator.", bold=False, size=GRID)
    set_widths(table, widths)


def build(ctx: dict, *, number: str | None = None) -> bytes:
    """`ctx`: the PDF template's context (services.context + the pipeline's nomor, signature, verification)."""
    dpk, period, opd = ctx["dpk"], ctx["period"], ctx["opd"]
    nomor = ctx.get("nomor", "") if number is None else number
    verification = ctx.get("verification")
    d = DocxDocument(title=ctx["title"], landscape=True, margins_mm=MARGINS_MM, font_size=10.5)
    width = d.width_mm
    d.letterhead(opd)
    d.title(ctx["title"], underline=False)
    d.para(opd.name.upper(), bold=True, align=CENTER, size=11.5)
    d.number(f"Nomor : {nomor or '…………'}")

    summary = dpk.summary
    d.heading("A. Ringkasan", 3)
    last_q = list(dpk.quarters)[-1] if dpk.quarters else ""
    rows = [
        (
            "Periode pengukuran",
            f": {period.tw_label} Tahun {period.year} (realisasi s.d. "
            + (f"triwulan {last_q})" if period.triwulan else "akhir tahun)"),
        ),
        ("SOP yang dijalankan", f": SOP {period.sop_label}"),
        ("Jumlah indikator diukur", f": {summary['indicators']} indikator ({summary['filled']} berisi realisasi)"),
        (
            "Rata-rata capaian sasaran strategis",
            f": {_n(summary['strategic_average'])}% {summary['strategic_category'] or ''}".rstrip()
            if summary["strategic_average"] is not None
            else ": –",
        ),
        (
            "Rata-rata capaian seluruh indikator",
            f": {_n(summary['average'])}% {summary['category'] or ''}".rstrip()
            if summary["average"] is not None
            else ": –",
        ),
        ("Sebaran kategori", ": " + " · ".join(f"{label} {n}" for label, n, _css in summary["categories"])),
        (
            "Realisasi anggaran",
            f": Rp {_n(summary['realisasi'], 0)} dari pagu Rp {_n(summary['pagu'], 0)}"
            + (f" (serapan {_n(summary['serapan'])}% dari pagu)" if summary["serapan"] is not None else "")
            + (f"; anggaran kas s.d. TW {last_q} Rp {_n(summary['kas'], 0)}" if summary["kas"] is not None else ""),
        ),
        ("Efisiensi anggaran", f": {summary['assessment'].text} ({summary['assessment'].reason})"),
    ]
    table = d.table(None, rows, [62, width - 62], style="Normal Table", size=10.5)
    d.para("", after=0, size=4)

    d.heading("B. Capaian Sasaran Strategis", 3)
    _capaian_table(d, dpk.strategic, dpk, period, False)
    d.heading("C. Capaian Kinerja Program dan Kegiatan", 3)
    _capaian_table(d, dpk.programs, dpk, period, True)

    d.heading("D. Realisasi Anggaran dan Efisiensi", 3)
    quarter = dpk.is_quarter
    tw = period.tw_label
    headers = [
        "No",
        "Kode",
        "Program",
        "Unit",
        "Pagu (Rp)",
        *([f"Anggaran kas s.d. {tw} (Rp)"] if quarter else []),
        f"Realisasi {tw} (Rp)",
        f"Realisasi s.d. {tw} (Rp)",
        "Serapan dari pagu (%)",
        *(["Serapan dari anggaran kas (%)"] if quarter else []),
        "Capaian kinerja (%)",
        "Efisiensi",
    ]
    widths = [9, 17, 0, 28, 25, *([24] if quarter else []), 24, 24, 15, *([16] if quarter else []), 15, 42]
    widths[2] = width - sum(widths)
    rows = []
    for i, b in enumerate(dpk.budget, start=1):
        kas = [_n(b.kas, 0) if b.kas is not None else "belum dicatat"] if quarter else []
        kas_serapan = [_n(b.assessment.serapan) if b.kas is not None else ""] if quarter else []
        rows.append(
            [
                str(i),
                b.code,
                b.label,
                b.unit,
                _n(b.pagu, 0),
                *kas,
                _n(b.realisasi_period, 0),
                _n(b.realisasi, 0),
                _n(b.serapan),
                *kas_serapan,
                _n(b.capaian),
                f"{b.assessment.text}\n{b.assessment.reason}",
            ]
        )
    table = d.table(
        headers, rows, widths, size=GRID, align={0: CENTER} | {i: RIGHT for i in range(4, len(headers) - 1)}
    )
    if not rows:
        d.add_row(table, [""] * len(headers), size=GRID)
        d.merge_row(table, 1, 0, len(headers) - 1, "Tidak ada program dengan pagu pada periode ini.", bold=False)
        set_widths(table, widths)
    threshold = ctx.get("efisiensi_threshold") or "5"
    d.para(
        "Serapan dari pagu = realisasi s.d. periode ÷ pagu × 100. Efisiensi membandingkan capaian kinerja dengan "
        "serapan anggaran yang setara: s.d. TW I–III realisasi dibandingkan dengan anggaran kas (rencana penarikan "
        "dana) s.d. triwulan itu, untuk satu tahun (TW IV) dengan pagu; tanpa anggaran kas, triwulan I–III belum "
        f"dapat dinilai. Selisih lebih dari +{threshold} poin efisien, dalam ±{threshold} poin cukup efisien, selain "
        "itu tidak efisien; tanpa realisasi anggaran tidak dapat dinilai.",
        size=8,
        before=4,
    )

    d.heading("E. Analisis Capaian", 3)
    rest = (width - 9 - 75) / 4
    rows = [
        [
            str(i),
            f"{line.name}\n{line.unit}",
            line.row.faktor_pendukung,
            line.row.faktor_penghambat,
            line.row.kendala,
            line.row.tindak_lanjut,
        ]
        for i, line in enumerate(dpk.narratives, start=1)
    ]
    widths = [9, 75, rest, rest, rest, rest]
    table = d.table(
        ["No", "Indikator", "Faktor pendukung", "Faktor penghambat", "Kendala", "Tindak lanjut"],
        rows,
        widths,
        size=GRID,
        align={0: CENTER},
    )
    if not rows:
        d.add_row(table, [""] * 6, size=GRID)
        d.merge_row(table, 1, 0, 5, "Belum ada uraian analisis.", bold=False)
        set_widths(table, widths)

    d.para(
        f"Demikian Dokumen Pengukuran Kinerja {period.tw_label} Tahun {period.year} ini disusun berdasarkan data "
        "yang telah divalidasi oleh setiap kepala unit kerja, untuk dipergunakan sebagaimana mestinya.",
        style="Isi",
        before=10,
        keep_next=True,
    )
    d.signature(ctx.get("signature"), verification, width_mm=width * 0.38, before=4)
    d.tte_note(verification)

    d.page_break()
    d.heading("Lampiran: Penjelasan Perhitungan Capaian", 3)
    d.para(
        "Capaian dihitung menurut polaritas indikator (PermenPAN-RB 8/2021): maksimal C = R ÷ T × 100; minimal "
        "C = (2 − R ÷ T) × 100, paling rendah 0; rentang: di dalam rentang 100; biner: tercapai 100, tidak 0. "
        "Realisasi triwulan diakumulasikan menurut cara agregasi indikator. Kategori: "
        f"{dpk.bands_text}. Rata-rata memakai capaian setiap indikator yang dibatasi paling tinggi "
        f"{ctx.get('cap') or '120'}%.",
        size=8,
        after=4,
    )
    d.table(
        ["No", "Indikator", "Penjelasan perhitungan"],
        [[str(i), line.name, line.explanation] for i, line in enumerate(dpk.all_lines, start=1)],
        [9, 95, width - 104],
        size=GRID,
        align={0: CENTER},
    )
    return d.render()
