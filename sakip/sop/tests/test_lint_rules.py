"""Each lint rule on plain facts (no database): the seed's defects and their corrected forms."""

from datetime import date
from decimal import Decimal

import pytest

from sakip.sop import lint as L
from sakip.sop import roles as R

DINAS = R.OpdFacts(
    "Dinas Sosial dan Pemberdayaan Masyarakat dan Desa",
    "Dinsospermasdes",
    "dinas",
    units=[
        R.UnitFact("Sekretariat", "sekretariat"),
        R.UnitFact("Subbagian Perencanaan dan Keuangan", "subbagian"),
        R.UnitFact("Bidang Rehabilitasi Sosial", "bidang", "Rehsos"),
        R.UnitFact("Seksi Penanganan Fakir Miskin", "seksi"),
    ],
    positions=[
        R.PositionFact(
            "Kepala Dinas Sosial dan Pemberdayaan Masyarakat dan Desa",
            "Kepala Dinsospermasdes",
            is_head=True,
            kind="jpt_pratama",
        ),
        R.PositionFact(
            "Sekretaris Dinas", "Sekretaris Dinsospermasdes", "Sekretariat", "sekretariat", kind="administrator"
        ),
        R.PositionFact(
            "Kepala Subbagian Perencanaan dan Keuangan",
            "Kasubbag Perencanaan dan Keuangan",
            "Subbagian Perencanaan dan Keuangan",
            "subbagian",
            kind="pengawas",
        ),
        R.PositionFact(
            "Kepala Bidang Rehabilitasi Sosial",
            "Kepala Bidang Rehabilitasi Sosial",
            "Bidang Rehabilitasi Sosial",
            "bidang",
            kind="administrator",
        ),
    ],
)
BADAN = R.OpdFacts(
    "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan",
    "Bappedalitbang",
    "badan",
    units=[
        R.UnitFact("Sekretariat", "sekretariat"),
        R.UnitFact("Bidang Perencanaan Umum", "bidang"),
        R.UnitFact("Subbidang Data", "subbidang"),
    ],
    positions=[
        R.PositionFact("Kepala Badan", "Kepala Bappedalitbang", is_head=True),
        R.PositionFact(
            "Kepala Bidang Perencanaan Umum",
            "Kabid Perencanaan Umum",
            "Bidang Perencanaan Umum",
            "bidang",
            kind="administrator",
        ),
        R.PositionFact("Kepala Subbidang Data", "Kasubbid Data", "Subbidang Data", "subbidang", kind="pengawas"),
    ],
)
HEAD_POSITION = DINAS.positions[0]
SEK_POSITION = DINAS.positions[1]
HEADS = [
    L.HeadTerm(1, "Ir. WIDARSO, M.M", date(2019, 1, 2), date(2021, 12, 31)),
    L.HeadTerm(2, "SUGENG AMIN, SH.MM", date(2022, 1, 3), date(2022, 12, 31), "Plt. "),
    L.HeadTerm(3, "Dr. HARYANTO WIBOWO", date(2023, 1, 2)),
]


def lanes():
    return [
        L.LaneFacts("Kepala Dinsospermasdes", "position", HEAD_POSITION),
        L.LaneFacts("Sekretaris", "position", SEK_POSITION),
        L.LaneFacts("Sek. Tim Sakip", "tim_role", tim_role="sekretaris"),
        L.LaneFacts("Anggota Tim Sakip", "tim_role", tim_role="anggota"),
    ]


def step(number, uraian, lanes=(3,), **kw):
    return L.StepFacts(
        number=number,
        uraian=uraian,
        lanes=list(lanes),
        waktu=kw.pop("waktu", Decimal(10)),
        output=kw.pop("output", "Dokumen"),
        utama=kw.pop("utama", True),
        **kw,
    )


