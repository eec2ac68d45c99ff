import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from demo import scale


class Command(BaseCommand):
    help = (
        "Synthetic data N times the demo for the benchmark: loads the demo, then adds N - 1 synthetic "
        "boards shaped like it (see demo/scale.py). Run it once on a fresh database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--factor", type=int, default=10, help="How many times the demo (1 = the demo)."
        )

    def handle(self, *args, factor, **options):
        if factor < 1:
            raise CommandError("--factor must be 1 or more.")
        started = time.monotonic()
        call_command("loaddemo", stdout=self.stdout)
        try:
            with transaction.atomic():
                scale.seed(factor, self.stdout)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if connection.vendor == "postgresql" and connection.get_autocommit():
            with connection.cursor() as cursor:
                # fresh planner statistics, and the visibility map that lets counts read indexes only
                cursor.execute("VACUUM ANALYZE")
        self.stdout.write(f"Factor {factor} loaded in {time.monotonic() - started:.0f} s.")
