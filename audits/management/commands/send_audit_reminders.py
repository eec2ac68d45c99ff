from django.core.management.base import BaseCommand

from audits.reminders import send_audit_reminders


class Command(BaseCommand):
    help = (
        "Daily: tell the leads of agencies expected by a cycle that opened that it is open (once), "
        "and email those whose Section 11 return is not yet submitted (once a day at most)."
    )

    def handle(self, *args, **options):
        sent = send_audit_reminders()
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent.")
