"""The independent scrutineer's statement: a section only the board's scrutineer writes; the office
adds it (and may retitle it) but never writes it; everyone else reads it."""

import datetime

import pytest
from django.urls import reverse

from boards.models import BoardKind, Role
from reports import annual
from reports.models import AnnualReport, Section, SectionKind
from reports.outline import State, outline

from ..conftest import board_person
from ..helpers import errors_of, page
from .test_annual_report import section_data


@pytest.fixture
def partnership(board):
    board.kind = BoardKind.PARTNERSHIP
    board.save()
    return board


@pytest.fixture
def scrutineer(partnership):
    return board_person(partnership, Role.SCRUTINEER, name="Sam Scrutineer")


@pytest.fixture
def other_scrutineer(other_board):
    other_board.kind = BoardKind.PARTNERSHIP
    other_board.save()
    return board_person(other_board, Role.SCRUTINEER, name="Oz Scrutineer")


@pytest.fixture
def report(partnership, office):
    report = AnnualReport.objects.create(
        board=partnership,
        title="Yearly Report 2024-25",
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2025, 3, 31),
    )
    annual.start(report, office)
    return report


@pytest.fixture
def statement(report):
    return report.sections.get(kind=SectionKind.SCRUTINY_STATEMENT)


def test_a_partnerships_new_report_has_an_empty_statement_to_write(report, statement):
    assert statement.requirement == "independent_scrutiny" and statement.body == ""
    item = next(i for i in outline(report) if i.key == "independent_scrutiny")
    assert (item.state, item.section) == (State.MISSING, statement)


def test_the_scrutineer_writes_the_statement(report, statement, scrutineer, login_as):
    client = login_as(scrutineer)
    html = page(client, report.get_absolute_url())
    url = reverse("reports:statement_edit", args=[statement.pk])
    assert url in html and "has not written the statement yet" in html
    errors = errors_of(client.post(url, {"body": "  "}))
    assert errors["body"] == ["Write the statement"]
    response = client.post(url, {"body": "The arrangements are sound.\n\nTwo things to fix."})
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.body.startswith("The arrangements are sound.")
    assert statement.history.first().history_user == scrutineer
    item = next(i for i in outline(report) if i.key == "independent_scrutiny")
    assert item.state == State.WRITTEN
    assert "Two things to fix." in page(login_as("office"), report.get_absolute_url())


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("office", 403), ("chair", 403), ("member", 403), ("lead_x", 403)],
)
def test_nobody_else_writes_it(statement, scrutineer, login_as, role, status):
    client = login_as(role)
    url = reverse("reports:statement_edit", args=[statement.pk])
    assert client.post(url, {"body": "Not mine to write."}).status_code == status
    statement.refresh_from_db()
    assert statement.body == ""
    if role == "office":  # the office sees no link to write it
        assert url not in page(client, statement.report.get_absolute_url())


def test_another_boards_scrutineer_does_not_see_it(statement, other_scrutineer, login_as):
    url = reverse("reports:statement_edit", args=[statement.pk])
    assert login_as(other_scrutineer).post(url, {"body": "x"}).status_code == 404


def test_the_scrutineer_writes_no_other_section(report, scrutineer, login_as):
    foreword = report.sections.get(number=1)
    url = reverse("reports:statement_edit", args=[foreword.pk])
    assert login_as(scrutineer).post(url, {"body": "Rewritten"}).status_code == 403
    url = reverse("reports:section_edit", args=[foreword.pk])
    assert login_as(scrutineer).post(url, section_data(number=1)).status_code == 403


def test_the_office_adds_the_section_but_not_its_text(report, login_as):
    client = login_as("office")
    url = reverse("reports:section_add", args=[report.pk])
    data = section_data(
        number=30, title="Scrutiny", kind=SectionKind.SCRUTINY_STATEMENT, body="Office words"
    )
    errors = errors_of(client.post(url, data))
    assert errors["body"] == [
        "Only the independent scrutineer writes the statement: leave the text empty"
    ]
    assert client.post(url, {**data, "body": ""}).status_code == 302
    added = Section.objects.get(report=report, number=30)
    assert added.kind == SectionKind.SCRUTINY_STATEMENT and added.body == ""


def test_the_office_retitles_the_statement_without_touching_its_text(
    statement, login_as, scrutineer
):
    Section.objects.filter(pk=statement.pk).update(body="The scrutineer's words.")
    client = login_as("office")
    url = reverse("reports:section_edit", args=[statement.pk])
    assert "body" not in client.get(url).context["form"].fields
    data = section_data(
        number=statement.number,
        title="Independent scrutiny 2024-25",
        kind=SectionKind.SCRUTINY_STATEMENT,
        body="Office words",
    )
    assert client.post(url, data).status_code == 302
    statement.refresh_from_db()
    assert (statement.title, statement.body) == (
        "Independent scrutiny 2024-25",
        "The scrutineer's words.",
    )
    errors = errors_of(client.post(url, {**data, "kind": SectionKind.NARRATIVE}))
    assert errors["kind"] == ["The scrutineer's statement stays one: delete the section instead"]


def test_a_second_save_of_the_statement_is_refused_and_shows_what_changed(
    client, scrutineer, statement
):
    """The lost-update guard (tests/core/test_lost_updates.py asks every other edit page as the
    office, which may not write the statement)."""
    from ..core.test_lost_updates import opened

    url = reverse("reports:statement_edit", args=[statement.pk])
    client.force_login(scrutineer)
    _, one = opened(client, url)
    _, two = opened(client, url)
    assert client.post(url, {**one, "body": "First"}).status_code == 302
    refused = client.post(url, {**two, "body": "Second"})
    assert refused.status_code == 200
    assert any("Someone else changed this" in e for e in refused.context["form"].non_field_errors())
    statement.refresh_from_db()
    assert statement.body == "First"
