from django.apps import AppConfig


class SubgroupsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "subgroups"

    def ready(self):
        from . import invitations  # noqa: F401  (connects the receiver of accepted invitations)
