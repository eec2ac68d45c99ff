from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import QuickLists

from .models import Indicator, Measurement, Target


@admin.register(Indicator)
class IndicatorAdmin(QuickLists, SimpleHistoryAdmin):
    list_display = ["code", "description", "area", "polarity", "status", "board"]
    list_filter = ["status", "area", "board"]
    search_fields = ["code", "description"]


@admin.register(Target)
class TargetAdmin(QuickLists, SimpleHistoryAdmin):
    list_display = ["indicator", "starts", "ends", "value", "tolerance"]
    list_select_related = ["indicator"]


@admin.register(Measurement)
class MeasurementAdmin(QuickLists, SimpleHistoryAdmin):
    list_display = ["indicator", "period_end", "value", "rag_override", "trend_override"]
    list_select_related = ["indicator"]
