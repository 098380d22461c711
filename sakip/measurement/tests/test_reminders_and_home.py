"""Reminders (send_reminders) and what each demo role finds on its home page."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from sakip.measurement.models import Notification

pytestmark = pytest.mark.django_db


def test_send_reminders_mails_due_tasks_and_units_not_submitted(
    demo, users, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for name in ("kabid", "operator", "sekretaris"):
        users[name].email = f"{name}@demo.sakip.test"
        users[name].save()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--hours", "72", stdout=out)
    text = out.getvalue()
    assert "formulir belum diajukan" in text
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "operator@demo.sakip.test" in subjects and "[sakip] Pengingat" in subjects["operator@demo.sakip.test"]
    body = next(m.body for m in mail.outbox if m.to == ["operator@demo.sakip.test"])
    assert "Bidang Rehabilitasi Sosial" in body and "belum diajukan" in body
    assert Notification.objects.filter(user=users["kabid"], kind="reminder").exists()


def test_dry_run_sends_nothing(demo, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    before = Notification.objects.count()
    call_command("send_reminders", "--dry-run", stdout=StringIO())
    assert not mail.outbox and Notification.objects.count() == before


@pytest.mark.parametrize("role", ["kepala", "sekretaris", "timsakip", "kabid", "kabid2", "kasi", "operator"])
def test_every_dinas_role_has_something_to_do(demo, client_for, role):
    from sakip.measurement.home import cards
    from sakip.organization.models import User

    user = User.objects.get(username=role)
    mine = [c for c in cards(user) if c["title"].startswith("Pengukuran kinerja")]
    assert mine and mine[0]["value"] >= 1 and mine[0]["items"], role
    assert client_for(role).get(reverse("home")).status_code == 200


@pytest.mark.parametrize("role", ["inspektorat", "pemda", "admin"])
def test_readers_see_the_latest_periods(demo, role):
    from sakip.measurement.home import cards
    from sakip.organization.models import User

    titles = [c["title"] for c in cards(User.objects.get(username=role))]
    assert "Pengukuran terakhir" in titles
