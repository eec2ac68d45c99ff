"""The office's pages that replaced the Django admin for office staff: the board's own details, its
links with other boards, removing a partner agency, and renaming a learning theme. Only the board's
office may use them: others of the board are refused (403), other boards' people find nothing (404),
and a refused POST changes nothing."""

import pytest
from django.urls import reverse

from boards.models import Board, BoardAgency, BoardKind, BoardLink
from reviews.models import LearningTheme

from ..factories import AgencyFactory, BoardAgencyFactory, BoardFactory
from ..helpers import errors_of, page

CONFIRM = {"submit": "Yes, remove"}


@pytest.fixture
def partner_board(db):
    """A strategic board recorded only as a link partner: nobody belongs to it."""
    return BoardFactory(name="Testshire Health and Wellbeing Board", short_name="HWB")


@pytest.fixture
def link(board, partner_board):
    return BoardLink.objects.create(board=board, other=partner_board, description="Shared plans")


@pytest.fixture
def theme(board):
    return LearningTheme.objects.create(board=board, name="Neglect")


@pytest.fixture
def partner(board):
    """A partner agency none of whose people are agency leads at the board."""
    return BoardAgencyFactory(board=board, agency=AgencyFactory(name="Testshire Fire")).agency


def board_data(**changes):
    return {
        "name": "Testshire Safeguarding Partnership",
        "short_name": "TSP",
        "kind": BoardKind.CHILDREN,
        "area": "Testshire",
        "description": "The partnership of the county.",
        **changes,
    }


PAGES = {
    "edit": (lambda o: reverse("boards:edit", args=[o["board"].pk]), board_data()),
    "link_add": (
        lambda o: reverse("boards:link_add", args=[o["board"].pk]),
        {"other": "{partner_board}", "description": "New link"},
    ),
    "link_edit": (
        lambda o: reverse("boards:link_edit", args=[o["link"].pk]),
        {"description": "Changed"},
    ),
    "link_remove": (lambda o: reverse("boards:link_remove", args=[o["link"].pk]), CONFIRM),
    "agency_remove": (
        lambda o: reverse("boards:agency_remove", args=[o["board"].pk, o["partner"].pk]),
        CONFIRM,
    ),
    "theme_edit": (
        lambda o: reverse("reviews:theme_edit", args=[o["theme"].pk]),
        {"name": "Hijacked"},
    ),
}

# Who is refused what: others of the board 403, the other board's people 404. Case reviews (and so
# their learning themes) are hidden from agency leads (404), as the reviews app decides.
REFUSED = {"member": 403, "chair": 403, "lead_x": 403, "outsider": 404, "other_board_chair": 404}
REFUSED_THEME = {**REFUSED, "lead_x": 404}


@pytest.fixture
def pages_objects(board, partner_board, link, theme, partner, office):
    return {"board": board, "link": link, "theme": theme, "partner": partner}


def state():
    return [
        list(model.objects.order_by("pk").values())
        for model in (Board, BoardLink, BoardAgency, LearningTheme)
    ]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, pages_objects, name):
    url_of, data = PAGES[name]
    before = state()
    response = client.post(url_of(pages_objects), data)
    assert response.status_code == 302
    assert response.url.startswith("/login/")
    assert state() == before


@pytest.mark.parametrize("role", REFUSED)
@pytest.mark.parametrize("name", PAGES)
def test_only_the_boards_office_may_use_them(login_as, pages_objects, partner_board, name, role):
    url_of, data = PAGES[name]
    data = {k: v.format(partner_board=partner_board.pk) for k, v in data.items()}
    expected = (REFUSED_THEME if name == "theme_edit" else REFUSED)[role]
    client = login_as(role)
    before = state()
    assert client.get(url_of(pages_objects)).status_code == expected
    assert client.post(url_of(pages_objects), data).status_code == expected
    assert state() == before


def test_the_board_page_links_to_them_for_its_office_only(login_as, board, link, theme):
    html = page(login_as("office"), board.get_absolute_url())
    for url in (
        reverse("boards:edit", args=[board.pk]),
        reverse("boards:link_add", args=[board.pk]),
        reverse("boards:link_edit", args=[link.pk]),
        reverse("boards:link_remove", args=[link.pk]),
    ):
        assert f'href="{url}"' in html
    assert "/remove/" in html.split('id="agencies"')[1]  # each partner agency's Remove link
    member_html = page(login_as("member"), board.get_absolute_url())
    assert "/edit/" not in member_html and "/remove/" not in member_html
    themes = page(login_as("office"), reverse("reviews:lessons"))
    assert reverse("reviews:theme_edit", args=[theme.pk]) in themes
    assert reverse("reviews:theme_edit", args=[theme.pk]) not in page(
        login_as("chair"), reverse("reviews:lessons")
    )


# The board's details


