"""Remind the OPDs of recommendations due soon or overdue (run daily, e.g. from cron)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from sakip.evaluation.services import send_reminders


class Command(BaseCommand):
    help = "Kirim pengingat tindak lanjut rekomendasi LHE yang jatuh tempo atau lewat batas waktu."

    def add_arguments(self, parser):
        parser.add_argument("--tanggal", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini).")
        parser.add_argument("--dry-run", action="store_true", help="Tampilkan saja, jangan kirim e-mail.")

    def handle(self, *args, tanggal=None, dry_run=False, **options):
        on = None
        if tanggal:
            try:
                on = date.fromisoformat(tanggal)
            except ValueError:
                raise CommandError("Tanggal harus berformat YYYY-MM-DD.") from None
        sent = send_reminders(on=on, dry_run=dry_run)
        ref = on or date.today()
        for rec, recipients in sent:
            ev = rec.finding.evaluation
            status = "LEWAT" if rec.due_date < ref else "jatuh tempo"
            self.stdout.write(
                f"{ev.opd.akronim} {ev.year} {rec.finding.letter}.{rec.number} {rec.subject} — {status} "
                f"{rec.due_date:%d/%m/%Y} → {', '.join(recipients) or '(tanpa e-mail)'}"
            )
        self.stdout.write(
            self.style.SUCCESS(f"{len(sent)} pengingat{' (uji coba, tidak dikirim)' if dry_run else ''}.")
        )