def clean_sop(**changes):
    facts = L.SopFacts(
        number="061.1/366",
        judul="Pengukuran Kinerja",
        status="disahkan",
        made_on=date(2022, 12, 27),
        effective_on=date(2023, 1, 2),
        valid_from=date(2023, 1, 2),
        signer_id=3,
        signer_name="Dr. HARYANTO WIBOWO",
        signed_on=date(2023, 1, 2),
        dasar_hukum=[
            "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang SOP",
            "Peraturan Bupati Banyumas Nomor 94 Tahun 2021 tentang Organisasi",
        ],
        kualifikasi_pelaksana=["Mampu menganalisis kinerja"],
        peralatan=["Komputer"],
        peringatan=["Pelaporan terhambat"],
        pencatatan=["Lembar disposisi"],
        pj_produk="Kepala Dinsospermasdes",
        pj_kegiatan="Sekretaris Dinsospermasdes",
        ruang_lingkup="Dinsospermasdes",
        lanes=lanes(),
        steps=[
            step(1, "Kepala Dinsospermasdes memerintahkan pengukuran kinerja", [0], utama=False),
            step(2, "Menyiapkan formulir", [2]),
            step(3, "Menghimpun data kinerja", [3]),
            step(4, "Sekretaris mengajukan dokumen untuk disetujui", [1]),
            step(5, "Penandatanganan dokumen oleh Kepala Dinsospermasdes", [0], utama=False),
        ],
    )
    for key, value in changes.items():
        setattr(facts, key, value)
    return facts


def run(facts, **ctx):
    return L.lint(facts, L.Context(opd=DINAS, others=[BADAN], heads=HEADS, today=date(2024, 6, 1), **ctx))


def codes(findings):
    return [f.code for f in findings]


def test_a_correct_sop_is_clean():
    findings = run(clean_sop())
    assert findings == [] and L.is_clean(findings)


def test_kepala_badan_in_a_dinas():
    facts = clean_sop()
    facts.steps[2] = step(3, "Kepala Badan mengoreksi Dokumen Pengukuran Kinerja Dinsospermasdes", [0])
    findings = run(facts)
    unknown = [f for f in findings if f.code == "role-unknown"]
    assert len(unknown) == 1 and unknown[0].severity == "error" and unknown[0].step == 3
    assert "Kepala Badan" in unknown[0].message and "Bappedalitbang" in unknown[0].message
    assert unknown[0].fix == 'Ganti "Kepala Badan" dengan "Kepala Dinsospermasdes".'


def test_kasubbid_data_in_a_dinas_names_the_other_agency():
    facts = clean_sop()
    facts.steps[2] = step(3, "Menyampaikan data kinerja kepada Kasubbid Data", [3])
    findings = run(facts)
    unknown = next(f for f in findings if f.code == "role-unknown")
    assert "Kasubbid Data" in unknown.message and "tidak memiliki Subbidang" in unknown.message
    other = next(f for f in findings if f.code == "other-agency")
    assert other.severity == "error" and "Bappedalitbang" in other.message and "Kasubbid Data" in other.message
    assert "Kasubbag Perencanaan dan Keuangan" in unknown.fix  # the Sekretariat's planning subunit is proposed first


def test_kabid_perencanaan_umum_in_the_worksheet():
    findings = run(clean_sop(pj_kegiatan="Kabid Perencanaan Umum Dinsospermasdes"))
    unknown = next(f for f in findings if f.code == "role-unknown")
    assert unknown.field == "pj_kegiatan" and "Bidang Perencanaan Umum" in unknown.message


def test_existing_units_resolve_even_with_typos_and_abbreviations():
    facts = clean_sop(
        pencatatan=["Kepala OPD : Lembar disposisi", "Sekretaris OPD : paraf", "Kasubag Perencanaa : paraf"]
    )
    facts.steps[2] = step(3, "Kabid Rehabilitasi Sosial memvalidasi data", [3])
    assert "role-unknown" not in codes(run(facts))


def test_other_agency_named_outright():
    facts = clean_sop()
    facts.steps[1] = step(2, "Menyampaikan format kepada Bappedalitbang", [2])
    finding = next(f for f in run(facts) if f.code == "other-agency")
    assert finding.step == 2 and "Bappedalitbang" in finding.message


def test_step_actor_not_among_the_lanes():
    facts = clean_sop()
    facts.steps[2] = step(3, "Kabid Menghimpun dan memvalidasi data kinerja", [3])
    finding = next(f for f in run(facts) if f.code == "actor-not-lane")
    assert finding.severity == "error" and finding.step == 3 and '"Kabid"' in finding.message


def test_step_actor_covered_by_each_unit_head_lane():
    facts = clean_sop()
    facts.lanes.append(L.LaneFacts("Kepala Unit Kerja", "unit_heads"))
    facts.steps[2] = step(3, "Kabid menghimpun dan memvalidasi data kinerja", [4])
    assert "actor-not-lane" not in codes(run(facts))


def test_actor_in_another_lane():
    facts = clean_sop()
    facts.steps[3] = step(4, "Sekretaris mengajukan dokumen untuk disetujui", [2])
    finding = next(f for f in run(facts) if f.code == "actor-lane-mismatch")
    assert finding.severity == "warning" and finding.step == 4


