from django.apps import AppConfig


class ActionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "actions"

    def ready(self):
        from boards.models import ImportKind
        from core.column_mapping import register

        from .importing import FIELDS, describe_columns

        register(ImportKind.PLAN, FIELDS, describe_columns)
