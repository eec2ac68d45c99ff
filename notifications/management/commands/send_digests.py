from django.core.management.base import BaseCommand

from notifications.notifying import requeue_unsent, send_digests


class Command(BaseCommand):
    help = (
        "Daily: email each person who chose a daily digest their notifications in one email, and "
        "queue again any email notification still unsent after its retries."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        requeued = requeue_unsent()
        self.stdout.write(f"{sent} digest(s) sent; {requeued} unsent notification(s) queued again")
