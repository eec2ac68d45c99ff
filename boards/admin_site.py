from django.contrib import admin

from .models import Board


class OfficeAdminSite(admin.AdminSite):
    """Django admin for the system administrator and for board office staff (scoped to their boards)."""

    site_header = "Safeguarding partnership workspace: administration"
    site_title = "Administration"

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_superuser or Board.objects.managed_by(user).exists())
