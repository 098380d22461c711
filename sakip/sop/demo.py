"""Demo SOPs.

- Dinsospermasdes 061.1/366 "Pengukuran Kinerja", version 1: the seed's SOP exactly as attached to the
  2022 statement — defects included ("Kepala Badan", "Kasubbid Data", step 7's "Kabid", the
  duplicated Permendagri 52/2011, empty tanggal efektif and langkah utama, "Kabid Perencanaan Umum" in
  the worksheet) — signed by Ir. WIDARSO, M.M on 18 January 2021 and in force through 2022. The lane
  marks were lost in the text; the lanes below follow a careful reading of each step.
- Version 2: its corrected revision after the 2022 evaluation (internal roles, dates filled, one
  decision), signed by the then Kepala and in force from 2 January 2023; it lints clean.
- Bappedalitbang 061.1/215 "Pengukuran Kinerja": a reconstruction (fictional, for the demo) of the
  Badan's own SOP that the Dinas copied, so the similarity check has its original.
- The SOPs the seed names: Pelaksanaan Rapat; Pelaksanaan Pengawasan Internal Secara Berkala.
- A draft SOP owned by Bidang Rehabilitasi Sosial (a unit edits its own SOPs).
Numbers other than 061.1/366 are fictional. Idempotent: an SOP already registered is left alone.
"""

from datetime import date

from sakip.core.actors import system_user
from sakip.organization.models import Position, TimSakipMember, Unit

from . import actions as A
from . import services
from .models import Jenis, JenisKegiatan, Lane, ProcessKind, Sop, SopVersion

SEED_NOMOR = "061.1/366"

SEED_DASAR_HUKUM = (
    "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur di "
    "Lingkungan Pemerintah Provinsi dan Kabupaten / Kota "
    "Peraturan Bupati Banyumas No 94 tahun 2021 tentang Organisasi dan Tata Kerja Dinsospermasdes Kabupaten Banyumas\n"
    "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur di "
    "Lingkungan Pemerintah Provinsi dan Kabupaten / Kota"
)

# (uraian, kelengkapan, menit, output, keterangan) exactly as in the seed's procedure table.
SEED_STEPS = [
    ("Memerintahkan penyusunan pengukuran Kinerja Dinsospermasdes", "Lembar disposisi", 15, "disposisi Pimpinan", ""),
    (
        "Membuat format pengumpulan data dan informasi pengukuran kinerja dari masing-masing bidang dan sekretariat",
        "Form Pengukuran Kinerja",
        60,
        "Draf Pengukuran Kinerja",
        "",
    ),
    (
        "Menyampaikan format pengumpulan data dan informasi pengukuran kinerja kepada masing-masing "
        "bidang dan sekretariat",
        "Form Pengukuran Kinerja",
        25,
        "Draf masukan dan arahan",
        "",
    ),
    (
        "Mengundang Kepala Dinsospermasdes dan pejabat terkait untuk rapat pembahasan pengukuran kinerja",
        "Undangan Rapat",
        30,
        "Undangan Rapat",
        "",
    ),
    (
        "Melaksanakan rapat pembahasan pengukuran kinerja",
        "Draf Pengukuran Kinerja",
        120,
        "Draf Pengukuran Kinerja",
        "SOP Pelaksanaan Rapat",
    ),
    (
        "Menghimpun format data dan informasi pengukuran kinerja masing-masing bidang dan sekretariat",
        "Draf Dokumen Pengukuran Kinerja",
        120,
        "Draf Dokumen Pengukuran Kinerja",
        "",
    ),
    (
        "Kabid Menghimpun dan memvalidasi data kinerja",
        "Draf Dokumen Pengukuran Kinerja",
        240,
        "Draf Dokumen Pengukuran Kinerja",
        "",
    ),
    (
        "Menyampaikan data kinerja kepada Kasubbid Data",
        "Draf Dokumen Pengukuran Kinerja",
        40,
        "Draf Dokumen Pengukuran Kinerja",
        "",
    ),
    (
        "Kepala Badan mengoreksi Dokumen Pengukuran Kinerja Dinsospermasdes",
        "Dokumen Pengukuran Kinerja",
        60,
        "Dokumen Pengukuran Kinerja",
        "",
    ),
    (
        "Sekretaris menyampaikan Dokumen Pengukuran Kinerja Kepada Kepala Dinsospermasdes untuk meminta persetujuan.",
        "Dokumen Pengukuran Kinerja",
        25,
        "Dokumen Pengukuran Kinerja",
        "",
    ),
    (
        "Penandatanganan Dokumen Pengukuran Kinerja oleh Kepala Dinsospermasdes",
        "Dokumen Pengukuran Kinerja",
        10,
        "Dokumen Pengukuran Kinerja",
        "",
    ),
    (
        "Pembuatan surat pengantar pengiriman dan penomoran surat",
        "Dokumen Pengukuran Kinerja",
        15,
        "Dokumen Pengukuran Kinerja",
        "",
    ),
    ("Penggandaan Dokumen Pengukuran Kinerja.", "Dokumen Pengukuran Kinerja", 25, "Dokumen Pengukuran Kinerja", ""),
    ("Pengarsipan Dokumen Pengukuran Kinerja.", "Dokumen Pengukuran Kinerja", 10, "Dokumen Pengukuran Kinerja", ""),
]
SEED_LANES = ["Kepala Dinsospermasdes", "Sekretaris", "Sek. Tim Sakip", "Anggota Tim Sakip"]
# A careful reading: the head orders (1), corrects (9, the "Kepala Badan" of the copy) and signs (11);
# the Tim SAKIP secretary prepares, sends, invites and finishes the paperwork (2–4, 12–14); the members
# (who are the unit heads) collect, validate and pass on the data (6–8); everyone meets (5); the
# Sekretaris submits for approval (10).
SEED_LANE_MARKS = [[0], [2], [2], [2], [0, 1, 2, 3], [3], [3], [3], [0], [1], [0], [2], [2], [2]]
SEED_ACTIONS = [
    A.DISPOSITION,
    A.PREPARE_FORMS,
    A.DISTRIBUTE,
    A.INVITE,
    A.HOLD_MEETING,
    A.COLLECT,
    A.VALIDATE,
    A.SUBMIT,
    A.CORRECT,
    A.REQUEST_APPROVAL,
    A.SIGN,
    A.NUMBER_COVER_LETTER,
    A.COPY,
    A.ARCHIVE,
]

