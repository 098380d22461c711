"""English field names: OPD.kode_pos → postal_code, OPD.telp → phone (as Employee.phone and the API already say).
Renames only (the history model too): the data stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("organization", "0003_personal_data_export"),
    ]

    operations = [
        migrations.RenameField(model_name=model, old_name=old, new_name=new)
        for model in ("opd", "historicalopd")
        for old, new in (("kode_pos", "postal_code"), ("telp", "phone"))
    ]
