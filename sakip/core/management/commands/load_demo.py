"""Load the demo agency: each app's `demo.load()` in the order of the SAKIP cycle.

Idempotent: every loader uses natural keys, so a second run duplicates nothing. A marker with
the demo's version lets a second `make run` skip the work entirely.
"""

import hashlib
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from sakip.core.actors import acting_as, system_user
from sakip.core.views import SAKIP_APPS

ORDER = ["organization", "planning", "sop", "documents", "measurement", "reporting", "evaluation", "portal"]
assert set(ORDER) == set(SAKIP_APPS)


def demo_version():
    """A fingerprint of the demo loaders' source, so that a changed demo is reloaded."""
    digest = hashlib.sha256()
    for label in ORDER:
        path = Path(__file__).resolve().parents[3] / label / "demo.py"
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class Command(BaseCommand):
    help = "Memuat data demo: Dinsospermasdes Kabupaten Banyumas (idempoten)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Muat ulang walaupun sudah termuat.")

    def handle(self, *args, force=False, **options):
        marker = settings.VAR_DIR / "demo-loaded"
        version = demo_version()
        OPD = apps.get_model("organization.OPD")  # core names the apps' models through the registry
        if (
            not force
            and marker.exists()
            and marker.read_text() == version
            and OPD.objects.filter(akronim="Dinsospermasdes").exists()
        ):
            self.stdout.write("Data demo sudah termuat.")
            return
        # The demo's notifications stay in the in-app inbox; their e-mails are kept in memory and
        # counted (one summary line) instead of flooding the console with every message.

        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            before = len(getattr(mail, "outbox", []))
            self._load()
            count = len(getattr(mail, "outbox", [])) - before
            if hasattr(mail, "outbox"):
                del mail.outbox[before:]
        self.stdout.write(
            "  demo: %d e-mail pemberitahuan tidak dikirim; pemberitahuannya ada di kotak masuk aplikasi." % count
        )
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(version)
        self.stdout.write(self.style.SUCCESS("Data demo termuat."))

    def _load(self):
        ctx = {}
        for label in ORDER:
            try:
                module = import_module(f"sakip.{label}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"sakip.{label}.demo":
                    raise
                continue
            # The demo is written by the system actor: its history entries say "Sistem" (docs/architecture.md).
            with transaction.atomic(), acting_as(system_user()):
                result = module.load() if module.load.__code__.co_argcount == 0 else module.load(ctx)
            if isinstance(result, dict):
                ctx.update(result)
            self.stdout.write(f"  demo {label}: ok")
