from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("", views.index, name="index"),
    path("baru/", views.create, name="create"),
    path("rekap/", views.recap, name="recap"),
    path("matriks-tl/", views.matriks_tl, name="matriks_tl"),
    path("pengaturan/", views.settings_edit, name="settings"),
    path("templat/", views.templates, name="templates"),
    path("templat/<int:pk>/", views.template_detail, name="template_detail"),
    path("templat/<int:pk>/salin/", views.template_copy, name="template_copy"),
    path("templat/<int:pk>/berlakukan/", views.template_publish, name="template_publish"),
    path("templat/<str:kind>/<int:pk>/ubah/", views.template_row_edit, name="template_row_edit"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/transisi/<slug:name>/", views.transition, name="transition"),
    path("<int:pk>/lke/", views.lke, name="lke"),
    path("<int:pk>/lke/sub/<int:sub_pk>/", views.lke_save, name="lke_save"),
    path("<int:pk>/lke/otomatis/", views.refresh_auto, name="refresh_auto"),
    path("<int:pk>/lke/excel/", views.worksheet_export, name="worksheet_export"),
    path("<int:pk>/lke/impor/", views.worksheet_import, name="worksheet_import"),
    path("kriteria/<int:pk>/bukti/", views.criterion_evidence_add, name="criterion_evidence_add"),
    path("bukti-kriteria/<int:pk>/hapus/", views.criterion_evidence_delete, name="criterion_evidence_delete"),
    path("<int:pk>/temuan/", views.findings, name="findings"),
    path("<int:pk>/temuan/tambah/", views.finding_create, name="finding_create"),
    path("temuan/<int:pk>/ubah/", views.finding_edit, name="finding_edit"),
    path("temuan/<int:pk>/hapus/", views.finding_delete, name="finding_delete"),
    path("temuan/<int:pk>/rekomendasi/tambah/", views.recommendation_create, name="recommendation_create"),
    path("rekomendasi/<int:pk>/", views.recommendation, name="recommendation"),
    path("rekomendasi/<int:pk>/ubah/", views.recommendation_edit, name="recommendation_edit"),
    path("rekomendasi/<int:pk>/hapus/", views.recommendation_delete, name="recommendation_delete"),
    path("<int:pk>/pernyataan/baru/", views.statement_create, name="statement_create"),
    path("pernyataan/<int:pk>/", views.statement, name="statement"),
    path("pernyataan/<int:pk>/ubah/", views.statement_edit, name="statement_edit"),
    path("pernyataan/<int:pk>/pdf/", views.statement_pdf, name="statement_pdf"),
    path("<int:pk>/lhe/", views.lhe, name="lhe"),
    path("<int:pk>/lhe.<str:fmt>", views.lhe_file, name="lhe_file"),
]
