"""Whole-number satuan (issue 10 item 2; docs/capaian.md, "Bilangan bulat per satuan").

Satuan stays free text on the indicator. Whether its values must be whole numbers is decided by
`Indicator.whole_number`: True (bilangan bulat), False (boleh desimal) or None ("menurut satuan"), which
reads the satuan text against the list below. A satuan counts as whole when its first word is a known
count (so "orang", "Orang", "orang/tahun", "dokumen RKT" are whole; "%", "persen", "indeks", "nilai",
"hari", "menit" are not). The list names things that are counted one by one; a Pemda whose satuan is not
in it sets the flag on the indicator instead.
"""

from __future__ import annotations

import re

# Things counted one by one: a fraction of them is a typing error.
WHOLE_SATUAN = frozenset(
    {
        "anak",
        "bangunan",
        "berkas",
        "buah",
        "desa",
        "dokumen",
        "jiwa",
        "kali",
        "kasus",
        "kecamatan",
        "kegiatan",
        "kelompok",
        "keluarga",
        "kelurahan",
        "kk",
        "kpm",
        "laporan",
        "lembaga",
        "lokasi",
        "naskah",
        "opd",
        "orang",
        "organisasi",
        "paket",
        "pegawai",
        "peraturan",
        "perda",
        "perkara",
        "produk",
        "program",
        "rekomendasi",
        "rumah",
        "rtlh",
        "sekolah",
        "set",
        "sk",
        "surat",
        "titik",
        "unit",
        "usaha",
        "ukm",
        "umkm",
        "wilayah",
    }
)


def satuan_key(text: str) -> str:
    """The first word of a satuan, lower case ("Orang/tahun" → "orang", "% " → "%")."""
    words = re.split(r"[\s/()\-,.]+", (text or "").strip().lower())
    return next((w for w in words if w), "")


def satuan_is_whole(text: str) -> bool:
    """True when the satuan names a count (WHOLE_SATUAN); "%", "indeks", "nilai", blank … → False."""
    return satuan_key(text) in WHOLE_SATUAN
