from django.urls import path

from . import views

app_name = "sop"

urlpatterns = [
    path("", views.index, name="index"),
    path("baru/", views.create, name="create"),
    path("tempel/", views.paste, name="paste"),
    path("impor/", views.import_file, name="import_file"),
    path("pemeriksaan/", views.lint_report, name="lint_report"),
    path("<int:pk>/", views.sop_detail, name="sop_detail"),
    path("<int:pk>/banding/", views.diff, name="diff"),
    path("<int:pk>/revisi/", views.revise, name="revise"),
    path("versi/<int:pk>/", views.version_detail, name="version"),
    path("versi/<int:pk>/identitas/", views.identity_edit, name="identity_edit"),
    path("versi/<int:pk>/prosedur/", views.procedure, name="procedure"),
    path("versi/<int:pk>/langkah/", views.steps_edit, name="steps"),
    path("versi/<int:pk>/lembar-kerja/", views.worksheet, name="worksheet"),
    path("versi/<int:pk>/pemeriksaan/", views.lint_view, name="lint"),
    path("versi/<int:pk>/ajukan/", views.submit, name="submit"),
    path("versi/<int:pk>/kembalikan/", views.return_to_draft, name="return_to_draft"),
    path("versi/<int:pk>/sahkan/", views.approve, name="approve"),
    path("versi/<int:pk>/cabut/", views.revoke, name="revoke"),
    path("versi/<int:pk>/hapus/", views.delete_draft, name="delete_draft"),
    path("versi/<int:pk>/arsipkan/", views.archive, name="archive"),
    path("versi/<int:pk>/proses/", views.process_kind, name="process_kind"),
    path("versi/<int:pk>/unduh.<str:fmt>", views.download, name="download"),
    path("versi/<int:pk>/monev/", views.monev, name="monev"),
    path("versi/<int:pk>/monitoring/", views.monitoring_edit, name="monitoring"),
    path("versi/<int:pk>/evaluasi/", views.review_edit, name="review"),
]
