from django.apps import AppConfig


class AuditsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "audits"

    def ready(self):
        from . import quality_actions  # noqa: F401  (a quality audit closes when its actions do)
