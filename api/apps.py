from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Read API"

    def ready(self):
        from . import schema  # noqa: F401  (the token scheme, for drf-spectacular)
