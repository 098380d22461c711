"""`manage.py scheduler`: run the jobs of SAKIP_SCHEDULE at their times (sakip.core.scheduler)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from sakip.core import scheduler
from sakip.core.tasks import run_scheduled


class Command(BaseCommand):
    help = "Menjalankan pekerjaan terjadwal (pengingat, pembersihan) pada waktunya melalui task worker."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Satu kali pemeriksaan, lalu berhenti.")
        parser.add_argument("--interval", type=int, default=30, help="Detik di antara pemeriksaan (bawaan 30).")

    def handle(self, *args, once=False, interval=30, **options):
        scheduler.parse(settings.SAKIP_SCHEDULE)  # a bad schedule is refused at once
        while True:
            for run in scheduler.claim_due():
                run_scheduled.enqueue(run.pk)
                self.stdout.write(f"{run.job}: masuk antrean ({run.day:%d/%m/%Y})")
            if once:
                return
            time.sleep(max(5, interval))
