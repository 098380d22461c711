"""The system actor (sakip.core.actors, docs/architecture.md "Who acts"): an inactive user "sistem" without a usable
password, the actor of what sakip does by itself (demo loader, commands), recorded in history."""

from django.contrib.auth.hashers import make_password
from django.db import migrations


def create_system_user(apps, schema_editor):
    User = apps.get_model("organization", "User")
    User.objects.get_or_create(
        username="sistem", defaults={"first_name": "Sistem", "is_active": False, "password": make_password(None)}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organization", "0005_user_history"),
    ]

    operations = [migrations.RunPython(create_system_user, migrations.RunPython.noop)]
