from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .sitemaps import SITEMAPS

app_name = "portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("kelola/<str:kind>/<int:pk>/<str:action>/", views.act, name="act"),
    path("<int:pemda>/", views.pemda, name="pemda"),
    path("<int:pemda>/opd/<int:pk>/", views.opd, name="opd"),
    path("<int:pemda>/dokumen/<int:pk>/", views.document, name="document"),
    path("<int:pemda>/data.<str:fmt>", views.open_data, name="open_data"),
]
