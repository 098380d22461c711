from django.core.management.base import BaseCommand

from sakip.planning.reference import NOMENKLATUR_CSV, load_nomenclature


class Command(BaseCommand):
    help = "Memuat nomenklatur program/kegiatan/sub kegiatan (Permendagri 90/2019) dari berkas CSV (idempoten)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(NOMENKLATUR_CSV))

    def handle(self, *args, path, **options):
        n = load_nomenclature(path)
        self.stdout.write(self.style.SUCCESS(f"{n} baris nomenklatur dimuat."))
