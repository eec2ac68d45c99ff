from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Q
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import User

from .models import Agency, Board, BoardAgency, BoardLink, BoardMembership


class OfficeScopedAdmin(SimpleHistoryAdmin):
    """Office staff see and change only their own boards' records; the system administrator sees all."""

    board_path = "board"  # the lookup from this model to its board

    def scope(self, request, queryset):
        boards = Board.objects.managed_by(request.user)
        return queryset.filter(**{f"{self.board_path}__in": boards}).distinct()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else self.scope(request, queryset)

    def has_module_permission(self, request):
        return self.admin_site.has_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.admin_site.has_permission(request)

    has_change_permission = has_add_permission = has_delete_permission = has_view_permission

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Board and not request.user.is_superuser:
            kwargs["queryset"] = Board.objects.managed_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PartnerInline(admin.TabularInline):
    model = BoardAgency
    extra = 0
    autocomplete_fields = ["agency"]


@admin.register(Board)
class BoardAdmin(OfficeScopedAdmin):
    board_path = "pk"
    list_display = ["name", "short_name", "kind", "area"]
    search_fields = ["name", "short_name"]
    inlines = [PartnerInline]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Agency)
class AgencyAdmin(OfficeScopedAdmin):
    board_path = "boards"
    list_display = ["name", "short_name", "sector", "statutory"]
    list_filter = ["sector", "statutory"]
    search_fields = ["name", "short_name"]


@admin.register(BoardLink)
class BoardLinkAdmin(OfficeScopedAdmin):
    list_display = ["board", "other"]


@admin.register(BoardMembership)
class BoardMembershipAdmin(OfficeScopedAdmin):
    list_display = ["user", "board", "role"]
    list_filter = ["role", "board"]
    search_fields = ["user__name", "user__email"]
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(OfficeScopedAdmin, DjangoUserAdmin):
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

    def scope(self, request, queryset):
        """Office staff see the people of their boards (never administrators), and cannot change them
        here: a person may belong to other boards too. They add and remove people in the app's pages."""
        boards = Board.objects.managed_by(request.user)
        return (
            queryset.filter(
                Q(board_memberships__board__in=boards)
                | Q(subgroup_memberships__subgroup__board__in=boards)
            )
            .exclude(is_superuser=True)
            .distinct()
        )

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    has_add_permission = has_delete_permission = has_change_permission

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return self.readonly_fields
        # Office staff may not hand out system administrator powers.
        return [*self.readonly_fields, "is_staff", "is_superuser", "groups", "user_permissions"]
