"""manage.py esr_package --year N -o FILE [--pemda NAME]: the Pemda's ESR package as a ZIP (sakip.reporting.esr)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.organization.models import Pemda
from sakip.reporting import esr


class Command(BaseCommand):
    help = "Menyusun paket ESR (Renstra, IKU, PK, LKjIP setiap OPD dan LKjIP Pemda) satu tahun sebagai ZIP."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("-o", "--output", required=True)
        parser.add_argument("--pemda", default="", help="Nama Pemda (bawaan: satu-satunya Pemda).")

    def handle(self, *args, year, output, pemda, **options):
        qs = Pemda.objects.filter(name__iexact=pemda) if pemda else Pemda.objects.all()
        found = list(qs[:2])
        if len(found) != 1:
            raise CommandError("Pemda tidak ditemukan." if not found else "Sebutkan --pemda: ada lebih dari satu.")
        with Path(output).open("wb") as f:
            manifest = esr.build(found[0], year, f)
        self.stdout.write(f"{output}: {len(manifest['files'])} berkas, {len(manifest['missing'])} kekurangan")
        for m in manifest["missing"]:
            self.stdout.write(f"  - {m['opd']}: {m['reason']}")
