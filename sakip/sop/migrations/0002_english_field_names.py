"""English field names (terms of art kept): Sop.nomor → number, SopVersion.versi → version,
Monitoring/SopReview periode/tanggal/catatan → period/date/note, MonitoringItem.catatan → note,
and the model Evaluasi → SopReview (beside evaluation.Evaluation). Renames only: the data stays."""

import django.db.models.deletion
from django.db import migrations, models


def _rename(model, pairs):
    ops = []
    for old, new in pairs:
        ops.append(migrations.RenameField(model_name=model, old_name=old, new_name=new))
        ops.append(migrations.RenameField(model_name=f"historical{model}", old_name=old, new_name=new))
    return ops


class Migration(migrations.Migration):
    dependencies = [
        ("sop", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="sop", name="uniq_sop_nomor"),
        migrations.RemoveConstraint(model_name="sopversion", name="uniq_sop_versi"),
        migrations.RemoveConstraint(model_name="monitoring", name="uniq_sop_monitoring"),
        migrations.RemoveConstraint(model_name="evaluasi", name="uniq_sop_evaluasi"),
        migrations.RenameModel(old_name="Evaluasi", new_name="SopReview"),
        migrations.RenameModel(old_name="HistoricalEvaluasi", new_name="HistoricalSopReview"),
        *_rename("sop", [("nomor", "number")]),
        *_rename("sopversion", [("versi", "version")]),
        *_rename("monitoring", [("periode", "period"), ("tanggal", "date"), ("catatan", "note")]),
        *_rename("monitoringitem", [("catatan", "note")]),
        *_rename("sopreview", [("periode", "period"), ("tanggal", "date"), ("catatan", "note")]),
        migrations.AlterField(
            model_name="sopreview",
            name="version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reviews",
                to="sop.sopversion",
                verbose_name="Versi SOP",
            ),
        ),
        migrations.AlterModelOptions(
            name="sop",
            options={"ordering": ["opd", "number"], "verbose_name": "SOP", "verbose_name_plural": "SOP"},
        ),
        migrations.AlterModelOptions(
            name="sopversion",
            options={"ordering": ["sop", "-version"], "verbose_name": "Versi SOP", "verbose_name_plural": "Versi SOP"},
        ),
        migrations.AlterModelOptions(
            name="monitoring",
            options={
                "ordering": ["-date"],
                "verbose_name": "Monitoring pelaksanaan SOP",
                "verbose_name_plural": "Monitoring pelaksanaan SOP",
            },
        ),
        migrations.AlterModelOptions(
            name="sopreview",
            options={
                "ordering": ["-date"],
                "verbose_name": "Evaluasi penerapan SOP",
                "verbose_name_plural": "Evaluasi penerapan SOP",
            },
        ),
        migrations.AddConstraint(
            model_name="sop", constraint=models.UniqueConstraint(fields=("opd", "number"), name="uniq_sop_number")
        ),
        migrations.AddConstraint(
            model_name="sopversion",
            constraint=models.UniqueConstraint(fields=("sop", "version"), name="uniq_sop_version"),
        ),
        migrations.AddConstraint(
            model_name="monitoring",
            constraint=models.UniqueConstraint(fields=("version", "period"), name="uniq_sop_monitoring"),
        ),
        migrations.AddConstraint(
            model_name="sopreview",
            constraint=models.UniqueConstraint(fields=("version", "period"), name="uniq_sop_review"),
        ),
    ]
