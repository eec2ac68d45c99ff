"""Board kinds and their statutory roles: the membership form offers only the kind's roles; each new
role has the powers of the role it corresponds to (boards/models.py says why), and the scrutineer and
the safeguarding partners have their own powers over scrutiny findings; the migration keeps existing
memberships valid."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from boards.forms import BoardPersonForm
from boards.models import (
    PARTNER_ROLES,
    ROLES_BY_KIND,
    BoardKind,
    BoardMembership,
    Role,
    ScrutinyFinding,
    StatutoryPartner,
)
from core.versioning import FIELD
from notifications.recipients import members_of

from ..conftest import board_person
from ..factories import BoardFactory
from ..helpers import errors_of

MIGRATION = importlib.import_module(
    "boards.migrations.0009_statutory_roles_scrutiny_relevant_agencies"
)


@pytest.fixture
def partnership(board):
    board.kind = BoardKind.PARTNERSHIP
    board.save()
    return board


@pytest.fixture
def scrutineer(partnership):
    return board_person(partnership, Role.SCRUTINEER, name="Sam Scrutineer")


@pytest.fixture
def lead_la(partnership):
    return board_person(partnership, Role.LEAD_LA, name="Lara Council")


@pytest.fixture
def delegate_icb(partnership):
    return board_person(partnership, Role.DELEGATE_ICB, name="Dev Health")


@pytest.fixture
def delegate_la(partnership):
    return board_person(partnership, Role.DELEGATE_LA, name="Dana Council")


@pytest.fixture
def finding(partnership, scrutineer):
    return ScrutinyFinding.objects.create(
        board=partnership,
        partner=StatutoryPartner.LOCAL_AUTHORITY,
        title="Front door thresholds",
        finding="Thresholds are applied unevenly.",
        recorded_by=scrutineer,
    )


# --- the kinds and their roles ---


@pytest.mark.parametrize("kind", BoardKind.values)
def test_the_membership_form_offers_only_the_roles_of_the_boards_kind(kind, db):
    form = BoardPersonForm(board=BoardFactory(kind=kind))
    assert [value for value, _ in form.fields["role"].choices] == list(ROLES_BY_KIND[kind])


def test_a_partnership_role_is_refused_at_an_lscb(board, office):
    assert board.kind == BoardKind.CHILDREN
    data = {"email": "x@example.org", "name": "X", "role": Role.SCRUTINEER}
    form = BoardPersonForm(data, board=board)
    assert not form.is_valid() and "role" in form.errors


def test_every_role_is_offered_by_some_kind_and_partners_have_a_lead_and_delegate():
    offered = {role for roles in ROLES_BY_KIND.values() for role in roles}
    assert offered == set(Role)
    assert set(PARTNER_ROLES) == set(StatutoryPartner)
    assert [v for v, _ in ScrutinyFinding._meta.get_field("partner").choices] == list(
        StatutoryPartner.values
    )


def test_the_migration_keeps_lscb_roles_and_moves_an_adults_boards_to_its_own(board, chair):
    sab = BoardFactory(kind=BoardKind.ADULTS)
    sab_chair = BoardMembership.objects.create(user=chair, board=sab, role=Role.CHAIR)
    sab_member = BoardMembership.objects.create(user=chair, board=sab, role=Role.MEMBER)
    MIGRATION.adults_boards_roles(apps, None)
    assert chair.board_memberships.get(board=board).role == Role.CHAIR  # the LSCB's stays valid
    sab_chair.refresh_from_db(), sab_member.refresh_from_db()
    assert (sab_chair.role, sab_member.role) == (Role.SAB_CHAIR, Role.SAB_MEMBER)
    MIGRATION.back_to_board_roles(apps, None)
    sab_chair.refresh_from_db()
    assert sab_chair.role == Role.CHAIR


# --- powers follow through the existing rules ---

# Pages whose answers differ between office staff, readers and agency leads.
PAGES = [
    ("boards:board", {"pk": "board"}),
    ("boards:people", {"pk": "board"}),
    ("boards:person_add", {"pk": "board"}),
    ("actions:plan", {"pk": "plan"}),
    ("actions:action", {"pk": "action"}),
    ("actions:action_edit", {"pk": "action"}),
    ("reviews:review", {"pk": "case_review"}),
    ("reviews:edit", {"pk": "case_review"}),
    ("reports:annual_list", {"board_pk": "board"}),
]
# Each new role and the existing role whose powers it has.
COUNTERPARTS = {
    Role.PARTNERSHIP_CHAIR: "chair",
    Role.SCRUTINEER: "chair",
    Role.SAB_CHAIR: "chair",
    Role.SAB_MEMBER: "member",
    **dict.fromkeys(
        [Role.LEAD_LA, Role.LEAD_ICB, Role.LEAD_POLICE, Role.DELEGATE_LA, Role.DELEGATE_POLICE],
        "member",
    ),
    Role.DELEGATE_ICB: "member",
}


def answers(client, user, records):
    client.force_login(user)
    return {
        name: client.get(reverse(name, kwargs={k: records[v] for k, v in kw.items()})).status_code
        for name, kw in PAGES
    }


@pytest.mark.parametrize("role", list(COUNTERPARTS))
def test_a_new_role_has_the_powers_of_its_counterpart(
    role, board, action, case_review, client, request
):
    records = {
        "board": board.pk,
        "plan": action.plan_id,
        "action": action.pk,
        "case_review": case_review.pk,
    }
    expected = answers(client, request.getfixturevalue(COUNTERPARTS[role]), records)
    person = board_person(board, role, name="New Role")
    assert answers(client, person, records) == expected
    assert not person.has_perm("boards.manage_board", board), "partners are not the office"
    assert not person.has_perm("accounts.two_factor_required")


def test_the_boards_members_are_told_whatever_the_kind(partnership, scrutineer, lead_la, office):
    told = set(members_of([partnership]))
    assert {scrutineer, lead_la} <= told and office not in told


# --- scrutiny: the scrutineer records, the addressed partner answers ---


def status(client, user, name, **kwargs):
    client.force_login(user)
    return client.get(reverse(name, kwargs=kwargs)).status_code


@pytest.mark.parametrize(
    "who, expected",
    [
        # findings list, record a finding, a finding (addressed to the local authority), answer it
        ("scrutineer", [200, 200, 200, 403]),
        ("lead_la", [200, 403, 200, 200]),
        ("delegate_la", [200, 403, 200, 200]),
        ("delegate_icb", [200, 403, 200, 403]),
        ("office", [200, 403, 200, 403]),
        ("lead_x", [403, 403, 404, 404]),
        ("other_scrutineer", [404, 404, 404, 404]),
    ],
)
def test_scrutiny_pages_by_role(who, expected, finding, client, request, other_board):
    if who == "other_scrutineer":
        other_board.kind = BoardKind.PARTNERSHIP
        other_board.save()
        user = board_person(other_board, Role.SCRUTINEER, name="Other Scrutineer")
    else:
        user = request.getfixturevalue(who)
    board = finding.board
    got = [
        status(client, user, "boards:findings", board_pk=board.pk),
        status(client, user, "boards:finding_add", board_pk=board.pk),
        status(client, user, "boards:finding", pk=finding.pk),
        status(client, user, "boards:finding_respond", pk=finding.pk),
    ]
    assert got == expected


def test_the_scrutineer_records_a_finding(partnership, scrutineer, client):
    client.force_login(scrutineer)
    url = reverse("boards:finding_add", args=[partnership.pk])
    response = client.post(
        url, {"partner": "police", "title": "Missing children", "finding": "Late"}
    )
    finding = ScrutinyFinding.objects.get()
    assert response.url == finding.get_absolute_url()
    assert (finding.board, finding.recorded_by, finding.partner) == (
        partnership,
        scrutineer,
        "police",
    )
    assert finding.history.get().history_user == scrutineer


def test_a_refused_finding_post_records_nothing(partnership, lead_la, client):
    client.force_login(lead_la)
    url = reverse("boards:finding_add", args=[partnership.pk])
    assert client.post(url, {"partner": "la", "title": "T", "finding": "F"}).status_code == 403
    assert not ScrutinyFinding.objects.exists()


def response_form(client, finding):
    response = client.get(reverse("boards:finding_respond", args=[finding.pk]))
    return {"response": "", FIELD: response.context["form"][FIELD].value()}


def test_the_addressed_partner_answers_and_a_lost_update_is_refused(
    finding, lead_la, delegate_la, client
):
    url = reverse("boards:finding_respond", args=[finding.pk])
    client.force_login(lead_la)
    seen_by_lead = response_form(client, finding)
    client.force_login(delegate_la)
    seen_by_delegate = response_form(client, finding)
    assert (
        client.post(url, {**seen_by_delegate, "response": "New triage by June"}).status_code == 302
    )
    finding.refresh_from_db()
    assert (finding.response, finding.responded_by) == ("New triage by June", delegate_la)
    assert finding.responded_on is not None
    client.force_login(lead_la)
    refused = client.post(url, {**seen_by_lead, "response": "Nothing to do"})
    assert refused.status_code == 200
    assert any("Someone else changed this" in e for e in refused.context["form"].non_field_errors())
    finding.refresh_from_db()
    assert finding.response == "New triage by June"


def test_a_response_cannot_be_empty(finding, lead_la, client):
    client.force_login(lead_la)
    url = reverse("boards:finding_respond", args=[finding.pk])
    response = client.post(url, response_form(client, finding))
    assert "response" in response.context["form"].errors
    assert errors_of(response)


def test_another_partners_lead_cannot_answer(finding, partnership, client):
    police = board_person(partnership, Role.LEAD_POLICE, name="Chief Constable")
    client.force_login(police)
    url = reverse("boards:finding_respond", args=[finding.pk])
    assert client.post(url, {"response": "Not ours"}).status_code == 403
    finding.refresh_from_db()
    assert finding.response == ""
