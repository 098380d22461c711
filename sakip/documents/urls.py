from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.index, name="index"),
    path("arsip/<int:pk>/", views.archive_detail, name="archive_detail"),
    path("arsip/<int:pk>/unduh/", views.archive_download, name="archive_download"),
    path("retensi/", views.RetentionList.as_view(), name="retention"),
    path("agenda/", views.AgendaList.as_view(), name="agenda"),
    path("agenda/daftarkan/", views.number_register, name="number_register"),
    path("agenda/<int:pk>/batalkan/", views.number_cancel, name="number_cancel"),
    path("surat/", views.LetterList.as_view(), name="letters"),
    path("surat/buat/", views.letter_edit, name="letter_create"),
    path("surat/<int:pk>/", views.letter_detail, name="letter_detail"),
    path("surat/<int:pk>/ubah/", views.letter_edit, name="letter_edit"),
    path("surat/<int:pk>/paraf/", views.letter_paraf, name="letter_paraf"),
    path("surat/<int:pk>/nomor/", views.letter_number, name="letter_number"),
    path("surat/<int:pk>/tandatangani/", views.letter_sign, name="letter_sign"),
    path("surat/<int:pk>/batalkan/", views.letter_cancel, name="letter_cancel"),
    path("surat/<int:pk>/konsep.pdf", views.letter_preview, name="letter_preview"),
    path("surat/<int:pk>/surat.docx", views.letter_docx, name="letter_docx"),
    path("tugas/<int:pk>/", views.job_status, name="job_status"),
    path("klasifikasi/", views.KlasifikasiList.as_view(), name="klasifikasi"),
    path("jenis/", views.doc_types, name="doc_types"),
    path("jenis/<int:pk>/ubah/", views.doc_type_edit, name="doc_type_edit"),
    path("sertifikat/", views.certificates, name="certificates"),
    path("sertifikat/pasang/", views.certificate_add, name="certificate_add"),
]
