from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "sakip.evaluation"
    verbose_name = "Evaluasi AKIP"

    def ready(self):
        from . import scoring, selectors

        # Template keys other than the built-in "88/2021" are read from the database.
        scoring.register_template_resolver(selectors.resolve_template_key)
