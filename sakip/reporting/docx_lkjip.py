"""The LKjIP as DOCX on the one DOCX layer (sakip/documents/docx.py: base template, grid widths, signature block):
the text of the PDF (reporting/print/lkjip.html), editable, with the same charts as PNG. Text is added as runs,
never as markup."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from docx.shared import Mm

from sakip.core.templatetags.sakip import angka
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

from . import charts

GRID = 8.6
GROUP = "F1F4F8"


def nilai(value, places=None):
    """The template filter `nilai` of reporting/templatetags/lkjip.py (that module imports lkjip_services, which
    imports this one): a number in Indonesian format, anything else (a qualitative label) as text."""
    if value in (None, ""):
        return ""
    if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        return angka(value, places)
    return str(value)


def _a(value, places=2):
    """`|angka:places|default:"–"` of the template."""
    return angka(value, places) or "–"


def _chart(d: DocxDocument, pngs: dict, key: str):
    png = pngs.get(key)
    if png:
        p = d.para(align=CENTER, after=6)
        p.add_run().add_picture(BytesIO(png), width=Mm(165))


def _bab(d: DocxDocument, title: str, small: str, *, first=False):
    """h1.bab: a new page, the chapter and its name on two centred lines."""
    p = d.para(f"{title}\n{small}" if small else title, bold=True, align=CENTER, size=13, after=6, keep_next=True)
    if not first:
        p.paragraph_format.page_break_before = True
    return p


def _note(d, text):
    return d.para(text, size=8.5, after=3)


def _text(d, text):
    return d.para(str(text), style="Isi")


def _group_row(d, table, values, first, last, text):
    """A shaded bold row with cells first..last merged into `text` (tr.group)."""
    index = len(table.rows)
    d.add_row(table, values, size=GRID, bold=True, fill=GROUP)
    d.merge_row(table, index, first, last, text, size=GRID)


def build(ctx: dict, *, number: str = "") -> bytes:
    lkjip, version, data, opd = ctx["lkjip"], ctx["version"], ctx["data"], ctx["opd"]
    year = lkjip.year
    verification = ctx.get("verification")
    d = DocxDocument(title=ctx.get("title", ""), margins_mm=(20, 18, 20, 22), font_size=11)
    width = d.width_mm
    pngs = charts.lkjip_charts(data, fmt="png")
    s = data["summary"]
    renstra = data["renstra"]

    # Cover
    d.para("", before=110, after=0)
    d.para("LAPORAN KINERJA\nINSTANSI PEMERINTAH\n(LKjIP)", bold=True, align=CENTER, size=20, after=12)
    d.para(f"TAHUN {year}", bold=True, align=CENTER, size=16)
    d.para(opd.name.upper(), bold=True, align=CENTER, size=15, before=110)
    d.para(opd.pemda.name.upper(), align=CENTER, size=13)
    d.para(
        f"Versi {version.number} · disusun dari pengukuran kinerja {data['period']['label']} {year} yang telah dikunci"
        + (f" · Nomor {number}" if number else ""),
        align=CENTER,
        size=8.5,
        before=110,
    )
    d.page_break()

    _bab(d, "IKHTISAR EKSEKUTIF", "", first=True)
    _text(d, version.ikhtisar)
    realisasi = f"Rp {angka(s['realisasi'], 0)} dari pagu Rp {angka(s['pagu'], 0)}"
    if s["serapan"] is not None:
        realisasi += f" (serapan {angka(s['serapan'], 2)}%)"
    if s["efisiensi"]:
        realisasi += f" — {s['efisiensi']}"
    d.table(
        ["Uraian", "Nilai"],
        [
            ["Jumlah indikator sasaran strategis", str(s["indicators"])],
            [
                "Rata-rata capaian",
                f"{angka(s['average'], 2)}% {s['category']}" if s["average"] is not None else "–",
            ],
            ["Sebaran kategori", " · ".join(f"{label}: {n}" for label, n in s["categories"])],
            ["Realisasi anggaran", realisasi],
        ],
        [width * 0.45, width * 0.55],
        size=GRID,
    )

    _bab(d, "BAB I", "PENDAHULUAN")
    d.heading("A. Latar Belakang", 2)
    _text(d, version.pendahuluan)
    d.heading("B. Organisasi", 2)
    _text(d, f"Susunan organisasi {opd.name}:")
    d.numbered([u["name"] for u in data["organisation"]["units"]], indent_mm=6, style="Normal")
    d.heading("C. Isu Strategis", 2)
    _text(d, version.isu_strategis or "–")

    _bab(d, "BAB II", "PERENCANAAN KINERJA")
    d.heading(f"A. Rencana Strategis {renstra['start']}–{renstra['end']}", 2)
    widths = [8, width - 8 - 18 - 22 - 24, 18, 22, 24]
    table = d.table(
        ["No", "Sasaran strategis / indikator", "Satuan", f"Target {year}", f"Target {renstra['end']}"],
        [],
        widths,
        size=GRID,
    )
    for i, sas in enumerate(data["sasaran"], start=1):
        _group_row(d, table, [str(i), "", "", "", ""], 1, 4, f"{sas['level_label']}: {sas['title']}")
        table.rows[-1].cells[0].paragraphs[0].alignment = CENTER
        for r in sas["rows"]:
            d.add_row(
                table,
                [
                    "",
                    r["name"] + (" (IKU)" if r["is_iku"] else ""),
                    r["satuan"],
                    r["target"],
                    r["renstra_target"] or "–",
                ],
                size=GRID,
                align={3: RIGHT, 4: RIGHT},
            )
    d.heading(f"B. Perjanjian Kinerja Tahun {year}", 2)
    pk = data.get("pk")
    if pk:
        signed = f", {pk['sign_date']}" if pk.get("sign_date") else ""
        _text(
            d,
            f"Perjanjian Kinerja antara {pk['first']} ({pk['first_title']}) dan {pk['second']} "
            f"({pk['second_title']}){signed}, memuat {len(pk['items'])} indikator (Lampiran 1).",
        )
    else:
        _text(d, f"Perjanjian Kinerja kepala OPD tahun {year} belum tercatat di sakip.")

    _bab(d, "BAB III", "AKUNTABILITAS KINERJA")
    d.heading("A. Capaian Kinerja Organisasi", 2)
    _note(
        d,
        f"Capaian dihitung dari pengukuran kinerja {data['period']['label']} {year} yang telah dikunci, menurut "
        "polaritas indikator (PermenPAN-RB 8/2021). Kategori: ≥ 91 Sangat Tinggi; 76–<91 Tinggi; 66–<76 Sedang; "
        "51–<66 Rendah; < 51 Sangat Rendah.",
    )
    _chart(d, pngs, "sasaran")
    years = ctx.get("years", [])
    for i, sas in enumerate(data["sasaran"], start=1):
        d.heading(f"{i}. {sas['level_label']}: {sas['title']}", 3)
        _note(d, f"(1) Target dan realisasi {year}")
        widths = [7, width - 7 - 16 - 18 - 18 - 16 - 22, 16, 18, 18, 16, 22]
        table = d.table(
            ["No", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)", "Kategori"],
            [
                [
                    str(n),
                    r["name"],
                    r["satuan"],
                    r["target"],
                    r["realisasi_text"],
                    _a(r["capaian"]),
                    r["category"] or "–",
                ]
                for n, r in enumerate(sas["rows"], start=1)
            ],
            widths,
            size=GRID,
            align={0: CENTER, 3: RIGHT, 4: RIGHT, 5: RIGHT},
        )
        if sas["average"] is not None:
            row = ["", "", "", "", "", angka(sas["average"], 2), sas["category"]]
            _group_row(d, table, row, 1, 4, "Rata-rata capaian sasaran")
        _note(
            d,
            f"(2) Realisasi {year} dibandingkan tahun-tahun sebelumnya · (3) dibandingkan target akhir Renstra · "
            "(4) dibandingkan standar nasional/provinsi",
        )
        fixed = [16] * len(years) + [16, 18, 17, 17, 17]
        rows = []
        for r in sas["rows"]:
            history = []
            for y in years:
                text = ""
                for h in r["history"]:
                    if h["year"] == y:
                        text += nilai(h["realisasi"], r["precision"]) + (" (baseline)" if h.get("baseline") else "")
                history.append(text)
            if r["standard"] is not None:
                standard = nilai(r["standard"], r["precision"])
                if r.get("standard_source"):
                    standard += f"\n{r['standard_source']}"
            else:
                standard = "–"
            rows.append(
                [
                    r["name"],
                    *history,
                    r["realisasi_text"],
                    r["renstra_target"] or "–",
                    _a(r["renstra_capaian"]),
                    standard,
                    _a(r["standard_capaian"]),
                ]
            )
        d.table(
            [
                "Indikator",
                *[str(y) for y in years],
                str(year),
                f"Target {renstra['end']}",
                "Capaian thd Renstra (%)",
                "Standar",
                "Capaian thd standar (%)",
            ],
            rows,
            [width - sum(fixed), *fixed],
            size=GRID,
            align={i: RIGHT for i in range(1, len(fixed) + 1)},
        )
        text = sas.get("text")
        _note(d, "(5) Penyebab keberhasilan/kegagalan dan solusi")
        _text(d, (getattr(text, "analisis", "") or "–"))
        d.para(
            style="Isi",
            runs=[("Solusi:", {"bold": True}), (" " + (getattr(text, "solusi", "") or "–"), {})],
        )
        _note(d, "(6) Efisiensi penggunaan sumber daya")
        if sas["serapan"] is not None:
            _text(
                d,
                f"Pagu Rp {angka(sas['pagu'], 0)}, realisasi Rp {angka(sas['realisasi'], 0)} (serapan "
                f"{angka(sas['serapan'], 2)}%); capaian {angka(sas['average'], 2)}%: {sas['efisiensi'] or '–'} "
                f"(selisih {angka(sas['gap'], 2)} poin).",
            )
        else:
            _text(d, "Tidak ada program beranggaran yang tercatat mendukung sasaran ini.")
        _note(d, "(7) Program/kegiatan yang mendukung")
        if sas["programs"]:
            d.table(
                ["Kode", "Program/kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)"],
                [
                    [p["code"], p["label"], angka(p["pagu"], 0), angka(p["realisasi"], 0), _a(p["serapan"])]
                    for p in sas["programs"]
                ],
                [26, width - 26 - 30 - 30 - 16, 30, 30, 16],
                size=GRID,
                align={2: RIGHT, 3: RIGHT, 4: RIGHT},
            )
        else:
            _text(d, "–")
    _chart(d, pngs, "trend")

    d.heading("B. Realisasi Anggaran", 2)
    widths = [7, 26, width - 7 - 26 - 30 - 30 - 16 - 22, 30, 30, 16, 22]
    table = d.table(
        ["No", "Kode", "Program", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", "Efisiensi"],
        [
            [
                str(i),
                b["code"],
                b["label"],
                angka(b["pagu"], 0),
                angka(b["realisasi"], 0),
                _a(b["serapan"]),
                b["efisiensi"] or "–",
            ]
            for i, b in enumerate(data["budget"], start=1)
        ],
        widths,
        size=GRID,
        align={0: CENTER, 3: RIGHT, 4: RIGHT, 5: RIGHT},
    )
    if not data["budget"]:
        index = len(table.rows)
        d.add_row(table, [""] * 7, size=GRID)
        d.merge_row(table, index, 0, 6, "Tidak ada program dengan pagu.", bold=False, size=GRID)
    total = [
        "",
        "",
        "",
        angka(s["pagu"], 0),
        angka(s["realisasi"], 0),
        _a(s["serapan"]),
        s["efisiensi"] or "–",
    ]
    _group_row(d, table, total, 1, 2, "Jumlah")
    threshold = ctx.get("efisiensi_threshold", 5)
    _note(
        d,
        f"Serapan = realisasi ÷ pagu × 100. Efisiensi: selisih capaian kinerja dan serapan lebih dari +{threshold} "
        f"poin efisien, dalam ±{threshold} poin cukup efisien, selain itu tidak efisien.",
    )
    _chart(d, pngs, "serapan")

    _bab(d, "BAB IV", "PENUTUP")
    _text(d, version.penutup or "–")
    d.signature(ctx.get("signature"), verification, width_mm=width * 0.5)
    if verification and verification.get("signed"):
        d.para(
            style="Catatan TTE",
            runs=[
                (
                    "Dokumen ini ditandatangani secara elektronik. Keasliannya dapat diperiksa pada "
                    f"{verification['url']} dengan kode verifikasi ",
                    {},
                ),
                (verification["code_display"], {"bold": True}),
                (".", {}),
            ],
        )
    reviewed = ctx.get("reviewed")
    if reviewed:
        _note(
            d,
            f"Telah direviu Inspektorat: {reviewed.subject}"
            + (f" Nomor {reviewed.number}" if reviewed.number else "")
            + " (terlampir).",
        )

    _bab(d, "LAMPIRAN 1", f"PERJANJIAN KINERJA TAHUN {year}")
    if pk:
        _text(
            d,
            f"{pk['title']} — pihak pertama {pk['first']} ({pk['first_title']}), pihak kedua {pk['second']} "
            f"({pk['second_title']}).",
        )
        rest = (width - 7 - 22 - 18) / 2
        d.table(
            ["No", "Sasaran", "Indikator kinerja", "Target", "Satuan"],
            [
                [str(i), item["sasaran"], item["indicator"], item["target"], item["satuan"]]
                for i, item in enumerate(pk["items"], start=1)
            ],
            [7, rest, rest, 22, 18],
            size=GRID,
            align={0: CENTER, 3: RIGHT},
        )
        if pk.get("budget"):
            d.para("", after=0, size=4)
            d.table(
                ["No", "Program", "Anggaran (Rp)"],
                [[str(i), b["label"], angka(b["amount"], 0)] for i, b in enumerate(pk["budget"], start=1)],
                [7, width - 7 - 34, 34],
                size=GRID,
                align={0: CENTER, 2: RIGHT},
            )
    else:
        _text(d, "Perjanjian Kinerja belum tercatat di sakip.")

    _bab(d, "LAMPIRAN 2", "INDIKATOR KINERJA UTAMA")
    iku = ctx.get("iku") or []
    widths = [7, width - 7 - 18 - 18 - 18 - 16 - 20, 18, 18, 18, 16, 20]
    table = d.table(
        ["No", "Indikator kinerja utama", "Satuan", f"Target {year}", "Realisasi", "Capaian (%)", "Kategori"],
        [
            [str(i), r["name"], r["satuan"], r["target"], r["realisasi_text"], _a(r["capaian"]), r["category"] or "–"]
            for i, r in enumerate(iku, start=1)
        ],
        widths,
        size=GRID,
        align={0: CENTER, 3: RIGHT, 4: RIGHT, 5: RIGHT},
    )
    if not iku:
        d.add_row(table, [""] * 7, size=GRID)
        d.merge_row(table, 1, 0, 6, "Tidak ada IKU.", bold=False, size=GRID)

    # Lampiran 3 on landscape pages
    d.new_section(landscape=True, margins_mm=(14, 14, 16, 16))
    _bab(d, "LAMPIRAN 3", f"EVALUASI HASIL RENCANA KERJA TAHUN {year} (PERMENDAGRI 86/2017)", first=True)
    lw = d.width_mm
    fixed = {0: 7, 2: 20, 5: 15, 6: 15, 7: 15, 8: 12, 9: 12, 10: 12, 11: 12, 12: 15, 13: 15, 14: 14, 15: 24}
    free = (lw - sum(fixed.values())) / 3
    widths = [fixed.get(i, free) for i in range(16)]
    size = 7.6
    table = d.table(None, [], widths, size=size)
    head = [
        "No",
        "Sasaran",
        "Kode",
        "Program/Kegiatan",
        "Indikator",
        "Target akhir Renstra",
        "Realisasi s.d. tahun lalu",
        f"Target {year}",
        "Realisasi triwulan",
        "",
        "",
        "",
        f"Realisasi {year}",
        f"Realisasi s.d. {year}",
        "Capaian thd Renstra (%)",
        "Unit",
    ]
    second = [""] * 8 + ["I", "II", "III", "IV"] + [""] * 4
    numbers = [str(n) for n in range(1, 14)] + ["14 = 7 + 13", "15 = 14 ÷ 6", "16"]
    for texts in (head, second, numbers):
        row = table.add_row()
        repeat_header(row)
        keep_row_together(row)
        for i, text in enumerate(texts):
            cell_text(row.cells[i], text, bold=True, align=CENTER, size=size)
            shade(row.cells[i], "EEEEEE")
    for i in [*range(8), 12, 13, 14, 15]:
        table.rows[0].cells[i].merge(table.rows[1].cells[i])
    table.rows[0].cells[8].merge(table.rows[0].cells[11])
    for r in data["renja"]:
        d.add_row(
            table,
            [
                str(r["no"]),
                r["sasaran"],
                r["kode"],
                r["program"],
                r["indicator"],
                r["renstra_target"],
                nilai(r["realisasi_lalu"], r["precision"]),
                r["target"],
                *[nilai(v, r["precision"]) for v in r["tw"]],
                nilai(r["realisasi"], r["precision"]),
                nilai(r["realisasi_total"], r["precision"]),
                angka(r["capaian_renstra"], 2),
                r["unit"],
            ],
            size=size,
            align={0: CENTER} | {i: RIGHT for i in range(5, 15)},
        )
    set_widths(table, widths)
    _note(
        d,
        "Kolom 13 = agregasi triwulan menurut cara agregasi indikator; 14 = 7 + 13 untuk indikator kumulatif "
        "(jumlah), nilai terakhir untuk indikator lain; 15 dihitung dengan rumus capaian menurut polaritas "
        "(docs/rules.md §7).",
    )
    return d.render()
