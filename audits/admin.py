from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import Submission


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    """Section 11 returns: readable here; agencies and office staff change them in the app's pages."""

    list_display = ["agency", "cycle", "status", "submitted"]
    list_filter = [
        "status"
    ]  # filter by cycle with ?cycle__id__exact= (a list would name every cycle)
    search_fields = ["agency__name"]
    raw_id_fields = ["agency", "started_by", "submitted_by"]
