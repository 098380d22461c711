"""manage.py drf_create_token USER — print a new API token for USER on one line (as DRF's authtoken does)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sakip.api import services
from sakip.api.models import ApiToken


class Command(BaseCommand):
    help = "Create a personal API token for a user and print it (for scripts and tests)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="manage.py drf_create_token")
        parser.add_argument("--scope", choices=ApiToken.Scope.values, default=ApiToken.Scope.WRITE)
        parser.add_argument("--days", type=int, default=None, help="Expire after this many days.")

    def handle(self, *args, username, name, scope, days, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"User {username!r} does not exist.")
        expires_at = timezone.now() + timedelta(days=days) if days else None
        try:
            _token, raw = services.create_token(user=user, name=name, scope=scope, expires_at=expires_at)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(raw)
