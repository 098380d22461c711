"""English field names, second pass (the SOP identity page keeps its terms of art — judul, jenis, dasar hukum,
keterkaitan …): SopVersion tanggal_pembuatan/tanggal_revisi/tanggal_efektif → made_on/revised_on/effective_on,
disahkan_tanggal/disahkan_jabatan/disahkan_pegawai/disahkan_sebagai → approved_on/approved_by_position/
approved_by_employee/approver_title, berlaku_mulai/berlaku_sampai → valid_from/valid_until (the API's names),
diajukan_oleh → submitted_by, catatan_revisi → revision_note, sumber → source; Monitoring/SopReview penilai →
assessor, SopReview kesimpulan → conclusion, MonitoringItem prosedur/penilaian/tindakan →
procedure/assessment/action_needed. Renames only (history models too): the data stays."""

from django.db import migrations


def _rename(model, pairs):
    ops = []
    for old, new in pairs:
        ops.append(migrations.RenameField(model_name=model, old_name=old, new_name=new))
        ops.append(migrations.RenameField(model_name=f"historical{model}", old_name=old, new_name=new))
    return ops


class Migration(migrations.Migration):
    dependencies = [
        ("sop", "0003_process_kind"),
    ]

    operations = [
        *_rename(
            "sopversion",
            [
                ("tanggal_pembuatan", "made_on"),
                ("tanggal_revisi", "revised_on"),
                ("tanggal_efektif", "effective_on"),
                ("disahkan_tanggal", "approved_on"),
                ("disahkan_jabatan", "approved_by_position"),
                ("disahkan_pegawai", "approved_by_employee"),
                ("disahkan_sebagai", "approver_title"),
                ("berlaku_mulai", "valid_from"),
                ("berlaku_sampai", "valid_until"),
                ("diajukan_oleh", "submitted_by"),
                ("catatan_revisi", "revision_note"),
                ("sumber", "source"),
            ],
        ),
        *_rename("monitoring", [("penilai", "assessor")]),
        *_rename("sopreview", [("penilai", "assessor"), ("kesimpulan", "conclusion")]),
        *_rename(
            "monitoringitem",
            [("prosedur", "procedure"), ("penilaian", "assessment"), ("tindakan", "action_needed")],
        ),
    ]
