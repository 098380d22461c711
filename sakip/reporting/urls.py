from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.index, name="index"),
    path("periode/<int:pk>/dasbor/", views.dashboard, name="dashboard"),
    path("periode/<int:pk>/dokumen.pdf", views.dpk_preview, name="dpk_preview"),
    path("periode/<int:pk>/dokumen.docx", views.dpk_docx, name="dpk_docx"),
    path("periode/<int:pk>/kinerja-sop/", views.period_sop, name="period_sop"),
    path("kinerja-sop/", views.sop_performance, name="sop_performance"),
]
