"""Daily reminders (for cron): each person's measurement tasks that are due soon or overdue, and
the unit forms that have not been submitted yet. One message per person (inbox + e-mail; the
EMAIL_BACKEND is the console by default)."""

from collections import defaultdict
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sakip.core import notifications
from sakip.measurement import services
from sakip.measurement.models import Period, Task, UnitSubmission


class Command(BaseCommand):
    help = "Mengirim pengingat tugas pengukuran yang jatuh tempo/terlambat dan formulir unit yang belum diajukan."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=24,
            help="Tugas yang jatuh tempo dalam N jam ke depan ikut diingatkan (bawaan 24).",
        )
        parser.add_argument("--opd", help="Hanya OPD dengan akronim ini.")
        parser.add_argument("--dry-run", action="store_true", help="Tampilkan saja, jangan kirim.")

    def handle(self, *args, hours=24, opd=None, dry_run=False, **options):
        now = timezone.now()
        horizon = now + timedelta(hours=hours)
        periods = Period.objects.filter(status=Period.Status.BERJALAN).select_related("opd")
        if opd:
            periods = periods.filter(opd__akronim__iexact=opd)
        periods = list(periods)
        digest = defaultdict(lambda: {"tasks": [], "units": [], "user": None})
        tasks = list(
            Task.objects.filter(period__in=periods, status=Task.Status.AKTIF, due_at__lte=horizon)
            .select_related("period", "period__opd", "unit")
            .prefetch_related("assignees")
        )
        for task in tasks:
            for user in notifications.users_of_employees([e.pk for e in task.assignees.all()]):
                digest[user.pk]["user"] = user
                digest[user.pk]["tasks"].append(task)
        pending = list(
            UnitSubmission.objects.filter(
                period__in=periods,
                period__entry_opened_at__isnull=False,
                state__in=[UnitSubmission.State.DRAFT, UnitSubmission.State.DIKEMBALIKAN],
            ).select_related("period", "period__opd", "unit")
        )
        for submission in pending:
            for user in services._unit_users(submission):
                digest[user.pk]["user"] = user
                digest[user.pk]["units"].append(submission)
        sent = without_address = 0
        for entry in digest.values():
            user = entry["user"]
            lines = []
            for task in entry["tasks"]:
                state = "TERLAMBAT" if task.due_at < now else "jatuh tempo"
                unit = f" ({task.unit.name})" if task.unit_id else ""
                lines.append(
                    f"- {task.period.opd.akronim} {task.period.tw_label} {task.period.year}, langkah "
                    f"{task.number}{unit}: {task.uraian} — {state}, batas "
                    f"{timezone.localtime(task.due_at):%d/%m/%Y %H.%M}"
                )
            for submission in entry["units"]:
                state = (
                    "dikembalikan, perlu diperbaiki"
                    if submission.state == UnitSubmission.State.DIKEMBALIKAN
                    else "belum diajukan"
                )
                lines.append(
                    f"- Formulir {submission.unit.name} {submission.period.tw_label} {submission.period.year}: {state}"
                )
            title = f"Pengingat pengukuran kinerja: {len(entry['tasks'])} tugas, {len(entry['units'])} formulir"
            address = notifications.address_of(user)
            self.stdout.write(f"{user.username:<14} {address or '(tanpa e-mail)':<32} {title}")
            if dry_run:
                continue
            if not address:
                without_address += 1
            with transaction.atomic():
                notifications.notify(
                    [user],
                    title=title,
                    body="\n".join(lines),
                    url=reverse("measurement:inbox"),
                    kind="reminder",
                    now=now,
                )
            sent += 1
        if not dry_run:
            Task.objects.filter(pk__in=[t.pk for t in tasks]).update(reminded_at=now)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(tasks)} tugas jatuh tempo/terlambat, {len(pending)} formulir belum diajukan; {sent} "
                f"pengingat{' (uji coba, tidak dikirim)' if dry_run else ''}"
                + (f", {without_address} penerima tanpa alamat e-mail (hanya kotak masuk)" if without_address else "")
                + "."
            )
        )
