from django.core.management.base import BaseCommand

from sakip.core.reference import rows
from sakip.organization.models import Golongan


class Command(BaseCommand):
    help = "Memuat tabel referensi pangkat/golongan PNS dan golongan PPPK."

    def handle(self, *args, **options):
        for row in rows("pangkat_golongan"):
            Golongan.objects.update_or_create(
                scheme="pns", golongan=row["golongan"], defaults={"pangkat": row["pangkat"], "order": int(row["order"])}
            )
        for row in rows("pppk_golongan"):
            Golongan.objects.update_or_create(
                scheme="pppk", golongan=row["golongan"], defaults={"pangkat": "", "order": int(row["order"])}
            )
        self.stdout.write(self.style.SUCCESS(f"{Golongan.objects.count()} golongan dimuat."))
