"""Demo planning data for Dinsospermasdes (fictional content, plausible for a Dinas Sosial dan PMD).

- RPJMD Kabupaten Banyumas 2018–2023 and a fictional RPJMD 2025–2029 (the current year 2026 is
  inside it; 2024 was a transition year under an RPD and has no Renstra in the demo).
- Renstra 2018–2023 (the seed's years): IKU, cascade only to the Administrators (no Pengawas
  results, no IKI: exactly the seed's finding (b)), one IKU worded as an activity, one IKU changed
  in 2021 without a reason, PK 2022 for the Plt. Kepala (pihak kedua the Bupati) and every Kabid.
- Renstra 2025–2029: cascade complete down to every employee's IKI for Bidang Rehabilitasi Sosial
  and Bidang Pemberdayaan Sosial, deliberately incomplete for the others; crosscutting with the
  Bappedalitbang; PK of the current year for the Kepala, the Sekretaris, every Kabid and the Kasi
  of the two complete bidang.
Idempotent: natural keys with update_or_create.
"""

from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from sakip.core.actors import system_user
from sakip.organization.models import Position, Unit, User

from . import renja_services, selectors, services
from .models import (
    BudgetItem,
    Crosscutting,
    IkuChange,
    Indicator,
    Kinerja,
    Nomenclature,
    Pagu,
    PemdaIku,
    PemdaTarget,
    PerjanjianKinerja,
    Renja,
    Renstra,
    Rpjmd,
    RpjmdGoal,
    Target,
)
from .reference import load_nomenclature, load_scales

CURRENT_YEAR = date.today().year
OLD = (2018, 2023)
NEW = (2025, 2029)

D = Decimal


def _series(start, step, years, places=2):
    return {y: D(str(round(start + step * i, places))) for i, y in enumerate(years)}


def _rpjmd(pemda, start, end, name):
    r, _ = Rpjmd.objects.update_or_create(pemda=pemda, start_year=start, defaults={"end_year": end, "name": name})
    t1, _ = RpjmdGoal.objects.update_or_create(
        rpjmd=r,
        code="T2",
        defaults={"kind": "tujuan", "statement": "Meningkatkan kesejahteraan sosial dan kemandirian masyarakat"},
    )
    s1, _ = RpjmdGoal.objects.update_or_create(
        rpjmd=r,
        code="S2.1",
        defaults={
            "kind": "sasaran",
            "parent": t1,
            "statement": "Menurunnya angka kemiskinan dan meningkatnya perlindungan sosial",
        },
    )
    s2, _ = RpjmdGoal.objects.update_or_create(
        rpjmd=r, code="S2.2", defaults={"kind": "sasaran", "parent": t1, "statement": "Meningkatnya kemandirian desa"}
    )
    iku1, _ = PemdaIku.objects.update_or_create(
        goal=s1,
        code="IKU-P2.1",
        defaults={"name": "Persentase penduduk miskin", "satuan": "%", "polarity": "min", "order": 1},
    )
    iku2, _ = PemdaIku.objects.update_or_create(
        goal=s2,
        code="IKU-P2.2",
        defaults={"name": "Indeks Desa Membangun (IDM)", "satuan": "indeks", "polarity": "max", "order": 2},
    )
    # The PK Bupati: targets of the IKU Pemda per year, and the official figures published (BPS, Kemendes).
    years = range(start, end + 1)
    poverty = _series(16.0 if start < 2020 else 11.5, -0.7, years)
    idm = _series(0.62 if start < 2020 else 0.76, 0.025, years, places=3)
    official = {2021: (D("13.66"), D("0.6890")), 2022: (D("12.84"), D("0.7020"))}
    for y in years:
        real = official.get(y, (None, None))
        PemdaTarget.objects.update_or_create(iku=iku1, year=y, defaults={"value": poverty[y], "realisasi": real[0]})
        PemdaTarget.objects.update_or_create(iku=iku2, year=y, defaults={"value": idm[y], "realisasi": real[1]})
    return {"rpjmd": r, "tujuan": t1, "s_kemiskinan": s1, "s_desa": s2, "iku_miskin": iku1, "iku_desa": iku2}


def _formula(name, satuan):
    if satuan == "%":
        subject = name.removeprefix("Persentase ")
        return f"(jumlah {subject} ÷ jumlah seluruh sasaran) × 100%"
    if name.lower().startswith("jumlah"):
        return f"Σ {name[7:]} yang tercatat selama tahun berjalan (tanpa dobel hitung)"
    return f"Nilai {name[0].lower()}{name[1:]} pada akhir tahun berjalan"


