"""Office staff set up Section 11 cycles: dates, the boards served, and the agencies expected, chosen by
sector (every partner in it) and one by one."""

import datetime

from django.urls import reverse

from audits.models import AuditCycle
from boards.models import Sector

from ..factories import AgencyFactory, BoardAgencyFactory, BoardFactory, BoardMembershipFactory
from ..helpers import date_fields, errors_of, page

OPENS = datetime.date(2016, 12, 8)
CLOSES = datetime.date(2017, 3, 13)


def school(board, name):
    return BoardAgencyFactory(
        board=board, agency=AgencyFactory(name=name, sector=Sector.SCHOOL, statutory=False)
    ).agency


def cycle_data(framework, boards, sectors=(), agencies=(), **changes):
    return {
        "name": "Section 11 audit 2017-18",
        "framework": framework.pk,
        "previous": "",
        "boards": [b.pk for b in boards],
        "sectors": list(sectors),
        "agencies": [a.pk for a in agencies],
        **date_fields("opens", OPENS),
        **date_fields("closes", CLOSES),
        **date_fields("closed", None),
        **changes,
    }


def test_office_adds_a_cycle_expecting_every_school_and_one_agency(
    login_as, office, board, audit_cycle, agency_x, agency_y
):
    schools = [school(board, "Fellside Primary"), school(board, "Beck High")]
    school(BoardFactory(name="Elsewhere"), "A school of another board")
    client = login_as("office")
    assert "Add an audit cycle" in page(client, reverse("audits:cycles"))
    data = cycle_data(audit_cycle.framework, [board], [Sector.SCHOOL], [agency_y])
    response = client.post(reverse("audits:cycle_add"), data)
    cycle = AuditCycle.objects.get(name="Section 11 audit 2017-18")
    assert response.url == cycle.get_absolute_url()
    assert set(cycle.expected.all()) == {*schools, agency_y}
    assert list(cycle.boards.all()) == [board]
    assert (cycle.opens, cycle.closes, cycle.closed) == (OPENS, CLOSES, None)
    assert cycle.history.get().history_user == office
    assert "Fellside Primary" in page(client, cycle.get_absolute_url())


def test_editing_shows_whole_sectors_ticked_and_single_agencies_picked(
    login_as, board, audit_cycle, agency_x, agency_y
):
    schools = [school(board, "Fellside Primary"), school(board, "Beck High")]
    audit_cycle.expected.set([*schools, agency_x])
    client = login_as("office")
    form = client.get(reverse("audits:cycle_edit", args=[audit_cycle.pk])).context["form"]
    assert form["sectors"].initial == [Sector.SCHOOL]
    assert form["agencies"].initial == [agency_x.pk]
    # Only one school of two expected: the sector is not ticked, the school is picked.
    audit_cycle.expected.set([schools[0], agency_x])
    form = client.get(reverse("audits:cycle_edit", args=[audit_cycle.pk])).context["form"]
    assert form["sectors"].initial == []
    assert set(form["agencies"].initial) == {schools[0].pk, agency_x.pk}


def test_the_agencies_one_by_one_are_folded_away_unless_some_are_chosen(
    login_as, board, audit_cycle, agency_x
):
    """Hundreds of partners would make the form thousands of pixels long: their checkboxes sit in
    a details element, open when some agency is chosen one by one."""
    school(board, "Fellside Primary")
    client = login_as("office")
    partners = board.partners.count()
    closed = page(client, reverse("audits:cycle_add"))
    summary = f"Choose agencies one by one ({partners} partners)"
    assert '<details class="govuk-details"><summary class="govuk-details__summary">' in closed
    assert summary in closed
    audit_cycle.expected.set([agency_x])
    opened = page(client, reverse("audits:cycle_edit", args=[audit_cycle.pk]))
    assert '<details class="govuk-details" open>' in opened and summary in opened


def test_editing_keeps_boards_the_user_does_not_manage(login_as, board, audit_cycle, agency_x):
    elsewhere = BoardFactory(name="Neighbouring Safeguarding Adults Board")
    audit_cycle.boards.add(elsewhere)
    client = login_as("office")
    data = cycle_data(audit_cycle.framework, [board], agencies=[agency_x], name="Renamed")
    response = client.post(reverse("audits:cycle_edit", args=[audit_cycle.pk]), data)
    assert response.status_code == 302
    audit_cycle.refresh_from_db()
    assert audit_cycle.name == "Renamed"
    assert set(audit_cycle.boards.all()) == {board, elsewhere}
    assert list(audit_cycle.expected.all()) == [agency_x]


def test_a_cycle_can_serve_two_boards_the_office_manages(login_as, office, board, audit_cycle):
    second = BoardFactory(name="Testshire Safeguarding Adults Board")
    BoardMembershipFactory(board=second, user=office, role="office")
    data = cycle_data(audit_cycle.framework, [board, second], [Sector.POLICE])
    login_as("office").post(reverse("audits:cycle_add"), data)
    cycle = AuditCycle.objects.get(name="Section 11 audit 2017-18")
    assert set(cycle.boards.all()) == {board, second}


def test_bad_input_names_each_problem_and_saves_nothing(login_as, board, audit_cycle):
    data = cycle_data(
        audit_cycle.framework, [], **date_fields("closes", OPENS - datetime.timedelta(days=1))
    )
    errors = errors_of(login_as("office").post(reverse("audits:cycle_add"), data))
    assert errors["closes"] == ["The deadline must be on or after the date the cycle opens"]
    assert errors["sectors"] == ["Choose the sectors or the agencies expected to return"]
    assert "boards" in errors
    assert AuditCycle.objects.count() == 1


def test_office_cannot_choose_another_boards_agencies(login_as, board, audit_cycle):
    stranger = school(BoardFactory(name="Elsewhere"), "Not our school")
    data = cycle_data(audit_cycle.framework, [board], agencies=[stranger])
    errors = errors_of(login_as("office").post(reverse("audits:cycle_add"), data))
    assert "agencies" in errors


def test_only_office_staff_add_or_edit_cycles(login_as, audit_cycle, lead_x, member, outsider):
    for role in ("lead_x", "member", "chair"):
        client = login_as(role)
        assert client.get(reverse("audits:cycle_add")).status_code == 403
        edit = reverse("audits:cycle_edit", args=[audit_cycle.pk])
        assert client.post(edit, {}).status_code == 403
    assert "Add an audit cycle" not in page(login_as("member"), reverse("audits:cycles"))
    # Another board's office staff cannot even see the cycle.
    edit = reverse("audits:cycle_edit", args=[audit_cycle.pk])
    assert login_as("outsider").get(edit).status_code == 404
