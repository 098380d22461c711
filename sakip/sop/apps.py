from django.apps import AppConfig


class SopConfig(AppConfig):
    name = "sakip.sop"
    verbose_name = "SOP AP"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import signals

        for model in (self.get_model("Step"), self.get_model("SopVersion"), self.get_model("Sop")):
            post_save.connect(signals.sop_text_changed, sender=model, dispatch_uid=f"sop-similar-{model.__name__}")
            post_delete.connect(signals.sop_text_changed, sender=model, dispatch_uid=f"sop-similar-d-{model.__name__}")
