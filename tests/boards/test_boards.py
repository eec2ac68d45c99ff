"""The board page, agencies and the people of a board: what each role sees and may change."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from boards.models import Agency, BoardAgency, BoardLink, BoardMembership, Role, Sector

from ..factories import (
    PASSWORD,
    AgencyFactory,
    BoardAgencyFactory,
    BoardFactory,
    BoardMembershipFactory,
    ResponsibilityFactory,
    SubgroupFactory,
    UserFactory,
)
from ..helpers import assert_queries_do_not_grow, invitation_linked, page

# The board page


def test_board_page_lists_its_agencies(login_as, board, agency_x, agency_y):
    html = page(login_as("member"), board.get_absolute_url())
    assert agency_x.name in html
    assert agency_y.name in html


def test_board_page_nests_child_groups_under_their_parent(
    login_as, board, subgroup, other_subgroup
):
    child = SubgroupFactory(board=board, parent=subgroup, name="Locality Quality Assurance Group")
    html = page(login_as("member"), board.get_absolute_url())
    parent_item = html.split(f">{subgroup.name}</a>", 1)[1].split("</li>", 1)[0]
    assert '<ul class="govuk-list app-tree">' in parent_item
    assert f">{child.name}</a>" in parent_item
    assert html.count(f">{child.name}</a>") == 1
    assert other_subgroup.name not in parent_item


def test_board_page_shows_links_with_other_boards(login_as, board):
    other = BoardFactory(name="Testshire Safeguarding Adults Board")
    BoardLink.objects.create(board=board, other=other, description="We share a business unit.")
    html = page(login_as("member"), board.get_absolute_url())
    assert other.name in html
    assert "We share a business unit." in html


@pytest.mark.parametrize(
    ("role", "shown"),
    [("office", True), ("chair", False), ("member", False), ("lead_x", False)],
)
def test_only_office_staff_get_the_add_an_agency_button(login_as, board, role, shown):
    html = page(login_as(role), board.get_absolute_url())
    assert ("Add an agency" in html) is shown


# Adding and changing agencies


def agency_data(**changes):
    return {
        "name": "Testshire Youth Offending Service",
        "short_name": "YOS",
        "sector": Sector.YOUTH_JUSTICE,
        "statutory": "on",
        "represented": "on",
        **changes,
    }


def test_office_adds_an_agency(login_as, board, office):
    response = login_as("office").post(reverse("boards:agency_add", args=[board.pk]), agency_data())
    agency = Agency.objects.get(name="Testshire Youth Offending Service")
    assert response.status_code == 302
    assert response.url == agency.get_absolute_url()
    assert agency.sector == Sector.YOUTH_JUSTICE
    assert agency.statutory
    assert BoardAgency.objects.get(board=board, agency=agency).represented
    assert agency.history.first().history_user == office


@pytest.mark.parametrize(("role", "status"), [("member", 403), ("outsider", 404)])
def test_others_cannot_add_an_agency(login_as, board, role, status):
    response = login_as(role).post(reverse("boards:agency_add", args=[board.pk]), agency_data())
    assert response.status_code == status
    assert not Agency.objects.filter(name="Testshire Youth Offending Service").exists()


def test_office_edits_an_agency(login_as, board, agency_x, office):
    url = reverse("boards:agency_edit", kwargs={"board_pk": board.pk, "pk": agency_x.pk})
    data = agency_data(name="Testshire Constabulary", sector=Sector.POLICE)
    del data["represented"]
    response = login_as("office").post(url, data)
    assert response.status_code == 302
    agency_x.refresh_from_db()
    assert agency_x.name == "Testshire Constabulary"
    assert not BoardAgency.objects.get(board=board, agency=agency_x).represented
    latest = agency_x.history.first()
    assert (latest.history_type, latest.history_user) == ("~", office)


def test_member_cannot_edit_an_agency(login_as, board, agency_x):
    url = reverse("boards:agency_edit", kwargs={"board_pk": board.pk, "pk": agency_x.pk})
    response = login_as("member").post(url, agency_data(name="Renamed"))
    assert response.status_code == 403
    agency_x.refresh_from_db()
    assert agency_x.name == "Testshire Police"


def test_duplicate_agency_name_is_refused(login_as, board, agency_x):
    url = reverse("boards:agency_add", args=[board.pk])
    response = login_as("office").post(url, agency_data(name=agency_x.name))
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert response.context["form"].errors["name"]
    assert Agency.objects.count() == 1
    assert BoardAgency.objects.count() == 1


def test_another_boards_agency_name_is_free_and_not_revealed(login_as, board, agency_x, outsider):
    """Agency names are unique per board: the other board's office adds its own "Testshire Police"
    without learning that this board has one, and the two stay separate agencies."""
    elsewhere = outsider.board_memberships.get().board
    url = reverse("boards:agency_add", args=[elsewhere.pk])
    response = login_as("outsider").post(url, agency_data(name=agency_x.name))
    assert response.status_code == 302
    theirs = Agency.objects.get(boards=elsewhere)
    assert theirs.name == agency_x.name
    assert theirs != agency_x
    assert list(board.agencies.all()) == [agency_x]


def test_renaming_to_another_partners_name_is_refused(login_as, board, agency_x, agency_y):
    url = reverse("boards:agency_edit", kwargs={"board_pk": board.pk, "pk": agency_y.pk})
    response = login_as("office").post(url, agency_data(name=agency_x.name.upper()))
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "The board already has a partner agency with this name"
    ]
    agency_y.refresh_from_db()
    assert agency_y.name == "Testshire NHS Trust"


def test_renaming_to_another_boards_agency_name_is_allowed(login_as, board, agency_x, outsider):
    elsewhere = outsider.board_memberships.get().board
    BoardAgencyFactory(board=elsewhere, agency=AgencyFactory(name="Elsewhere Police"))
    url = reverse("boards:agency_edit", kwargs={"board_pk": board.pk, "pk": agency_x.pk})
    response = login_as("office").post(url, agency_data(name="Elsewhere Police"))
    assert response.status_code == 302
    agency_x.refresh_from_db()
    assert agency_x.name == "Elsewhere Police"


# People at the board

# What a browser sends with a confirmation form (its CSRF token aside): the button.
CONFIRM = {"submit": "Yes, remove"}


def person_data(email, role=Role.MEMBER, **changes):
    return {
        "email": email,
        "name": "Nia New",
        "job_title": "Head of Service",
        "role": role,
        **changes,
    }


def add_person(client, board, data):
    return client.post(reverse("boards:person_add", args=[board.pk]), data)


def test_office_invites_a_new_person(login_as, board, agency_x, office, mailoutbox):
    """A new address gets an account without a password and an invitation: they join when they
    accept it (tests/boards/test_invitations.py), like anyone the office does not already work with."""
    data = person_data("Nia.New@Example.test", role=Role.AGENCY_LEAD, agency=agency_x.pk)
    response = add_person(login_as("office"), board, data)
    assert response.status_code == 302
    user = User.objects.get(email="nia.new@example.test")
    assert (user.name, user.agency) == ("Nia New", agency_x)
    assert not user.has_usable_password()
    assert user.history.first().history_user == office
    assert not BoardMembership.objects.filter(user=user).exists()
    invitation = user.invitations.get()
    assert (invitation.board, invitation.role, invitation.invited_by) == (
        board,
        Role.AGENCY_LEAD,
        office,
    )
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nia.new@example.test"]
    assert re.search(r"http://testserver/password/reset/\S+/\S+/", mailoutbox[0].body)
    assert invitation_linked(mailoutbox[0].body) == invitation


def test_invited_person_sets_a_password_and_signs_in(login_as, board, client, mailoutbox):
    add_person(login_as("office"), board, person_data("nia@example.test"))
    client.logout()
    link = re.search(r"http://testserver(/password/reset/\S+/)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    new = "nia-chooses-a-long-password"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    response = client.post("/login/", {"username": "nia@example.test", "password": new})
    assert response.status_code == 302


def test_office_adds_someone_already_at_its_board_at_once(
    login_as, board, office, member, mailoutbox
):
    """Someone already at one of the office's boards takes a new role at once, unasked."""
    users = User.objects.count()
    response = add_person(login_as("office"), board, person_data(member.email.upper(), Role.CHAIR))
    assert response.status_code == 302
    assert User.objects.count() == users
    assert member.check_password(PASSWORD)
    assert BoardMembership.objects.filter(user=member, board=board, role=Role.CHAIR).exists()
    assert mailoutbox == []


