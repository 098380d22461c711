"""`manage.py backup [-o FILE]`: one archive with the database, media, signing keys, the secret key file and a
manifest of SHA-256 hashes (sakip.core.backup; docs/deployment.md)."""

from django.core.management.base import BaseCommand, CommandError

from sakip.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Membuat satu arsip cadangan (tar.gz): basis data, berkas media, kunci tanda tangan, berkas secret_key "
        "dan manifest.json berisi hash SHA-256 setiap berkas."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", help="Berkas arsip yang ditulis (bawaan: var/backups/sakip-TANGGAL-JAM.tar.gz)."
        )

    def handle(self, *args, output=None, **options):
        try:
            path, manifest = create_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        counts = manifest["counts"]
        self.stdout.write(
            f"Cadangan ditulis: {path} ({len(manifest['files'])} berkas, basis data {manifest['engine']}, "
            f"{counts['archived_documents']} arsip dokumen, {counts['evidence']} bukti dukung). "
            "Arsip ini memuat kunci privat: simpan terenkripsi di luar server."
        )
