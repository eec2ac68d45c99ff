"""A board's partner agencies: the board page shows those represented at it and links to the full
list, which is searched, filtered and paged, with the office's edit, register and remove links."""

from django.urls import reverse

from boards.models import Agency, Sector
from boards.views.agencies import PER_PAGE

from ..factories import AgencyFactory, BoardAgencyFactory
from ..helpers import assert_queries_do_not_grow, page


def agencies_url(board, **query):
    from urllib.parse import urlencode

    url = reverse("boards:agencies", args=[board.pk])
    return f"{url}?{urlencode(query)}" if query else url


def school(board, name, **fields):
    agency = AgencyFactory(name=name, sector=Sector.SCHOOL)
    return BoardAgencyFactory(board=board, agency=agency, represented=False, **fields).agency


def test_the_board_page_shows_agencies_represented_and_links_to_every_partner(
    login_as, board, agency_x, agency_y
):
    fellside = school(board, "Fellside Primary")
    html = page(login_as("member"), board.get_absolute_url())
    assert agency_x.name in html and agency_y.name in html
    assert fellside.name not in html  # not at the board: in the full list
    assert f'href="{agencies_url(board)}">All 3 partner agencies</a>' in html
    assert fellside.name in page(login_as("member"), agencies_url(board))


def test_anonymous_is_sent_to_sign_in(client, board, agency_x):
    assert client.get(agencies_url(board)).status_code == 302


def test_another_boards_office_finds_nothing(login_as, board, agency_x):
    response = login_as("outsider").get(agencies_url(board))
    assert response.status_code == 404


def test_a_member_reads_the_list_without_the_offices_links(login_as, board, agency_x):
    html = page(login_as("member"), agencies_url(board))
    assert agency_x.name in html
    for link in ("agency_edit", "agency_remove", "relevant_agency_edit"):
        assert reverse(f"boards:{link}", args=[board.pk, agency_x.pk]) not in html
    assert "Add an agency" not in html


def test_the_office_edits_records_and_removes_from_the_list(login_as, board, agency_x):
    html = page(login_as("office"), agencies_url(board))
    for link in ("agency_edit", "agency_remove", "relevant_agency_edit"):
        assert reverse(f"boards:{link}", args=[board.pk, agency_x.pk]) in html
    assert reverse("boards:agency_add", args=[board.pk]) in html


def test_the_list_filters_by_name_sector_seat_statutory_and_register(
    login_as, board, agency_x, agency_y
):
    school(board, "Fellside Primary", category="education")
    school(board, "Lakeside Academy")
    client = login_as("member")

    def names(**query):
        html = page(client, agencies_url(board, **query))
        return [
            name
            for name in ("Testshire Police", "Testshire NHS Trust", "Fellside", "Lakeside")
            if name in html
        ]

    assert names() == ["Testshire Police", "Testshire NHS Trust", "Fellside", "Lakeside"]
    assert names(q="side") == ["Fellside", "Lakeside"]
    assert names(sector=Sector.SCHOOL) == ["Fellside", "Lakeside"]
    assert names(represented="yes") == ["Testshire Police", "Testshire NHS Trust"]
    assert names(represented="no") == ["Fellside", "Lakeside"]
    assert names(relevant="yes") == ["Fellside"]
    assert names(relevant="no", sector=Sector.SCHOOL) == ["Lakeside"]
    Agency.objects.exclude(pk=agency_x.pk).update(statutory=False)
    assert names(statutory="yes") == ["Testshire Police"]
    assert names(statutory="no", represented="yes") == ["Testshire NHS Trust"]
    assert "2 matching agencies" in page(client, agencies_url(board, q="side"))


def test_the_list_comes_a_page_at_a_time_keeping_its_filters(login_as, board):
    for n in range(PER_PAGE + 2):
        school(board, f"School {n:03d}")
    client = login_as("member")
    first = page(client, agencies_url(board, sector=Sector.SCHOOL))
    assert f"{PER_PAGE + 2} matching agencies: 1 to {PER_PAGE} shown" in first
    assert "School 000" in first and f"School {PER_PAGE:03d}" not in first
    assert "?sector=school&amp;page=2" in first
    second = page(client, agencies_url(board, sector=Sector.SCHOOL, page=2))
    assert f"School {PER_PAGE:03d}" in second and "School 000" not in second


def test_the_register_counts_the_agencies_not_recorded_and_links_to_them(
    login_as, board, agency_x, agency_y
):
    school(board, "Fellside Primary", category="education")
    html = page(login_as("member"), reverse("boards:relevant_agencies", args=[board.pk]))
    assert f'href="{agencies_url(board)}?relevant=no">2 partner agencies are not recorded' in html
    assert agency_x.name not in html  # listed in the partner agencies list, not here


def test_the_list_costs_the_same_queries_at_ten_times_the_agencies(login_as, board, agency_x):
    client = login_as("office")

    def grow():
        for n in range(10):
            school(board, f"School {n}", category="education")
            BoardAgencyFactory(board=board)

    url = agencies_url(board, sector=Sector.SCHOOL, relevant="yes", q="school")
    school(board, "School A", category="education")  # one matching, then eleven
    assert_queries_do_not_grow(client, url, grow)
    assert_queries_do_not_grow(client, agencies_url(board), grow)
