"""`manage.py restore ARCHIVE [--force]`: restore a `manage.py backup` archive into an empty installation, after
checking every member against the manifest's hashes (sakip.core.backup; docs/deployment.md)."""

from django.core.management.base import BaseCommand, CommandError

from sakip.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Memulihkan arsip cadangan sakip ke instalasi kosong: memeriksa hash setiap berkas terhadap manifest, "
        "lalu memulihkan basis data, berkas media, kunci tanda tangan dan secret_key, dan memeriksa hash setiap "
        "arsip dokumen dan bukti dukung."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Berkas arsip dari manage.py backup.")
        parser.add_argument(
            "--force", action="store_true", help="Timpa instalasi yang sudah berisi data (data lama hilang)."
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            report = restore_backup(archive, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Cadangan dipulihkan: {report.files} berkas; {report.documents} arsip dokumen dan "
            f"{report.evidence} bukti dukung diperiksa."
        )
        if report.secret_key:
            self.stdout.write(
                "Berkas secret_key dipulihkan ke var/secret_key; bila SECRET_KEY diatur di lingkungan, "
                "samakan nilainya dengan berkas itu, lalu mulai ulang server."
            )
        if report.problems:
            for problem in report.problems[:50]:
                self.stderr.write(problem)
            raise CommandError(
                f"{len(report.problems)} berkas tidak cocok dengan hash di basis data. Periksa sebelum dipakai."
            )
        self.stdout.write("Semua hash cocok. Jalankan `manage.py migrate` bila versi sakip ini lebih baru.")