class Builder:
    def __init__(self, renstra, positions):
        self.renstra = renstra
        self.pos = positions

    def node(self, level, pos_key, statement, *, parent=None, code="", year=None, supports=None, goal=None, order=0):
        position = self.pos[pos_key]
        node, _ = Kinerja.objects.update_or_create(
            renstra=self.renstra,
            position=position,
            statement=statement,
            year=year,
            defaults={
                "level": level,
                "parent": parent,
                "code": code,
                "parent_indicator": supports,
                "rpjmd_goal": goal,
                "order": order,
            },
        )
        return node

    def indicator(
        self,
        node,
        name,
        *,
        code="",
        satuan="%",
        polarity="max",
        aggregation="last",
        baseline=None,
        targets=None,
        quarters=None,
        definition="auto",
        formula="auto",
        source="auto",
        iku=False,
        iku_pemda=None,
        scale=None,
        texts=None,
        cumulative=False,
        precision=None,
    ):
        if precision is None:
            precision = 2 if satuan in ("%", "indeks", "nilai", "") else 0
        defaults = {
            "code": code,
            "satuan": satuan,
            "polarity": polarity,
            "aggregation": aggregation,
            "cumulative_targets": cumulative,
            "baseline": baseline,
            "baseline_year": self.renstra.start_year - 1 if baseline is not None else None,
            "precision": precision,
            "is_iku": iku,
            "iku_pemda": iku_pemda,
            "predicate_scale": scale,
            "definition": f"{name} pada akhir tahun berjalan, dihitung oleh {node.position.display_short}."
            if definition == "auto"
            else definition,
            "formula": _formula(name, satuan) if formula == "auto" else formula,
            "data_source": ("Aplikasi SIKS-NG, laporan bulanan bidang" if source == "auto" else source),
            "pj_unit": node.position.unit,
            "pj_position": node.position,
        }
        ind, _ = Indicator.objects.update_or_create(node=node, name=name, defaults=defaults)
        for year, value in (targets or {}).items():
            q = (quarters or {}).get(year, (None, None, None, None))
            Target.objects.update_or_create(
                indicator=ind,
                year=year,
                defaults={"value": value, "value_text": "", "q1": q[0], "q2": q[1], "q3": q[2], "q4": q[3]},
            )
        for year, text in (texts or {}).items():
            Target.objects.update_or_create(indicator=ind, year=year, defaults={"value": None, "value_text": text})
        return ind


QUARTER_SHARES = (D("0.25"), D("0.5"), D("0.75"))


def _quarters_pct(annual, cumul=QUARTER_SHARES):
    """Progressive quarterly targets for a percentage/last indicator: a share of the annual value, TW IV = annual."""
    return tuple((annual * c).quantize(D("0.01")) for c in cumul) + (annual,)


def _quarters_stock(previous, annual):
    """Quarterly targets of a stock measured every quarter (a share of desa by status): from the previous year's
    target to this year's in four steps, TW IV = annual (docs/capaian.md: the quarter's own target, not the annual)."""
    step = (annual - previous) / 4
    return tuple((previous + step * i).quantize(D("0.01")) for i in (1, 2, 3)) + (annual,)


def _quarters_sum(annual):
    """Non-cumulative quarterly targets summing to the annual value."""
    q = (annual / 4).quantize(D("1"))
    return (q, q, q, annual - 3 * q)


def _budget(renstra, code, unit, kinerja, base, years):
    nomen = Nomenclature.objects.get(code=code)
    parent = None
    if nomen.level != "program" and nomen.parent_id:
        parent = BudgetItem.objects.filter(renstra=renstra, nomenclature_id=nomen.parent_id).first()
    item, _ = BudgetItem.objects.update_or_create(
        renstra=renstra, nomenclature=nomen, defaults={"unit": unit, "kinerja": kinerja, "parent": parent}
    )
    for i, year in enumerate(years):
        amount = D(base) * (D("1.05") ** i).quantize(D("0.0001"))
        defaults = {"amount": amount}
        if nomen.level == "program":
            # Anggaran kas (rencana penarikan dana) of the DPA: the planned disbursement per quarter.
            kas = [(amount * share).quantize(D(1000)) for share in KAS_SHARES[:3]]
            defaults.update(kas_tw1=kas[0], kas_tw2=kas[1], kas_tw3=kas[2], kas_tw4=amount - sum(kas))
        Pagu.objects.update_or_create(item=item, year=year, defaults=defaults)
    return item


# The demo's planned disbursement per quarter (a typical DPA: slow start, most in the second half).
KAS_SHARES = (D("0.15"), D("0.25"), D("0.30"), D("0.30"))


def _pk(position, year, *, sign=True, sign_date=None):
    pk = PerjanjianKinerja.objects.filter(position=position, year=year, version=1).first()
    if pk is None:
        on = sign_date or services.pk_reference_date(year)
        pk = PerjanjianKinerja(
            position=position, year=year, version=1, opd_id=position.opd_id, sign_date=on, place=position.pemda.capital
        )
        services._apply_parties(pk, position, on)
        pk.save()
        services._fill_pk(pk, position, year)
    if sign and pk.status == PerjanjianKinerja.Status.DRAFT:
        # Signed through the documents pipeline like any PK: numbered, signed by the pihak pertama, archived.
        services.issue_pk(user=system_user(), pk=pk, check_permission=False)
        pk.sign()
        pk.save()
    elif pk.status == PerjanjianKinerja.Status.DITANDATANGANI and selectors.archived_pk(pk) is None:
        services.issue_pk(user=system_user(), pk=pk, check_permission=False)
    return pk


