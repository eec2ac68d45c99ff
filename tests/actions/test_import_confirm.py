"""The plan import's confirmation step (actions/views/plans.py plan_import): a file with updates is
held until the person says which update cycle they belong to, and only then is anything created."""

import datetime

import pytest
from django.urls import reverse

from actions.models import Action, Plan, Update, UpdateCycle

from ..core.test_bad_imports import confirm_cycle, csv_bytes, import_file
from ..helpers import date_fields, errors_of
from .test_importing import HEADER, row

NEIGHBOUR = [
    "Theme",
    "Ref",
    "Action",
    "Who",
    "When",
    "What we are trying to achieve",
    "Update",
    "RAG",
]


def nothing_created():
    return (Plan.objects.count(), UpdateCycle.objects.count(), Action.objects.count()) == (0, 0, 0)


@pytest.fixture
def office_client(login_as, subgroup):
    return login_as("office")


def test_a_neighbours_table_imports_into_the_cycle_chosen_on_confirming(office_client, board):
    content = csv_bytes(
        [NEIGHBOUR, row("1.1", update="Audit done", rag="Green"), row("1.2", rag="")]
    )
    checked = import_file(office_client, board, "neighbour.csv", content)
    assert checked.status_code == 200
    assert checked.context["form"]["name"].initial == ""  # "Update" names no cycle
    assert "2 actions in 1 theme, 2 with an update or a RAG" in checked.content.decode()
    assert nothing_created()
    response = confirm_cycle(office_client, board, name="Summer 2017 progress")
    assert response.status_code == 302
    plan = Plan.objects.get(name="Imported plan")
    cycle = plan.cycles.get()
    assert (cycle.name, cycle.opens, cycle.deadline) == (
        "Summer 2017 progress",
        datetime.date(2017, 3, 1),
        datetime.date(2017, 4, 28),
    )
    assert list(Update.objects.order_by("action__ref").values_list("cycle", "text", "rag")) == [
        (cycle.pk, "Audit done", "G"),
        (cycle.pk, "On track", ""),
    ]


def test_a_cycle_named_header_fills_in_the_name(office_client, board):
    checked = import_file(office_client, board, "plan.csv", csv_bytes([HEADER, row()]))
    assert checked.context["form"]["name"].initial == "April 2017 updates"


def test_checking_alone_creates_nothing_and_leaving_creates_nothing(office_client, board):
    import_file(office_client, board, "plan.csv", csv_bytes([HEADER, row()]))
    assert office_client.get(reverse("actions:import", args=[board.pk])).status_code == 200
    assert nothing_created()


def test_a_file_without_updates_imports_at_once_with_no_cycle(office_client, board):
    content = csv_bytes([HEADER, row(update="", rag="")])
    assert import_file(office_client, board, "plan.csv", content).status_code == 302
    plan = Plan.objects.get(name="Imported plan")
    assert (plan.actions.count(), plan.cycles.count()) == (1, 0)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        (date_fields("deadline", datetime.date(2017, 2, 1)), "deadline", "The deadline must be on"),
        (date_fields("opens", None), "opens", "Enter the day, month and year"),
    ],
)
def test_a_bad_cycle_is_an_error_and_changes_nothing(office_client, board, change, field, message):
    import_file(office_client, board, "plan.csv", csv_bytes([HEADER, row()]))
    data = {
        "step": "confirm",
        "name": "April 2017 updates",
        **date_fields("opens", datetime.date(2017, 3, 1)),
        **date_fields("deadline", datetime.date(2017, 4, 28)),
        **change,
    }
    response = office_client.post(reverse("actions:import", args=[board.pk]), data)
    assert any(message in error for error in errors_of(response)[field])
    assert nothing_created()
    assert confirm_cycle(office_client, board).status_code == 302  # the file is still held


def test_confirming_with_no_file_held_is_an_error(office_client, board):
    response = confirm_cycle(office_client, board)
    assert response.status_code == 200
    assert response.context["errors"] == [
        (1, "The checked file is no longer held: upload it again")
    ]
    assert nothing_created()


def test_confirming_twice_imports_once(office_client, board):
    import_file(office_client, board, "plan.csv", csv_bytes([HEADER, row()]))
    assert confirm_cycle(office_client, board).status_code == 302
    assert confirm_cycle(office_client, board).status_code == 200
    assert (Plan.objects.count(), UpdateCycle.objects.count()) == (1, 1)


def test_a_plan_name_taken_meanwhile_is_an_error(office_client, board):
    import_file(office_client, board, "plan.csv", csv_bytes([HEADER, row()]))
    Plan.objects.create(board=board, name="IMPORTED PLAN")
    response = confirm_cycle(office_client, board)
    assert "The board now has a plan with this name" in errors_of(response)["__all__"][0]
    assert (Plan.objects.count(), UpdateCycle.objects.count()) == (1, 0)


@pytest.mark.parametrize(("role", "status"), [("chair", 403), ("member", 403), ("outsider", 404)])
def test_only_the_boards_office_confirms(login_as, board, subgroup, role, status):
    assert confirm_cycle(login_as(role), board).status_code == status
    assert nothing_created()


def test_anonymous_confirming_goes_to_sign_in(client, board):
    response = confirm_cycle(client, board)
    assert response.status_code == 302 and "login" in response.url
    assert nothing_created()
