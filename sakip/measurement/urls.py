from django.urls import path

from . import views

app_name = "measurement"

urlpatterns = [
    path("", views.index, name="index"),
    path("mulai/", views.period_start, name="period_start"),
    path("kotak-masuk/", views.inbox, name="inbox"),
    path("pemberitahuan/baca/", views.notifications_read, name="notifications_read"),
    path("periode/<int:pk>/", views.period_detail, name="period_detail"),
    path("periode/<int:pk>/batalkan/", views.period_cancel, name="period_cancel"),
    path("periode/<int:pk>/tandatangani-ulang/", views.period_resign, name="period_resign"),
    path("periode/<int:pk>/setujui-semua/", views.period_approve_all, name="period_approve_all"),
    path("tugas/<int:pk>/", views.task_detail, name="task_detail"),
    path("tugas/<int:pk>/alihkan/", views.task_reassign, name="task_reassign"),
    path("tugas/<int:pk>/berkas/", views.task_file, name="task_file"),
    path("formulir/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("formulir/<int:pk>/ajukan/", views.submission_submit, name="submission_submit"),
    path("formulir/<int:pk>/validasi/", views.submission_validate, name="submission_validate"),
    path("formulir/<int:pk>/kembalikan/", views.submission_return, name="submission_return"),
    path("formulir/<int:pk>/setujui/", views.submission_approve, name="submission_approve"),
    path("formulir/<int:pk>/revisi/", views.submission_revision, name="submission_revision"),
    path("formulir/<int:pk>/excel/", views.submission_import, name="submission_import"),
    path("formulir/<int:pk>/versi/", views.submission_versions, name="submission_versions"),
    path("baris/<int:pk>/", views.row_save, name="row_save"),
    path("baris/<int:pk>/pratinjau/", views.row_preview, name="row_preview"),
    path("baris/<int:pk>/bukti/", views.evidence_upload, name="evidence_upload"),
    path("baris/<int:pk>/riwayat/", views.row_history, name="row_history"),
    path("anggaran/<int:pk>/", views.budget_save, name="budget_save"),
    path("bukti/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("revisi/<int:pk>/putuskan/", views.revision_decide, name="revision_decide"),
    path("hari-libur/", views.holidays, name="holidays"),
    path("hari-libur/<int:pk>/hapus/", views.holiday_delete, name="holiday_delete"),
]
