"""Reference data: the LKE template of PermenPAN-RB 88/2021 (idempotent)."""

from django.db import migrations


def seed(apps, schema_editor):
    from sakip.evaluation.seed import seed_88_2021

    seed_88_2021(lambda name: apps.get_model("evaluation", name))


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
