from django.urls import path

from . import views

app_name = "measurement"

urlpatterns = [
    path("", views.index, name="index"),
]
