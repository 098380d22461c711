"""Excel export of every planning table (one workbook, one sheet per table) and of the reports."""

from sakip.core.excel import workbook_response

from .models import (
    BudgetItem,
    Crosscutting,
    IkuChange,
    Indicator,
    Kinerja,
    PerjanjianKinerja,
    PkBudget,
    PkItem,
    Renstra,
    Target,
)


def _n(value):
    return float(value) if value is not None else None


def _whole(indicator) -> str:
    """The "Bilangan bulat" column as the import template reads it back (planning/importers.py)."""
    if indicator.whole_number is None:
        return "menurut satuan"
    return "ya" if indicator.whole_number else "tidak"


def all_tables_xlsx(user, opd):
    renstras = list(Renstra.objects.filter(opd=opd).select_related("rpjmd").order_by("start_year"))
    nodes = list(
        Kinerja.objects.filter(opd=opd)
        .select_related("renstra", "position", "unit", "parent", "parent_indicator")
        .order_by("renstra__start_year", "level", "order", "pk")
    )
    inds = list(
        Indicator.objects.filter(opd=opd)
        .select_related("node", "node__renstra", "pj_unit", "pj_position", "predicate_scale", "iku_pemda")
        .order_by("node__renstra__start_year", "node__level", "order", "pk")
    )
    targets = list(
        Target.objects.filter(indicator__opd=opd)
        .select_related("indicator", "indicator__node")
        .order_by("indicator_id", "year")
    )
    cross = list(Crosscutting.objects.filter(opd=opd).select_related("indicator", "unit", "unit__opd"))
    budget = list(
        BudgetItem.objects.filter(opd=opd)
        .select_related("renstra", "nomenclature", "unit", "kinerja")
        .prefetch_related("pagu")
        .order_by("renstra__start_year", "nomenclature__code")
    )
    pks = list(
        PerjanjianKinerja.objects.filter(opd=opd)
        .select_related("position", "first_employee", "second_employee")
        .order_by("year", "position__order", "version")
    )
    items = list(
        PkItem.objects.filter(pk_doc__opd=opd)
        .select_related("pk_doc", "pk_doc__position")
        .order_by("pk_doc_id", "order")
    )
    lines = list(
        PkBudget.objects.filter(pk_doc__opd=opd)
        .select_related("pk_doc", "pk_doc__position")
        .order_by("pk_doc_id", "order")
    )
    changes = list(IkuChange.objects.filter(renstra__opd=opd).select_related("renstra"))
    sheets = [
        (
            "Renstra",
            ["Nama", "Tahun awal", "Tahun akhir", "RPJMD", "Status", "Tanggal penetapan", "Dasar"],
            [
                [r.name, r.start_year, r.end_year, str(r.rpjmd or ""), r.get_status_display(), r.adopted_on, r.decree]
                for r in renstras
            ],
        ),
        (
            "Pohon kinerja",
            [
                "ID",
                "Renstra",
                "Tingkat",
                "Kode",
                "Pernyataan kinerja",
                "Jabatan",
                "Unit",
                "Tahun",
                "ID atasan",
                "Kinerja atasan",
                "Indikator atasan didukung",
            ],
            [
                [
                    n.pk,
                    f"{n.renstra.start_year}-{n.renstra.end_year}",
                    n.get_level_display(),
                    n.code,
                    n.statement,
                    str(n.position),
                    str(n.unit or ""),
                    n.year,
                    n.parent_id,
                    n.parent.statement if n.parent_id else "",
                    n.parent_indicator.name if n.parent_indicator_id else "",
                ]
                for n in nodes
            ],
        ),
        (
            "Indikator",
            [
                "ID",
                "Renstra",
                "Kode kinerja",
                "Kinerja",
                "Kode",
                "Indikator",
                "IKU",
                "Satuan",
                "Definisi operasional",
                "Formula",
                "Sumber data",
                "Unit PJ",
                "Jabatan PJ",
                "Polaritas",
                "Agregasi",
                "Target TW kumulatif",
                "Dapat bernilai negatif",
                "Bilangan bulat",
                "Baseline",
                "Tahun baseline",
                "Presisi",
                "Skala predikat",
                "IKU Pemda",
            ],
            [
                [
                    i.pk,
                    f"{i.node.renstra.start_year}-{i.node.renstra.end_year}",
                    i.node.code,
                    i.node.statement,
                    i.code,
                    i.name,
                    "ya" if i.is_iku else "",
                    i.satuan,
                    i.definition,
                    i.formula,
                    i.data_source,
                    str(i.pj_unit or ""),
                    str(i.pj_position or ""),
                    i.get_polarity_display(),
                    i.get_aggregation_display(),
                    "ya" if i.cumulative_targets else "tidak",
                    "ya" if i.allow_negative else "tidak",
                    _whole(i),
                    _n(i.baseline),
                    i.baseline_year,
                    i.precision,
                    str(i.predicate_scale or ""),
                    str(i.iku_pemda or ""),
                ]
                for i in inds
            ],
        ),
        (
            "Target",
            [
                "ID indikator",
                "Kode kinerja",
                "Indikator",
                "Tahun",
                "Target",
                "Batas atas",
                "Target kualitatif",
                "TW I",
                "TW II",
                "TW III",
                "TW IV",
                "Batas atas TW I",
                "Batas atas TW II",
                "Batas atas TW III",
                "Batas atas TW IV",
            ],
            [
                [
                    t.indicator_id,
                    t.indicator.node.code,
                    t.indicator.name,
                    t.year,
                    _n(t.value),
                    _n(t.value_max),
                    t.value_text,
                    _n(t.q1),
                    _n(t.q2),
                    _n(t.q3),
                    _n(t.q4),
                    _n(t.q1_max),
                    _n(t.q2_max),
                    _n(t.q3_max),
                    _n(t.q4_max),
                ]
                for t in targets
            ],
        ),
        (
            "Crosscutting",
            ["Indikator", "OPD kontributor", "Unit kontributor", "Peran", "Uraian"],
            [[c.indicator.name, c.unit.opd.akronim, c.unit.name, c.get_role_display(), c.description] for c in cross],
        ),
        (
            "Program-kegiatan",
            ["Renstra", "Tingkat", "Kode", "Nomenklatur", "Unit PJ", "Kinerja didukung", "Pagu per tahun"],
            [
                [
                    f"{b.renstra.start_year}-{b.renstra.end_year}",
                    b.get_level_display(),
                    b.nomenclature.code,
                    b.nomenclature.name,
                    str(b.unit or ""),
                    b.kinerja.statement if b.kinerja_id else "",
                    "; ".join(
                        f"{p.year}: {p.amount:,.0f}".replace(",", ".")
                        for p in sorted(b.pagu.all(), key=lambda p: p.year)
                    ),
                ]
                for b in budget
            ],
        ),
        (
            "Perjanjian Kinerja",
            [
                "ID",
                "Tahun",
                "Jabatan",
                "Versi",
                "Status",
                "Pihak pertama",
                "Jabatan pihak pertama",
                "Pihak kedua",
                "Jabatan pihak kedua",
                "Tanggal",
                "Alasan perubahan",
            ],
            [
                [
                    p.pk,
                    p.year,
                    str(p.position),
                    p.version,
                    p.get_status_display(),
                    p.first_employee.full_name,
                    p.first_title,
                    p.second_employee.full_name,
                    p.second_title,
                    p.sign_date,
                    p.change_reason,
                ]
                for p in pks
            ],
        ),
        (
            "Butir PK",
            ["ID PK", "Tahun", "Jabatan", "Sasaran", "Indikator", "Target", "Satuan"],
            [
                [i.pk_doc_id, i.pk_doc.year, str(i.pk_doc.position), i.sasaran, i.indicator_name, i.target, i.satuan]
                for i in items
            ],
        ),
        (
            "Anggaran PK",
            ["ID PK", "Tahun", "Jabatan", "Program/kegiatan/sub kegiatan", "Anggaran (Rp)"],
            [[b.pk_doc_id, b.pk_doc.year, str(b.pk_doc.position), b.label, _n(b.amount)] for b in lines],
        ),
        (
            "Perubahan IKU",
            ["Renstra", "Indikator", "Bagian", "Sebelum", "Sesudah", "Alasan", "Tanggal"],
            [
                [
                    f"{c.renstra.start_year}-{c.renstra.end_year}",
                    c.indicator_label,
                    c.field,
                    c.old_value,
                    c.new_value,
                    c.reason,
                    c.changed_on,
                ]
                for c in changes
            ],
        ),
    ]
    return workbook_response(f"perencanaan-{opd.akronim}", sheets, title=f"Data perencanaan kinerja {opd.name}")


