"""Reference data of the LKE of PermenPAN-RB 88/2021 (Lampiran I), as plain Python data.

Pure module (no Django): the scoring module builds its default template from it and the
`seed_lke_88_2021` service copies it into the database, where an administrator may copy it
as a new version. Sources and confidence: docs/rules.md §4 and
sakip/core/reference/README.md §4 (weights and names [C]; criteria paraphrased [C]).
"""

import csv
from decimal import Decimal
from pathlib import Path

KEY_88_2021 = "88/2021"
NAME_88_2021 = "LKE PermenPAN-RB 88/2021"
REGULATION_88_2021 = (
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 88 Tahun 2021 "
    "tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah"
)
CSV_PATH = Path(__file__).resolve().parent.parent / "core" / "reference" / "lke_88_2021.csv"

# Sub-component kind: a = pemenuhan/keberadaan, b = kualitas, c = pemanfaatan/implementasi.
KIND_LABELS = {"a": "Pemenuhan", "b": "Kualitas", "c": "Pemanfaatan"}

# The answer scale per sub-component (docs/rules.md §4): code, value (% of the sub-component weight),
# condition for "a" (pemenuhan), condition for "b"/"c" (kualitas/pemanfaatan).
ANSWER_SCALE = [
    (
        "AA",
        Decimal("100"),
        "Seluruh kriteria telah terpenuhi (100%) dan terpelihara minimal 5 tahun terakhir",
        "Seluruh kriteria telah terpenuhi secara berkualitas, dan terdapat upaya inovatif yang layak "
        "menjadi percontohan secara nasional",
    ),
    (
        "A",
        Decimal("90"),
        "Seluruh kriteria telah terpenuhi (100%) dan terpelihara minimal 1 tahun terakhir",
        "Seluruh kriteria telah terpenuhi secara berkualitas, dan terdapat beberapa upaya yang bisa "
        "dihargai dari pemenuhan kriteria",
    ),
    (
        "BB",
        Decimal("80"),
        "Seluruh kriteria telah terpenuhi (100%) sesuai dengan mandat kebijakan nasional",
        "Seluruh kriteria telah terpenuhi secara berkualitas sesuai dengan mandat kebijakan nasional",
    ),
    (
        "B",
        Decimal("70"),
        "Sebagian besar kriteria telah terpenuhi (>75% sampai <100%)",
        "Sebagian besar kriteria telah terpenuhi secara berkualitas (>75% sampai <100%)",
    ),
    (
        "CC",
        Decimal("60"),
        "Sebagian besar kriteria telah terpenuhi (>50% sampai 75%)",
        "Sebagian besar kriteria telah terpenuhi secara berkualitas (>50% sampai 75%)",
    ),
    (
        "C",
        Decimal("50"),
        "Sebagian kecil kriteria telah terpenuhi (>25% sampai 50%)",
        "Sebagian kecil kriteria telah terpenuhi secara berkualitas (>25% sampai 50%)",
    ),
    (
        "D",
        Decimal("30"),
        "Sudah ada upaya pemenuhan kriteria (>0% sampai 25%)",
        "Sudah ada upaya pemenuhan kriteria secara berkualitas (>0% sampai 25%)",
    ),
    ("E", Decimal("0"), "Belum ada upaya sama sekali", "Belum ada upaya sama sekali"),
]

