from django.contrib import admin

from boards.admin import OfficeScopedAdmin

from .models import CaseReview, LearningTheme, ReviewSettings


@admin.register(CaseReview)
class CaseReviewAdmin(OfficeScopedAdmin):
    list_display = ["reference", "board", "kind", "status", "publication_date"]
    list_filter = ["kind", "status"]
    readonly_fields = ["notification_due", "rapid_review_due"]


@admin.register(LearningTheme)
class LearningThemeAdmin(OfficeScopedAdmin):
    list_display = ["name", "board"]


@admin.register(ReviewSettings)
class ReviewSettingsAdmin(OfficeScopedAdmin):
    list_display = ["board", "case_review_group"]
