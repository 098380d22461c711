from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.index, name="index"),
    path("arsip/<int:pk>/", views.archive_detail, name="archive_detail"),
    path("arsip/<int:pk>/unduh/", views.archive_download, name="archive_download"),
]
