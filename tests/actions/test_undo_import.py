"""Undoing a plan import: office staff see the board's imports and undo one, with a reason, all or
nothing, while nothing depends on what it created; otherwise they are told what does, and nothing
changes."""

import pytest
from django.urls import reverse

from actions.importing import import_new_plan, parse
from actions.models import Action, Plan, PlanImport, Theme, Update, UpdateCycle
from actions.updating import record_update, withdraw_update
from core.rag import Rag

from ..core.test_bad_imports import confirm_cycle, csv_bytes, import_file
from ..factories import PlanFactory
from ..helpers import page
from .test_importing import HEADER, row

CYCLE = {"name": "April 2017 updates", "opens": "2017-03-01", "deadline": "2017-04-28"}


@pytest.fixture
def imported(board, subgroup, office):
    """A plan imported from a file of two actions with updates, in its new cycle."""
    parsed = parse([HEADER, row("1.1", rag="G"), row("1.2", rag="A")], board)
    plan, _ = import_new_plan(
        board, parsed, name="Imported plan", kind="business", user=office, cycle=CYCLE,
        file_name="plan.csv",
    )  # fmt: skip
    return plan.import_batch


def undo_url(batch):
    return reverse("actions:import_undo", args=[batch.pk])


def counts():
    return [m.objects.count() for m in (Plan, Theme, UpdateCycle, Action, Update)]


def test_the_import_is_recorded_on_what_it_created(login_as, board, subgroup):
    client = login_as("office")
    import_file(client, board, "neighbour.csv", csv_bytes([HEADER, row("1.1"), row("1.2")]))
    confirm_cycle(client, board)
    batch = PlanImport.objects.get()
    assert (batch.file_name, batch.rows, batch.plan_name) == ("neighbour.csv", 2, "Imported plan")
    assert batch.created_by.name == "Olive Office"
    plan = Plan.objects.get(import_batch=batch)
    assert plan.actions.filter(import_batch=batch).count() == 2
    assert Update.objects.filter(import_batch=batch).count() == 2
    assert plan.cycles.get().import_batch == batch
    assert plan.themes.get().import_batch == batch
    listed = page(client, reverse("actions:imports", args=[board.pk]))
    assert "neighbour.csv" in listed and undo_url(batch) in listed


def test_office_undoes_an_import_with_a_reason(client, office, board, imported):
    client.force_login(office)
    plan_pk = Plan.objects.get().pk
    shown = page(client, undo_url(imported))
    assert "govuk-warning-text" in shown and "govuk-button--warning" in shown
    response = client.post(undo_url(imported), {"reason": "Wrong year's file"})
    assert response.status_code == 302
    assert counts() == [0, 0, 0, 0, 0]
    imported.refresh_from_db()
    assert (imported.undone_by, imported.undo_reason) == (office, "Wrong year's file")
    gone = Plan.history.get(id=plan_pk, history_type="-")
    assert (gone.history_user, gone.history_change_reason) == (
        office,
        "Import undone: Wrong year's file",
    )
    assert Action.history.filter(history_type="-", history_user=office).count() == 2
    listed = page(client, reverse("actions:imports", args=[board.pk]))
    assert "Undone" in listed and "Wrong year&#x27;s file" in listed


def test_an_undo_needs_a_reason(client, office, imported):
    client.force_login(office)
    response = client.post(undo_url(imported), {"reason": ""})
    assert response.status_code == 200
    assert counts() == [1, 1, 1, 2, 2]


def refused_with(client, batch, words):
    before = counts()
    response = client.post(undo_url(batch), {"reason": "Try"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "This import cannot be undone" in text
    assert words in text, text
    assert counts() == before, "nothing changed"
    batch.refresh_from_db()
    assert not batch.is_undone


def test_a_later_update_stops_the_undo(client, office, imported, subgroup_chair):
    action = Action.objects.get(ref="1.1")
    record_update(action, author=subgroup_chair, text="Done", rag=Rag.COMPLETE)
    client.force_login(office)
    refused_with(client, imported, "1 update added since that refers to the imported actions")


def test_a_later_edit_or_withdrawal_stops_the_undo(client, office, imported):
    action = Action.objects.get(ref="1.2")
    action.text, action._history_user = "Edited", office
    action.save()
    withdraw_update(Update.objects.get(action__ref="1.1"), user=office, reason="Wrong")
    client.force_login(office)
    refused_with(client, imported, "changes to imported actions since the import")
    assert "1 imported update withdrawn since" in client.get(undo_url(imported)).content.decode()


def test_something_elsewhere_pointing_at_it_stops_the_undo(client, office, imported, board):
    other = PlanFactory(board=board, name="Next plan")
    Action.objects.create(
        plan=other, ref="1.1", text="Carried", carried_from=Action.objects.get(ref="1.1")
    )
    client.force_login(office)
    refused_with(client, imported, "1 action added since that refers to the imported actions")


def test_an_undone_import_cannot_be_undone_again(client, office, imported):
    client.force_login(office)
    client.post(undo_url(imported), {"reason": "Wrong file"})
    response = client.post(undo_url(imported), {"reason": "Again"})
    assert response.status_code == 302
    imported.refresh_from_db()
    assert imported.undo_reason == "Wrong file"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("member", 403),
        ("chair", 403),
        ("subgroup_chair", 403),
        ("lead_x", 403),
        ("outsider", 404),
    ],
)
def test_only_the_boards_office_sees_and_undoes_imports(login_as, role, status, board, imported):
    client = login_as(role)
    assert client.get(reverse("actions:imports", args=[board.pk])).status_code == status
    assert client.post(undo_url(imported), {"reason": "Because"}).status_code == status
    assert counts() == [1, 1, 1, 2, 2]