def load(ctx):
    pemda, dinas = ctx["pemda"], ctx["dinas"]
    load_nomenclature()
    scales = load_scales(pemda)
    qual = scales["Predikat SAKIP (PermenPAN-RB 88/2021)"]
    old_rp = _rpjmd(pemda, *OLD, "RPJMD Kabupaten Banyumas")
    new_rp = _rpjmd(pemda, *NEW, "RPJMD Kabupaten Banyumas")

    P = {p.name: p for p in Position.objects.filter(opd=dinas)}
    U = {u.name: u for u in Unit.objects.filter(opd=dinas)}
    pos = {
        "kepala": P["Kepala Dinas Sosial dan Pemberdayaan Masyarakat dan Desa"],
        "sekretaris": P["Sekretaris Dinas Sosial dan Pemberdayaan Masyarakat dan Desa"],
        "kasubbag_ren": P["Kepala Subbagian Perencanaan dan Keuangan"],
        "kasubbag_umum": P["Kepala Subbagian Umum dan Kepegawaian"],
        "staf_ren": P["Pengelola Data Perencanaan dan Keuangan"],
        "rehsos": P["Kepala Bidang Rehabilitasi Sosial"],
        "kasi_anak": P["Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia"],
        "kasi_dis": P["Kepala Seksi Rehabilitasi Sosial Penyandang Disabilitas"],
        "staf_anak": P["Pengelola Data Rehabilitasi Sosial Anak dan Lanjut Usia"],
        "staf_dis": P["Pengelola Data Rehabilitasi Sosial Penyandang Disabilitas"],
        "peksos": P["Pekerja Sosial Ahli Muda"],
        "penyuluh": P["Penyuluh Sosial Ahli Pertama"],
        "dayasos": P["Kepala Bidang Pemberdayaan Sosial"],
        "kasi_psks": P["Kepala Seksi Pemberdayaan Sosial Perorangan, Keluarga dan Kelembagaan Masyarakat"],
        "kasi_fm": P["Kepala Seksi Penanganan Fakir Miskin"],
        "staf_psks": P["Pengelola Data Pemberdayaan Sosial Perorangan, Keluarga dan Kelembagaan Masyarakat"],
        "staf_fm": P["Pengelola Data Penanganan Fakir Miskin"],
        "linjamsos": P["Kepala Bidang Perlindungan dan Jaminan Sosial"],
        "kasi_bencana": P["Kepala Seksi Perlindungan Sosial Korban Bencana"],
        "pmd": P["Kepala Bidang Pemberdayaan Masyarakat Desa"],
        "pemdes": P["Kepala Bidang Pemerintahan Desa"],
        "kasi_adm_desa": P["Kepala Seksi Administrasi Pemerintahan Desa"],
    }

    # ---------------------------------------------------------------- Renstra 2018–2023 (the seed's years)
    old, _ = Renstra.objects.update_or_create(
        opd=dinas,
        start_year=OLD[0],
        defaults={
            "end_year": OLD[1],
            "rpjmd": old_rp["rpjmd"],
            "name": "Rencana Strategis Dinsospermasdes",
            "adopted_on": date(2019, 3, 1),
            "decree": "Peraturan Bupati Banyumas (fiktif) Nomor 12 Tahun 2019",
        },
    )
    Renstra.objects.filter(pk=old.pk).update(status=Renstra.Status.DITETAPKAN)
    yrs = list(range(OLD[0], OLD[1] + 1))
    b = Builder(old, pos)
    t = b.node(
        0,
        "kepala",
        "Meningkatnya kesejahteraan sosial Pemerlu Pelayanan Kesejahteraan Sosial (PPKS) dan kemandirian desa",
        code="T1",
        goal=old_rp["tujuan"],
    )
    s1 = b.node(1, "kepala", "Meningkatnya penanganan PPKS", parent=t, code="S1", goal=old_rp["s_kemiskinan"], order=1)
    s2 = b.node(1, "kepala", "Meningkatnya kemandirian desa", parent=t, code="S2", goal=old_rp["s_desa"], order=2)
    iku_old1 = b.indicator(
        s1,
        "Persentase PPKS yang tertangani",
        code="IKU 1",
        baseline=D("55"),
        targets=_series(58, 3, yrs),
        # Measured every quarter: its rencana aksi sets the quarters (docs/capaian.md), not the annual target.
        quarters={2022: _quarters_pct(_series(58, 3, yrs)[2022])},
        iku=True,
        iku_pemda=old_rp["iku_miskin"],
    )
    # Finding (b): an IKU worded as an activity, without data source or formula.
    iku_old2 = b.indicator(
        s1,
        "Jumlah kegiatan sosialisasi penanganan PMKS",
        code="IKU 2",
        satuan="kegiatan",
        aggregation="sum",
        baseline=None,
        targets=_series(12, 0, yrs),
        quarters={2022: _quarters_sum(_series(12, 0, yrs)[2022])},
        iku=True,
        source="",
        formula="",
        definition="",
    )
    iku_old3 = b.indicator(
        s2,
        "Persentase desa berstatus mandiri",
        code="IKU 3",
        baseline=D("4.2"),
        targets=_series(5, 1.5, yrs),
        # Measured every quarter (the status of each desa as recorded that quarter): quarterly targets.
        quarters={2022: _quarters_stock(_series(5, 1.5, yrs)[2021], _series(5, 1.5, yrs)[2022])},
        iku=True,
        iku_pemda=old_rp["iku_desa"],
    )
    IkuChange.objects.update_or_create(
        renstra=old,
        indicator=iku_old2,
        field="satuan",
        changed_on=date(2021, 4, 12),
        defaults={"indicator_label": iku_old2.name, "old_value": "dokumen", "new_value": "kegiatan", "reason": ""},
    )
    old_programs = [
        (
            "sekretaris",
            "Meningkatnya kualitas pelayanan administrasi perkantoran",
            iku_old1,
            "Persentase layanan administrasi yang tepat waktu",
            s1,
        ),
        (
            "rehsos",
            "Meningkatnya PPKS yang mendapat rehabilitasi sosial",
            iku_old1,
            "Persentase PPKS yang mendapat rehabilitasi sosial dasar",
            s1,
        ),
        (
            "dayasos",
            "Meningkatnya keberdayaan sosial keluarga miskin",
            iku_old1,
            "Persentase keluarga miskin yang mendapat pemberdayaan sosial",
            s1,
        ),
        (
            "linjamsos",
            "Meningkatnya perlindungan sosial korban bencana",
            iku_old1,
            "Persentase korban bencana yang mendapat perlindungan sosial",
            s1,
        ),
        (
            "pmd",
            "Meningkatnya partisipasi lembaga kemasyarakatan desa",
            iku_old3,
            "Persentase lembaga kemasyarakatan desa yang aktif",
            s2,
        ),
        (
            "pemdes",
            "Meningkatnya tertib administrasi pemerintahan desa",
            iku_old3,
            "Persentase desa dengan administrasi pemerintahan tertib",
            s2,
        ),
    ]
    old_nodes = {}
    for order, (key, statement, supports, ind_name, parent) in enumerate(old_programs, start=1):
        n = b.node(2, key, statement, parent=parent, supports=supports, code=f"P{order}", order=order)
        b.indicator(n, ind_name, baseline=D("60"), targets=_series(62, 4, yrs), quarters={2022: _quarters_pct(D("78"))})
        old_nodes[key] = n
    # The 2018–2023 budget serves these programme results (and, through them, the sasaran S1/S2): the 2022
    # DPK's "efisiensi per sasaran" rolls each programme's pagu and realisasi up to its sasaran.
    old_budget_nodes = {
        "sek": old_nodes["sekretaris"],
        "rehsos": old_nodes["rehsos"],
        "dayasos": old_nodes["dayasos"],
        "linjam": old_nodes["linjamsos"],
        "pmd": old_nodes["pmd"],
        "pemdes": old_nodes["pemdes"],
        "kasubbag": old_nodes["sekretaris"],
        "kasi_fm": old_nodes["dayasos"],
        "kasi_desa": old_nodes["pemdes"],
    }

    # ---------------------------------------------------------------- Renstra 2025–2029 (covers the current year)
    new, _ = Renstra.objects.update_or_create(
        opd=dinas,
        start_year=NEW[0],
        defaults={
            "end_year": NEW[1],
            "rpjmd": new_rp["rpjmd"],
            "name": "Rencana Strategis Dinsospermasdes",
            "adopted_on": date(2025, 6, 20),
            "decree": "Peraturan Bupati Banyumas (fiktif) Nomor 41 Tahun 2025",
        },
    )
    Renstra.objects.filter(pk=new.pk).update(status=Renstra.Status.DITETAPKAN)
    yrs = list(range(NEW[0], NEW[1] + 1))
    cy = CURRENT_YEAR if NEW[0] <= CURRENT_YEAR <= NEW[1] else NEW[0] + 1
    b = Builder(new, pos)
    t1 = b.node(
        0,
        "kepala",
        "Meningkatkan kualitas hidup dan keberfungsian sosial PPKS serta kemandirian desa",
        code="T1",
        goal=new_rp["tujuan"],
    )
    b.indicator(
        t1,
        "Indeks kesejahteraan sosial PPKS",
        code="IT 1",
        satuan="indeks",
        baseline=D("61.50"),
        targets=_series(63, 1.5, yrs),
    )
    s1 = b.node(
        1,
        "kepala",
        "Meningkatnya keberfungsian sosial PPKS",
        parent=t1,
        code="S1",
        goal=new_rp["s_kemiskinan"],
        order=1,
    )
    s2 = b.node(
        1,
        "kepala",
        "Meningkatnya kemandirian ekonomi keluarga miskin",
        parent=t1,
        code="S2",
        goal=new_rp["s_kemiskinan"],
        order=2,
    )
    s3 = b.node(1, "kepala", "Meningkatnya kemandirian desa", parent=t1, code="S3", goal=new_rp["s_desa"], order=3)
    s4 = b.node(1, "kepala", "Meningkatnya akuntabilitas kinerja Dinas", parent=t1, code="S4", order=4)
    iku1 = b.indicator(
        s1,
        "Persentase PPKS yang kembali berfungsi sosial setelah rehabilitasi",
        code="IKU 1",
        baseline=D("62"),
        targets=_series(65, 3, yrs),
        quarters={cy: _quarters_pct(_series(65, 3, yrs)[cy])},
        iku=True,
        iku_pemda=new_rp["iku_miskin"],
        source="SIKS-NG; register rehabilitasi sosial bidang",
    )
    iku2 = b.indicator(
        s2,
        "Persentase keluarga penerima manfaat yang graduasi dari kemiskinan",
        code="IKU 2",
        baseline=D("3.1"),
        targets=_series(3.5, 0.5, yrs),
        quarters={cy: _quarters_pct(_series(3.5, 0.5, yrs)[cy])},
        iku=True,
        iku_pemda=new_rp["iku_miskin"],
        source="DTKS (Kemensos); data graduasi PKH",
    )
    iku3 = b.indicator(
        s3,
        "Persentase desa berstatus mandiri dan maju",
        code="IKU 3",
        baseline=D("18.4"),
        targets=_series(20, 3, yrs),
        quarters={
            cy: _quarters_stock(_series(20, 3, yrs).get(cy - 1, D("18.4")), _series(20, 3, yrs)[cy]),
        },
        iku=True,
        iku_pemda=new_rp["iku_desa"],
        source="Status IDM Kemendesa PDTT",
    )
    iku4 = b.indicator(
        s4,
        "Predikat SAKIP Dinsospermasdes",
        code="IKU 4",
        satuan="predikat",
        baseline=None,
        scale=qual,
        texts={2025: "B", 2026: "BB", 2027: "BB", 2028: "A", 2029: "A"},
        iku=True,
        source="LHE SAKIP Inspektorat",
        formula="Predikat hasil evaluasi AKIP oleh Inspektorat",
    )

    # Administrators (sasaran program)
    rehsos = b.node(
        2,
        "rehsos",
        "Meningkatnya PPKS yang memperoleh rehabilitasi sosial dasar di luar panti",
        parent=s1,
        supports=iku1,
        code="P1",
        order=1,
    )
    dayasos = b.node(
        2,
        "dayasos",
        "Meningkatnya keberdayaan sosial keluarga miskin dan potensi sumber kesejahteraan sosial",
        parent=s2,
        supports=iku2,
        code="P2",
        order=2,
    )
    sek = b.node(
        2,
        "sekretaris",
        "Meningkatnya kualitas perencanaan dan pelaporan kinerja Dinas",
        parent=s4,
        supports=iku4,
        code="P0",
        order=0,
    )
    linjam = b.node(
        2, "linjamsos", "Meningkatnya perlindungan sosial korban bencana", parent=s1, supports=iku1, code="P3", order=3
    )
    pmd = b.node(
        2,
        "pmd",
        "Meningkatnya peran lembaga kemasyarakatan desa dalam pembangunan",
        parent=s3,
        supports=iku3,
        code="P4",
        order=4,
    )
    pemdes = b.node(
        2, "pemdes", "Meningkatnya tata kelola pemerintahan desa", parent=s3, supports=iku3, code="P5", order=5
    )
    i_rehsos = b.indicator(
        rehsos,
        "Persentase PPKS terlantar yang memperoleh rehabilitasi sosial dasar di luar panti",
        baseline=D("70"),
        targets=_series(74, 4, yrs),
        quarters={cy: _quarters_pct(_series(74, 4, yrs)[cy])},
        source="Register rehabilitasi sosial; SIKS-NG",
    )
    i_dayasos = b.indicator(
        dayasos,
        "Persentase keluarga miskin dampingan yang meningkat kemandirian ekonominya",
        baseline=D("12"),
        targets=_series(14, 2, yrs),
        quarters={cy: _quarters_pct(_series(14, 2, yrs)[cy])},
        source="Laporan pendamping sosial; DTKS",
    )
    i_sek = b.indicator(
        sek,
        "Nilai komponen perencanaan kinerja pada evaluasi AKIP",
        satuan="nilai",
        baseline=D("18.5"),
        targets=_series(21, 1.5, yrs),
        source="LHE SAKIP Inspektorat",
    )
    # Deliberately incomplete bidang: thinner indicators (SMART gaps) and no lower cascade.
    b.indicator(
        linjam,
        "Persentase korban bencana yang mendapat perlindungan sosial",
        satuan="",
        baseline=None,
        targets={y: D("100") for y in yrs[:2]},
        source="",
        definition="",
    )
    b.indicator(
        pmd,
        "Jumlah rapat koordinasi lembaga kemasyarakatan desa",
        satuan="kali",
        aggregation="sum",
        baseline=None,
        targets=_series(8, 0, yrs),
        source="",
        formula="",
    )
    i_pemdes = b.indicator(
        pemdes,
        "Persentase desa dengan administrasi pemerintahan desa tertib",
        baseline=D("55"),
        targets=_series(60, 5, yrs),
        source="Hasil pembinaan administrasi desa",
    )

    # Pengawas (sasaran kegiatan) — complete for Rehsos, Dayasos; partial in the Sekretariat and Pemdes
    kasi_anak = b.node(
        3,
        "kasi_anak",
        "Meningkatnya anak terlantar dan lanjut usia terlantar yang terlayani rehabilitasi sosial dasar",
        parent=rehsos,
        supports=i_rehsos,
        code="K1.1",
        order=1,
    )
    kasi_dis = b.node(
        3,
        "kasi_dis",
        "Meningkatnya penyandang disabilitas terlantar yang terlayani rehabilitasi sosial dasar",
        parent=rehsos,
        supports=i_rehsos,
        code="K1.2",
        order=2,
    )
    kasi_psks = b.node(
        3,
        "kasi_psks",
        "Meningkatnya potensi dan sumber kesejahteraan sosial yang aktif",
        parent=dayasos,
        supports=i_dayasos,
        code="K2.1",
        order=1,
    )
    kasi_fm = b.node(
        3,
        "kasi_fm",
        "Meningkatnya ketepatan data fakir miskin",
        parent=dayasos,
        supports=i_dayasos,
        code="K2.2",
        order=2,
    )
    kasubbag = b.node(
        3,
        "kasubbag_ren",
        "Tersedianya dokumen perencanaan dan laporan kinerja yang tepat waktu dan berkualitas",
        parent=sek,
        supports=i_sek,
        code="K0.1",
        order=1,
    )
    kasi_desa = b.node(
        3,
        "kasi_adm_desa",
        "Meningkatnya desa yang tertib administrasi",
        parent=pemdes,
        supports=i_pemdes,
        code="K5.1",
        order=1,
    )
    i_anak = b.indicator(
        kasi_anak,
        "Jumlah anak dan lanjut usia terlantar yang memperoleh rehabilitasi sosial dasar",
        satuan="orang",
        aggregation="sum",
        baseline=D("410"),
        targets=_series(440, 20, yrs, 0),
        quarters={cy: _quarters_sum(_series(440, 20, yrs, 0)[cy])},
        source="Register layanan seksi; SIKS-NG",
    )
    i_dis = b.indicator(
        kasi_dis,
        "Jumlah penyandang disabilitas terlantar yang memperoleh rehabilitasi sosial dasar",
        satuan="orang",
        aggregation="sum",
        baseline=D("180"),
        targets=_series(196, 12, yrs, 0),
        quarters={cy: _quarters_sum(_series(196, 12, yrs, 0)[cy])},
        source="Register layanan seksi; SIKS-NG",
    )
    i_psks = b.indicator(
        kasi_psks,
        "Jumlah PSKS (LKS, TKSK, Karang Taruna) yang aktif",
        satuan="lembaga",
        baseline=D("96"),
        targets=_series(100, 5, yrs, 0),
        quarters={cy: (D(100), D(102), D(104), _series(100, 5, yrs, 0)[cy])},
        source="Database PSKS bidang",
    )
    i_fm = b.indicator(
        kasi_fm,
        "Persentase data fakir miskin yang diverifikasi dan divalidasi",
        baseline=D("78"),
        targets=_series(82, 3, yrs),
        quarters={cy: _quarters_pct(_series(82, 3, yrs)[cy])},
        source="DTKS hasil verivali desa",
    )
    b.indicator(
        kasubbag,
        "Persentase dokumen perencanaan dan pelaporan kinerja yang disampaikan tepat waktu",
        baseline=D("80"),
        targets=_series(85, 5, yrs[:4]) | {2029: D("100")},
        source="Agenda penyampaian dokumen",
    )
    b.indicator(
        kasi_desa,
        "Persentase desa yang menyusun profil desa tepat waktu",
        baseline=D("60"),
        targets=_series(65, 5, yrs),
        source="Laporan kecamatan",
    )

    # Pelaksana and fungsional: IKI of the current year (the SKP's hasil kerja)
    iki = [
        (
            "staf_anak",
            kasi_anak,
            i_anak,
            "Tersedianya data layanan rehabilitasi sosial anak dan lansia yang mutakhir",
            "Persentase data layanan rehabilitasi anak dan lansia yang dimutakhirkan setiap bulan",
            "%",
            D("100"),
        ),
        (
            "staf_dis",
            kasi_dis,
            i_dis,
            "Tersedianya data layanan rehabilitasi penyandang disabilitas yang mutakhir",
            "Persentase data layanan rehabilitasi penyandang disabilitas yang dimutakhirkan setiap bulan",
            "%",
            D("100"),
        ),
        (
            "peksos",
            rehsos,
            i_rehsos,
            "Terlaksananya asesmen dan rencana intervensi PPKS",
            "Jumlah PPKS yang diasesmen dan memiliki rencana intervensi",
            "orang",
            D("120"),
        ),
        (
            "penyuluh",
            rehsos,
            i_rehsos,
            "Meningkatnya pemahaman keluarga PPKS tentang layanan rehabilitasi sosial",
            "Jumlah keluarga PPKS yang mendapat penyuluhan sosial",
            "keluarga",
            D("150"),
        ),
        (
            "staf_psks",
            kasi_psks,
            i_psks,
            "Tersedianya data PSKS aktif yang mutakhir",
            "Persentase data PSKS yang diverifikasi per triwulan",
            "%",
            D("100"),
        ),
        (
            "staf_fm",
            kasi_fm,
            i_fm,
            "Terverifikasinya usulan perubahan data fakir miskin dari desa",
            "Persentase usulan perubahan DTKS dari desa yang diverifikasi",
            "%",
            D("95"),
        ),
    ]
    for key, parent, supports, statement, ind_name, satuan, value in iki:
        n = b.node(4, key, statement, parent=parent, supports=supports, year=cy)
        agg = "sum" if satuan not in ("%",) else "last"
        q = _quarters_sum(value) if agg == "sum" else _quarters_pct(value, (D("1"), D("1"), D("1")))
        b.indicator(
            n,
            ind_name,
            satuan=satuan,
            aggregation=agg,
            baseline=value * D("0.8"),
            targets={cy: value},
            quarters={cy: q},
            source="Catatan kerja harian; register seksi",
        )

    # Program / kegiatan / sub kegiatan with pagu (Permendagri 90/2019 codes)
    sekr, rehs, days, linj, pmdu, pemd = (
        U[n]
        for n in (
            "Sekretariat",
            "Bidang Rehabilitasi Sosial",
            "Bidang Pemberdayaan Sosial",
            "Bidang Perlindungan dan Jaminan Sosial",
            "Bidang Pemberdayaan Masyarakat Desa",
            "Bidang Pemerintahan Desa",
        )
    )
    for renstra, years, nodes in (
        (old, list(range(OLD[0], OLD[1] + 1)), old_budget_nodes),
        (
            new,
            yrs,
            {
                "sek": sek,
                "rehsos": rehsos,
                "dayasos": dayasos,
                "linjam": linjam,
                "pmd": pmd,
                "pemdes": pemdes,
                "kasubbag": kasubbag,
                "kasi_fm": kasi_fm,
                "kasi_desa": kasi_desa,
            },
        ),
    ):
        g = nodes.get
        _budget(renstra, "1.06.01", sekr, g("sek"), "2150000000", years)
        _budget(renstra, "1.06.01.2.01", sekr, g("sek"), "185000000", years)
        _budget(renstra, "1.06.01.2.01.0001", U["Subbagian Perencanaan dan Keuangan"], g("kasubbag"), "62000000", years)
        _budget(renstra, "1.06.01.2.01.0006", U["Subbagian Perencanaan dan Keuangan"], g("kasubbag"), "48000000", years)
        _budget(renstra, "1.06.01.2.01.0007", U["Subbagian Perencanaan dan Keuangan"], g("kasubbag"), "35000000", years)
        _budget(renstra, "1.06.04", rehs, g("rehsos"), "1240000000", years)
        _budget(renstra, "1.06.04.2.01", rehs, g("rehsos"), "860000000", years)
        _budget(renstra, "1.06.04.2.02", rehs, g("rehsos"), "380000000", years)
        _budget(renstra, "1.06.02", days, g("dayasos"), "640000000", years)
        _budget(renstra, "1.06.02.2.03", days, g("dayasos"), "410000000", years)
        _budget(renstra, "1.06.05", days, g("dayasos"), "520000000", years)
        _budget(renstra, "1.06.05.2.02", days, g("kasi_fm"), "230000000", years)
        _budget(renstra, "1.06.05.2.02.0001", U["Seksi Penanganan Fakir Miskin"], g("kasi_fm"), "140000000", years)
        _budget(renstra, "1.06.05.2.02.0002", U["Seksi Penanganan Fakir Miskin"], g("kasi_fm"), "90000000", years)
        _budget(renstra, "1.06.06", linj, g("linjam"), "450000000", years)
        _budget(renstra, "1.06.06.2.01", linj, g("linjam"), "450000000", years)
        _budget(renstra, "2.13.04", pemd, g("pemdes"), "380000000", years)
        _budget(renstra, "2.13.04.2.01", pemd, g("pemdes"), "380000000", years)
        _budget(
            renstra, "2.13.04.2.01.0011", U["Seksi Administrasi Pemerintahan Desa"], g("kasi_desa"), "150000000", years
        )
        _budget(
            renstra, "2.13.04.2.01.0018", U["Seksi Administrasi Pemerintahan Desa"], g("kasi_desa"), "230000000", years
        )
        _budget(renstra, "2.13.05", pmdu, g("pmd"), "310000000", years)
        _budget(renstra, "2.13.05.2.01", pmdu, g("pmd"), "310000000", years)
        _budget(
            renstra,
            "2.13.05.2.01.0002",
            U["Seksi Kelembagaan dan Partisipasi Masyarakat Desa"],
            None,
            "310000000",
            years,
        )

    # Crosscutting: the poverty IKU is shared with the Bappedalitbang and the PMD bidang
    bappeda = ctx.get("bappeda")
    if bappeda is not None:
        data_unit = Unit.objects.filter(opd=bappeda, name="Subbidang Data").first()
        pu_unit = Unit.objects.filter(opd=bappeda, name="Bidang Perencanaan Umum").first()
        if data_unit:
            Crosscutting.objects.update_or_create(
                indicator=iku2,
                unit=data_unit,
                defaults={
                    "role": Crosscutting.Role.PENDUKUNG,
                    "description": "Menyediakan data kemiskinan makro dan DTKS terpadu",
                },
            )
        if pu_unit:
            Crosscutting.objects.update_or_create(
                indicator=iku2,
                unit=pu_unit,
                defaults={
                    "role": Crosscutting.Role.PENGAMPU,
                    "description": "Mengoordinasikan program penanggulangan kemiskinan daerah (TKPK)",
                },
            )
    Crosscutting.objects.update_or_create(
        indicator=iku2,
        unit=pmdu,
        defaults={
            "role": Crosscutting.Role.KONTRIBUTOR,
            "description": "Pemberdayaan ekonomi masyarakat desa melalui BUMDes",
        },
    )
    Crosscutting.objects.update_or_create(
        indicator=iku1,
        unit=linj,
        defaults={
            "role": Crosscutting.Role.KONTRIBUTOR,
            "description": "Perlindungan sosial korban bencana yang menjadi PPKS",
        },
    )

    # Perjanjian Kinerja: 2022 (Plt. Kepala, Bupati as pihak kedua) and the current year
    for key in ("kepala", "sekretaris", "rehsos", "dayasos", "linjamsos", "pmd", "pemdes"):
        _pk(pos[key], 2022)
    if new.covers(CURRENT_YEAR):
        for key in (
            "kepala",
            "sekretaris",
            "rehsos",
            "dayasos",
            "linjamsos",
            "pmd",
            "pemdes",
            "kasi_anak",
            "kasi_dis",
            "kasi_psks",
            "kasi_fm",
        ):
            _pk(pos[key], CURRENT_YEAR, sign=key != "kasi_fm")
    _renja_2025(dinas)
    return {"renstra_old": old, "renstra": new, "iku": [iku1, iku2, iku3, iku4]}


