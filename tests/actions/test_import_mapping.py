"""Plan files with the column names boards use (actions/importing.py FIELDS) and the mapping step for
the rest (actions/views/plans.py plan_import): the file is held in the session, never sent back
through the page; the mapping is remembered for the board once the plan is imported, and nothing
is created before the person confirms."""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import Action, Plan, UpdateCycle
from boards.models import ImportKind, ImportMapping

from ..core.test_bad_imports import confirm_cycle, csv_bytes
from ..helpers import errors_of

FILES = Path(__file__).parent / "files"
# The columns of workstream_plan.csv: Workstream, No., Task, Accountable, Target date, Aim,
# Progress note, Status. "Target date" and "Status" are names the import knows.
WORKSTREAM_MAPPING = {
    "theme": "0",
    "ref": "1",
    "action": "2",
    "owners": "3",
    "due": "4",
    "outcome": "5",
    "update": "6",
    "rag": "7",
}


def upload(client, board, name, plan_name="Imported plan", content=None):
    content = (FILES / name).read_bytes() if content is None else content
    return client.post(
        reverse("actions:import", args=[board.pk]),
        {"name": plan_name, "kind": "business", "file": SimpleUploadedFile(name, content)},
    )


def map_columns(client, board, **change):
    data = {"step": "map", **WORKSTREAM_MAPPING, **change}
    return client.post(reverse("actions:import", args=[board.pk]), data)


def only(**columns):
    """A mapping choosing these columns, and no others."""
    return {**dict.fromkeys(WORKSTREAM_MAPPING, ""), **columns}


def nothing_created():
    counts = (Plan.objects.count(), UpdateCycle.objects.count(), Action.objects.count())
    return counts == (0, 0, 0) and not ImportMapping.objects.exists()


def is_mapping_step(response):
    return response.status_code == 200 and "_column_map_page.html" in [
        t.name for t in response.templates
    ]


def is_confirmation(response):
    return response.status_code == 200 and "actions/plan_import_confirm.html" in [
        t.name for t in response.templates
    ]


@pytest.fixture
def office_client(login_as, subgroup):
    return login_as("office")


@pytest.mark.parametrize("name", ["neighbour_plan.csv", "neighbour_plan.xlsx"])
def test_a_neighbours_table_needs_no_mapping(office_client, board, name):
    checked = upload(office_client, board, name)
    assert is_confirmation(checked)
    assert "4 actions in 2 themes, 3 with an update or a RAG" in checked.content.decode()
    assert nothing_created()
    assert confirm_cycle(office_client, board, name="Summer 2017 progress").status_code == 302
    plan = Plan.objects.get(name="Imported plan")
    one = plan.actions.get(ref="1.1")
    assert (one.due_date, one.rag, list(one.owners.values_list("short_name", flat=True))) == (
        datetime.date(2017, 7, 31),
        "G",
        ["PQA"],
    )
    assert one.updates.get().text.startswith("Terms of reference agreed")
    assert plan.actions.get(ref="2.1").due_note == "and ongoing"
    assert list(plan.actions.get(ref="2.2").related.values_list("ref", flat=True)) == ["2.1"]
    assert not ImportMapping.objects.exists()  # nothing was mapped, nothing to remember


@pytest.mark.parametrize("name", ["workstream_plan.csv", "workstream_plan.xlsx"])
def test_unknown_columns_are_mapped_once_then_remembered(office_client, office, board, name):
    shown = upload(office_client, board, name)
    assert is_mapping_step(shown)
    html = shown.content.decode()
    for text in ("Workstream", "Progress note", "EH1", "Agree the early help assessment"):
        assert text in html  # the columns found, with a value from each
    form = shown.context["form"]
    assert (form["rag"].initial, form["due"].initial, form["ref"].initial) == ("7", "4", "")
    assert nothing_created()

    checked = map_columns(office_client, board)
    assert is_confirmation(checked)
    assert "3 actions in 2 themes, 3 with an update or a RAG" in checked.content.decode()
    assert nothing_created(), "the mapping is kept only once the plan is imported"
    assert confirm_cycle(office_client, board, name="September 2017 review").status_code == 302

    plan = Plan.objects.get(name="Imported plan")
    eh1 = plan.actions.get(ref="EH1")
    assert (eh1.text, eh1.named_owners, eh1.due_date, eh1.outcome, eh1.rag, str(eh1.theme)) == (
        "Agree the early help assessment with district councils",
        "Early help lead",
        datetime.date(2017, 10, 31),
        "Families get help before problems escalate",
        "A",
        "1. Early help",
    )
    assert eh1.updates.get().text == "Draft assessment circulated to partners"
    assert list(plan.actions.get(ref="EH2").owners.values_list("short_name", flat=True)) == ["PQA"]
    assert plan.actions.get(ref="CSE1").due_date == datetime.date(2018, 3, 31)
    mapping = ImportMapping.objects.get()
    assert (mapping.board, mapping.kind) == (board, ImportKind.PLAN)
    assert "Ref: “No.”" in mapping.description
    assert mapping.history.get().history_user == office

    # The next file with the same headings, CSV or Excel, needs no mapping step.
    for again, plan_name in (("workstream_plan.csv", "Second"), ("workstream_plan.xlsx", "Third")):
        checked = upload(office_client, board, again, plan_name=plan_name)
        assert is_confirmation(checked), again
        assert (
            "read as: Theme: “Workstream”; Ref: “No.”; Action: “Task”" in checked.content.decode()
        )
        assert confirm_cycle(office_client, board).status_code == 302
        assert Plan.objects.get(name=plan_name).actions.get(ref="EH1").rag == "A"
    assert ImportMapping.objects.count() == 1