# Predicate bands of the final score (docs/rules.md §4): code, lower bound (exclusive by default), upper
# bound (inclusive), label, interpretation. The lowest band also holds its lower bound (0 → D).
PREDICATE_BANDS = [
    (
        "AA",
        Decimal("90"),
        Decimal("100"),
        "Sangat Memuaskan",
        "Telah terwujud good governance. Seluruh kinerja dikelola dengan sangat memuaskan di seluruh unit kerja. "
        "Telah terbentuk pemerintah yang dinamis, adaptif, dan efisien. Pengukuran kinerja telah "
        "dilakukan sampai ke level individu.",
    ),
    (
        "A",
        Decimal("80"),
        Decimal("90"),
        "Memuaskan",
        "Terdapat gambaran bahwa instansi pemerintah/unit kerja dapat memimpin perubahan dalam mewujudkan pemerintahan "
        "berorientasi hasil. Pengukuran kinerja telah dilakukan sampai ke level eselon IV/pengawas/subkoordinator.",
    ),
    (
        "BB",
        Decimal("70"),
        Decimal("80"),
        "Sangat Baik",
        "Akuntabilitas kinerja sangat baik pada 2/3 unit kerja, baik unit kerja utama maupun pendukung. "
        "Telah memiliki sistem "
        "manajemen kinerja berbasis teknologi informasi yang andal, dan mulai terwujud efisiensi penggunaan anggaran. "
        "Pengukuran kinerja telah dilakukan sampai ke level eselon III/koordinator.",
    ),
    (
        "B",
        Decimal("60"),
        Decimal("70"),
        "Baik",
        "Akuntabilitas kinerja baik pada 1/3 unit kerja, terutama unit kerja utama. Masih perlu sedikit "
        "perbaikan dan komitmen "
        "dalam manajemen kinerja. Pengukuran kinerja baru dilaksanakan sampai ke level eselon II/unit kerja.",
    ),
    (
        "CC",
        Decimal("50"),
        Decimal("60"),
        "Cukup (Memadai)",
        "Akuntabilitas kinerja cukup baik. Masih perlu banyak perbaikan yang tidak mendasar, khususnya "
        "akuntabilitas kinerja pada unit kerja.",
    ),
    (
        "C",
        Decimal("30"),
        Decimal("50"),
        "Kurang",
        "Sistem dan tatanan kurang dapat diandalkan. Belum terimplementasi sistem manajemen kinerja. "
        "Masih perlu banyak perbaikan mendasar.",
    ),
    (
        "D",
        Decimal("0"),
        Decimal("30"),
        "Sangat Kurang",
        "Sistem dan tatanan sama sekali tidak dapat diandalkan untuk penerapan manajemen kinerja. Perlu "
        "banyak perbaikan dan "
        "perubahan yang sangat mendasar.",
    ),
]