def checks_xlsx(ctx):
    opd, year = ctx["opd"], ctx["year"]
    cov, smart, stab, pk = ctx["coverage"], ctx["smart"], ctx["stability"], ctx["pk"]
    sheets = [
        (
            "Cascading",
            ["Jenis celah", "Jabatan", "Pegawai", "Unit", "Uraian"],
            [[g.label, g.position, g.employee, g.unit, g.message] for g in cov.gaps],
        ),
        (
            "Jangkauan IKU",
            ["IKU", "Sasaran program (Administrator)", "Sasaran kegiatan (Pengawas)", "IKI", "Lengkap"],
            [
                [r.label, len(r.administrator), len(r.pengawas), len(r.individu), "ya" if r.complete else "tidak"]
                for r in cov.ikus
            ],
        ),
        (
            "SMART",
            ["Indikator", "Memenuhi", "Kriteria belum terpenuhi", "Alasan"],
            [
                [r.label, "ya" if r.ok else "tidak", r.letters_failed, "; ".join(x.message for x in r.reasons)]
                for r in smart
            ],
        ),
        ("Stabilitas IKU", ["IKU", "Tingkat", "Uraian"], [[f.indicator, f.severity, f.message] for f in stab.flags]),
        (
            "PK pejabat",
            ["Jabatan", "Pejabat", "PK ditandatangani"],
            [[r["position"], r["employee"], "ya" if r["signed"] else "tidak"] for r in pk["officials"]],
        ),
    ]
    return workbook_response(
        f"pemeriksaan-perencanaan-{opd.akronim}-{year}",
        sheets,
        title=f"Pemeriksaan perencanaan kinerja {opd.name} {year}",
    )


def crosscutting_xlsx(opd, year, matrix):
    headers = ["Indikator", "OPD pemilik"] + [f"{u.opd.akronim} — {u.name}" for u in matrix["columns"]]
    rows = [
        [r["indicator"].name, r["indicator"].opd.akronim] + [c.get_role_display() if c else "" for c in r["line"]]
        for r in matrix["rows"]
    ]
    return workbook_response(
        f"matriks-crosscutting-{opd.akronim}-{year}",
        [("Matriks crosscutting", headers, rows)],
        title=f"Matriks crosscutting {opd.name} {year}",
    )
