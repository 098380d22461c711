"""Check a PDF on the command line: ASLI (exit 0), BERUBAH (exit 1), TIDAK DIKENAL (exit 2)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.core.formats import tanggal
from sakip.documents.services import verify_pdf

EXIT = {"asli": 0, "lain": 0, "berubah": 1, "tidak_dikenal": 2, "bukan_pdf": 2}


class Command(BaseCommand):
    help = "Memeriksa keaslian berkas PDF terhadap arsip sakip: ASLI (0), BERUBAH (1), TIDAK DIKENAL (2)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas PDF yang diperiksa")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {file}")
        result = verify_pdf(path.read_bytes())
        doc = result["document"]
        status = result["status"]
        if status in ("asli", "lain"):
            signed = "bertanda tangan elektronik sah" if doc.signed else "tanpa tanda tangan elektronik"
            self.stdout.write(
                f"ASLI — {doc.doc_type.name} nomor {doc.number or '-'} tanggal {tanggal(doc.date)}, "
                f"{doc.opd.name}, ditandatangani {doc.signer_name or '-'}; {signed}; kode "
                f"{doc.code_display}; SHA-256 {result['sha256']}"
            )
        elif status == "berubah":
            ref = f"{doc.doc_type.name} nomor {doc.number or '-'} (kode {doc.code_display})" if doc else "dokumen sakip"
            self.stdout.write(
                f"BERUBAH — berkas memuat kode verifikasi sakip untuk {ref}, tetapi isinya berbeda dari "
                f"arsip aslinya (SHA-256 {result['sha256']})."
            )
        elif status == "bukan_pdf":
            self.stdout.write("TIDAK DIKENAL — berkas bukan PDF.")
        else:
            self.stdout.write(
                f"TIDAK DIKENAL — sakip tidak memiliki dokumen dengan berkas ini (SHA-256 {result['sha256']})."
            )
        sys.stdout.flush()
        code = EXIT[status]
        if code:
            raise SystemExit(code)
