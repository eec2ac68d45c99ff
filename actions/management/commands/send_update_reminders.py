from django.core.management.base import BaseCommand

from actions.reminders import send_update_reminders


class Command(BaseCommand):
    help = (
        "Daily: tell chairs of a cycle that opened (once), and email them the actions they still "
        "need to update when its deadline is near."
    )

    def handle(self, *args, **options):
        sent = send_update_reminders()
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent.")
