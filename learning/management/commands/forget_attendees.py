from django.core.management.base import BaseCommand
from django.utils import timezone

from learning.booking import forget_attendees
from learning.models import RETENTION_YEARS


class Command(BaseCommand):
    help = (
        "Daily: remove the names, job roles and emails of training attendees whose session's "
        f"financial year ended more than {RETENTION_YEARS} years ago (the privacy page says so); "
        "their counts and evaluations stay."
    )

    def handle(self, *args, **options):
        removed = forget_attendees(timezone.localdate())
        self.stdout.write(f"{removed} attendee(s) removed.")
