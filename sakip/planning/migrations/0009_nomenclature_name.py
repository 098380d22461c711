"""English field name: Nomenclature.nomenklatur → name (the reference CSV keeps its column "nomenklatur").
A rename: the data stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0008_indicator_number_rules"),
    ]

    operations = [
        migrations.RenameField(model_name="nomenclature", old_name="nomenklatur", new_name="name"),
    ]
