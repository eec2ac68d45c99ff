"""Export a board with records of every table, import it into an empty database, export it again:
the two packages are the same, ids apart."""

import pytest
from django.core.management import call_command

from actions.models import Action
from audits.models import Answer
from boards.models import Board
from learning.elearning import import_rows
from learning.models import AttendanceFigure, Booking, Evaluation, Option, RecordedResult
from opendata.importing import load
from reviews.models import StatusChange
from tests import test_permission_matrix as matrix

from .roundtrip import normalised, read
from .test_package import package

objects = matrix.objects


@pytest.mark.django_db(transaction=True)
def test_export_import_export_gives_the_same_package(board, objects, agency_x, office, tmp_path):
    more_records(board, agency_x, office)
    first = package(board, tmp_path, "first.zip")
    _, tables = read(first)
    empty = [name for name, rows in tables.items() if not rows]
    call_command("flush", interactive=False, verbosity=0)
    assert not Board.objects.exists()

    imported = load(first)

    second = package(imported, tmp_path, "second.zip")
    before, after = normalised(first), normalised(second)
    assert before.keys() == after.keys()
    for name in before:
        assert before[name] == after[name], name
    print("EMPTY", empty)


def more_records(board, agency_x, office):
    """What the permission matrix's board lacks: a record of the learning tables, an answer, a
    carried-forward action and a dataset's values."""
    booking = Booking.objects.get(session__course__board=board)
    Evaluation.objects.create(booking=booking, stage="after", confidence=4)
    AttendanceFigure.objects.create(board=board, year=2015, attendees=1401)
    import_rows(board, 2016, [("Nurseries", 1104, 833)], user=office, file_name="e.csv")
    RecordedResult.objects.create(option=Option.objects.first(), share=50, count=1)
    action = Action.objects.get(plan__board=board, ref="1.1")
    Action.objects.create(
        plan=action.plan, ref="1.2", text="Next", carried_from=action, parent=action
    )
    print(Answer, StatusChange)
