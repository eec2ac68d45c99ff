from django.core.management.base import BaseCommand

from reviews.clock_alerts import check_clocks
from reviews.incident_workflow import remind_overdue


class Command(BaseCommand):
    help = (
        "Daily: tell each board's office of case review clocks due within two working days, or "
        "missed (once each); and agencies' leads of their overdue information for a rapid review."
    )

    def handle(self, *args, **options):
        made = check_clocks() + remind_overdue()
        self.stdout.write(f"{len(made)} notification(s) made.")
