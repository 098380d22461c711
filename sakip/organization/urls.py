from django.urls import path

from . import views

app_name = "organization"

urlpatterns = [
    path("", views.index, name="index"),
    path("opd/<int:pk>/", views.chart, name="chart"),
    path("opd/<int:pk>/ubah/", views.opd_edit, name="opd_edit"),
    path("unit/", views.UnitList.as_view(), name="units"),
    path("unit/tambah/", views.UnitEdit.as_view(), name="unit_create"),
    path("unit/impor/", views.unit_import, name="unit_import"),
    path("unit/<int:pk>/ubah/", views.UnitEdit.as_view(), name="unit_edit"),
    path("unit/<int:pk>/hapus/", views.UnitDelete.as_view(), name="unit_delete"),
    path("jabatan/", views.PositionList.as_view(), name="positions"),
    path("jabatan/tambah/", views.PositionEdit.as_view(), name="position_create"),
    path("jabatan/impor/", views.position_import, name="position_import"),
    path("jabatan/<int:pk>/ubah/", views.PositionEdit.as_view(), name="position_edit"),
    path("jabatan/<int:pk>/hapus/", views.PositionDelete.as_view(), name="position_delete"),
    path("pegawai/", views.EmployeeList.as_view(), name="employees"),
    path("pegawai/tambah/", views.EmployeeEdit.as_view(), name="employee_create"),
    path("pegawai/impor/", views.employee_import, name="employee_import"),
    path("pegawai/<int:pk>/", views.employee_detail, name="employee_detail"),
    path("pegawai/<int:pk>/ubah/", views.EmployeeEdit.as_view(), name="employee_edit"),
    path("pegawai/<int:pk>/hapus/", views.EmployeeDelete.as_view(), name="employee_delete"),
    path("penugasan/", views.AssignmentList.as_view(), name="assignments"),
    path("penugasan/tambah/", views.AssignmentEdit.as_view(), name="assignment_create"),
    path("penugasan/<int:pk>/ubah/", views.AssignmentEdit.as_view(), name="assignment_edit"),
    path("penugasan/<int:pk>/hapus/", views.AssignmentDelete.as_view(), name="assignment_delete"),
    path("tim-sakip/", views.TimSakipList.as_view(), name="tims"),
    path("tim-sakip/tambah/", views.TimSakipEdit.as_view(), name="tim_create"),
    path("tim-sakip/<int:pk>/", views.tim_detail, name="tim_detail"),
    path("log-ekspor-data-pribadi/", views.PersonalDataExportList.as_view(), name="personal_data_exports"),
    path("tim-sakip/<int:pk>/ubah/", views.TimSakipEdit.as_view(), name="tim_edit"),
]
