"""Reference data of the documents app: classification codes (from sakip/core/reference) and retention rules."""

import csv
from pathlib import Path

from django.conf import settings

from sakip.documents.models import DocumentType, Klasifikasi, RetentionRule

CORE_REFERENCE = Path(settings.BASE_DIR) / "sakip" / "core" / "reference"
HERE = Path(__file__).resolve().parent
KLASIFIKASI_FILES = ["klasifikasi_arsip.csv", "klasifikasi_arsip_2022_examples.csv"]

# Letter and document types: code, name, number format, register, default klasifikasi (scheme 78/2012), is_letter,
# numbered, heavy, order
DOCUMENT_TYPES = [
    (
        "surat_pernyataan",
        "Surat Pernyataan",
        "{klasifikasi}/{urut}/{tahun}",
        "surat-keluar",
        "700",
        True,
        True,
        False,
        10,
    ),
    (
        "surat_pengantar",
        "Surat Pengantar",
        "{klasifikasi}/{urut}/{tahun}",
        "surat-keluar",
        "000",
        True,
        True,
        False,
        11,
    ),
    ("nota_dinas", "Nota Dinas", "{klasifikasi}/{urut}/{tahun}", "surat-keluar", "000", True, True, False, 12),
    ("undangan", "Undangan Rapat", "{klasifikasi}/{urut}/{tahun}", "surat-keluar", "005", True, True, False, 13),
    ("disposisi", "Lembar Disposisi", "{urut}/{tahun}", "disposisi", "", True, False, False, 14),
    ("berita_acara", "Berita Acara", "{klasifikasi}/{urut}/{tahun}", "surat-keluar", "000", True, True, False, 15),
    ("sop", "Standar Operasional Prosedur", "{klasifikasi}/{urut}", "sop", "061.1", False, True, False, 30),
    (
        "perjanjian_kinerja",
        "Perjanjian Kinerja",
        "{klasifikasi}/{urut}/{tahun}",
        "surat-keluar",
        "050",
        False,
        True,
        True,
        31,
    ),
    (
        "dokumen_pengukuran",
        "Dokumen Pengukuran Kinerja",
        "{klasifikasi}/{urut}/{tahun}",
        "surat-keluar",
        "050",
        False,
        True,
        True,
        32,
    ),
    ("lkjip", "Laporan Kinerja (LKjIP)", "{klasifikasi}/{urut}/{tahun}", "surat-keluar", "050", False, True, True, 33),
    (
        "lkjip_pemda",
        "Laporan Kinerja (LKjIP) Pemda",
        "{klasifikasi}/{urut}/{tahun}",
        "surat-keluar",
        "050",
        False,
        True,
        True,
        34,
    ),
    (
        "lhe",
        "Laporan Hasil Evaluasi (LHE)",
        "{klasifikasi}/{urut}/{tahun}",
        "surat-keluar",
        "700",
        False,
        True,
        True,
        34,
    ),
    ("lainnya", "Dokumen lainnya", "{klasifikasi}/{urut}/{tahun}", "surat-keluar", "", False, True, False, 90),
]


def load_klasifikasi() -> int:
    """Insert/update the classification codes of both schemes. Returns the number of rows."""
    count = 0
    for filename in KLASIFIKASI_FILES:
        with open(CORE_REFERENCE / filename, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                Klasifikasi.objects.update_or_create(
                    scheme=row["scheme"].strip(),
                    code=row["code"].strip(),
                    defaults={"name": row["name"].strip(), "parent_code": row["parent_code"].strip()},
                )
                count += 1
    # 005 Undangan is used on invitations everywhere (Permendagri 78/2012, under 000 Umum).
    Klasifikasi.objects.get_or_create(
        scheme="Permendagri 78/2012", code="005", defaults={"name": "Undangan", "parent_code": "000"}
    )
    return count


def load_retention() -> int:
    count = 0
    with open(HERE / "retensi.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            RetentionRule.objects.update_or_create(
                scheme=row["scheme"].strip(),
                code=row["code"].strip(),
                defaults={
                    "active_years": int(row["active_years"]),
                    "inactive_years": int(row["inactive_years"]),
                    "disposition": row["disposition"].strip(),
                    "note": row["note"].strip(),
                },
            )
            count += 1
    return count


# Types signed by the Kepala OPD (or Plt./Plh.) whoever prepares them: they leave the OPD (to the Bupati, the
# Inspektorat) or bind it. Permendagri 1/2023; docs/documents.md "Who signs".
SIGNED_BY_HEAD = ("surat_pernyataan", "surat_pengantar", "undangan", "dokumen_pengukuran")


def load_document_types() -> None:
    for code, name, fmt, key, klas, is_letter, numbered, heavy, order in DOCUMENT_TYPES:
        default = Klasifikasi.objects.filter(scheme="Permendagri 78/2012", code=klas).first() if klas else None
        obj, created = DocumentType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "number_format": fmt,
                "sequence_key": key,
                "default_klasifikasi": default,
                "is_letter": is_letter,
                "numbered": numbered,
                "heavy": heavy,
                "order": order,
                "signer": "kepala" if code in SIGNED_BY_HEAD else "pelaksana",
            },
        )
        if not created and obj.default_klasifikasi_id is None and default is not None:
            obj.default_klasifikasi = default
            obj.save(update_fields=["default_klasifikasi"])


def ensure_reference() -> None:
    """Load the reference data when a table is still empty (cheap when loaded)."""
    if not Klasifikasi.objects.exists():
        load_klasifikasi()
    if not RetentionRule.objects.exists():
        load_retention()
    if not DocumentType.objects.filter(code="surat_pengantar").exists():
        load_document_types()
