from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "sakip.documents"
    verbose_name = "Dokumen dan Arsip"
