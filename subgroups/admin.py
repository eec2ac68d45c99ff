from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Responsibility, Subgroup, SubgroupMembership


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0


class MembershipInline(admin.TabularInline):
    model = SubgroupMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Subgroup)
class SubgroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "parent", "board"]
    list_filter = ["kind", "board"]
    search_fields = ["name", "short_name"]
    inlines = [ResponsibilityInline, MembershipInline]
