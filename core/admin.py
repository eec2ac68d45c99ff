"""Admin helpers for the deployment's system administrators (the Django admin)."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class QuickLists:
    """Changelists that stay quick with national numbers of records: a page of 25 rows (each row
    costs the admin a few milliseconds to draw), and no count of every record when filtered (the
    filtered count is enough)."""

    list_per_page = 25
    show_full_result_count = False


class ReadOnlyAdmin(QuickLists, SimpleHistoryAdmin):
    """Records that are readable here and never changed, not even by "reverting" to an earlier
    version: simple-history saves a posted revert for anyone who may view the record."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    has_delete_permission = has_change_permission

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
