from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """For the system administrator: what was sent, what waits, and why a send failed."""

    list_display = ["subject", "recipient", "event", "created", "sent_at", "digest", "attempts"]
    list_filter = ["event", "digest"]
    search_fields = ["recipient__email", "subject"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False
