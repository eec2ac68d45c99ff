"""The column names a board's office matched up on imports (boards/views/import_mappings.py): its
office reads them and forgets one, with the change in the audit trail; others of the board are
refused (403), other boards' people find nothing (404), and a refused POST changes nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boards.models import ImportKind, ImportMapping

CONFIRM = {"submit": "Yes, remove"}


def remembered(board, user, keys=("no.", "task")):
    return ImportMapping.objects.remember(
        board,
        ImportKind.PLAN,
        list(keys),
        {"ref": 0, "action": 1},
        f"Ref: “{keys[0]}”; Action: “{keys[1]}”",
        user=user,
    )


@pytest.fixture
def mapping(board, office):
    return remembered(board, office)


def test_the_office_reads_the_boards_mappings(login_as, board, office, outsider, mapping):
    other = outsider.board_memberships.get().board
    remembered(other, outsider, keys=("kpi no.", "measure name"))
    response = login_as("office").get(reverse("boards:import_mappings", args=[board.pk]))
    html = response.content.decode()
    assert list(response.context["mappings"]) == [mapping]
    assert "no., task" in html and "Ref: “no.”; Action: “task”" in html
    assert "by Olive Office" in html
    assert "kpi no." not in html


def test_the_list_queries_do_not_grow(login_as, board, office, django_assert_num_queries):
    client = login_as("office")
    url = reverse("boards:import_mappings", args=[board.pk])
    remembered(board, office)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(5):
        remembered(board, office, keys=(f"no. {n}", "task"))
    with django_assert_num_queries(len(one)):
        assert len(client.get(url).context["mappings"]) == 6


def test_the_office_forgets_a_mapping_with_its_author_recorded(login_as, board, office, mapping):
    client = login_as("office")
    url = reverse("boards:import_mapping_remove", args=[mapping.pk])
    page = client.get(url).content.decode()
    assert "Forget how these columns are read?" in page
    response = client.post(url, CONFIRM)
    assert response.url == reverse("boards:import_mappings", args=[board.pk])
    assert not ImportMapping.objects.exists()
    deleted = ImportMapping.history.get(history_type="-")
    assert (deleted.id, deleted.history_user) == (mapping.pk, office)


@pytest.mark.parametrize(("role", "status"), [("chair", 403), ("member", 403), ("outsider", 404)])
def test_others_cannot_forget(login_as, mapping, role, status):
    url = reverse("boards:import_mapping_remove", args=[mapping.pk])
    assert login_as(role).post(url, CONFIRM).status_code == status
    assert ImportMapping.objects.filter(pk=mapping.pk).exists()


def test_anonymous_forgetting_goes_to_sign_in(client, mapping):
    response = client.post(reverse("boards:import_mapping_remove", args=[mapping.pk]), CONFIRM)
    assert response.status_code == 302 and "login" in response.url
    assert ImportMapping.objects.filter(pk=mapping.pk).exists()


def test_a_forgotten_mapping_is_asked_for_again(login_as, board, subgroup, office):
    from ..actions.test_import_mapping import is_mapping_step, upload

    client = login_as("office")
    remembered(board, office)
    rows = b"No.,Task\nT1,Agree the threshold document\n"
    assert upload(client, board, "t.csv", content=rows).status_code == 302
    ImportMapping.objects.get().delete()
    assert is_mapping_step(upload(client, board, "t.csv", "Second", content=rows))


def edit_data(page_response, **columns):
    """The edit form's fields as shown, with `columns` ({field: column index}) chosen."""
    form = page_response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    return {**data, **{name: str(index) for name, index in columns.items()}}


def test_the_office_changes_how_the_columns_are_read(login_as, board, office):
    mapping = remembered(board, office, keys=("no.", "task", "notes"))
    client = login_as("office")
    url = reverse("boards:import_mapping_edit", args=[mapping.pk])
    shown = client.get(url)
    assert shown.status_code == 200
    html = shown.content.decode()
    assert "Column C: notes" in html and "Which columns hold what?" in html
    assert shown.context["form"]["ref"].value() == "0"
    # The task column was read as the action; the notes are the action, the task the update.
    response = client.post(url, edit_data(shown, action=2, update=1))
    assert response.status_code == 302
    mapping.refresh_from_db()
    assert mapping.columns == {"ref": "no.", "action": "notes", "update": "task"}
    assert mapping.description == "Ref: “no.”; Update: “task”; Action: “notes”"
    changed = mapping.history.order_by("-history_date").first()
    assert (changed.history_type, changed.history_user) == ("~", office)
    listed = client.get(reverse("boards:import_mappings", args=[board.pk])).content.decode()
    assert "Update: “task”" in listed


def test_a_change_must_still_name_the_required_columns_once(login_as, board, office, mapping):
    client = login_as("office")
    url = reverse("boards:import_mapping_edit", args=[mapping.pk])
    shown = client.get(url)
    response = client.post(url, edit_data(shown, action=0))
    assert response.status_code == 200
    assert "already chosen" in str(response.context["form"].errors)
    response = client.post(url, {**edit_data(shown), "ref": ""})
    assert "Choose the column that holds the ref" in str(response.context["form"].errors)
    mapping.refresh_from_db()
    assert mapping.columns == {"ref": "no.", "action": "task"}


@pytest.mark.parametrize(("role", "status"), [("chair", 403), ("lead_x", 403), ("outsider", 404)])
def test_others_cannot_change_a_mapping(login_as, mapping, role, status):
    url = reverse("boards:import_mapping_edit", args=[mapping.pk])
    assert login_as(role).get(url).status_code == status
    assert login_as(role).post(url, {"ref": "1", "action": "0"}).status_code == status
    mapping.refresh_from_db()
    assert mapping.columns == {"ref": "no.", "action": "task"}


def test_anonymous_changing_goes_to_sign_in(client, mapping):
    response = client.post(reverse("boards:import_mapping_edit", args=[mapping.pk]), {})
    assert response.status_code == 302 and "login" in response.url


def test_the_next_import_reads_the_columns_as_changed(login_as, board, subgroup, office):
    from ..actions.test_import_mapping import is_confirmation, upload

    mapping = remembered(board, office, keys=("no.", "task", "notes"))
    client = login_as("office")
    url = reverse("boards:import_mapping_edit", args=[mapping.pk])
    assert client.post(url, edit_data(client.get(url), action=2, update=1)).status_code == 302
    rows = b"No.,Task,Notes\nT1,Started in May,Agree the threshold document\n"
    response = upload(client, board, "t.csv", content=rows)
    assert is_confirmation(response)
    assert "Update: “Task”; Action: “Notes”" in response.content.decode()


def test_a_figures_mapping_is_changed_with_the_figure_fields(login_as, board, office):
    mapping = ImportMapping.objects.remember(
        board,
        ImportKind.FIGURES,
        ["kpi", "quarter", "result"],
        {"code": 0, "period_end": 1, "value": 2},
        "Code: “kpi”",
        user=office,
    )
    shown = login_as("office").get(reverse("boards:import_mapping_edit", args=[mapping.pk]))
    assert set(shown.context["form"].fields) >= {"code", "period_end", "value", "note"}
