"""Switching a legacy LSCB to a safeguarding children partnership from a date (boards/kind_change.py):
a page lists what changes, the office confirms, the board keeps its history, and the years before the
date keep the LSCB's kind: their annual reports and published versions still read as an LSCB's."""

import datetime

import pytest
from django.urls import reverse

from boards import kind_change
from boards.models import BoardKind, BoardMembership, Role
from reports import annual
from reports.models import AnnualReport
from reports.outline import outline

from ..helpers import date_fields, errors_of, page

SWITCH = datetime.date(2019, 9, 29)


def report_of(board, year, office):
    report = AnnualReport.objects.create(
        board=board,
        title=f"Annual Report {year}-{(year + 1) % 100:02d}",
        period_start=datetime.date(year, 4, 1),
        period_end=datetime.date(year + 1, 3, 31),
    )
    annual.start(report, office)
    return report


@pytest.fixture
def reports(board, office):
    return report_of(board, 2016, office), report_of(board, 2019, office)


def form(**changes):
    return {"kind": BoardKind.PARTNERSHIP, **date_fields("day", SWITCH), **changes}


def test_the_confirmation_lists_what_changes_and_saves_nothing(
    board, reports, login_as, chair, member
):
    client = login_as("office")
    url = reverse("boards:kind_change", args=[board.pk])
    assert url in page(client, board.get_absolute_url())
    response = client.post(url, form())
    html = response.content.decode()
    assert "Check what changes" in html
    assert "Ian Chair: Independent chair becomes Partnership chair" in html
    assert "Mo Member: Board member" in html  # to reassign
    assert "Annual Report 2016-17: stays a local safeguarding children board" in html
    assert "Annual Report 2019-20: becomes a safeguarding children partnership" in html
    board.refresh_from_db()
    assert board.kind == BoardKind.CHILDREN and board.kind_from is None


def test_confirming_switches_the_board_and_keeps_the_past_as_an_lscbs(
    board, reports, office, login_as, chair, member
):
    old, new = reports
    published = annual.publish(old, office)
    client = login_as("office")
    url = reverse("boards:kind_change", args=[board.pk])
    assert client.post(url, form(confirm="True")).url == board.get_absolute_url()
    board.refresh_from_db()
    assert (board.kind, board.previous_kind, board.kind_from) == (
        BoardKind.PARTNERSHIP,
        BoardKind.CHILDREN,
        SWITCH,
    )
    assert board.history.first().history_user == office  # its history records the change
    assert board.history.count() == 2
    # The chair is the partnership chair; the member keeps their role, to be reassigned.
    roles = set(BoardMembership.objects.filter(board=board).values_list("user__name", "role"))
    assert ("Ian Chair", Role.PARTNERSHIP_CHAIR) in roles and ("Mo Member", Role.MEMBER) in roles
    # The 2016-17 report still reads as an LSCB's report; 2019-20 is the partnership's.
    assert old.kind == BoardKind.CHILDREN and new.kind == BoardKind.PARTNERSHIP
    assert [item.key for item in outline(old)][0] == "lscb_effectiveness"
    assert "independent_scrutiny" in [item.key for item in outline(new)]
    html = page(client, old.get_absolute_url())
    assert "Local safeguarding children board (before 2019)" in html
    published.refresh_from_db()
    assert published.content["kind"] == "Local safeguarding children board (before 2019)"
    # A partnership cannot change kind again here.
    assert client.get(url).status_code == 403
    assert url not in page(client, board.get_absolute_url())


def test_a_bad_date_changes_nothing(board, login_as):
    client = login_as("office")
    url = reverse("boards:kind_change", args=[board.pk])
    errors = errors_of(client.post(url, {"kind": BoardKind.PARTNERSHIP, "day_0": "31"}))
    assert errors["day"]
    errors = errors_of(client.post(url, form(kind=BoardKind.ADULTS, confirm="True")))
    assert errors["kind"]
    board.refresh_from_db()
    assert board.kind == BoardKind.CHILDREN


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("chair", 403), ("member", 403), ("lead_x", 403), ("outsider", 404)],
)
def test_only_the_boards_office_changes_its_kind(board, login_as, role, status):
    url = reverse("boards:kind_change", args=[board.pk])
    assert login_as(role).post(url, form(confirm="True")).status_code == status
    board.refresh_from_db()
    assert board.kind == BoardKind.CHILDREN


def test_a_person_who_already_holds_the_new_role_keeps_one(board, chair, office):
    BoardMembership.objects.create(user=chair, board=board, role=Role.PARTNERSHIP_CHAIR)
    kind_change.apply(kind_change.plan(board, BoardKind.PARTNERSHIP, SWITCH), office)
    assert list(chair.board_memberships.values_list("role", flat=True)) == [Role.PARTNERSHIP_CHAIR]


def test_the_demo_2016_17_report_still_reads_as_an_lscbs_after_the_switch(demo_board):
    from io import StringIO

    from accounts.models import User
    from demo import partnership

    office = User.objects.get(email="office@demo.lscb.test")
    partnership.switch(demo_board, office, StringIO())
    demo_board.refresh_from_db()
    assert demo_board.kind == BoardKind.PARTNERSHIP
    report = AnnualReport.objects.get(board=demo_board, title="Annual Report 2016-17")
    assert report.kind == BoardKind.CHILDREN
    assert annual.build(report, office)["kind"] == "Local safeguarding children board (before 2019)"
    assert {item.key for item in outline(report)} == {
        "lscb_effectiveness",
        "lscb_weaknesses",
        "lscb_reviews",
        "lscb_funding",
    }
    changes = demo_board.history.count()
    partnership.switch(demo_board, office, StringIO())  # again: nothing changes
    assert demo_board.history.count() == changes
