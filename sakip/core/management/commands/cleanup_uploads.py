"""`manage.py cleanup_uploads [--hours N]`: delete import uploads left behind by previews that were never
applied (an applied import deletes its file at once). Run it daily from cron (docs/deployment.md)."""

import time

from django.core.management.base import BaseCommand

from sakip.core.imports import remove_stale_uploads


class Command(BaseCommand):
    help = "Menghapus berkas unggahan impor yang tidak diterapkan dan ekspor Excel yang lebih tua dari 24 jam."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=24, help="Umur minimum berkas yang dihapus (jam).")

    def handle(self, *args, hours=24, **options):
        removed = remove_stale_uploads(max_age_seconds=hours * 3600, now=time.time())
        self.stdout.write(f"{removed} berkas unggahan impor dihapus.")
