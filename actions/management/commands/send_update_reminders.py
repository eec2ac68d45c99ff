from django.core.management.base import BaseCommand

from actions.reminders import send_update_reminders


class Command(BaseCommand):
    help = "Email chairs the actions they still need to update, when a cycle's deadline is near. Run daily."

    def handle(self, *args, **options):
        sent = send_update_reminders()
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent.")
