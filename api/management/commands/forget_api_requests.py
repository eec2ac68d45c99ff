from django.conf import settings
from django.core.management.base import BaseCommand

from api.models import ApiRequest


class Command(BaseCommand):
    help = (
        "Daily: delete the record of API requests older than API_REQUEST_LOG_DAYS days "
        f"(now {settings.API_REQUEST_LOG_DAYS}; the privacy notice says so)."
    )

    def handle(self, *args, **options):
        removed, _ = ApiRequest.objects.older_than(settings.API_REQUEST_LOG_DAYS).delete()
        self.stdout.write(f"{removed} API request(s) forgotten.")
