"""`make run` production-mode pieces: fast migration models, quiet demo mails, manifest static files."""

import django_fsm
import pytest
from django.db import models
from django.db.migrations.state import ModelState, ProjectState
from django.db.models.signals import class_prepared

from sakip.core import fsm_speed


def _receiver_count():
    return len(class_prepared.receivers)


def test_fsm_speed_is_installed():
    assert django_fsm.FSMFieldMixin.contribute_to_class is fsm_speed._contribute_to_class


def test_migration_models_add_no_signal_receivers():
    state = ProjectState()
    fields = [("id", models.AutoField(primary_key=True)), ("state", django_fsm.FSMField(default="a"))]
    state.add_model(ModelState("fsmspeed", "Thing", fields))
    before = _receiver_count()
    for _ in range(5):
        state.clear_delayed_apps_cache()
        model = state.apps.get_model("fsmspeed", "Thing")
    assert model.__module__ == "__fake__"
    assert model._meta.get_field("state").max_length == 50
    assert _receiver_count() == before


def test_real_models_keep_their_transitions():
    from sakip.measurement.models import Task as MeasurementTask

    field = next(f for f in MeasurementTask._meta.fields if isinstance(f, django_fsm.FSMField))
    assert field.transitions.get(MeasurementTask) is not None


@pytest.mark.django_db
def test_load_demo_mails_give_one_summary_line(settings, tmp_path, mailoutbox, capsys):
    from django.core.management import call_command

    settings.VAR_DIR = tmp_path
    from io import StringIO

    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "Subject:" not in text
    summary = [line for line in text.splitlines() if "e-mail pemberitahuan tidak dikirim" in line]
    assert len(summary) == 1
    assert (tmp_path / "demo-loaded").exists()


def test_production_static_storage_is_manifest():
    import os
    import subprocess
    import sys

    env = dict(os.environ, DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="127.0.0.1")
    env.pop("PYTEST_VERSION", None)
    code = "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'], settings.DEBUG)"
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=dict(env, DJANGO_SETTINGS_MODULE="sakip.settings"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "StaticStorage False" in out
