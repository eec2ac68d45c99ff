"""Subgroup pages, adding and changing groups, their terms of reference and their members."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import User
from subgroups.models import (
    MemberRole,
    Responsibility,
    Subgroup,
    SubgroupInvitation,
    SubgroupKind,
    SubgroupMembership,
)

from ..factories import (
    ResponsibilityFactory,
    SubgroupFactory,
    SubgroupMembershipFactory,
    UserFactory,
)
from ..helpers import assert_queries_do_not_grow, page

CONFIRM = {"submit": "Yes, remove"}  # what a browser sends with a confirmation form


# The subgroup page


def test_subgroup_page_shows_purpose_and_numbered_responsibilities(login_as, subgroup):
    ResponsibilityFactory(subgroup=subgroup, number=2, text="Audit practice\n- case files\n- plans")
    html = page(login_as("member"), subgroup.get_absolute_url())
    assert subgroup.purpose in html
    terms = html.split('<ol class="govuk-list govuk-list--number">', 1)[1].split("</ol>", 1)[0]
    assert terms.index("Collect and analyse performance data") < terms.index("Audit practice")
    assert (
        '<ul class="govuk-list govuk-list--bullet"><li>case files</li><li>plans</li></ul>' in terms
    )
    assert "- case files" not in terms


def test_subgroup_page_shows_chair_and_members(login_as, subgroup, subgroup_chair, agency_x):
    member = SubgroupMembershipFactory(
        subgroup=subgroup, user=UserFactory(name="Mel Member"), agency=agency_x
    )
    html = page(login_as("member"), subgroup.get_absolute_url())
    chair_row = html.split(">Chair</dt>", 1)[1].split("</dd>", 1)[0]
    assert "Sue Chair, chair" in chair_row
    assert member.user.name not in chair_row
    members = html.split('<h2 class="govuk-heading-m">Members</h2>', 1)[1]
    assert "Sue Chair" in members
    assert "Mel Member" in members
    assert agency_x.name in members


def test_subgroup_page_links_parent_and_children(login_as, board, subgroup):
    child = SubgroupFactory(board=board, parent=subgroup, name="Quality Assurance Group West")
    client = login_as("member")
    assert f'href="{child.get_absolute_url()}">{child.name}</a>' in page(
        client, subgroup.get_absolute_url()
    )
    reports_to = page(client, child.get_absolute_url()).split(">Reports to</dt>", 1)[1]
    assert f'href="{subgroup.get_absolute_url()}">{subgroup.name}</a>' in reports_to


# Adding and changing groups


def group_data(**changes):
    return {
        "name": "Quality Assurance Group North",
        "short_name": "QAG North",
        "kind": SubgroupKind.LOCALITY,
        "parent": "",
        "purpose": "Multi-agency audits in the north.",
        "chair_agency": "",
        "chair_note": "",
        "established_0": "",
        "established_1": "",
        "established_2": "",
        "closed_0": "",
        "closed_1": "",
        "closed_2": "",
        **changes,
    }


def date_fields(name, day, month, year):
    return {f"{name}_0": str(day), f"{name}_1": str(month), f"{name}_2": str(year)}


def test_office_adds_a_group(login_as, board, subgroup, agency_x, office):
    data = group_data(
        parent=subgroup.pk, chair_agency=agency_x.pk, **date_fields("established", 27, 3, 2016)
    )
    response = login_as("office").post(reverse("subgroups:add", args=[board.pk]), data)
    group = Subgroup.objects.get(name="Quality Assurance Group North")
    assert response.status_code == 302
    assert response.url == group.get_absolute_url()
    assert (group.board, group.parent, group.chair_agency) == (board, subgroup, agency_x)
    assert group.established == datetime.date(2016, 3, 27)
    assert group.closed is None
    assert group.history.first().history_user == office


def test_duplicate_group_name_in_a_board_is_a_form_error(login_as, board, subgroup):
    url = reverse("subgroups:add", args=[board.pk])
    response = login_as("office").post(url, group_data(name=subgroup.name))
    assert response.status_code == 200
    assert response.context["form"].errors["name"]


def edit(client, group, **changes):
    data = group_data(name=group.name, short_name=group.short_name, **changes)
    return client.post(reverse("subgroups:edit", args=[group.pk]), data)


def test_office_edits_a_group(login_as, subgroup, other_subgroup, office):
    response = edit(login_as("office"), subgroup, parent=other_subgroup.pk, purpose="New purpose.")
    assert response.status_code == 302
    subgroup.refresh_from_db()
    assert (subgroup.parent, subgroup.purpose) == (other_subgroup, "New purpose.")
    latest = subgroup.history.first()
    assert (latest.history_type, latest.history_user) == ("~", office)


def test_a_group_cannot_report_to_its_own_child(login_as, board, subgroup):
    child = SubgroupFactory(board=board, parent=subgroup)
    grandchild = SubgroupFactory(board=board, parent=child)
    client = login_as("office")
    for below in (child, grandchild, subgroup):
        response = edit(client, subgroup, parent=below.pk)
        assert response.status_code == 200
        assert response.context["form"].errors["parent"]
    subgroup.refresh_from_db()
    assert subgroup.parent is None


def test_a_group_cannot_close_before_it_was_established(login_as, subgroup):
    dates = {**date_fields("established", 1, 4, 2016), **date_fields("closed", 31, 3, 2016)}
    response = edit(login_as("office"), subgroup, **dates)
    assert response.status_code == 200
    assert response.context["form"].errors["closed"] == [
        "The date closed must be on or after the date established"
    ]
    subgroup.refresh_from_db()
    assert subgroup.established is None


# Terms of reference

TERMS = "First duty\n\nSecond duty\n- point a\n- point b\n\n3. Third duty"


def save_terms(client, group, text):
    return client.post(
        reverse("subgroups:terms_of_reference", args=[group.pk]), {"responsibilities": text}
    )


def test_terms_of_reference_become_numbered_responsibilities(login_as, subgroup, office):
    response = save_terms(login_as("office"), subgroup, TERMS)
    assert response.status_code == 302
    assert list(subgroup.responsibilities.values_list("number", "text")) == [
        (1, "First duty"),
        (2, "Second duty\n- point a\n- point b"),
        (3, "Third duty"),
    ]
    assert {r.history.first().history_user for r in subgroup.responsibilities.all()} == {office}


def test_saving_the_same_terms_again_records_no_change(login_as, subgroup):
    client = login_as("office")
    save_terms(client, subgroup, TERMS)
    history = Responsibility.history.count()
    save_terms(client, subgroup, TERMS.replace("\n", "\r\n"))
    assert Responsibility.history.count() == history


def test_fewer_paragraphs_delete_the_extra_responsibilities(login_as, subgroup):
    client = login_as("office")
    save_terms(client, subgroup, TERMS)
    save_terms(client, subgroup, "First duty\n\nA new second duty")
    assert list(subgroup.responsibilities.values_list("number", "text")) == [
        (1, "First duty"),
        (2, "A new second duty"),
    ]


# Members


def member_data(email, role=MemberRole.MEMBER, **changes):
    return {"email": email, "name": "Nat New", "job_title": "", "role": role, **changes}


def test_office_invites_a_new_member(login_as, subgroup, agency_x, office, mailoutbox):
    data = member_data("nat@example.test", role=MemberRole.VICE_CHAIR, agency=agency_x.pk)
    response = login_as("office").post(reverse("subgroups:member_add", args=[subgroup.pk]), data)
    assert response.status_code == 302
    user = User.objects.get(email="nat@example.test")
    assert not user.has_usable_password()
    assert not SubgroupMembership.objects.filter(user=user).exists()
    part = SubgroupInvitation.objects.get(invitation__user=user)
    assert (part.subgroup, part.role, part.invitation.agency) == (
        subgroup,
        MemberRole.VICE_CHAIR,
        agency_x,
    )
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nat@example.test"]
    assert "/password/reset/" in mailoutbox[0].body
    # Accepting makes the membership offered, recorded as the office's doing.
    user.set_password("nat-chooses-a-long-password")
    user.save()
    client = login_as(user)
    url = part.invitation.get_absolute_url()
    assert client.post(url, {"answer": "accept"}).status_code == 302
    membership = SubgroupMembership.objects.get(subgroup=subgroup, user=user)
    assert (membership.role, membership.agency) == (MemberRole.VICE_CHAIR, agency_x)
    assert membership.history.first().history_user == office


def test_office_adds_someone_already_at_its_board_to_a_group_at_once(
    login_as, subgroup, member, mailoutbox
):
    response = login_as("office").post(
        reverse("subgroups:member_add", args=[subgroup.pk]), member_data(member.email)
    )
    assert response.status_code == 302
    assert SubgroupMembership.objects.filter(subgroup=subgroup, user=member).exists()
    assert mailoutbox == []


def test_adding_an_existing_member_again_is_refused(login_as, subgroup, subgroup_chair, mailoutbox):
    data = member_data(subgroup_chair.email.upper())
    response = login_as("office").post(reverse("subgroups:member_add", args=[subgroup.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "This person is already a member of the group"
    ]
    assert subgroup.memberships.get(user=subgroup_chair).role == MemberRole.CHAIR
    assert mailoutbox == []


@pytest.fixture
def membership(subgroup, agency_x):
    return SubgroupMembershipFactory(subgroup=subgroup, agency=agency_x)


def test_office_changes_a_members_role(login_as, membership, agency_y, office):
    url = reverse("subgroups:member_edit", args=[membership.pk])
    response = login_as("office").post(url, {"role": MemberRole.VICE_CHAIR, "agency": agency_y.pk})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.agency) == (MemberRole.VICE_CHAIR, agency_y)
    assert membership.history.first().history_user == office


def test_office_removes_a_member(login_as, membership):
    url = reverse("subgroups:member_remove", args=[membership.pk])
    response = login_as("office").post(url, CONFIRM)
    assert response.status_code == 302
    assert not SubgroupMembership.objects.filter(pk=membership.pk).exists()


def changes_a_group_chair_might_try(subgroup, membership):
    return [
        (reverse("subgroups:member_edit", args=[membership.pk]), {"role": MemberRole.CHAIR}),
        (reverse("subgroups:member_remove", args=[membership.pk]), CONFIRM),
        (reverse("subgroups:edit", args=[subgroup.pk]), group_data(name="Renamed")),
        (reverse("subgroups:terms_of_reference", args=[subgroup.pk]), {"responsibilities": "x"}),
    ]


@pytest.mark.parametrize(("role", "status"), [("subgroup_chair", 403), ("outsider", 404)])
def test_only_office_staff_change_a_group(login_as, subgroup, membership, role, status):
    client = login_as(role)
    for url, data in changes_a_group_chair_might_try(subgroup, membership):
        assert client.post(url, data).status_code == status, url
    membership.refresh_from_db()
    assert membership.role == MemberRole.MEMBER
    subgroup.refresh_from_db()
    assert subgroup.name == "Performance and Quality Assurance"
    assert list(subgroup.responsibilities.values_list("text", flat=True)) == [
        "Collect and analyse performance data"
    ]


# Query counts


def test_subgroup_page_does_not_grow_queries(login_as, board, subgroup, subgroup_chair, agency_x):
    def grow():
        for _ in range(10):
            SubgroupMembershipFactory(
                subgroup=subgroup, user=UserFactory(agency=agency_x), agency=agency_x
            )
            SubgroupMembershipFactory(subgroup=subgroup, role=MemberRole.VICE_CHAIR)
            ResponsibilityFactory(subgroup=subgroup, text="Lead\n- point\n- another point")
            SubgroupFactory(board=board, parent=subgroup, chair_agency=agency_x)

    client = login_as("office")
    assert_queries_do_not_grow(client, subgroup.get_absolute_url(), grow)