# The 80 criteria of docs/rules.md §4, written out in the wording evaluators use (paraphrased, [C]).
# Each: (sub-component code, criterion text, typical evidence).
CRITERIA = {
    "1.a": [
        ("Terdapat pedoman teknis perencanaan kinerja", "SOP penyusunan dokumen perencanaan kinerja"),
        ("Terdapat dokumen perencanaan kinerja jangka panjang", "RPJPD"),
        ("Terdapat dokumen perencanaan kinerja jangka menengah (Renstra)", "RPJMD, Renstra Perangkat Daerah"),
        (
            "Terdapat dokumen perencanaan kinerja jangka pendek (Renja, IKU, Perjanjian Kinerja)",
            "Renja, IKU dan manual IKU, Perjanjian Kinerja",
        ),
        (
            "Terdapat dokumen perencanaan aktivitas yang mendukung kinerja (Rencana Aksi)",
            "Rencana Aksi dan monitoringnya",
        ),
        ("Terdapat dokumen perencanaan anggaran yang mendukung kinerja (DPA)", "DPA/DPA Perubahan"),
    ],
    "1.b": [
        ("Dokumen perencanaan kinerja telah diformalkan", "Dokumen yang ditandatangani/ditetapkan"),
        ("Dokumen perencanaan kinerja telah dipublikasikan tepat waktu", "Tangkapan layar publikasi e-SAKIP/situs web"),
        (
            "Dokumen perencanaan kinerja telah menggambarkan kebutuhan atas kinerja sebenarnya yang perlu dicapai",
            "Renstra, pohon kinerja",
        ),
        (
            "Kualitas rumusan hasil (tujuan/sasaran) telah jelas menggambarkan kondisi kinerja yang akan dicapai",
            "Renstra, Perjanjian Kinerja",
        ),
        ("Ukuran keberhasilan (indikator kinerja) telah memenuhi kriteria SMART", "IKU dan manual IKU"),
        (
            "Indikator Kinerja Utama (IKU) telah menggambarkan kondisi kinerja utama yang harus dicapai "
            "dan tidak sering berubah dalam satu periode Renstra",
            "Keputusan IKU",
        ),
        (
            "Target yang ditetapkan dalam perencanaan kinerja dapat dicapai (achievable), menantang, dan realistis",
            "Renstra, Perjanjian Kinerja, capaian tahun lalu",
        ),
        (
            "Setiap dokumen perencanaan kinerja menggambarkan hubungan yang berkesinambungan serta "
            "selaras antara kondisi/hasil yang akan dicapai di setiap level jabatan (cascading)",
            "Pohon kinerja, cascading sampai IKI",
        ),
        (
            "Perencanaan kinerja dapat memberikan informasi tentang hubungan kinerja, strategi, "
            "kebijakan, bahkan aktivitas antarbidang/dengan tugas dan fungsi lain yang berkaitan "
            "(crosscutting)",
            "Matriks crosscutting",
        ),
        (
            "Setiap unit/satuan kerja merumuskan dan menetapkan perencanaan kinerja",
            "Perjanjian Kinerja seluruh pejabat",
        ),
        ("Setiap pegawai merumuskan dan menetapkan perencanaan kinerja", "SKP dan IKI seluruh pegawai"),
    ],
    "1.c": [
        ("Anggaran yang ditetapkan telah mengacu pada kinerja yang ingin dicapai", "DPA, Perjanjian Kinerja"),
        ("Aktivitas yang dilaksanakan telah mendukung kinerja yang ingin dicapai", "Rencana Aksi, KAK"),
        (
            "Target yang ditetapkan dalam Perjanjian Kinerja telah tercapai dengan baik, atau setidaknya "
            "masih on the right track",
            "Pengukuran kinerja triwulanan",
        ),
        (
            "Rencana aksi kinerja dapat berjalan dinamis karena capaian kinerja selalu dipantau secara berkala",
            "Monitoring Rencana Aksi",
        ),
        (
            "Terdapat perbaikan/penyempurnaan dokumen perencanaan kinerja yang ditetapkan dari hasil "
            "analisis perbaikan kinerja sebelumnya",
            "Reviu Renstra/PK perubahan",
        ),
        (
            "Terdapat perbaikan/penyempurnaan dokumen perencanaan kinerja dalam mewujudkan kondisi/hasil "
            "yang lebih baik",
            "PK perubahan, notulen",
        ),
        (
            "Setiap unit/satuan kerja memahami dan peduli, serta berkomitmen dalam mencapai kinerja yang "
            "telah direncanakan",
            "Notulen rapat kinerja",
        ),
        (
            "Setiap pegawai memahami dan peduli, serta berkomitmen dalam mencapai kinerja yang telah direncanakan",
            "SKP, notulen",
        ),
    ],
    "2.a": [
        (
            "Terdapat pedoman teknis pengukuran kinerja dan pengumpulan data kinerja",
            "SOP Pengukuran Kinerja, SOP pengumpulan data",
        ),
        ("Terdapat definisi operasional yang jelas atas kinerja dan cara mengukur indikator kinerja", "Manual IKU"),
        (
            "Terdapat mekanisme yang jelas terhadap pengumpulan data kinerja yang dapat diandalkan",
            "Prosedur dan validasi data kinerja",
        ),
    ],
    "2.b": [
        (
            "Pimpinan selalu terlibat sebagai pengambil keputusan (decision maker) dalam mengukur capaian kinerja",
            "Notulen, disposisi pimpinan",
        ),
        (
            "Data kinerja yang dikumpulkan telah relevan untuk mengukur capaian kinerja yang diharapkan",
            "Data dukung realisasi",
        ),
        ("Data kinerja yang dikumpulkan telah mendukung capaian kinerja yang diharapkan", "Data dukung realisasi"),
        ("Pengukuran kinerja telah dilakukan secara berkala", "Laporan pengukuran triwulan I–IV"),
        (
            "Setiap level organisasi melakukan pemantauan atas pengukuran capaian kinerja unit di "
            "bawahnya secara berjenjang",
            "Validasi berjenjang",
        ),
        ("Pengumpulan data kinerja telah memanfaatkan teknologi informasi (aplikasi)", "Aplikasi pengumpulan data"),
        ("Pengukuran capaian kinerja telah memanfaatkan teknologi informasi (aplikasi)", "Aplikasi pengukuran kinerja"),
    ],
    "2.c": [
        (
            "Pengukuran kinerja telah menjadi dasar dalam penyesuaian (pemberian/pengurangan) tunjangan "
            "kinerja/penghasilan",
            "Dokumen TPP",
        ),
        (
            "Pengukuran kinerja telah menjadi dasar dalam penempatan/penghapusan jabatan baik struktural "
            "maupun fungsional",
            "SK mutasi berbasis kinerja",
        ),
        ("Pengukuran kinerja telah mempengaruhi penyesuaian (refocusing) organisasi", "Notulen, kebijakan"),
        ("Pengukuran kinerja telah mempengaruhi penyesuaian strategi dalam mencapai kinerja", "Notulen, kebijakan"),
        ("Pengukuran kinerja telah mempengaruhi penyesuaian kebijakan dalam mencapai kinerja", "Notulen, kebijakan"),
        (
            "Pengukuran kinerja telah mempengaruhi penyesuaian aktivitas dalam mencapai kinerja",
            "Rencana Aksi perubahan",
        ),
        ("Pengukuran kinerja telah mempengaruhi penyesuaian anggaran dalam mencapai kinerja", "DPA Perubahan"),
        ("Terdapat efisiensi atas penggunaan anggaran dalam mencapai kinerja", "Analisis efisiensi"),
        ("Setiap unit/satuan kerja memahami dan peduli atas hasil pengukuran kinerja", "Notulen rapat evaluasi"),
        ("Setiap pegawai memahami dan peduli atas hasil pengukuran kinerja", "Penilaian SKP"),
    ],
    "3.a": [
        ("Terdapat dokumen laporan kinerja", "LKjIP"),
        ("Dokumen laporan kinerja telah disusun secara berkala", "Laporan kinerja triwulan dan tahunan"),
        ("Dokumen laporan kinerja telah diformalkan", "LKjIP yang ditandatangani"),
        ("Dokumen laporan kinerja telah direviu", "LHR Inspektorat, pernyataan telah direviu"),
        ("Dokumen laporan kinerja telah dipublikasikan", "Tangkapan layar publikasi"),
        ("Dokumen laporan kinerja telah disampaikan tepat waktu", "Tanda terima/surat pengantar"),
    ],
    "3.b": [
        (
            "Dokumen laporan kinerja disusun secara berkualitas sesuai dengan standar",
            "LKjIP (format PermenPAN-RB 53/2014)",
        ),
        ("Dokumen laporan kinerja telah mengungkap seluruh informasi tentang pencapaian kinerja", "LKjIP"),
        (
            "Dokumen laporan kinerja telah menginfokan perbandingan realisasi kinerja dengan target tahunan",
            "LKjIP Bab III",
        ),
        (
            "Dokumen laporan kinerja telah menginfokan perbandingan realisasi kinerja dengan target jangka menengah",
            "LKjIP Bab III",
        ),
        (
            "Dokumen laporan kinerja telah menginfokan perbandingan realisasi kinerja dengan realisasi "
            "kinerja tahun-tahun sebelumnya",
            "LKjIP Bab III",
        ),
        (
            "Dokumen laporan kinerja telah menginfokan perbandingan realisasi kinerja dengan realisasi "
            "kinerja di level nasional/internasional (benchmark kinerja)",
            "LKjIP Bab III",
        ),
        (
            "Dokumen laporan kinerja telah menginfokan kualitas atas capaian kinerja beserta upaya nyata "
            "dan/atau hambatannya",
            "LKjIP Bab III",
        ),
        (
            "Dokumen laporan kinerja telah menginfokan efisiensi atas penggunaan sumber daya dalam mencapai kinerja",
            "LKjIP Bab III",
        ),
        (
            "Dokumen laporan kinerja telah menginfokan upaya perbaikan dan penyempurnaan kinerja ke depan "
            "(rekomendasi perbaikan kinerja)",
            "LKjIP Bab IV",
        ),
    ],
    "3.c": [
        (
            "Informasi dalam laporan kinerja selalu menjadi perhatian utama pimpinan (bertanggung jawab)",
            "Disposisi, notulen",
        ),
        ("Penyajian informasi dalam laporan kinerja menjadi kepedulian seluruh pegawai", "Notulen sosialisasi"),
        (
            "Informasi dalam laporan kinerja berkala telah digunakan dalam penyesuaian aktivitas untuk "
            "mencapai kinerja",
            "Rencana Aksi perubahan",
        ),
        (
            "Informasi dalam laporan kinerja berkala telah digunakan dalam penyesuaian penggunaan "
            "anggaran untuk mencapai kinerja",
            "DPA Perubahan",
        ),
        (
            "Informasi dalam laporan kinerja telah digunakan dalam evaluasi pencapaian keberhasilan kinerja",
            "Notulen evaluasi",
        ),
        (
            "Informasi dalam laporan kinerja telah digunakan dalam penyesuaian perencanaan kinerja yang "
            "akan dihadapi berikutnya",
            "Renja tahun berikutnya",
        ),
        (
            "Informasi dalam laporan kinerja selalu mempengaruhi perubahan budaya kinerja organisasi",
            "Notulen, kebijakan",
        ),
    ],
    "4.a": [
        (
            "Terdapat pedoman teknis evaluasi akuntabilitas kinerja internal",
            "Peraturan Bupati tentang evaluasi AKIP, SOP evaluasi internal",
        ),
        (
            "Evaluasi akuntabilitas kinerja internal telah dilaksanakan pada seluruh unit kerja",
            "Laporan evaluasi internal",
        ),
        ("Evaluasi akuntabilitas kinerja internal telah dilaksanakan secara berjenjang", "Laporan evaluasi internal"),
    ],
    "4.b": [
        ("Evaluasi akuntabilitas kinerja internal telah dilaksanakan sesuai standar", "Kertas kerja evaluasi"),
        ("Evaluasi akuntabilitas kinerja internal telah dilaksanakan oleh SDM yang memadai", "SK tim evaluator"),
        (
            "Evaluasi akuntabilitas kinerja internal telah dilaksanakan dengan pendalaman yang memadai",
            "Kertas kerja evaluasi",
        ),
        (
            "Evaluasi akuntabilitas kinerja internal telah dilaksanakan pada seluruh unit kerja",
            "Laporan evaluasi internal",
        ),
        (
            "Evaluasi akuntabilitas kinerja internal telah dilaksanakan menggunakan teknologi informasi (aplikasi)",
            "Aplikasi evaluasi",
        ),
    ],
    "4.c": [
        (
            "Seluruh rekomendasi atas hasil evaluasi akuntabilitas kinerja internal telah ditindaklanjuti",
            "Matriks tindak lanjut LHE tahun lalu",
        ),
        (
            "Telah terjadi peningkatan implementasi SAKIP dengan melaksanakan tindak lanjut atas "
            "rekomendasi hasil evaluasi akuntabilitas kinerja internal",
            "Perbandingan nilai LKE",
        ),
        (
            "Hasil evaluasi akuntabilitas kinerja internal telah dimanfaatkan untuk perbaikan dan "
            "peningkatan akuntabilitas kinerja",
            "Rencana perbaikan",
        ),
        (
            "Hasil evaluasi akuntabilitas kinerja internal telah dimanfaatkan dalam mendukung efektivitas "
            "dan efisiensi kinerja",
            "Rencana perbaikan",
        ),
        (
            "Telah terjadi perbaikan dan peningkatan kinerja dengan memanfaatkan hasil evaluasi "
            "akuntabilitas kinerja internal",
            "Perbandingan capaian kinerja",
        ),
    ],
}


def load_structure(path=CSV_PATH):
    """Components and sub-components from the reference CSV: (components, subcomponents) where
    components = [(code, name, weight)] and subcomponents = [(code, component code, kind, name, weight)]."""
    components, subcomponents = [], []
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code, weight = row["code"].strip(), Decimal(row["bobot"].strip())
            if row["level"].strip() == "komponen":
                components.append((code, row["name"].strip(), weight))
            else:
                component, kind = code.split(".")
                subcomponents.append((code, component, kind, row["name"].strip(), weight))
    return components, subcomponents


def criterion_count():
    return sum(len(items) for items in CRITERIA.values())
