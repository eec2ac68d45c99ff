"""What people are told: one `Notification` per person per workflow event, and each person's
`Preference` (an email each time, or one daily digest)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Event(models.TextChoices):
    """The workflow events that ask something of someone."""

    RETURN_RETURNED = "return_returned", "Section 11 return returned for changes"
    RETURN_ACCEPTED = "return_accepted", "Section 11 return accepted"
    AUDIT_CYCLE_OPENED = "audit_cycle_opened", "Section 11 audit cycle opened"
    ACTION_ASSIGNED = "action_assigned", "Action assigned to your group"
    UPDATE_CYCLE_OPENED = "update_cycle_opened", "Update cycle opened"
    CLOCK_DUE_SOON = "clock_due_soon", "Statutory clock due soon"
    CLOCK_MISSED = "clock_missed", "Statutory clock missed"
    REPORT_PUBLISHED = "report_published", "Annual report published"
    GOOD_PRACTICE_SUBMITTED = "good_practice_submitted", "Good practice example to approve"
    GOOD_PRACTICE_PUBLISHED = "good_practice_published", "Good practice example published"
    GOOD_PRACTICE_RETURNED = "good_practice_returned", "Good practice example returned for changes"
    INFORMATION_REQUESTED = "information_requested", "Information asked for a rapid review"
    INFORMATION_OVERDUE = "information_overdue", "Information for a rapid review overdue"
    INFORMATION_RETURNED = "information_returned", "Agency's information for a rapid review in"


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "An email for each, when it happens"
    DAILY = "daily", "One email a day listing them (a daily digest)"


class Preference(models.Model):
    """How a person wants to be told. Without one, they get an email for each."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    frequency = models.CharField(
        "How would you like to get your notifications?",
        max_length=20,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATE,
    )

    history = HistoricalRecords()

    def __str__(self):
        return f"Notification preference of {self.user}"

    def get_absolute_url(self):
        return reverse("notifications:list")


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        """A person's own notifications: nobody sees anyone else's."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unsent(self):
        return self.filter(sent_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.CharField(max_length=30, choices=Event.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    link = models.CharField(max_length=500, blank=True, help_text="A path in this service.")
    # Events told once each (a clock due soon, a cycle opened) carry a key: one per person per key.
    key = models.CharField(max_length=200, blank=True)
    digest = models.BooleanField(default=False, help_text="Waits for the person's daily digest.")
    created = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Failed attempts to send.")
    last_error = models.CharField(max_length=300, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["recipient", "-created"], name="notification_recipient")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~Q(key=""), name="notification_once_each"
            )
        ]

    def __str__(self):
        return self.subject

    def url(self):
        """The link as an absolute address, for an email."""
        if not self.link:
            return ""
        return settings.SITE_URL.rstrip("/") + self.link

    def settings_url(self):
        return settings.SITE_URL.rstrip("/") + reverse("notifications:settings")
