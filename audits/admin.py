from django.contrib import admin

from boards.admin import OfficeScopedAdmin

from .models import Submission


@admin.register(Submission)
class SubmissionAdmin(OfficeScopedAdmin):
    """Returns of the cycles the office's boards take part in; changed through the app's pages."""

    board_path = "cycle__boards"
    list_display = ["agency", "cycle", "status", "submitted"]
    list_filter = [
        "status"
    ]  # filter by cycle with ?cycle__id__exact= (a list would name every cycle)
    search_fields = ["agency__name"]
    raw_id_fields = ["agency", "started_by", "submitted_by"]

    def has_change_permission(self, request, obj=None):
        return False

    has_add_permission = has_delete_permission = has_change_permission
