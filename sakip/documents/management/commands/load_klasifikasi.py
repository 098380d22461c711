from django.core.management.base import BaseCommand

from sakip.documents.reference import load_document_types, load_klasifikasi, load_retention


class Command(BaseCommand):
    help = "Memuat kode klasifikasi arsip (Permendagri 78/2012 dan 83/2022), aturan retensi dan jenis dokumen."

    def handle(self, *args, **options):
        n = load_klasifikasi()
        r = load_retention()
        load_document_types()
        self.stdout.write(self.style.SUCCESS(f"{n} kode klasifikasi, {r} aturan retensi dimuat."))
