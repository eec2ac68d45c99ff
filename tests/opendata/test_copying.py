"""On PostgreSQL the database writes the tables' CSV (opendata/copying.py): byte for byte what the
Python path writes, for the demo board and for a board with a row in every table and awkward
values (quotes, commas, line breaks, empty text, whole seconds, a key pointing outside the
package)."""

import zipfile
from datetime import UTC, datetime

import pytest

from actions.models import Action, Update
from opendata import copying, exporting
from opendata.tables import ALL
from tests import test_permission_matrix  # noqa: F401 (its `objects`, below)
from tests.conftest import own

from .test_roundtrip import more_records

objects = own("objects")  # the permission matrix's records of every kind

pytestmark = pytest.mark.postgresql  # the database writes the CSV on PostgreSQL only


def csv_files(board, tmp_path, copy):
    path = tmp_path / f"copy-{copy}.zip"
    with open(path, "wb") as out:
        counts = exporting.write(board, out, copy=copy)
    with zipfile.ZipFile(path) as zf:
        return counts, {n: zf.read(n) for n in zf.namelist() if n.endswith(".csv")}


def same_csv(board, tmp_path, monkeypatch):
    copied = []
    write = copying.write

    def spy(entry, table, rows, written):
        copied.append(table.name)
        return write(entry, table, rows, written)

    monkeypatch.setattr(copying, "write", spy)
    python_counts, python = csv_files(board, tmp_path, copy=False)
    assert copied == []
    database_counts, database = csv_files(board, tmp_path, copy=True)
    assert database_counts == python_counts
    assert python.keys() == database.keys()
    for name in python:
        assert database[name] == python[name], name
    return copied


def test_the_demo_board_s_csv_is_the_same_written_by_the_database(
    demo_board, tmp_path, monkeypatch
):
    copied = same_csv(demo_board, tmp_path, monkeypatch)
    assert {"answers", "standard_results", "submissions", "actions"} <= set(copied)


@pytest.mark.django_db(transaction=True)
def test_awkward_values_are_written_as_python_writes_them(
    board, objects, agency_x, office, other_board_action, tmp_path, monkeypatch
):
    more_records(board, agency_x, office)
    action = Action.objects.get(plan__board=board, ref="1.1")
    Action.objects.filter(pk=action.pk).update(
        text='Say "no", then\r\nwait\nand é',
        outcome="",
        due_note=" leading space, trailing ",
        carried_from=other_board_action,  # outside the package: left empty
    )
    Update.objects.filter(action=action).update(created=datetime(2017, 1, 2, 3, 4, 5, tzinfo=UTC))
    copied = same_csv(board, tmp_path, monkeypatch)
    # every table it can write but people and agencies (written from the ids the others name)
    assert copied == [t.name for t in ALL[2:] if copying.usable(t)]
    assert {"actions", "action_updates", "targets", "budgets", "answers"} <= set(copied)
