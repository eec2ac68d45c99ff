"""Adding someone the office does not already work with invites them: they join only when they
accept, signed in as themselves, and the office never learns whether the address belongs to another
board's person."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from boards.models import INVITATION_DAYS, Board, BoardMembership, Invitation, Role

from ..helpers import invitation_linked, page


def person_data(email, role=Role.AGENCY_LEAD):
    return {"email": email, "name": "Whoever They Are", "job_title": "", "role": role}


def add(client, board, data):
    return client.post(reverse("boards:person_add", args=[board.pk]), data)


@pytest.fixture
def elsewhere(outsider):
    return outsider.board_memberships.get().board


@pytest.fixture
def invitation(login_as, board, outsider, office, mailoutbox):
    """The office of `board` invites the other board's office staff to be an agency lead."""
    client = login_as("office")
    add(client, board, person_data(outsider.email))
    client.logout()
    return Invitation.objects.get(user=outsider)


def answer(client, invitation, value):
    return client.post(invitation.get_absolute_url(), {"answer": value})


def test_another_boards_person_is_invited_not_added(login_as, board, outsider, office, mailoutbox):
    response = add(login_as("office"), board, person_data(outsider.email.upper()))
    assert response.status_code == 302
    assert not BoardMembership.objects.filter(user=outsider, board=board).exists()
    assert board not in Board.objects.visible_to(outsider)
    invitation = Invitation.objects.get(user=outsider)
    assert (invitation.board, invitation.role, invitation.invited_by) == (
        board,
        Role.AGENCY_LEAD,
        office,
    )
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [outsider.email]
    assert invitation_linked(email.body) == invitation
    assert "Agency safeguarding lead at Testshire" in email.body
    assert "/password/reset/" not in email.body  # they have a password already


def test_the_office_cannot_tell_another_boards_person_from_a_new_address(
    login_as, board, outsider, office, mailoutbox
):
    """Same message, same row on the people page, and never the account's name."""
    client = login_as("office")
    said = []
    for email in (outsider.email, "brand.new@example.test"):
        url = reverse("boards:person_add", args=[board.pk])
        response = client.post(url, person_data(email), follow=True)
        said += [m.message.replace(email, "X") for m in response.context["messages"]]
    assert said[0] == said[1] == "Invitation sent to X. They join when they accept it."
    people = html.unescape(page(client, reverse("boards:people", args=[board.pk])))
    assert outsider.email in people and "brand.new@example.test" in people
    assert outsider.name not in people
    assert "Invitations waiting for an answer (2)" in people


def test_the_invited_person_accepts_and_joins(login_as, invitation, board, outsider):
    client = login_as("outsider")
    assert "invites you to join" in page(client, reverse("home"))
    assert "Join Testshire" in page(client, invitation.get_absolute_url())
    response = answer(client, invitation, "accept")
    assert response.status_code == 302
    assert BoardMembership.objects.filter(
        user=outsider, board=board, role=Role.AGENCY_LEAD
    ).exists()
    invitation.refresh_from_db()
    assert invitation.accepted
    assert client.get(board.get_absolute_url()).status_code == 200
    # Answered: the link does nothing more.
    assert answer(client, invitation, "decline").status_code == 200
    invitation.refresh_from_db()
    assert invitation.declined is None


def test_declining_makes_nothing(login_as, invitation, board, outsider):
    client = login_as("outsider")
    assert answer(client, invitation, "decline").status_code == 302
    invitation.refresh_from_db()
    assert invitation.declined and not invitation.accepted
    assert not BoardMembership.objects.filter(user=outsider, board=board).exists()
    assert "invites you to join" not in page(client, reverse("home"))


@pytest.mark.parametrize("role", ["office", "member", "lead_x", "chair", "admin_user"])
def test_someone_else_gets_404_and_changes_nothing(login_as, invitation, outsider, role):
    client = login_as(role)
    assert client.get(invitation.get_absolute_url()).status_code == 404
    assert answer(client, invitation, "accept").status_code == 404
    invitation.refresh_from_db()
    assert invitation.accepted is None
    assert not BoardMembership.objects.filter(user=outsider, board=invitation.board).exists()


