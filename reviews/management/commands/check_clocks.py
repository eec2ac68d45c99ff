from django.core.management.base import BaseCommand

from reviews.clock_alerts import check_clocks


class Command(BaseCommand):
    help = (
        "Daily: tell each board's office of case review clocks due within two working days, or "
        "missed (once each)."
    )

    def handle(self, *args, **options):
        made = check_clocks()
        self.stdout.write(f"{len(made)} notification(s) made.")
