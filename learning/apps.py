from django.apps import AppConfig


class LearningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "learning"
    verbose_name = "Learning and improvement"

    def ready(self):
        from .answered import register_sections

        register_sections()
