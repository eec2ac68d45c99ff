"""The Django admin: the system administrator sees everything, office staff only their boards."""

import pytest

from boards.models import Role

from .factories import BoardFactory, BoardMembershipFactory, SubgroupFactory

SUBGROUPS = "/admin/subgroups/subgroup/"


@pytest.fixture
def elsewhere_group(db):
    return SubgroupFactory(board=BoardFactory(), name="Elsewhere Case Review Group")


def test_office_staff_open_the_admin(login_as, office):
    assert login_as("office").get("/admin/").status_code == 200


@pytest.mark.parametrize("role", ["member", "subgroup_chair", "chair", "lead_x"])
def test_others_are_sent_to_the_admin_sign_in(login_as, role):
    response = login_as(role).get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_office_staff_see_only_their_boards_groups(
    login_as, subgroup, other_subgroup, elsewhere_group
):
    html = login_as("office").get(SUBGROUPS).content.decode()
    assert subgroup.name in html
    assert other_subgroup.name in html
    assert elsewhere_group.name not in html


def test_office_staff_cannot_open_another_boards_group(login_as, elsewhere_group):
    response = login_as("office").get(f"{SUBGROUPS}{elsewhere_group.pk}/change/")
    assert response.status_code == 302  # the admin's "does not exist" redirect
    assert response.url == "/admin/"


def test_the_system_administrator_sees_every_group(login_as, subgroup, elsewhere_group):
    html = login_as("admin_user").get(SUBGROUPS).content.decode()
    assert subgroup.name in html
    assert elsewhere_group.name in html


def test_office_staff_see_their_boards_people_read_only(login_as, member):
    client = login_as("office")
    response = client.get(f"/admin/accounts/user/{member.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert member.name in html
    assert 'name="is_superuser"' not in html  # no way to hand out administrator powers
    assert 'name="email"' not in html  # nor to change someone's sign-in
    client.post(f"/admin/accounts/user/{member.pk}/change/", {"email": "taken@example.test"})
    member.refresh_from_db()
    assert member.email != "taken@example.test"


def test_the_system_administrator_can_grant_superuser(login_as, member):
    response = login_as("admin_user").get(f"/admin/accounts/user/{member.pk}/change/")
    assert 'name="is_superuser"' in response.content.decode()


def test_office_staff_cannot_set_a_system_administrators_password(login_as, board, admin_user):
    BoardMembershipFactory(board=board, user=admin_user, role=Role.CHAIR)
    response = login_as("office").get(f"/admin/accounts/user/{admin_user.pk}/password/")
    assert response.status_code in (403, 404)


def test_office_staff_cannot_change_another_boards_people(login_as, agency_x, outsider):
    outsider.agency = agency_x
    outsider.save()
    response = login_as("office").get(f"/admin/accounts/user/{outsider.pk}/password/")
    assert response.status_code in (403, 404)
