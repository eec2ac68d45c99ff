"""python manage.py importboard package.zip: a board's package recreated here, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opendata.importing import BadPackage, load


class Command(BaseCommand):
    help = "Recreate a board, with its history, from a package written by exportboard."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the package's zip")

    def handle(self, *args, path, **options):
        if not Path(path).is_file():
            raise CommandError(f"No file {path}.")
        try:
            board = load(path)
        except BadPackage as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(
            f"Imported {board.name} (board {board.pk}). The people in it have no password yet: "
            "give each their email address and they set one with 'Forgotten your password?'."
        )
