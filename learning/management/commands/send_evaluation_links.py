from django.core.management.base import BaseCommand

from learning.inviting import send_evaluation_links


class Command(BaseCommand):
    help = (
        "Daily: email training attendees their evaluation link once the session has ended and again "
        "three months later (once each, to the email on their booking)."
    )

    def handle(self, *args, **options):
        sent, failed = send_evaluation_links()
        self.stdout.write(
            f"{sent} evaluation link(s) sent; {failed} failed (tried again tomorrow)."
        )
