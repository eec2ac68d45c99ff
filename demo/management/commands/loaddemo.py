from django.core.management.base import BaseCommand
from django.db import transaction

from demo import boards


class Command(BaseCommand):
    help = "Load the Cumbria LSCB 2016-17 demo (idempotent: running it again changes nothing)."

    def handle(self, *args, **options):
        with transaction.atomic():
            boards.load(self.stdout)
