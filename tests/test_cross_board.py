"""Bad input, part 3: office staff of one board cannot read or change another board's records by
putting the other board's ids into query strings (filters) or into the fields of a form.
(tests/test_permission_matrix.py covers every URL; this covers what goes with the URL.)"""

import pytest
from django.urls import reverse

from actions.models import Action
from audits.models import AuditCycle
from boards.models import BoardMembership, Role
from subgroups.models import SubgroupMembership

from .factories import (
    ActionFactory,
    AgencyFactory,
    BoardAgencyFactory,
    BoardFactory,
    PlanFactory,
    SubgroupFactory,
    ThemeFactory,
)
from .helpers import date_fields, page


@pytest.fixture
def elsewhere(db):
    """Another board with a group, an agency, a plan with a theme and an action: all secret here."""
    board = BoardFactory(name="Elsewhere Safeguarding Adults Board")
    group = SubgroupFactory(board=board, name="Elsewhere Secret Panel")
    agency = BoardAgencyFactory(board=board, agency=AgencyFactory(name="Elsewhere Trust")).agency
    plan = PlanFactory(board=board, name="Elsewhere Plan")
    theme = ThemeFactory(plan=plan, number=1, title="Elsewhere Theme")
    action = ActionFactory(plan=plan, theme=theme, ref="9.9", owners=[group], text="Elsewhere text")
    return {"board": board, "group": group, "agency": agency, "plan": plan, "action": action}


SECRETS = ["Elsewhere Secret Panel", "Elsewhere Trust", "Elsewhere Plan", "Elsewhere text"]


def assert_no_secrets(html):
    for secret in SECRETS:
        assert secret not in html, f"{secret} leaked"


# Filters and query strings


@pytest.mark.parametrize(
    "query",
    [
        lambda e: {"owner": e["group"].pk},
        lambda e: {"theme": e["action"].theme_id},
        lambda e: {"owner": e["group"].pk, "rag": "none", "overdue": "true"},
        lambda e: {"page": "999999"},
        lambda e: {"owner": "not-a-number", "due_after": "32/13/2017"},
    ],
    ids=["other-owner", "other-theme", "combined", "huge-page", "garbage"],
)
def test_plan_filters_with_another_boards_ids_show_nothing_of_it(
    login_as, plan, action, elsewhere, query
):
    client = login_as("office")
    response = client.get(reverse("actions:plan", args=[plan.pk]), query(elsewhere))
    assert response.status_code == 200
    assert_no_secrets(response.content.decode())


def test_another_boards_plan_export_is_not_found(login_as, elsewhere):
    for fmt in ("csv", "xlsx"):
        response = login_as("office").get(
            reverse("actions:export", args=[elsewhere["plan"].pk, fmt])
        )
        assert response.status_code == 404


def test_my_actions_show_nothing_of_another_board(login_as, subgroup_chair, action, elsewhere):
    html = page(
        login_as("subgroup_chair"), reverse("actions:mine") + f"?owner={elsewhere['group'].pk}"
    )
    assert_no_secrets(html)


# Forms given another board's ids


def action_data(**extra):
    return {
        "ref": "1.9",
        "text": "A new action",
        "version": "",
        **date_fields("due_date", None),
        **extra,
    }


def test_an_action_cannot_be_owned_by_another_boards_group(login_as, plan, subgroup, elsewhere):
    client = login_as("office")
    response = client.post(
        reverse("actions:action_add", args=[plan.pk]),
        action_data(owners=[subgroup.pk, elsewhere["group"].pk]),
    )
    assert response.status_code == 200
    assert "owners" in response.context["form"].errors
    assert not plan.actions.filter(ref="1.9").exists()
    assert not elsewhere["group"].actions.filter(plan=plan).exists()


@pytest.mark.parametrize("field", ["theme", "parent"])
def test_an_action_cannot_join_another_boards_theme_or_parent(login_as, plan, elsewhere, field):
    other = {"theme": elsewhere["action"].theme_id, "parent": elsewhere["action"].pk}[field]
    response = login_as("office").post(
        reverse("actions:action_add", args=[plan.pk]), action_data(**{field: other})
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not plan.actions.filter(ref="1.9").exists()


def test_editing_an_action_cannot_hand_it_to_another_board(login_as, action, elsewhere):
    response = login_as("office").post(
        reverse("actions:action_edit", args=[action.pk]),
        action_data(ref=action.ref, owners=[elsewhere["group"].pk], version=action.version),
    )
    assert response.status_code == 200
    action.refresh_from_db()
    assert list(action.owners.all()) != [elsewhere["group"]]


def test_a_group_cannot_report_to_another_boards_group_or_name_its_agency(
    login_as, subgroup, elsewhere
):
    data = {
        "name": subgroup.name,
        "short_name": subgroup.short_name,
        "kind": subgroup.kind,
        "parent": elsewhere["group"].pk,
        "chair_agency": elsewhere["agency"].pk,
        **date_fields("established", None),
        **date_fields("closed", None),
    }
    response = login_as("office").post(reverse("subgroups:edit", args=[subgroup.pk]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "parent" in errors and "chair_agency" in errors
    subgroup.refresh_from_db()
    assert subgroup.parent_id is None


def test_a_person_cannot_be_added_with_another_boards_agency(login_as, board, elsewhere):
    data = {
        "email": "new.person@example.test",
        "name": "New Person",
        "agency": elsewhere["agency"].pk,
        "role": Role.MEMBER,
    }
    response = login_as("office").post(reverse("boards:person_add", args=[board.pk]), data)
    assert response.status_code == 200
    assert "agency" in response.context["form"].errors
    assert not BoardMembership.objects.filter(user__email="new.person@example.test").exists()


def test_a_group_member_cannot_be_given_another_boards_agency(
    login_as, subgroup, subgroup_chair, elsewhere
):
    membership = SubgroupMembership.objects.get(subgroup=subgroup, user=subgroup_chair)
    response = login_as("office").post(
        reverse("subgroups:member_edit", args=[membership.pk]),
        {"role": membership.role, "agency": elsewhere["agency"].pk},
    )
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.agency_id != elsewhere["agency"].pk


def test_an_audit_cycle_cannot_serve_another_board_or_expect_its_agencies(
    login_as, audit_cycle, elsewhere
):
    data = {
        "name": "Sneaky cycle",
        "framework": audit_cycle.framework_id,
        "boards": [elsewhere["board"].pk],
        "agencies": [elsewhere["agency"].pk],
        **date_fields("opens", audit_cycle.opens),
        **date_fields("closes", audit_cycle.closes),
        **date_fields("closed", None),
    }
    response = login_as("office").post(reverse("audits:cycle_add"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "boards" in errors and "agencies" in errors
    assert not AuditCycle.objects.filter(name="Sneaky cycle").exists()


def test_another_boards_action_cannot_be_updated(login_as, elsewhere):
    response = login_as("office").post(
        reverse("actions:update", args=[elsewhere["action"].pk]), {"text": "Hijack", "rag": "G"}
    )
    assert response.status_code == 404
    assert not Action.objects.get(pk=elsewhere["action"].pk).updates.exists()
