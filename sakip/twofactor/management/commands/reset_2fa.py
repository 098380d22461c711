"""manage.py reset_2fa NAME_OR_NIP: remove a user's authenticator and recovery codes (a lost phone). Audited."""

from django.core.management.base import BaseCommand, CommandError

from sakip.core import lockout
from sakip.twofactor import policy, services


class Command(BaseCommand):
    help = "Atur ulang verifikasi dua langkah sebuah akun (nama pengguna atau NIP)."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--alasan", default="", help="Alasan (dicatat di log verifikasi dua langkah).")

    def handle(self, *args, name, alasan, **options):
        user = lockout.resolve_user(name)
        if user is None:
            raise CommandError(f"Tidak ada pengguna '{name}'.")
        note = ("manage.py reset_2fa" + (f": {alasan}" if alasan else ""))[:200]
        removed = services.reset(user, actor=None, note=note)
        if removed:
            then = (
                "mendaftarkan aplikasi autentikator lagi saat masuk berikutnya."
                if policy.is_required(user)
                else "masuk hanya dengan kata sandi sampai mendaftar lagi."
            )
            self.stdout.write(f"{user.username}: verifikasi dua langkah diatur ulang; pengguna {then}")
        else:
            self.stdout.write(f"{user.username}: tidak memiliki perangkat verifikasi dua langkah (dicatat).")
