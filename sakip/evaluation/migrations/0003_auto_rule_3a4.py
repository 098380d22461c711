"""3.a.4 (the LKjIP has been reviewed) gets its automatic rule now that sakip holds the reviu (reporting)."""

from django.db import migrations


def forwards(apps, schema_editor):
    apps.get_model("evaluation", "LkeCriterion").objects.filter(code="3.a.4", auto_rule="").update(auto_rule="3.a.4")


def backwards(apps, schema_editor):
    apps.get_model("evaluation", "LkeCriterion").objects.filter(code="3.a.4", auto_rule="3.a.4").update(auto_rule="")


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0002_english_field_names")]
    operations = [migrations.RunPython(forwards, backwards)]
