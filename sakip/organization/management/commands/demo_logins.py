from django.conf import settings
from django.core.management.base import BaseCommand

from sakip.organization.demo import DEMO_LOGINS


class Command(BaseCommand):
    help = "Menampilkan akun demo (pengguna, peran, kata sandi)."

    def handle(self, *args, **options):
        pw = settings.SAKIP_DEMO_PASSWORD
        self.stdout.write("")
        self.stdout.write("Akun demo (kata sandi semua akun: %s)" % pw)
        self.stdout.write(f"  {'Pengguna':<12} {'Peran':<14} Keterangan")
        for username, role, note in DEMO_LOGINS:
            self.stdout.write(f"  {username:<12} {role:<14} {note}")
        if getattr(settings, "SAKIP_2FA_DEMO_EXEMPT", False):
            self.stdout.write(
                "Verifikasi dua langkah tidak diminta dari akun demo (SAKIP_2FA_DEMO_EXEMPT); "
                "coba dengan SAKIP_2FA_DEMO_EXEMPT=0 make run."
            )
        else:
            self.stdout.write(
                "Verifikasi dua langkah: %s mendaftarkan aplikasi autentikator saat pertama masuk."
                % ", ".join(settings.SAKIP_2FA_REQUIRED_ROLES or ["(tidak ada peran)"])
            )
        self.stdout.write("")