def _aware(day):
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def _renja_2025(dinas):
    """Renja 2025 (docs/rules.md §11): adopted by the Kepala on 6 January 2025, then a Renja Perubahan drafted after
    the Perubahan APBD 2025 (kept in draft). Idempotent."""
    if Renja.objects.filter(opd=dinas, year=2025).exists():
        return
    users = {u.username: u for u in User.objects.filter(username__in=["timsakip", "kepala"])}
    first = renja_services.draft_renja(user=users["timsakip"], opd=dinas, year=2025, now=_aware(date(2025, 1, 2)))
    renja_services.adopt(user=users["kepala"], renja=first, on=date(2025, 1, 6))
    # The Perubahan APBD moves Rp 25.000.000 to the first sub kegiatan of the year.
    pagu = (
        Pagu.objects.filter(item__opd=dinas, year=2025, item__level="sub_kegiatan")
        .order_by("item__nomenclature__code")
        .first()
    )
    if pagu is not None:
        pagu.amount += Decimal("25000000")
        if pagu.has_kas:
            pagu.kas_tw4 += Decimal("25000000")
        pagu._history_user = users["timsakip"]
        pagu.save()
    renja_services.draft_renja(
        user=users["timsakip"],
        opd=dinas,
        year=2025,
        reason="Perubahan APBD 2025: pergeseran anggaran sub kegiatan pendampingan desa",
        now=_aware(date(2025, 9, 15)),
    )
