from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Indicator, Measurement, Target


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "description", "area", "polarity", "status", "board"]
    list_filter = ["status", "area", "board"]
    search_fields = ["code", "description"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "starts", "ends", "value", "tolerance"]
    list_select_related = ["indicator"]


@admin.register(Measurement)
class MeasurementAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "period_end", "value", "rag_override", "trend_override"]
    list_select_related = ["indicator"]
