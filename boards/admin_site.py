from django.contrib import admin


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
