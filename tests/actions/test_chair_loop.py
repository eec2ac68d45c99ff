"""The chair's loop: the update form shows the action's due date, intended outcome and previous
update; after saving, the chair goes on to the next of their actions still to update this round,
in plan order, until none is left."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Update
from actions.updating import still_to_update

from ..factories import ActionFactory, PlanFactory, ThemeFactory, UpdateCycleFactory
from ..helpers import page
from .test_actions import post_update


def update_url(action):
    return reverse("actions:update", args=[action.pk])


@pytest.fixture
def chairs_actions(action, plan, subgroup, other_subgroup, cycle):
    """`action` (1.1) and three more of the plan: 1.2 and 1.10 owned by the chair's group, 1.3 by
    another group; and in a closed plan, one more of the chair's group (not to update)."""
    theme = action.theme
    later = ActionFactory(plan=plan, theme=theme, ref="1.10", owners=[subgroup])
    nxt = ActionFactory(plan=plan, theme=theme, ref="1.2", owners=[subgroup])
    ActionFactory(plan=plan, theme=theme, ref="1.3", owners=[other_subgroup])
    closed = PlanFactory(board=plan.board, closed=datetime.date(2017, 3, 31))
    UpdateCycleFactory(plan=closed)
    ActionFactory(plan=closed, ref="9.1", owners=[subgroup])
    return action, nxt, later


def test_the_form_shows_due_date_outcome_and_previous_update(login_as, action, cycle, office):
    action.due_note = "and ongoing"
    action.save()
    Update.objects.create(
        action=action, author=office, text="Half the audits are done", rag="A", comment="Slipped"
    )
    html = page(login_as("subgroup_chair"), update_url(action))
    assert "31 July 2017 and ongoing" in html
    assert "The board is ready for inspection" in html  # the intended outcome
    assert "Half the audits are done" in html and "Reason: Slipped" in html
    assert "Olive Office" in html
    assert 'govuk-tag--orange">Amber</strong>' in html


def test_the_form_says_when_there_is_no_previous_update(login_as, action, cycle):
    html = page(login_as("subgroup_chair"), update_url(action))
    assert "Previous update" in html and "None yet" in html


def test_after_saving_the_chair_goes_on_to_the_next_in_plan_order(login_as, chairs_actions):
    first, nxt, later = chairs_actions
    client = login_as("subgroup_chair")
    response = post_update(client, first)
    assert response.url == update_url(nxt)  # 1.2 comes before 1.10; 1.3 is another group's
    html = page(client, response.url)
    assert "Action 1.1 updated: Amber. Next action to update: 1.2 (2 left this round)." in html
    assert f'href="{first.get_absolute_url()}">See action 1.1</a>' in html
    response = post_update(client, nxt)
    assert response.url == update_url(later)
    response = post_update(client, later)
    assert response.url == later.get_absolute_url()  # none left: back to what was saved
    html = page(client, response.url)
    assert "None of your actions is left to update this round." in html
    assert f'href="{reverse("actions:mine")}">See your actions</a>' in html
    assert Update.objects.count() == 3


def test_an_action_updated_already_this_round_is_not_next(login_as, chairs_actions, cycle, office):
    first, nxt, later = chairs_actions
    Update.objects.create(action=nxt, cycle=cycle, author=office, text="Done by the office")
    assert post_update(login_as("subgroup_chair"), first).url == update_url(later)


def test_an_update_of_an_earlier_round_still_leaves_it_to_update(
    login_as, chairs_actions, plan, office
):
    first, nxt, later = chairs_actions
    old = UpdateCycleFactory(
        plan=plan, opens=datetime.date(2016, 1, 1), deadline=datetime.date(2016, 2, 1)
    )
    Update.objects.create(action=nxt, cycle=old, author=office, text="Last round")
    assert post_update(login_as("subgroup_chair"), first).url == update_url(nxt)


def test_office_staff_go_back_to_the_action_they_updated(login_as, chairs_actions):
    first, _, _ = chairs_actions
    response = post_update(login_as("office"), first)
    assert response.url == first.get_absolute_url()
    assert "Next action to update" not in page(login_as("office"), response.url)


def test_a_plan_without_a_current_round_has_nothing_to_update(
    login_as, action, plan, subgroup, subgroup_chair
):
    ActionFactory(plan=plan, theme=action.theme, ref="1.2", owners=[subgroup])
    assert list(still_to_update(subgroup_chair)) == []  # no update cycle open
    response = post_update(login_as("subgroup_chair"), action)
    assert response.url == action.get_absolute_url()


def test_the_loop_keeps_to_the_chairs_own_board(
    login_as, chairs_actions, other_board_action, other_board_subgroup_chair
):
    UpdateCycleFactory(plan=other_board_action.plan)
    first, nxt, _ = chairs_actions
    assert post_update(login_as("subgroup_chair"), first).url == update_url(nxt)
    assert list(still_to_update(other_board_subgroup_chair)) == [other_board_action]


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("other_chair", 403), ("outsider", 404)]
)
def test_the_form_is_the_chairs_and_the_offices(login_as, chairs_actions, role, status):
    first, _, _ = chairs_actions
    assert login_as(role).get(update_url(first)).status_code == status
    assert post_update(login_as(role), first).status_code == status
    assert not Update.objects.exists()


def test_the_next_action_costs_the_same_queries_with_more_actions(
    login_as, chairs_actions, plan, subgroup
):
    first, nxt, later = chairs_actions
    client = login_as("subgroup_chair")

    def save(action):
        with CaptureQueriesContext(connection) as context:
            assert post_update(client, action).status_code == 302
        return len(context.captured_queries)

    before = save(first)
    theme = ThemeFactory(plan=plan, number=7)
    for n in range(30):
        ActionFactory(plan=plan, theme=theme, ref=f"7.{n}", owners=[subgroup])
    assert save(nxt) == before
