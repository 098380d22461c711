from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    path("", views.index, name="index"),
    path("renstra/", views.RenstraList.as_view(), name="renstras"),
    path("renstra/tambah/", views.renstra_create, name="renstra_create"),
    path("renstra/<int:pk>/", views.renstra_detail, name="renstra_detail"),
    path("renstra/<int:pk>/tetapkan/", views.renstra_adopt, name="renstra_adopt"),
    path("renstra/<int:pk>/tahun-berikutnya/", views.start_next_year, name="start_next_year"),
    path("renstra/<int:renstra_pk>/kinerja/tambah/", views.node_create, name="node_create"),
    path("renstra/<int:renstra_pk>/program/tambah/", views.budget_add, name="budget_add"),
    path("renstra/<int:renstra_pk>/anggaran-kas/impor/", views.anggaran_kas_import, name="anggaran_kas_import"),
    path("program/<int:pk>/anggaran-kas/", views.anggaran_kas, name="anggaran_kas"),
    path("kinerja/<int:pk>/ubah/", views.node_edit, name="kinerja_edit"),
    path("kinerja/<int:pk>/hapus/", views.node_delete, name="kinerja_delete"),
    path("kinerja/<int:node_pk>/indikator/tambah/", views.indicator_create, name="indicator_create"),
    path("indikator/", views.IndicatorList.as_view(), name="indicators"),
    path("indikator/impor/", views.indicator_import, name="indicator_import"),
    path("indikator/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indikator/<int:pk>/ubah/", views.indicator_edit, name="indicator_edit"),
    path("indikator/<int:pk>/hapus/", views.indicator_delete, name="indicator_delete"),
    path("indikator/<int:pk>/revisi-target/", views.target_revision_propose, name="target_revision_propose"),
    path("revisi-target/<int:pk>/putuskan/", views.target_revision_decide, name="target_revision_decide"),
    path("pohon-kinerja/", views.pohon, name="pohon"),
    path("crosscutting/", views.crosscutting, name="crosscutting"),
    path("crosscutting/<int:pk>/hapus/", views.crosscutting_delete, name="crosscutting_delete"),
    path("pemeriksaan/", views.checks, name="checks"),
    path("kategori-capaian/", views.capaian_bands, name="capaian_bands"),
    path("iki-saya/", views.my_iki, name="my_iki"),
    path("pk/", views.PkList.as_view(), name="pk_list"),
    path("pk/susun/", views.pk_create, name="pk_create"),
    path("pk/<int:pk>/", views.pk_detail, name="pk_detail"),
    path("pk/<int:pk>/<str:action>/", views.pk_action, name="pk_action"),
    path("pk/<int:pk>/unduh.<str:fmt>", views.pk_download, name="pk_download"),
    path("ekspor/", views.export_all, name="export_all"),
]
