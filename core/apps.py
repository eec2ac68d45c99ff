from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom layer: helpers every app may use. No models; imports from no other app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
