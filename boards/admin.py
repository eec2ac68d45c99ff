"""The Django admin, for system administrators only (see admin_site.py). Office staff use the
application's pages; nothing here is scoped to a board."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import User

from .models import Agency, Board, BoardAgency, BoardLink, BoardMembership, LearningTheme


class PartnerInline(admin.TabularInline):
    model = BoardAgency
    extra = 0
    autocomplete_fields = ["agency"]


@admin.register(Board)
class BoardAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "area"]
    search_fields = ["name", "short_name"]
    inlines = [PartnerInline]


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "sector", "statutory"]
    list_filter = ["sector", "statutory"]
    search_fields = ["name", "short_name"]


@admin.register(BoardLink)
class BoardLinkAdmin(SimpleHistoryAdmin):
    list_display = ["board", "other"]


@admin.register(BoardMembership)
class BoardMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "board", "role"]
    list_filter = ["role", "board"]
    search_fields = ["user__name", "user__email"]
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    ordering = ["name"]
    list_display = ["name", "email", "job_title", "agency", "is_active"]
    list_filter = ["is_active", "is_staff"]
    search_fields = ["name", "email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["name", "job_title", "agency"]}),
        (
            "Access",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "name", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(LearningTheme)
class LearningThemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "board"]