# The corrected revision (version 2): (uraian, lanes, kind, kelengkapan, menit, output, action, utama, extra)
V2_LANES = ["Kepala Dinsospermasdes", "Sekretaris", "Sek. Tim SAKIP", "Kepala Unit Kerja", "Anggota Tim SAKIP"]
V2_STEPS = [
    (
        "Kepala Dinsospermasdes memerintahkan pengukuran kinerja triwulanan melalui disposisi kepada Ketua Tim SAKIP",
        [0],
        "start",
        "Lembar disposisi",
        15,
        "Disposisi pimpinan",
        A.DISPOSITION,
        False,
        {},
    ),
    (
        "Sek. Tim SAKIP menyiapkan formulir capaian per indikator kinerja untuk sekretariat dan setiap bidang",
        [2],
        "process",
        "Renstra, Perjanjian Kinerja, IKU",
        60,
        "Formulir pengukuran kinerja",
        A.PREPARE_FORMS,
        False,
        {},
    ),
    (
        "Sek. Tim SAKIP mengirimkan formulir kepada setiap kepala unit kerja",
        [2],
        "process",
        "Formulir pengukuran kinerja",
        25,
        "Tanda terima formulir",
        A.DISTRIBUTE,
        False,
        {},
    ),
    (
        "Sek. Tim SAKIP mengundang pimpinan dan para kepala unit kerja ke rapat koordinasi pengukuran",
        [2],
        "process",
        "Konsep undangan",
        30,
        "Undangan rapat",
        A.INVITE,
        False,
        {},
    ),
    (
        "Rapat koordinasi menyepakati jadwal, definisi operasional dan sumber data tiap indikator",
        [0, 1, 2, 3, 4],
        "process",
        "Bahan rapat",
        120,
        "Notulen rapat",
        A.HOLD_MEETING,
        True,
        {"keterangan_sop": "Pelaksanaan Rapat"},
    ),
    (
        "Setiap kepala unit kerja mengisi realisasi beserta bukti dukung capaian unitnya",
        [3],
        "process",
        "Formulir pengukuran kinerja",
        240,
        "Data realisasi unit",
        A.COLLECT,
        True,
        {},
    ),
    (
        "Setiap kepala unit kerja memvalidasi data realisasi unitnya dan meneruskannya ke Tim SAKIP",
        [3],
        "process",
        "Data realisasi unit",
        120,
        "Data kinerja tervalidasi",
        A.VALIDATE,
        True,
        {},
    ),
    (
        "Anggota Tim SAKIP merekap data tervalidasi dan menghitung capaian setiap indikator",
        [4],
        "process",
        "Data kinerja tervalidasi",
        180,
        "Draf Dokumen Pengukuran Kinerja",
        A.SUBMIT,
        True,
        {},
    ),
    (
        "Apakah perhitungan capaian dalam draf sudah benar dan lengkap?",
        [1],
        "decision",
        "Draf Dokumen Pengukuran Kinerja",
        60,
        "Draf terverifikasi",
        A.CORRECT,
        True,
        {"ya_ke": 10, "tidak_ke": 8},
    ),
    (
        "Sekretaris mengajukan Dokumen Pengukuran Kinerja kepada Kepala Dinsospermasdes untuk disetujui",
        [1],
        "process",
        "Draf terverifikasi",
        20,
        "Dokumen siap ditandatangani",
        A.REQUEST_APPROVAL,
        False,
        {},
    ),
    (
        "Kepala Dinsospermasdes menandatangani Dokumen Pengukuran Kinerja",
        [0],
        "process",
        "Dokumen siap ditandatangani",
        10,
        "Dokumen Pengukuran Kinerja",
        A.SIGN,
        False,
        {},
    ),
    (
        "Sek. Tim SAKIP membuat surat pengantar dan meminta nomor surat",
        [2],
        "process",
        "Dokumen Pengukuran Kinerja",
        15,
        "Surat pengantar bernomor",
        A.NUMBER_COVER_LETTER,
        False,
        {},
    ),
    (
        "Sek. Tim SAKIP menggandakan dokumen sesuai kebutuhan distribusi",
        [2],
        "process",
        "Dokumen Pengukuran Kinerja",
        20,
        "Salinan dokumen",
        A.COPY,
        False,
        {},
    ),
    (
        "Sek. Tim SAKIP menyimpan dokumen dan bukti dukung dalam arsip elektronik dan kertas",
        [2],
        "end",
        "Dokumen dan bukti dukung",
        10,
        "Arsip dokumen",
        A.ARCHIVE,
        False,
        {},
    ),
]