def test_the_same_headings_in_another_order_are_read_as_remembered(office_client, board):
    upload(office_client, board, "workstream_plan.csv")
    map_columns(office_client, board)
    confirm_cycle(office_client, board)
    rows = [["Status", "No.", "Task"], ["Green", "W1", "Map the early help offer"]]
    assert is_mapping_step(upload(office_client, board, "x.csv", "Short", csv_bytes(rows))), (
        "other headings are asked about again"
    )
    rows = [
        [
            "No.",
            "Status",
            "Task",
            "Workstream",
            "Accountable",
            "Aim",
            "Target date",
            "Progress note",
        ],
        ["W1", "Green", "Map the early help offer", "3. Early help", "PQA", "", "", "Done"],
    ]
    checked = upload(office_client, board, "reordered.csv", "Reordered", csv_bytes(rows))
    assert is_confirmation(checked)
    assert confirm_cycle(office_client, board).status_code == 302
    w1 = Plan.objects.get(name="Reordered").actions.get()
    assert (w1.ref, w1.text, w1.rag, w1.theme.number) == ("W1", "Map the early help offer", "G", 3)


def test_a_file_without_updates_imports_once_mapped(office_client, board):
    rows = [["No.", "Task"], ["T1", "Agree the threshold document"]]
    assert is_mapping_step(upload(office_client, board, "tasks.csv", content=csv_bytes(rows)))
    response = map_columns(office_client, board, **only(ref="0", action="1"))
    assert response.status_code == 302
    plan = Plan.objects.get(name="Imported plan")
    assert (plan.actions.get().text, plan.cycles.count()) == ("Agree the threshold document", 0)
    assert ImportMapping.objects.get().columns == {"ref": "no.", "action": "task"}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"action": "1"}, "action", "“No.” is already chosen for Ref: choose each column once"),
        ({"ref": ""}, "ref", "Choose the column that holds the ref"),
        ({"action": "99"}, "action", "Choose one of the file’s columns"),
    ],
)
def test_a_bad_mapping_is_explained_and_creates_nothing(
    office_client, board, change, field, message
):
    upload(office_client, board, "workstream_plan.csv")
    response = map_columns(office_client, board, **change)
    assert is_mapping_step(response)
    assert errors_of(response)[field] == [message]
    assert "There is a problem" in response.content.decode()
    assert nothing_created()
    assert is_confirmation(map_columns(office_client, board)), "the file is still held"


def test_rows_with_errors_after_mapping_import_nothing_and_remember_nothing(office_client, board):
    rows = [["No.", "Task", "Status"], ["T1", "", "Purple"]]
    upload(office_client, board, "bad.csv", content=csv_bytes(rows))
    response = map_columns(office_client, board, **only(ref="0", action="1", rag="2"))
    assert response.status_code == 200
    assert dict(response.context["errors"]) == {
        2: "the action is empty; unknown RAG “Purple” (use R, A, G, C or leave it empty)"
    }
    assert nothing_created()
    assert map_columns(office_client, board).context["errors"] == [
        (1, "The checked file is no longer held: upload it again")
    ]


def test_mapping_with_no_file_held_is_an_error(office_client, board):
    response = map_columns(office_client, board)
    assert response.context["errors"] == [
        (1, "The checked file is no longer held: upload it again")
    ]
    assert nothing_created()


def test_a_file_too_large_to_hold_is_refused(office_client, board, settings):
    settings.IMPORT_MAX_HELD_CHARS = 200
    response = upload(office_client, board, "workstream_plan.csv")
    assert response.context["errors"] == [
        (1, "The file holds too much text to check in steps: save it as CSV, or split it")
    ]
    assert f"plan_import_{board.pk}" not in office_client.session
    assert nothing_created()


def test_another_boards_mapping_is_not_used(login_as, board, subgroup, other_board):
    client = login_as("outsider")
    upload(client, other_board, "workstream_plan.csv")
    map_columns(client, other_board)
    assert confirm_cycle(client, other_board).status_code == 302
    assert ImportMapping.objects.get().board == other_board
    assert is_mapping_step(upload(login_as("office"), board, "workstream_plan.csv"))


@pytest.mark.parametrize(("role", "status"), [("chair", 403), ("member", 403), ("outsider", 404)])
def test_only_the_boards_office_maps(login_as, office_client, board, role, status):
    upload(office_client, board, "workstream_plan.csv")
    assert map_columns(login_as(role), board).status_code == status
    assert nothing_created()


def test_anonymous_mapping_goes_to_sign_in(client, board):
    response = map_columns(client, board)
    assert response.status_code == 302 and "login" in response.url
    assert nothing_created()


def test_headings_and_values_are_shown_as_text(office_client, board):
    from ..test_bad_input_labels import MARK, assert_inert

    rows = [[MARK, "Task"], [MARK, "Agree the threshold document"]]
    response = upload(office_client, board, "marked.csv", content=csv_bytes(rows))
    assert is_mapping_step(response)
    assert_inert(response.content.decode(), "the mapping step")


def test_a_plan_name_taken_meanwhile_is_an_error(office_client, board):
    rows = [["No.", "Task"], ["T1", "Agree the threshold document"]]
    upload(office_client, board, "tasks.csv", content=csv_bytes(rows))
    Plan.objects.create(board=board, name="IMPORTED PLAN")
    response = map_columns(office_client, board, **only(ref="0", action="1"))
    assert "The board now has a plan with this name" in errors_of(response)["__all__"][0]
    assert (Plan.objects.count(), Action.objects.count()) == (1, 0)
