from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CaseReview, ReviewSettings


@admin.register(CaseReview)
class CaseReviewAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "board", "kind", "status", "publication_date"]
    list_filter = ["kind", "status"]
    readonly_fields = ["notification_due", "rapid_review_due"]


@admin.register(ReviewSettings)
class ReviewSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["board", "case_review_group"]