def test_lanes_unmapped_unused_and_foreign():
    facts = clean_sop()
    facts.lanes.append(L.LaneFacts("Peserta", "none"))
    facts.lanes.append(
        L.LaneFacts("Kasubbid Data", "position", BADAN.positions[2], position_foreign_opd="Bappedalitbang")
    )
    found = codes(run(facts))
    assert "lane-unmapped" in found and "lane-unused" in found and "lane-foreign-position" in found


def test_empty_tanggal_efektif_and_other_identity_fields():
    findings = run(clean_sop(effective_on=None, valid_from=date(2021, 1, 18), peralatan=[]))
    empty = [f for f in findings if f.code == "identity-empty"]
    assert {f.field for f in empty} == {"effective_on", "peralatan"}
    efektif = next(f for f in empty if f.field == "effective_on")
    assert efektif.severity == "error" and "18 Januari 2021" in efektif.message


def test_empty_langkah_utama():
    facts = clean_sop()
    for s in facts.steps:
        s.utama = False
    finding = next(f for f in run(facts) if f.code == "langkah-utama-empty")
    assert finding.severity == "warning"


def test_duplicate_and_merged_dasar_hukum_lines_of_the_seed():
    seed = [
        "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur di "
        "Lingkungan Pemerintah Provinsi dan Kabupaten / Kota "
        "Peraturan Bupati Banyumas No 94 tahun 2021 tentang Organisasi dan Tata Kerja Dinsospermasdes "
        "Kabupaten Banyumas",
        "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur di "
        "Lingkungan Pemerintah Provinsi dan Kabupaten / Kota",
    ]
    findings = run(clean_sop(dasar_hukum=seed))
    dup = next(f for f in findings if f.code == "dasar-hukum-duplicate")
    assert "Permendagri 52/2011" in dup.message and "butir 1 dan 2" in dup.message
    merged = next(f for f in findings if f.code == "dasar-hukum-merged")
    assert merged.severity == "info" and "Perbup 94/2021" in merged.message


@pytest.mark.parametrize(
    "line,expected",
    [
        (
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 88 Tahun 2021 "
            "tentang Evaluasi AKIP",
            [("PermenPAN-RB", "88", "2021")],
        ),
        ("PP No. 60 Tahun 2008", [("PP", "60", "2008")]),
        ("Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah", [("UU", "23", "2014")]),
        ("Permendagri Nomor 52 Tahun 2011", [("Permendagri", "52", "2011")]),
        ("Surat edaran tanpa nomor", []),
    ],
)
def test_regulation_citations(line, expected):
    assert L.regulations(line) == expected


def test_steps_without_lane_time_or_output():
    facts = clean_sop()
    facts.steps[1] = L.StepFacts(number=2, uraian="Menyiapkan formulir", lanes=[], waktu=None, output="", utama=True)
    found = {f.code: f for f in run(facts)}
    assert found["step-no-lane"].severity == "error"
    assert found["step-no-time"].severity == "warning" and found["step-no-output"].severity == "warning"


def test_no_steps():
    assert codes(run(clean_sop(steps=[]))) == ["no-steps"]


def test_decision_branches():
    facts = clean_sop()
    facts.steps[2] = step(3, "Apakah data lengkap?", [1], kind="decision", ya_ke=4, tidak_ke=9)
    finding = next(f for f in run(facts) if f.code == "decision-branch")
    assert "langkah 9" in finding.message
    facts.steps[2] = step(3, "Apakah data lengkap?", [1], kind="decision", ya_ke=4, tidak_ke=None)
    assert "decision-branch" in codes(run(facts))
    facts.steps[2] = step(
        3, "Apakah data lengkap?", [1], kind="decision", ya_ke=None, tidak_ke=2
    )  # Ya defaults to the next step
    assert "decision-branch" not in codes(run(facts))


def test_signer_who_was_not_the_head_on_the_date_of_signing():
    finding = next(
        f for f in run(clean_sop(signer_id=1, signer_name="Ir. WIDARSO, M.M")) if f.code == "signer-not-head"
    )
    assert finding.severity == "error" and "HARYANTO" in finding.message
    assert "signer-not-head" in codes(run(clean_sop(signer_position_is_head=False)))