def _lane(label, mapping, position=None, tim_role=""):
    return {"label": label, "mapping": mapping, "position": position, "tim_role": tim_role}


def _steps(rows):
    specs = []
    for n, (uraian, lanes, kind, kelengkapan, menit, output, action, utama, extra) in enumerate(rows, start=1):
        spec = {
            "number": n,
            "uraian": uraian,
            "lanes": lanes,
            "kind": kind,
            "kelengkapan": kelengkapan,
            "waktu": menit,
            "waktu_satuan": "menit",
            "output": output,
            "action": action,
            "utama": utama,
            "keterangan": "",
            "keterangan_sop": None,
        }
        spec.update(extra)
        specs.append(spec)
    return specs


def _link(spec_list, sops):
    for spec in spec_list:
        title = spec.get("keterangan_sop")
        if isinstance(title, str):
            spec["keterangan_sop"] = sops[title]
            spec["keterangan"] = f"SOP {title}"
    return spec_list


def _approve(version, signed_on, efektif=None):
    services.submit(user=system_user(), version=version)
    return services.approve(user=system_user(), version=version, signed_on=signed_on, effective_on=efektif)


def _positions(opd):
    positions = {p.name: p for p in Position.objects.filter(opd=opd).select_related("unit")}
    head = next(p for p in positions.values() if p.is_opd_head)
    sek = next(
        p
        for p in positions.values()
        if p.unit_id and p.unit.kind == Unit.Kind.SEKRETARIAT and p.kind == Position.Kind.ADMINISTRATOR
    )
    return positions, head, sek


