"""Where the annual report goes: each board's recipients, seeded from its kind's defaults and kept by
its office; each published version records each recipient and the day it was sent."""

import datetime

import pytest
from django.urls import reverse

from boards.models import BoardKind
from reports import annual, recipients
from reports.models import AnnualReport, Dispatch, Recipient

from ..factories import BoardFactory
from ..helpers import assert_queries_do_not_grow, date_fields, errors_of, page


@pytest.fixture
def report(board, office):
    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report 2016-17",
        period_start=datetime.date(2016, 4, 1),
        period_end=datetime.date(2017, 3, 31),
    )
    annual.start(report, office)
    return report


@pytest.mark.parametrize(
    ("kind", "first", "count"),
    [
        (BoardKind.ADULTS, "Chief executive of the local authority", 5),
        (BoardKind.PARTNERSHIP, "Child Safeguarding Practice Review Panel", 3),
        (BoardKind.CHILDREN, "Chief executive of the local authority", 4),
        (BoardKind.OTHER, None, 0),
    ],
)
def test_a_boards_recipients_start_as_its_kinds_defaults(db, kind, first, count):
    board = BoardFactory(kind=kind)
    seeded = list(recipients.for_board(board))
    assert len(seeded) == count
    if first:
        assert seeded[0].name == first and seeded[0].source
    assert len(recipients.for_board(board)) == count  # seeded once


def test_a_partnerships_recipients_are_due_within_7_days(db):
    board = BoardFactory(kind=BoardKind.PARTNERSHIP)
    whens = [r.when for r in recipients.for_board(board)]
    assert whens[:2] == ["Within 7 days of publication"] * 2


def test_recipients_removed_are_not_seeded_again(board, office):
    for recipient in recipients.for_board(board):
        recipient._history_user = office
        recipient.delete()
    assert list(recipients.for_board(board)) == []


def test_the_office_adds_changes_and_removes_a_recipient(board, login_as):
    client = login_as("office")
    html = page(client, reverse("reports:recipients", args=[board.pk]))
    assert "Police and crime commissioner" in html
    add = reverse("reports:recipient_add", args=[board.pk])
    data = {"name": "Director of children's services", "when": "On publication", "source": ""}
    assert client.post(add, {**data, "position": 9}).status_code == 302
    added = Recipient.objects.get(name="Director of children's services")
    assert added.history.get().history_user.name == "Olive Office"
    edit = reverse("reports:recipient_edit", args=[added.pk])
    errors = errors_of(client.post(edit, {**data, "name": "", "position": 9}))
    assert errors["name"]
    assert client.post(edit, {**data, "name": "DCS", "position": 9}).status_code == 302
    added.refresh_from_db()
    assert added.name == "DCS"
    remove = reverse("reports:recipient_remove", args=[added.pk])
    assert client.post(remove, {"submit": "Yes, remove"}).status_code == 302
    assert not Recipient.objects.filter(pk=added.pk).exists()


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("chair", 403), ("lead_x", 403)])
def test_only_the_office_keeps_the_recipients(board, login_as, role, status):
    recipient = recipients.for_board(board).first()
    client = login_as(role)
    assert client.get(reverse("reports:recipients", args=[board.pk])).status_code == status
    url = reverse("reports:recipient_edit", args=[recipient.pk])
    assert client.post(url, {"name": "Changed", "position": 1}).status_code == status
    assert Recipient.objects.get(pk=recipient.pk).name == recipient.name


def test_another_boards_office_does_not_see_them(board, login_as):
    recipient = recipients.for_board(board).first()
    client = login_as("outsider")
    assert client.get(reverse("reports:recipients", args=[board.pk])).status_code == 404
    remove = reverse("reports:recipient_remove", args=[recipient.pk])
    assert client.post(remove, {"submit": "x"}).status_code == 404
    assert Recipient.objects.filter(pk=recipient.pk).exists()


def test_publishing_lists_each_recipient_and_the_office_records_when_sent(report, office, login_as):
    publication = annual.publish(report, office)
    dispatches = list(publication.dispatches.all())
    assert [d.recipient for d in dispatches][:2] == [
        "Chief executive of the local authority",
        "Leader of the council",
    ]
    assert all(d.sent_on is None for d in dispatches)
    client = login_as("office")
    html = page(client, publication.get_absolute_url())
    assert "Where it was sent" in html and html.count("Not yet") == 4
    url = reverse("reports:publication_sent", args=[publication.pk])
    errors = errors_of(client.post(url, date_fields("sent_on", datetime.date(2017, 7, 7))))
    assert errors["sent_to"] == ["Choose who it was sent to"]
    chosen = [dispatches[0].pk, dispatches[1].pk]
    data = {"sent_to": chosen, **date_fields("sent_on", datetime.date(2017, 7, 7))}
    assert client.post(url, data).status_code == 302
    sent = Dispatch.objects.filter(sent_on=datetime.date(2017, 7, 7))
    assert set(sent.values_list("pk", flat=True)) == set(chosen)
    assert sent.first().recorded_by == office
    html = page(login_as("member"), publication.get_absolute_url())
    assert "7 July 2017" in html and html.count("Not yet") == 2
    assert "Record where it was sent" not in html


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("member", 403), ("outsider", 404)]
)
def test_only_the_office_records_a_version_sent(report, office, login_as, role, status):
    publication = annual.publish(report, office)
    dispatch = publication.dispatches.first()
    url = reverse("reports:publication_sent", args=[publication.pk])
    data = {"sent_to": [dispatch.pk], **date_fields("sent_on", datetime.date(2017, 7, 7))}
    assert login_as(role).post(url, data).status_code == status
    dispatch.refresh_from_db()
    assert dispatch.sent_on is None


def add_recipients(board, n):
    def grow():
        for i in range(n):
            Recipient.objects.create(
                board=board, name=f"Recipient {i} of {n}", when="within 7 days", position=10 + i
            )

    return grow


def test_recipients_page_queries_do_not_grow(board, office, login_as):
    recipients.for_board(board)  # seeded: 4 recipients, as the demo board has
    url = reverse("reports:recipients", args=[board.pk])
    client = login_as("office")
    assert_queries_do_not_grow(client, url, add_recipients(board, 36))
    assert page(client, url).count('govuk-table__cell">Recipient ') == 36


@pytest.mark.parametrize("name", ["publication", "publication_sent"])
def test_where_a_version_was_sent_queries_do_not_grow(report, office, login_as, name):
    """The published version's page (where it was sent) and the form to record it sent."""
    publication = annual.publish(report, office)  # one dispatch per recipient: 4

    def grow():
        for i in range(36):
            sent = datetime.date(2017, 7, 7) if i % 2 else None
            Dispatch.objects.create(
                publication=publication,
                recipient=f"Addressee {i:02}",
                sent_on=sent,
                recorded_by=office,
            )

    client = login_as("office")
    url = reverse("reports:publication_sent", args=[publication.pk])
    if name == "publication":
        url = publication.get_absolute_url()
    assert_queries_do_not_grow(client, url, grow)
    html = page(client, url)
    assert all(f"Addressee {i:02}" in html for i in range(0, 36, 2))  # not yet sent: listed on both