def test_2021_signer_under_the_2022_head_advises_re_approval():
    facts = clean_sop(
        signer_id=1,
        signer_name="Ir. WIDARSO, M.M",
        signed_on=date(2021, 1, 18),
        made_on=date(2021, 1, 18),
        effective_on=date(2021, 1, 18),
        valid_from=date(2021, 1, 18),
        valid_until=date(2023, 1, 1),
        status="diganti",
    )
    finding = next(f for f in run(facts) if f.code == "signer-head-changed")
    assert finding.severity == "warning"
    assert "SUGENG AMIN" in finding.message and "3 Januari 2022" in finding.message and "WIDARSO" in finding.message


def test_signer_rules_skip_drafts():
    facts = clean_sop(status="draft", signer_id=None, signer_name="", signed_on=None, valid_from=None)
    assert not {"signer-not-head", "signer-head-changed", "identity-empty"} & set(codes(run(facts)))


def test_similar_to_another_opds_sop():
    older = L.SimilarSop("Bappedalitbang", "061.1/215", "Pengukuran Kinerja", 0.97, date(2020, 11, 2))
    finding = next(f for f in run(clean_sop(), similar=[older]) if f.code == "similar-other-opd")
    assert finding.severity == "error" and finding.similarity == 0.97 and "97%" in finding.message
    newer = L.SimilarSop("Dinsospermasdes", "061.1/366", "Pengukuran Kinerja", 0.97, date(2024, 1, 1))
    assert next(f for f in run(clean_sop(), similar=[newer]) if f.code == "similar-other-opd").severity == "info"
    below = L.SimilarSop("Bappedalitbang", "061.1/215", "Pengukuran Kinerja", 0.6, date(2020, 11, 2))
    assert "similar-other-opd" not in codes(run(clean_sop(), similar=[below]))


def test_similarity_ignores_each_opds_own_name():
    a = L.similarity_text(["Kepala Badan mengoreksi Dokumen Pengukuran Kinerja Bappedalitbang"], ("Bappedalitbang",))
    b = L.similarity_text(["Kepala Badan mengoreksi Dokumen Pengukuran Kinerja Dinsospermasdes"], ("Dinsospermasdes",))
    assert L.similarity(a, b) == 1.0
    assert L.similarity(a, L.similarity_text(["Menyusun rencana anggaran"])) == 0.0


def test_keterkaitan_named_as_text_but_registered():
    facts = clean_sop(keterkaitan=["SOP Pelaksanaan Pengawasan Internal Secara Berkala (061.1/365)"])
    facts.steps[1] = step(2, "Rapat", [2], keterangan="SOP Pelaksanaan Rapat")
    registered = {
        "pelaksanaan pengawasan internal secara berkala": "061.1/365 Pelaksanaan Pengawasan Internal Secara Berkala",
        "pelaksanaan rapat": "061.1/364 Pelaksanaan Rapat",
    }
    found = [f for f in run(facts, registered_titles=registered) if f.code == "keterkaitan-unlinked"]
    assert len(found) == 2 and all(f.severity == "info" for f in found)


def test_mentions_and_resolution():
    mentions = R.find_mentions("Sekretaris menyampaikan Dokumen Kepada Kepala Dinsospermasdes", ["Dinsospermasdes"])
    assert [(m.kind, m.text) for m in mentions] == [("sekretaris", "Sekretaris"), ("head", "Kepala Dinsospermasdes")]
    kasubbid = R.find_mentions("Menyampaikan data kinerja kepada Kasubbid Data", [])[0]
    assert (kasubbid.kind, kasubbid.name) == ("subbidang", "Data")
    assert R.resolve(kasubbid, BADAN, []).ok
    res = R.resolve(kasubbid, DINAS, [BADAN])
    assert not res.ok and res.foreign == [("Bappedalitbang", "jabatan Kasubbid Data (Kepala Subbidang Data)")]
    assert R.find_mentions("Kabid Menghimpun data", [])[0].name == ""
    assert [m.qualifier for m in R.find_mentions("Sek. Tim Sakip dan Anggota Tim SAKIP", [])] == [
        "sekretaris",
        "anggota",
    ]


def test_findings_are_sorted_by_severity_and_serialisable():
    facts = clean_sop(effective_on=None)
    for s in facts.steps:
        s.utama = False
    findings = run(facts)
    assert [f.severity for f in findings] == sorted((f.severity for f in findings), key=L.SEVERITY_ORDER.get)
    data = findings[0].as_dict()
    assert {"code", "severity", "where", "message", "fix"} <= set(data)
