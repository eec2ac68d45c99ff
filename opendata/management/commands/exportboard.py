"""python manage.py exportboard BOARD package.zip: a board's whole record as a data package."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from boards.models import Board
from opendata import exporting
from opendata.importing import BadPackage, check


class Command(BaseCommand):
    help = "Write a board's whole record as a Frictionless Data Package (a zip of CSVs)."

    def add_arguments(self, parser):
        parser.add_argument("board", help="the board's id, name or short name")
        parser.add_argument("path", help="the zip to write")
        parser.add_argument("--validate", action="store_true", help="validate it afterwards")

    def handle(self, *args, board, path, validate, **options):
        found = Board.objects.filter(
            Q(name=board) | Q(short_name=board) | Q(pk=int(board) if board.isdigit() else None)
        )
        if found.count() != 1:
            raise CommandError(f"No single board is called {board!r}.")
        with open(path, "wb") as out:
            counts = exporting.write(found.get(), out)
        self.stdout.write(f"Wrote {path}: {sum(counts.values())} rows in {len(counts)} tables.")
        if validate:
            try:
                check(path)
            except BadPackage as error:
                raise CommandError(str(error)) from error
            self.stdout.write("The package validates.")
