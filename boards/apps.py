from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class BoardsConfig(AppConfig):
    default = True
    default_auto_field = "django.db.models.BigAutoField"
    name = "boards"


class SystemAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "boards.admin_site.SystemAdminSite"
