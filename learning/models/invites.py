"""The email that sends an attendee their evaluation link for one stage (after the session, three
months later): one per booking and stage, made by the daily `send_evaluation_links`
(learning/inviting.py). Attendees are not users: it goes to the email on the booking."""

from django.db import models
from django.utils import timezone

from .training import Booking, Stage


class EvaluationInvite(models.Model):
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="invites")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    created = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Failed attempts to send.")
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["booking", "stage"], name="one_invite_per_stage")
        ]

    def __str__(self):
        return f"Evaluation link ({self.get_stage_display().lower()}) for booking {self.booking_id}"
