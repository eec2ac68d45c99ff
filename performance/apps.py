from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "performance"
    verbose_name = "Performance"

    def ready(self):
        from boards.models import ImportKind
        from core.column_mapping import register

        from .importing import FIELDS, describe_columns

        register(ImportKind.FIGURES, FIELDS, describe_columns)
