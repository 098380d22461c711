from django.urls import path

from . import views

app_name = "twofactor"

urlpatterns = [
    path("", views.setup, name="setup"),
    path("verifikasi/", views.verify, name="verify"),
]
