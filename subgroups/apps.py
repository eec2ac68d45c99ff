from django.apps import AppConfig


class SubgroupsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "subgroups"
