"""The relevant agencies register: the schedule's categories as data with their source; the office
records each partner agency's category, whether the published arrangements name it and when it was
notified; the board's people read the register by category."""

import datetime

from django.urls import reverse

from boards.models import BoardAgency
from boards.relevant_agencies import categories, category_choices, schedule

from ..factories import AgencyFactory, BoardAgencyFactory
from ..helpers import assert_queries_do_not_grow, page

ENTRY = {
    "category": "education",
    "named_in_arrangements": "on",
    "notified_on_0": "2",
    "notified_on_1": "9",
    "notified_on_2": "2019",
}


def edit_url(board, agency):
    return reverse("boards:relevant_agency_edit", args=[board.pk, agency.pk])


def test_the_data_file_records_its_source_and_the_schedules_headings():
    assert schedule()["source"].startswith("https://www.legislation.gov.uk/uksi/2018/789/")
    assert [c["name"] for c in categories()] == [
        "Education and childcare",
        "Health and social care",
        "Criminal justice",
        "Police and immigration",
        "Miscellaneous",
    ]
    assert all(c["covers"] for c in categories())
    assert len({key for key, _ in category_choices()}) == 5


def test_the_office_records_an_entry(board, agency_x, office, client):
    client.force_login(office)
    response = client.post(edit_url(board, agency_x), ENTRY)
    entry = BoardAgency.objects.get(board=board, agency=agency_x)
    assert response.url == entry.get_absolute_url()
    assert (entry.category, entry.named_in_arrangements, entry.notified_on) == (
        "education",
        True,
        datetime.date(2019, 9, 2),
    )
    assert entry.history.first().history_user == office
    text = page(client, reverse("boards:relevant_agencies", args=[board.pk]))
    education = text.split("Education and childcare")[2].split("Health and social care")[0]
    assert agency_x.name in education and "2 September 2019" in education


def test_an_entry_may_be_cleared(board, agency_x, office, client):
    BoardAgency.objects.filter(agency=agency_x).update(category="health")
    client.force_login(office)
    client.post(edit_url(board, agency_x), {"category": ""})
    assert BoardAgency.objects.get(agency=agency_x).category == ""


def test_a_member_reads_the_register_but_cannot_change_it(board, agency_x, member, client):
    client.force_login(member)
    assert "the entry of" not in page(client, reverse("boards:relevant_agencies", args=[board.pk]))
    assert client.post(edit_url(board, agency_x), ENTRY).status_code == 403
    assert BoardAgency.objects.get(agency=agency_x).category == ""


def test_another_boards_office_finds_nothing(board, agency_x, outsider, client):
    client.force_login(outsider)
    assert client.post(edit_url(board, agency_x), ENTRY).status_code == 404
    assert client.get(reverse("boards:relevant_agencies", args=[board.pk])).status_code == 404
    assert BoardAgency.objects.get(agency=agency_x).category == ""


def test_an_agency_not_of_the_board_is_not_found(board, office, other_agency, client):
    client.force_login(office)
    assert client.get(edit_url(board, other_agency)).status_code == 404


def test_the_register_queries_do_not_grow(board, office, client):
    client.force_login(office)

    def grow():
        for n, (key, _) in enumerate(category_choices() * 6):
            BoardAgencyFactory(board=board, agency=AgencyFactory(name=f"Agency {n}"), category=key)

    assert_queries_do_not_grow(client, reverse("boards:relevant_agencies", args=[board.pk]), grow)
