"""Public pages (no login): the verification of a document from its QR code / short code."""

from django.urls import path

from . import public_views

app_name = "verifikasi"

urlpatterns = [
    path("", public_views.verify_home, name="home"),
    path("<str:code>/", public_views.verify, name="verify"),
]
