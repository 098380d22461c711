"""manage.py unlock_login NAME_OR_NIP: clear the sign-in failures of an account (sakip.core.lockout)."""

from django.core.management.base import BaseCommand, CommandError

from sakip.core import lockout


class Command(BaseCommand):
    help = "Buka kunci masuk sebuah akun (nama pengguna atau NIP)."

    def add_arguments(self, parser):
        parser.add_argument("name")

    def handle(self, *args, name, **options):
        user = lockout.resolve_user(name)
        if user is None:
            raise CommandError(f"Tidak ada pengguna '{name}'.")
        removed = lockout.unlock(lockout.account_key(name, user))
        self.stdout.write(f"{user.username}: {removed} kegagalan masuk dihapus; akun dapat masuk lagi.")
