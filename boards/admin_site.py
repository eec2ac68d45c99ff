from django.contrib import admin
from django.utils.functional import SimpleLazyObject


class SystemAdminSite(admin.AdminSite):
    """Django admin for the deployment's system administrators alone (`is_staff`, "system administrator"
    on the user). Django's admin trusts its users: its history, revert, forms and autocomplete know
    nothing of boards. Board office staff manage their board through the application's own pages."""

    site_header = "Safeguarding partnership workspace: system administration"
    site_title = "System administration"
    # The sidebar would list every model (about 90) again on every page of the admin: the index
    # lists them once, and the breadcrumbs lead back to it.
    enable_nav_sidebar = False

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_staff

    def get_app_list(self, request, app_label=None):
        """Every model's links, built only when read and once a request: Django asks for them on
        every admin page (`available_apps`, for the sidebar, which is off), and the index reads
        them."""
        lists = request.__dict__.setdefault("_admin_app_lists", {})
        if app_label not in lists:
            build = super().get_app_list
            lists[app_label] = SimpleLazyObject(lambda: build(request, app_label))
        return lists[app_label]
