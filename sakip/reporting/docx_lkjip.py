"""The LKjIP as DOCX (python-docx): the same content as the PDF (reporting/print/lkjip.html), editable,
with the same charts as PNG. Text is added as runs, never as markup."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from sakip.core.formats import angka

from . import charts
from .docx_dpk import FILLS, _row, _shade, _table


def _n(value, places=2):
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        return value
    return angka(value, places)


def _para(doc, text, *, bold=False, size=None, align=None, italic=False):
    p = doc.add_paragraph()
    run = p.add_run(str(text or ""))
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    if align:
        p.alignment = align
    return p


def _text(doc, text):
    for block in str(text or "–").split("\n"):
        if block.strip():
            p = _para(doc, block)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _chart(doc, data, key):
    png = charts.lkjip_charts(data, fmt="png").get(key)
    if png:
        doc.add_picture(BytesIO(png), width=Mm(160))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def build(ctx: dict, *, number: str = "") -> bytes:
    lkjip, version, data, opd = ctx["lkjip"], ctx["version"], ctx["data"], ctx["opd"]
    year = lkjip.year
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(215), Mm(330)
    section.left_margin, section.right_margin = Mm(22), Mm(18)
    section.top_margin = section.bottom_margin = Mm(20)
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)

    center = WD_ALIGN_PARAGRAPH.CENTER
    for _i in range(6):
        doc.add_paragraph()
    _para(doc, "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", bold=True, size=18, align=center)
    _para(doc, f"TAHUN {year}", bold=True, size=16, align=center)
    for _i in range(6):
        doc.add_paragraph()
    _para(doc, opd.name.upper(), bold=True, size=14, align=center)
    _para(doc, opd.pemda.name.upper(), size=12, align=center)
    _para(
        doc,
        f"Versi {version.number} · pengukuran {data['period']['label']} {year} yang telah dikunci"
        + (f" · Nomor {number}" if number else ""),
        size=8,
        align=center,
    )
    doc.add_page_break()

    s = data["summary"]
    doc.add_heading("IKHTISAR EKSEKUTIF", level=1)
    _text(doc, version.ikhtisar)
    table = _table(doc, ["Uraian", "Nilai"], [80, 90])
    _row(table, ["Jumlah indikator sasaran strategis", str(s["indicators"])], [80, 90])
    _row(table, ["Rata-rata capaian", f"{_n(s['average']) or '–'}% {s['category']}".strip()], [80, 90])
    _row(table, ["Sebaran kategori", " · ".join(f"{label}: {n}" for label, n in s["categories"])], [80, 90])
    _row(
        table,
        [
            "Realisasi anggaran",
            f"Rp {_n(s['realisasi'], 0)} dari pagu Rp {_n(s['pagu'], 0)}"
            + (f" (serapan {_n(s['serapan'])}%)" if s["serapan"] is not None else "")
            + (f" — {s['efisiensi']}" if s["efisiensi"] else ""),
        ],
        [80, 90],
    )

    doc.add_page_break()
    doc.add_heading("BAB I PENDAHULUAN", level=1)
    doc.add_heading("A. Latar Belakang", level=2)
    _text(doc, version.pendahuluan)
    doc.add_heading("B. Organisasi", level=2)
    for u in data["organisation"]["units"]:
        doc.add_paragraph(u["name"], style="List Number")
    doc.add_heading("C. Isu Strategis", level=2)
    _text(doc, version.isu_strategis)

    doc.add_page_break()
    doc.add_heading("BAB II PERENCANAAN KINERJA", level=1)
    renstra = data["renstra"]
    doc.add_heading(f"A. Rencana Strategis {renstra['start']}–{renstra['end']}", level=2)
    widths = [9, 95, 20, 22, 24]
    table = _table(
        doc, ["No", "Sasaran strategis / indikator", "Satuan", f"Target {year}", f"Target {renstra['end']}"], widths
    )
    for i, sas in enumerate(data["sasaran"], start=1):
        _row(table, [str(i), f"{sas['level_label']}: {sas['title']}", "", "", ""], widths, bold=True, fill="F1F4F8")
        for r in sas["rows"]:
            _row(
                table,
                [
                    "",
                    r["name"] + (" (IKU)" if r["is_iku"] else ""),
                    r["satuan"],
                    r["target"],
                    r["renstra_target"] or "–",
                ],
                widths,
                right={3, 4},
            )
    doc.add_heading(f"B. Perjanjian Kinerja Tahun {year}", level=2)
    pk = data.get("pk")
    if pk:
        _text(
            doc,
            f"Perjanjian Kinerja antara {pk['first']} ({pk['first_title']}) dan {pk['second']} "
            f"({pk['second_title']}) memuat {len(pk['items'])} indikator (Lampiran 1).",
        )
    else:
        _text(doc, f"Perjanjian Kinerja kepala OPD tahun {year} belum tercatat di sakip.")

    doc.add_page_break()
    doc.add_heading("BAB III AKUNTABILITAS KINERJA", level=1)
    doc.add_heading("A. Capaian Kinerja Organisasi", level=2)
    _chart(doc, data, "sasaran")
    years = ctx.get("years", [])
    for i, sas in enumerate(data["sasaran"], start=1):
        doc.add_heading(f"{i}. {sas['level_label']}: {sas['title']}", level=3)
        _para(doc, f"(1) Target dan realisasi {year}", italic=True, size=9)
        widths = [8, 80, 18, 20, 20, 18, 22]
        table = _table(doc, ["No", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)", "Kategori"], widths)
        for j, r in enumerate(sas["rows"], start=1):
            cells = _row(
                table,
                [
                    str(j),
                    r["name"],
                    r["satuan"],
                    r["target"],
                    r["realisasi_text"],
                    _n(r["capaian"]) or "–",
                    r["category"] or "–",
                ],
                widths,
                right={3, 4, 5},
            )
            if r["category"] in FILLS:
                _shade(cells[-1], FILLS[r["category"]])
        if sas["average"] is not None:
            _row(
                table,
                ["", "Rata-rata capaian sasaran", "", "", "", _n(sas["average"]), sas["category"]],
                widths,
                bold=True,
                fill="F1F4F8",
                right={5},
            )
        _para(
            doc,
            "(2) dibandingkan tahun-tahun sebelumnya · (3) target akhir Renstra · (4) standar nasional/provinsi",
            italic=True,
            size=9,
        )
        headers = [
            "Indikator",
            *[str(y) for y in years],
            str(year),
            f"Target {renstra['end']}",
            "Capaian thd Renstra (%)",
            "Standar",
            "Capaian thd standar (%)",
        ]
        widths = [60, *[16] * len(years), 16, 18, 17, 17, 17]
        table = _table(doc, headers, widths)
        for r in sas["rows"]:
            hist = {h["year"]: h for h in r["history"]}
            cols = []
            for y in years:
                h = hist.get(y)
                cols.append(
                    (_n(h["realisasi"], r["precision"]) + (" (baseline)" if h.get("baseline") else "")) if h else ""
                )
            _row(
                table,
                [
                    r["name"],
                    *cols,
                    r["realisasi_text"],
                    r["renstra_target"] or "–",
                    _n(r["renstra_capaian"]) or "–",
                    (_n(r["standard"], r["precision"]) + (f" ({r['standard_source']})" if r["standard_source"] else ""))
                    if r["standard"] is not None
                    else "–",
                    _n(r["standard_capaian"]) or "–",
                ],
                widths,
                right=set(range(1, len(headers))),
            )
        _para(doc, "(5) Penyebab keberhasilan/kegagalan dan solusi", italic=True, size=9)
        text = sas.get("text")
        _text(doc, text.analisis if text else "")
        _text(doc, "Solusi: " + ((text.solusi if text else "") or "–"))
        _para(doc, "(6) Efisiensi penggunaan sumber daya", italic=True, size=9)
        if sas["serapan"] is not None:
            _text(
                doc,
                f"Pagu Rp {_n(sas['pagu'], 0)}, realisasi Rp {_n(sas['realisasi'], 0)} (serapan "
                f"{_n(sas['serapan'])}%); capaian {_n(sas['average'])}%: {sas['efisiensi'] or '–'} "
                f"(selisih {_n(sas['gap'])} poin).",
            )
        else:
            _text(doc, "Tidak ada program beranggaran yang tercatat mendukung sasaran ini.")
        _para(doc, "(7) Program/kegiatan yang mendukung", italic=True, size=9)
        if sas["programs"]:
            widths = [26, 80, 28, 28, 16]
            table = _table(doc, ["Kode", "Program/kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)"], widths)
            for p in sas["programs"]:
                _row(
                    table,
                    [p["code"], p["label"], _n(p["pagu"], 0), _n(p["realisasi"], 0), _n(p["serapan"]) or "–"],
                    widths,
                    right={2, 3, 4},
                )
        else:
            _text(doc, "–")
    _chart(doc, data, "trend")

    doc.add_heading("B. Realisasi Anggaran", level=2)
    widths = [8, 26, 66, 28, 28, 16, 22]
    table = _table(doc, ["No", "Kode", "Program", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", "Efisiensi"], widths)
    for i, b in enumerate(data["budget"], start=1):
        _row(
            table,
            [
                str(i),
                b["code"],
                b["label"],
                _n(b["pagu"], 0),
                _n(b["realisasi"], 0),
                _n(b["serapan"]) or "–",
                b["efisiensi"] or "–",
            ],
            widths,
            right={3, 4, 5},
        )
    _row(
        table,
        ["", "", "Jumlah", _n(s["pagu"], 0), _n(s["realisasi"], 0), _n(s["serapan"]) or "–", s["efisiensi"] or "–"],
        widths,
        bold=True,
        fill="F1F4F8",
        right={3, 4, 5},
    )
    _chart(doc, data, "serapan")

    doc.add_page_break()
    doc.add_heading("BAB IV PENUTUP", level=1)
    _text(doc, version.penutup)
    signature = ctx.get("signature")
    if signature:
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Mm(90)
        p.paragraph_format.space_before = Pt(12)
        p.add_run("\n".join([signature["place_date"], *signature["title_lines"]]))
        p.add_run("\n\n\n\n")
        name = p.add_run(signature["name"])
        name.bold, name.underline = True, True
        tail = [t for t in (signature.get("pangkat"), signature.get("nip_line")) if t]
        if tail:
            p.add_run("\n" + "\n".join(tail))

    doc.add_page_break()
    doc.add_heading(f"LAMPIRAN 1 PERJANJIAN KINERJA TAHUN {year}", level=1)
    if pk:
        _text(
            doc,
            f"{pk['title']} — pihak pertama {pk['first']} ({pk['first_title']}), pihak kedua "
            f"{pk['second']} ({pk['second_title']}).",
        )
        widths = [8, 60, 70, 22, 18]
        table = _table(doc, ["No", "Sasaran", "Indikator kinerja", "Target", "Satuan"], widths)
        for i, item in enumerate(pk["items"], start=1):
            _row(table, [str(i), item["sasaran"], item["indicator"], item["target"], item["satuan"]], widths)
    else:
        _text(doc, "Perjanjian Kinerja belum tercatat di sakip.")
    doc.add_heading("LAMPIRAN 2 INDIKATOR KINERJA UTAMA", level=1)
    widths = [8, 80, 18, 20, 20, 18, 20]
    table = _table(
        doc,
        ["No", "Indikator kinerja utama", "Satuan", f"Target {year}", "Realisasi", "Capaian (%)", "Kategori"],
        widths,
    )
    for i, r in enumerate(ctx.get("iku", []), start=1):
        _row(
            table,
            [
                str(i),
                r["name"],
                r["satuan"],
                r["target"],
                r["realisasi_text"],
                _n(r["capaian"]) or "–",
                r["category"] or "–",
            ],
            widths,
            right={3, 4, 5},
        )

    landscape = doc.add_section()
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Mm(330), Mm(215)
    landscape.left_margin = landscape.right_margin = Mm(16)
    landscape.top_margin = landscape.bottom_margin = Mm(14)
    doc.add_heading(f"LAMPIRAN 3 EVALUASI HASIL RENCANA KERJA TAHUN {year} (PERMENDAGRI 86/2017)", level=1)
    headers = [
        "1 No",
        "2 Sasaran",
        "3 Kode",
        "4 Program/Kegiatan",
        "5 Indikator",
        "6 Target akhir Renstra",
        "7 Realisasi s.d. tahun lalu",
        f"8 Target {year}",
        "9 TW I",
        "10 TW II",
        "11 TW III",
        "12 TW IV",
        f"13 Realisasi {year}",
        "14 = 7 + 13",
        "15 = 14 ÷ 6 (%)",
        "16 Unit",
    ]
    widths = [8, 40, 20, 34, 44, 15, 15, 15, 12, 12, 12, 12, 15, 15, 14, 25]
    table = _table(doc, headers, widths)
    for r in data["renja"]:
        p = r["precision"]
        _row(
            table,
            [
                str(r["no"]),
                r["sasaran"],
                r["kode"],
                r["program"],
                r["indicator"],
                r["renstra_target"],
                _n(r["realisasi_lalu"], p),
                r["target"],
                *[_n(v, p) for v in r["tw"]],
                _n(r["realisasi"], p),
                _n(r["realisasi_total"], p),
                _n(r["capaian_renstra"]),
                r["unit"],
            ],
            widths,
            right=set(range(5, 15)),
        )
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