def load(ctx):
    dinas, bappeda = ctx["dinas"], ctx["bappeda"]
    if Sop.objects.filter(opd=dinas, number=SEED_NOMOR).exists():
        return _context(dinas)
    positions, head, sek = _positions(dinas)
    sekretariat = Unit.objects.get(opd=dinas, name="Sekretariat")
    kasubbag_umum = positions["Kepala Subbagian Umum dan Kepegawaian"]

    # --- the SOPs the seed names -----------------------------------------------------------------
    rapat = services.create_sop(
        user=system_user(),
        opd=dinas,
        unit=sekretariat,
        number="061.1/364",
        judul="Pelaksanaan Rapat",
        source="demo",
        jenis=Jenis.ADMINISTRATIF,
        jenis_kegiatan=JenisKegiatan.RUTIN,
        made_on=date(2020, 6, 8),
        dasar_hukum="Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur di "
        "Lingkungan Pemerintah Provinsi dan Kabupaten/Kota\n"
        "Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Tata Naskah Dinas di Lingkungan Pemerintah Daerah",
        kualifikasi_pelaksana="Memahami tata naskah dinas\nMampu menyusun notulen rapat",
        peralatan="Komputer dan printer\nRuang rapat dan pengeras suara\nAlat tulis kantor",
        peringatan="Rapat tanpa undangan dan notulen tidak dapat dipertanggungjawabkan hasilnya",
        pencatatan="Undangan, daftar hadir dan notulen rapat disimpan oleh Subbagian Umum dan Kepegawaian",
        pj_produk="Sekretaris Dinsospermasdes",
        pj_kegiatan="Kasubbag Umum dan Kepegawaian",
        ruang_lingkup="Rapat dinas di lingkungan Dinsospermasdes",
    )
    services.save_procedure(
        user=system_user(),
        version=rapat,
        lanes=[
            _lane("Kepala Dinsospermasdes", Lane.Mapping.POSITION, head),
            _lane("Sekretaris", Lane.Mapping.POSITION, sek),
            _lane("Kasubbag Umum dan Kepegawaian", Lane.Mapping.POSITION, kasubbag_umum),
            _lane("Kabid/Sekretaris", Lane.Mapping.UNIT_HEADS),
        ],
        steps=_steps(
            [
                (
                    "Menetapkan agenda dan memerintahkan pelaksanaan rapat",
                    [0],
                    "start",
                    "Lembar disposisi",
                    10,
                    "Disposisi",
                    A.DISPOSITION,
                    False,
                    {},
                ),
                (
                    "Menyiapkan undangan dan bahan rapat",
                    [2],
                    "process",
                    "Agenda rapat",
                    30,
                    "Konsep undangan dan bahan",
                    A.INVITE,
                    True,
                    {},
                ),
                (
                    "Menandatangani undangan rapat",
                    [1],
                    "process",
                    "Konsep undangan",
                    10,
                    "Undangan rapat",
                    A.SIGN,
                    False,
                    {},
                ),
                (
                    "Menyampaikan undangan kepada peserta rapat",
                    [2],
                    "process",
                    "Undangan rapat",
                    15,
                    "Tanda terima undangan",
                    A.DISTRIBUTE,
                    False,
                    {},
                ),
                (
                    "Melaksanakan rapat sesuai agenda",
                    [0, 1, 3],
                    "process",
                    "Bahan rapat, daftar hadir",
                    120,
                    "Catatan rapat",
                    A.HOLD_MEETING,
                    True,
                    {},
                ),
                ("Menyusun notulen rapat", [2], "process", "Catatan rapat", 60, "Konsep notulen", A.NONE, True, {}),
                (
                    "Apakah notulen sudah sesuai dengan jalannya rapat?",
                    [1],
                    "decision",
                    "Konsep notulen",
                    15,
                    "Notulen",
                    A.CORRECT,
                    True,
                    {"ya_ke": 8, "tidak_ke": 6},
                ),
                (
                    "Mengarsipkan undangan, daftar hadir dan notulen",
                    [2],
                    "end",
                    "Notulen",
                    10,
                    "Arsip rapat",
                    A.ARCHIVE,
                    False,
                    {},
                ),
            ]
        ),
    )
    _approve(rapat, date(2023, 1, 2), date(2023, 1, 2))

    pengawasan = services.create_sop(
        user=system_user(),
        opd=dinas,
        unit=None,
        number="061.1/365",
        judul="Pelaksanaan Pengawasan Internal Secara Berkala",
        source="demo",
        jenis=Jenis.ADMINISTRATIF,
        jenis_kegiatan=JenisKegiatan.RUTIN,
        made_on=date(2020, 6, 8),
        dasar_hukum="Peraturan Pemerintah Nomor 60 Tahun 2008 tentang Sistem Pengendalian Intern Pemerintah\n"
        "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur di "
        "Lingkungan Pemerintah Provinsi dan Kabupaten/Kota",
        kualifikasi_pelaksana="Memahami sistem pengendalian intern pemerintah\nMemahami tugas dan fungsi unit kerja",
        peralatan="Komputer dan printer\nDaftar periksa pengawasan",
        peringatan="Penyimpangan pelaksanaan kegiatan dan SOP tidak terdeteksi secara dini",
        pencatatan="Kertas kerja dan laporan hasil pengawasan disimpan oleh Sekretariat",
        pj_produk="Kepala Dinsospermasdes",
        pj_kegiatan="Sekretaris Dinsospermasdes",
        ruang_lingkup="Seluruh unit kerja Dinsospermasdes, setiap semester",
    )
    services.save_procedure(
        user=system_user(),
        version=pengawasan,
        lanes=[
            _lane("Kepala Dinsospermasdes", Lane.Mapping.POSITION, head),
            _lane("Sekretaris", Lane.Mapping.POSITION, sek),
            _lane("Kabid/Sekretaris", Lane.Mapping.UNIT_HEADS),
        ],
        steps=_steps(
            [
                (
                    "Menetapkan jadwal pengawasan internal semesteran",
                    [0],
                    "start",
                    "Rencana kerja",
                    15,
                    "Jadwal pengawasan",
                    A.DISPOSITION,
                    False,
                    {},
                ),
                (
                    "Menyiapkan instrumen dan daftar periksa pengawasan",
                    [1],
                    "process",
                    "Peraturan dan SOP terkait",
                    60,
                    "Instrumen pengawasan",
                    A.PREPARE_FORMS,
                    True,
                    {},
                ),
                (
                    "Memeriksa pelaksanaan kegiatan dan penerapan SOP di unitnya",
                    [2],
                    "process",
                    "Instrumen pengawasan",
                    240,
                    "Kertas kerja",
                    A.COLLECT,
                    True,
                    {},
                ),
                (
                    "Menyusun laporan hasil pengawasan internal",
                    [1],
                    "process",
                    "Kertas kerja",
                    120,
                    "Konsep laporan",
                    A.NONE,
                    True,
                    {},
                ),
                (
                    "Apakah laporan hasil pengawasan disetujui?",
                    [0],
                    "decision",
                    "Konsep laporan",
                    30,
                    "Laporan hasil pengawasan",
                    A.CORRECT,
                    True,
                    {"ya_ke": 6, "tidak_ke": 4},
                ),
                (
                    "Menindaklanjuti rekomendasi hasil pengawasan",
                    [2],
                    "process",
                    "Laporan hasil pengawasan",
                    240,
                    "Bukti tindak lanjut",
                    A.NONE,
                    True,
                    {},
                ),
                (
                    "Mengarsipkan laporan dan bukti tindak lanjut",
                    [1],
                    "end",
                    "Bukti tindak lanjut",
                    15,
                    "Arsip pengawasan",
                    A.ARCHIVE,
                    False,
                    {},
                ),
            ]
        ),
    )
    _approve(pengawasan, date(2023, 1, 2), date(2023, 1, 2))
    named = {"Pelaksanaan Rapat": rapat.sop, "Pelaksanaan Pengawasan Internal Secara Berkala": pengawasan.sop}

    # --- Bappedalitbang's own SOP (the original the Dinas copied) ----------------------------------------
    b_positions, b_head, b_sek = _positions(bappeda)
    b_pu = b_positions["Kepala Bidang Perencanaan Umum"]
    b_data = b_positions["Kepala Subbidang Data"]
    if not Sop.objects.filter(opd=bappeda, number="061.1/215").exists():
        original = services.create_sop(
            user=system_user(),
            opd=bappeda,
            number="061.1/215",
            judul="Pengukuran Kinerja",
            source="demo",
            process_kind=ProcessKind.PENGUKURAN_KINERJA,
            jenis=Jenis.ADMINISTRATIF,
            jenis_kegiatan=JenisKegiatan.RUTIN,
            made_on=date(2020, 11, 2),
            dasar_hukum="Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur di "
            "Lingkungan Pemerintah Provinsi dan Kabupaten / Kota\n"
            "Peraturan Bupati Banyumas Nomor 72 Tahun 2016 tentang Organisasi dan Tata Kerja "
            "Bappedalitbang Kabupaten Banyumas",
            kualifikasi_pelaksana="Yang mempunyai kewenangan dalam pelaksanaan evaluasi kinerja SKPD\n"
            "Mempunyai kemampuan menganalisis kinerja SKPD",
            peralatan="Komputer\nPrinter\nAlat tulis kantor\nLiteratur/Peraturan Perundangan",
            peringatan="Apabila pengumpulan data kinerja tidak terselesaikan dengan baik dan pelaporan akan terhambat",
            pencatatan="Kepala Badan : Lembar disposisi/arahan, tanda tangan\nSekretaris : Lembar disposisi, "
            "paraf\nKabid Perencanaan Umum : Lembar disposisi, paraf",
            pj_produk="Kepala Bappedalitbang",
            pj_kegiatan="Kabid Perencanaan Umum Bappedalitbang",
            ruang_lingkup="Bappedalitbang Kabupaten Banyumas",
        )
        marks = [[0], [3], [3], [3], [0, 1, 2, 3], [3], [2], [2], [0], [1], [0], [3], [3], [3]]
        services.save_procedure(
            user=system_user(),
            version=original,
            lanes=[
                _lane("Kepala Badan", Lane.Mapping.POSITION, b_head),
                _lane("Sekretaris", Lane.Mapping.POSITION, b_sek),
                _lane("Kabid Perencanaan Umum", Lane.Mapping.POSITION, b_pu),
                _lane("Kasubbid Data", Lane.Mapping.POSITION, b_data),
            ],
            steps=[
                {
                    "number": n,
                    "uraian": uraian.replace("Dinsospermasdes", "Bappedalitbang"),
                    "lanes": marks[n - 1],
                    "kind": "process",
                    "kelengkapan": kel,
                    "waktu": menit,
                    "waktu_satuan": "menit",
                    "output": out,
                    "keterangan": ket,
                    "action": SEED_ACTIONS[n - 1],
                    "utama": 5 <= n <= 9,
                }
                for n, (uraian, kel, menit, out, ket) in enumerate(SEED_STEPS, start=1)
            ],
        )
        _approve(original, date(2020, 11, 2), date(2020, 11, 2))

    # --- the seed's SOP, version 1 (as attached to the 2022 statement) ------------------------------
    v1 = services.create_sop(
        user=system_user(),
        opd=dinas,
        unit=None,
        number=SEED_NOMOR,
        judul="Pengukuran Kinerja",
        source="demo",
        process_kind=ProcessKind.PENGUKURAN_KINERJA,
        jenis=Jenis.ADMINISTRATIF,
        jenis_kegiatan=JenisKegiatan.RUTIN,
        made_on=date(2021, 1, 18),
        dasar_hukum=SEED_DASAR_HUKUM,
        kualifikasi_pelaksana="Yang mempunyai kewenangan dalam pelaksanaan evaluasi kinerja SKPD\n"
        "Mempunyai kemampuan menalisis kinerja SKPD",
        peralatan="Komputer\nPrinter\nAlat tulis kantor\nLiteratur/Peraturan Perundangan",
        peringatan="Apabila pengumpulan data kinerja tidak terselesaikan dengan baik dan pelaporan akan terhambat",
        pencatatan="Kepala OPD : Lembar disposisi/arahan, tanda tangan\nSekretaris OPD : Lembar "
        "disposisi,paraf\nKasubag Perencanaa : Lembar disposisi,paraf\n"
        "Setiap tahap terdokumentasi dengan baik dalam bentuk softcopy maupun hardcopy",
        pj_produk="Kepala Dinsospermasdes",
        pj_kegiatan="Kabid Perencanaan Umum Dinsospermasdes",
        ruang_lingkup="Dinsospermasdes Kabupaten Banyumas",
    )
    v1_lanes = [
        _lane(SEED_LANES[0], Lane.Mapping.POSITION, head),
        _lane(SEED_LANES[1], Lane.Mapping.POSITION, sek),
        _lane(SEED_LANES[2], Lane.Mapping.TIM_ROLE, tim_role=TimSakipMember.Role.SEKRETARIS),
        _lane(SEED_LANES[3], Lane.Mapping.TIM_ROLE, tim_role=TimSakipMember.Role.ANGGOTA),
    ]
    v1_steps = []
    for n, (uraian, kel, menit, out, ket) in enumerate(SEED_STEPS, start=1):
        v1_steps.append(
            {
                "number": n,
                "uraian": uraian,
                "lanes": SEED_LANE_MARKS[n - 1],
                "kind": "start" if n == 1 else "end" if n == len(SEED_STEPS) else "process",
                "kelengkapan": kel,
                "waktu": menit,
                "waktu_satuan": "menit",
                "output": out,
                "keterangan": ket,
                "keterangan_sop": named["Pelaksanaan Rapat"] if ket else None,
                "action": SEED_ACTIONS[n - 1],
                "utama": False,
            }
        )
    services.save_procedure(user=system_user(), version=v1, lanes=v1_lanes, steps=v1_steps)
    v1.keterkaitan_sop.set([named["Pelaksanaan Pengawasan Internal Secara Berkala"]])
    _approve(v1, date(2021, 1, 18))  # tanggal efektif empty, as in the seed

    # Monitoring and evaluation of 2022 that led to the revision.
    services.save_monitoring(
        user=system_user(),
        version=v1,
        period="2022",
        on=date(2022, 12, 12),
        assessor="Tim SAKIP Dinsospermasdes",
        note="Pelaksana langkah 7–9 tidak sesuai jabatan di Dinsospermasdes.",
        items=[
            {
                "number": s["number"],
                "procedure": s["uraian"],
                "assessment": "baik" if s["number"] not in (7, 8, 9) else "tidak",
                "note": "" if s["number"] not in (7, 8, 9) else "Jabatan yang disebut tidak ada di Dinsospermasdes.",
                "action_needed": "" if s["number"] not in (7, 8, 9) else "Revisi SOP: sesuaikan pelaksana.",
            }
            for s in v1_steps
        ],
    )
    services.save_review(
        user=system_user(),
        version=v1,
        period="2022",
        on=date(2022, 12, 19),
        assessor="Tim SAKIP Dinsospermasdes",
        answers={
            "mendorong_kinerja": True,
            "mudah_dipahami": False,
            "mudah_dilaksanakan": False,
            "semua_berperan": False,
            "mengatasi_masalah": False,
            "menjawab_kebutuhan": True,
            "sinergi": True,
        },
        note="Tindak lanjut LHE SAKIP 2022 Inspektorat, temuan (c): SOP masih SOP Bappedalitbang.",
        conclusion="revisi",
    )

    # --- version 2: the corrected revision ----------------------------------------------------------
    v2 = services.new_revision(
        user=system_user(),
        sop=v1.sop,
        revised_on=date(2022, 12, 27),
        revision_note="Tindak lanjut LHE SAKIP 2022 temuan (c): SOP diturunkan menjadi SOP internal Dinsospermasdes — "
        "pelaksana sesuai jabatan dan Tim SAKIP, "
        "tanggal efektif diisi, dasar hukum ganda dihapus, langkah utama ditetapkan, pemeriksaan draf "
        "sebagai keputusan.",
    )
    services.update_identity(
        user=system_user(),
        version=v2,
        data={
            "dasar_hukum": "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur di "
            "Lingkungan Pemerintah Provinsi dan Kabupaten/Kota\n"
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 88 Tahun 2021 "
            "tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah\n"
            "Peraturan Bupati Banyumas Nomor 94 Tahun 2021 tentang Organisasi dan Tata Kerja "
            "Dinsospermasdes Kabupaten Banyumas",
            "kualifikasi_pelaksana": "Memahami tugas, fungsi dan indikator kinerja Dinsospermasdes\n"
            "Mampu menganalisis capaian kinerja\nMenguasai aplikasi pengolah data",
            "pencatatan": "Kepala Dinsospermasdes: lembar disposisi dan tanda tangan\nSekretaris: lembar disposisi dan "
            "paraf\n"
            "Kasubbag Perencanaan dan Keuangan: lembar disposisi, paraf dan arsip dokumen\nSetiap tahap "
            "terdokumentasi dalam bentuk softcopy dan hardcopy",
            "peringatan": "Data kinerja yang tidak divalidasi unit kerja menghasilkan capaian yang tidak dapat "
            "dipertanggungjawabkan\nKeterlambatan pengukuran menghambat penyusunan laporan kinerja",
            "pj_produk": "Kepala Dinsospermasdes",
            "pj_kegiatan": "Sekretaris Dinsospermasdes selaku Ketua Tim SAKIP",
            "ruang_lingkup": "Sekretariat dan seluruh bidang Dinsospermasdes, triwulanan dan tahunan",
        },
    )
    services.save_procedure(
        user=system_user(),
        version=v2,
        lanes=[
            _lane(V2_LANES[0], Lane.Mapping.POSITION, head),
            _lane(V2_LANES[1], Lane.Mapping.POSITION, sek),
            _lane(V2_LANES[2], Lane.Mapping.TIM_ROLE, tim_role=TimSakipMember.Role.SEKRETARIS),
            _lane(V2_LANES[3], Lane.Mapping.UNIT_HEADS),
            _lane(V2_LANES[4], Lane.Mapping.TIM_ROLE, tim_role=TimSakipMember.Role.ANGGOTA),
        ],
        steps=_link(_steps(V2_STEPS), named),
    )
    _approve(v2, date(2023, 1, 2), date(2023, 1, 2))

    # --- a unit's own SOP, still a draft ---------------------------------------------------------------
    rehsos = Unit.objects.get(opd=dinas, name="Bidang Rehabilitasi Sosial")
    kasi = positions["Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia"]
    peksos = positions["Pekerja Sosial Ahli Muda"]
    kabid = positions["Kepala Bidang Rehabilitasi Sosial"]
    draft = services.create_sop(
        user=system_user(),
        opd=dinas,
        unit=rehsos,
        number="460/RS-01",
        judul="Verifikasi Data Calon Penerima Rehabilitasi Sosial Lanjut Usia",
        source="demo",
        jenis=Jenis.TEKNIS,
        jenis_kegiatan=JenisKegiatan.PELAYANAN,
        made_on=date.today(),
        dasar_hukum="Peraturan Menteri Sosial Nomor 7 Tahun 2022 tentang Asistensi Rehabilitasi Sosial",
        kualifikasi_pelaksana="Pekerja sosial profesional",
        peralatan="Formulir asesmen\nKomputer",
        peringatan="Bantuan tidak tepat sasaran",
        pencatatan="Formulir asesmen dan berita acara verifikasi",
        pj_produk="Kepala Bidang Rehabilitasi Sosial",
        pj_kegiatan="Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia",
        ruang_lingkup="Calon penerima rehabilitasi sosial lanjut usia",
    )
    services.save_procedure(
        user=system_user(),
        version=draft,
        lanes=[
            _lane("Kepala Bidang Rehabilitasi Sosial", Lane.Mapping.POSITION, kabid),
            _lane("Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia", Lane.Mapping.POSITION, kasi),
            _lane("Pekerja Sosial", Lane.Mapping.POSITION, peksos),
        ],
        steps=_steps(
            [
                (
                    "Menerima usulan calon penerima dari desa/kelurahan",
                    [1],
                    "start",
                    "Surat usulan",
                    15,
                    "Daftar usulan",
                    A.NONE,
                    False,
                    {},
                ),
                (
                    "Melakukan asesmen calon penerima",
                    [2],
                    "process",
                    "Formulir asesmen",
                    120,
                    "Hasil asesmen",
                    A.COLLECT,
                    True,
                    {},
                ),
                (
                    "Apakah calon penerima memenuhi kriteria?",
                    [1],
                    "decision",
                    "Hasil asesmen",
                    30,
                    "Daftar calon terverifikasi",
                    A.VALIDATE,
                    True,
                    {"ya_ke": 4, "tidak_ke": 5},
                ),
                (
                    "Menetapkan daftar penerima",
                    [0],
                    "process",
                    "Daftar calon terverifikasi",
                    15,
                    "Daftar penerima",
                    A.SIGN,
                    False,
                    {},
                ),
                (
                    "Mengarsipkan berkas verifikasi",
                    [1],
                    "end",
                    "Berkas verifikasi",
                    10,
                    "Arsip verifikasi",
                    A.ARCHIVE,
                    False,
                    {},
                ),
            ]
        ),
    )
    return _context(dinas)


def _context(dinas):
    """Keys for the later demo loaders: the register entry, the version attached to the 2022 statement, and its
    revision."""
    sop = Sop.objects.get(opd=dinas, number=SEED_NOMOR)
    versions = {v.version: v for v in sop.versions.all()}
    return {"sop_pengukuran": sop, "sop_pengukuran_2022": versions.get(1), "sop_pengukuran_revisi": versions.get(2)}


def seed_version(opd, version=1) -> SopVersion:
    return SopVersion.objects.get(sop__opd=opd, sop__number=SEED_NOMOR, version=version)