def test_office_edits_the_boards_details(login_as, board, office):
    response = login_as("office").post(reverse("boards:edit", args=[board.pk]), board_data())
    assert response.status_code == 302
    board.refresh_from_db()
    assert (board.name, board.short_name, board.area) == (
        "Testshire Safeguarding Partnership",
        "TSP",
        "Testshire",
    )
    assert board.history.first().history_user == office


def test_the_details_form_never_changes_the_kind(login_as, board):
    """A board's kind changes only by the change of kind, from a date (boards/kind_change.py)."""
    data = board_data(kind=BoardKind.ADULTS)
    assert login_as("office").post(reverse("boards:edit", args=[board.pk]), data).status_code == 302
    board.refresh_from_db()
    assert board.kind == BoardKind.CHILDREN


def test_a_name_in_use_is_refused(login_as, board, outsider):
    taken = outsider.board_memberships.get().board.name
    response = login_as("office").post(
        reverse("boards:edit", args=[board.pk]), board_data(name=taken)
    )
    assert errors_of(response)["name"] == ["Choose another name: this one is already in use"]
    board.refresh_from_db()
    assert board.name != taken


# Links with other boards


def test_office_adds_a_link_with_a_partner_board(login_as, board, partner_board):
    url = reverse("boards:link_add", args=[board.pk])
    data = {"other": partner_board.pk, "description": "We share a business unit."}
    response = login_as("office").post(url, data)
    assert response.status_code == 302
    link = BoardLink.objects.get(board=board)
    assert (link.other, link.description) == (partner_board, "We share a business unit.")


def test_another_tenants_board_is_neither_listed_nor_accepted(login_as, board, outsider):
    other = outsider.board_memberships.get().board
    url = reverse("boards:link_add", args=[board.pk])
    client = login_as("office")
    assert other.name not in page(client, url)
    response = client.post(url, {"other": other.pk, "description": "Snooping"})
    assert errors_of(response)["other"]
    assert not BoardLink.objects.exists()


def test_office_of_both_boards_may_link_them(login_as, board, office, other_board):
    from boards.models import BoardMembership, Role

    BoardMembership.objects.create(user=office, board=other_board, role=Role.MEMBER)
    response = login_as("office").post(
        reverse("boards:link_add", args=[board.pk]),
        {"other": other_board.pk, "description": "Joint adults and children work"},
    )
    assert response.status_code == 302
    assert BoardLink.objects.filter(board=board, other=other_board).exists()


def test_the_same_link_twice_is_refused(login_as, board, link, partner_board):
    response = login_as("office").post(
        reverse("boards:link_add", args=[board.pk]),
        {"other": partner_board.pk, "description": "Again"},
    )
    assert errors_of(response)["other"] == ["The board already has a link with this board"]
    assert BoardLink.objects.count() == 1


def test_office_edits_and_removes_a_link(login_as, link, office):
    client = login_as("office")
    response = client.post(reverse("boards:link_edit", args=[link.pk]), {"description": "New"})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.description == "New"
    assert client.post(reverse("boards:link_remove", args=[link.pk]), CONFIRM).status_code == 302
    assert not BoardLink.objects.exists()
    assert BoardLink.history.first().history_user == office


# Partner agencies


def test_office_removes_a_partner_agency(login_as, board, partner, office):
    url = reverse("boards:agency_remove", args=[board.pk, partner.pk])
    response = login_as("office").post(url, CONFIRM)
    assert response.status_code == 302
    assert not BoardAgency.objects.filter(board=board, agency=partner).exists()
    assert partner.__class__.objects.filter(pk=partner.pk).exists()  # the agency itself stays
    assert BoardAgency.history.first().history_user == office


def test_an_agency_with_leads_at_the_board_is_not_removed(login_as, board, agency_x, lead_x):
    url = reverse("boards:agency_remove", args=[board.pk, agency_x.pk])
    response = login_as("office").post(url, CONFIRM)
    assert "still has agency leads at the board" in str(errors_of(response))
    assert BoardAgency.objects.filter(board=board, agency=agency_x).exists()


def test_an_agency_of_another_board_is_not_found(login_as, board, other_agency):
    url = reverse("boards:agency_remove", args=[board.pk, other_agency.pk])
    assert login_as("office").post(url, CONFIRM).status_code == 404
    assert BoardAgency.objects.filter(agency=other_agency).exists()


# Learning themes


def test_office_renames_a_learning_theme(login_as, theme, office):
    response = login_as("office").post(
        reverse("reviews:theme_edit", args=[theme.pk]),
        {"name": "Neglect and emotional abuse", "description": "Long-standing neglect"},
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Neglect and emotional abuse"
    assert theme.history.first().history_user == office


def test_a_learning_themes_name_in_use_is_refused(login_as, board, theme):
    LearningTheme.objects.create(board=board, name="Voice of the child")
    response = login_as("office").post(
        reverse("reviews:theme_edit", args=[theme.pk]), {"name": "voice of the child"}
    )
    assert errors_of(response)["name"]
    theme.refresh_from_db()
    assert theme.name == "Neglect"