def test_anonymous_is_asked_to_sign_in(client, invitation):
    response = client.get(invitation.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_forged_or_guessed_link_is_404(login_as, invitation):
    client = login_as("outsider")
    good = invitation.get_absolute_url()
    assert client.get(good[:-3] + "abc/").status_code == 404
    assert client.get(reverse("boards:invitation", args=[str(invitation.pk)])).status_code == 404


def test_an_expired_invitation_does_nothing(login_as, invitation, outsider):
    too_old = timezone.now() - datetime.timedelta(days=INVITATION_DAYS, minutes=1)
    Invitation.objects.filter(pk=invitation.pk).update(created=too_old)
    client = login_as("outsider")
    assert "no longer open" in page(client, invitation.get_absolute_url())
    assert answer(client, invitation, "accept").status_code == 200
    assert not BoardMembership.objects.filter(user=outsider, board=invitation.board).exists()
    assert "invites you to join" not in page(client, reverse("home"))


def test_the_office_withdraws_an_invitation(login_as, invitation, board, outsider):
    office = login_as("office")
    url = reverse("boards:invitation_withdraw", args=[invitation.pk])
    assert office.post(url, {"submit": "Yes, withdraw it"}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.withdrawn
    assert "Invitations waiting for an answer (0)" in page(
        office, reverse("boards:people", args=[board.pk])
    )
    office.logout()
    client = login_as("outsider")
    assert "no longer open" in page(client, invitation.get_absolute_url())
    answer(client, invitation, "accept")
    assert not BoardMembership.objects.filter(user=outsider, board=board).exists()
    assert office.post(url, {"submit": "Yes, withdraw it"}).status_code == 404


@pytest.mark.parametrize(
    "role,status",
    [("anonymous", 302), ("member", 403), ("chair", 403), ("lead_x", 403), ("outsider", 404)],
)
def test_only_the_boards_office_withdraws(login_as, invitation, role, status):
    url = reverse("boards:invitation_withdraw", args=[invitation.pk])
    assert login_as(role).post(url, {"submit": "Yes, withdraw it"}).status_code == status
    invitation.refresh_from_db()
    assert invitation.withdrawn is None


def test_another_boards_office_cannot_withdraw_or_see_it(login_as, board, elsewhere, lead_x):
    """An invitation of `elsewhere` (to `board`'s agency lead) is none of `board`'s business."""
    other_office = BoardMembership.objects.get(board=elsewhere, role=Role.OFFICE).user
    invitation = Invitation.objects.create(
        board=elsewhere, user=lead_x, email=lead_x.email, role=Role.MEMBER, offer="Board member"
    )
    assert invitation.invited_by is None and other_office
    client = login_as("office")
    url = reverse("boards:invitation_withdraw", args=[invitation.pk])
    assert client.post(url, {"submit": "Yes, withdraw it"}).status_code == 404
    assert lead_x.email not in page(client, reverse("boards:people", args=[board.pk]))


def test_inviting_the_same_address_for_the_same_role_twice_is_refused(
    login_as, invitation, board, outsider, mailoutbox
):
    response = add(login_as("office"), board, person_data(outsider.email))
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "An invitation to this address for that role is waiting"
    ]
    assert Invitation.objects.count() == 1
    assert len(mailoutbox) == 1


def test_a_group_invitation_makes_the_group_membership_on_acceptance(
    login_as, subgroup, outsider, mailoutbox
):
    url = reverse("subgroups:member_add", args=[subgroup.pk])
    data = {"email": outsider.email, "name": "X", "job_title": "", "role": "member"}
    assert login_as("office").post(url, data).status_code == 302
    assert not subgroup.memberships.filter(user=outsider).exists()
    invitation = Invitation.objects.get(user=outsider)
    assert invitation.role == "" and invitation.offer == f"Member of {subgroup.name}"
    assert len(mailoutbox) == 1
    login_as("outsider")
    client = login_as(outsider)
    assert answer(client, invitation, "accept").status_code == 302
    assert subgroup.memberships.filter(user=outsider).exists()
    assert not BoardMembership.objects.filter(user=outsider, board=subgroup.board).exists()
