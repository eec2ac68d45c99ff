from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import QuickLists

from .models import Action, Plan, Theme, Update, UpdateCycle


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


class CycleInline(admin.TabularInline):
    model = UpdateCycle
    extra = 0


@admin.register(Plan)
class PlanAdmin(QuickLists, SimpleHistoryAdmin):
    list_display = ["name", "kind", "board", "closed"]
    list_filter = ["kind", "board"]
    inlines = [ThemeInline, CycleInline]


@admin.register(Action)
class ActionAdmin(QuickLists, SimpleHistoryAdmin):
    list_display = ["ref", "plan", "rag", "due_date"]
    list_filter = ["rag", "plan"]
    search_fields = ["ref", "text"]
    filter_horizontal = ["owners"]
    # By id: a select of every action (or theme) of every board would be thousands of options.
    raw_id_fields = ["theme", "parent", "carried_from", "related", "import_batch"]
    readonly_fields = ["owners_text"]


@admin.register(Update)
class UpdateAdmin(QuickLists, admin.ModelAdmin):
    """Updates are the RAG history (kept without a history of their own): readable, never changed."""

    list_display = ["action", "rag", "author", "created"]
    list_select_related = ["action", "author"]

    def has_change_permission(self, request, obj=None):
        return False

    has_add_permission = has_delete_permission = has_change_permission