def test_the_same_person_and_role_twice_is_refused(login_as, board, member):
    response = add_person(login_as("office"), board, person_data(member.email.upper()))
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "This person already has that role at the board"
    ]
    assert member.board_memberships.count() == 1


def test_office_removes_a_membership(login_as, member):
    membership = member.board_memberships.get()
    response = login_as("office").post(
        reverse("boards:person_remove", args=[membership.pk]), CONFIRM
    )
    assert response.status_code == 302
    assert not BoardMembership.objects.filter(pk=membership.pk).exists()


def test_member_cannot_remove_a_membership(login_as, chair):
    membership = chair.board_memberships.get()
    response = login_as("member").post(
        reverse("boards:person_remove", args=[membership.pk]), CONFIRM
    )
    assert response.status_code == 403
    assert BoardMembership.objects.filter(pk=membership.pk).exists()


# Query counts


@pytest.fixture
def grow(board, agency_x, office):
    """Ten times more of everything the board, people and agency pages show."""

    def grow():
        for _ in range(10):
            BoardAgencyFactory(board=board)
            BoardAgencyFactory(board=board, represented=False)
            parent = SubgroupFactory(board=board, chair_agency=agency_x)
            ResponsibilityFactory(subgroup=parent)
            SubgroupFactory(board=board, parent=parent, chair_agency=AgencyFactory())
            user = UserFactory(agency=AgencyFactory())
            BoardMembershipFactory(board=board, user=user, role=Role.AGENCY_LEAD)
            other = BoardFactory()
            BoardLink.objects.create(board=board, other=other, description="Linked.")
            BoardMembershipFactory(board=other, user=office, role=Role.OFFICE)
            BoardAgencyFactory(board=other, agency=agency_x)
            SubgroupFactory(board=other, chair_agency=agency_x)

    return grow


@pytest.mark.parametrize("name", ["boards:board", "boards:people"])
def test_board_pages_do_not_grow_queries(login_as, board, subgroup, member, grow, name):
    client = login_as("office")
    assert_queries_do_not_grow(client, reverse(name, args=[board.pk]), grow)


def test_agency_page_does_not_grow_queries(login_as, agency_x, subgroup, grow):
    subgroup.chair_agency = agency_x
    subgroup.save()
    client = login_as("office")
    assert_queries_do_not_grow(client, agency_x.get_absolute_url(), grow)
