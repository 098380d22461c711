from django.urls import path

from . import esr_views, renja_views, views
from . import pemda_lkjip_views as plv

app_name = "reporting"

urlpatterns = [
    path("", views.index, name="index"),
    path("periode/<int:pk>/dasbor/", views.dashboard, name="dashboard"),
    path("periode/<int:pk>/dokumen.pdf", views.dpk_preview, name="dpk_preview"),
    path("periode/<int:pk>/dokumen.docx", views.dpk_docx, name="dpk_docx"),
    path("periode/<int:pk>/kinerja-sop/", views.period_sop, name="period_sop"),
    path("pemda/", views.pemda_dashboard, name="pemda_dashboard"),
    path("pemda/esr/", esr_views.esr_package, name="esr_package"),
    path("pemda/opd/<int:pk>/", views.pemda_opd, name="pemda_opd"),
    path("pemda/lkjip/", plv.pemda_lkjip_list, name="pemda_lkjip_list"),
    path("pemda/lkjip/<int:pk>/", plv.pemda_lkjip_detail, name="pemda_lkjip_detail"),
    path("pemda/lkjip/<int:pk>/bagian/", plv.pemda_lkjip_section, name="pemda_lkjip_section"),
    path("pemda/lkjip/<int:pk>/tandatangani/", plv.pemda_lkjip_sign, name="pemda_lkjip_sign"),
    path("pemda/lkjip/<int:pk>/lkjip.pdf", plv.pemda_lkjip_pdf, name="pemda_lkjip_pdf"),
    path("pemda/lkjip/<int:pk>/lkjip.docx", plv.pemda_lkjip_docx, name="pemda_lkjip_docx"),
    path("kinerja-sop/", views.sop_performance, name="sop_performance"),
    path("renja-evaluasi/", renja_views.renja_evaluation, name="renja_evaluation"),
    path("lkjip/", views.lkjip_list, name="lkjip_list"),
    path("lkjip/susun/", views.lkjip_compile, name="lkjip_compile"),
    path("lkjip/unggah/", views.lkjip_upload, name="lkjip_upload"),
    path("lkjip/<int:pk>/", views.lkjip_detail, name="lkjip_detail"),
    path("lkjip/<int:pk>/bagian/", views.lkjip_section, name="lkjip_section"),
    path("lkjip/<int:pk>/sasaran/<int:item>/", views.lkjip_sasaran, name="lkjip_sasaran"),
    path("lkjip/<int:pk>/lkjip.pdf", views.lkjip_pdf, name="lkjip_pdf"),
    path("lkjip/<int:pk>/lkjip.docx", views.lkjip_docx, name="lkjip_docx"),
    path("lkjip/<int:pk>/<str:action>/", views.lkjip_action, name="lkjip_action"),
]
