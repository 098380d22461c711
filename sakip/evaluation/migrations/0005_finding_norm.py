"""Finding.kriteria → norm: the regulation text a finding's condition is measured against (the "kriteria" of an
audit finding), apart from Finding.lke_criteria (the LKE criteria rows it concerns). The API keeps the name
"kriteria". A rename (the history model too): the data stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0004_issued_documents_only_in_the_archive"),
    ]

    operations = [
        migrations.RenameField(model_name=model, old_name="kriteria", new_name="norm")
        for model in ("finding", "historicalfinding")
    ]
