"""Withdrawing an update entered in error: office staff only, with a reason; the update stays in the
action's history marked withdrawn, and every query for the latest update ignores it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, Update
from actions.updating import record_update, withdraw_update
from core.rag import Rag

from ..helpers import page


def withdraw_url(update):
    return reverse("actions:update_withdraw", args=[update.pk])


@pytest.fixture
def two_updates(action, cycle, subgroup_chair):
    first = record_update(
        action, author=subgroup_chair, text="On track", rag=Rag.GREEN, cycle=cycle
    )
    second = record_update(
        action, author=subgroup_chair, text="Typed on the wrong action", rag=Rag.RED, cycle=cycle
    )
    return first, second


def test_a_withdrawn_update_falls_back_to_the_previous(client, office, action, two_updates):
    first, second = two_updates
    client.force_login(office)
    response = client.get(withdraw_url(second))
    assert "govuk-warning-text" in response.content.decode()
    response = client.post(withdraw_url(second), {"reason": "Entered on the wrong action"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.rag == Rag.GREEN
    second.refresh_from_db()
    assert (second.withdrawn_by, second.withdrawn_reason) == (office, "Entered on the wrong action")
    assert Update.objects.filter(action=action).count() == 2, "never deleted"
    assert list(action.updates.current()) == [first]

    shown = page(client, action.get_absolute_url())
    assert "Withdrawn" in shown and "Entered on the wrong action" in shown
    trail = page(client, reverse("actions:history", args=[action.plan_id]))
    assert "withdrawn: Entered on the wrong action" in trail
    assert action.history.latest().history_user == office


def test_queries_for_the_latest_update_ignore_withdrawn_ones(action, cycle, office, subgroup_chair):
    only = record_update(action, author=subgroup_chair, text="Done", rag=Rag.COMPLETE, cycle=cycle)
    assert not Action.objects.filter(pk=action.pk).not_updated_in(cycle).exists()
    assert action.plan.latest_updated_cycle() == cycle
    withdraw_update(only, user=office, reason="Not done yet")
    action.refresh_from_db()
    assert action.rag == Rag.NOT_RATED  # the action as it was before the update
    assert Action.objects.filter(pk=action.pk).not_updated_in(cycle).exists()
    assert action.plan.latest_updated_cycle() is None
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    (then,) = Action.objects.filter(pk=action.pk).as_at(tomorrow)
    assert (then.rag_then, then.update_then) == ("", "")
    (exported,) = Action.objects.filter(pk=action.pk).for_export()
    assert exported.newest_first == []


def test_with_no_update_left_the_action_keeps_the_rag_it_had_before(action, office, cycle):
    """A carried-forward action arrives with a RAG but no update: withdrawing its first update puts
    that RAG back."""
    action.rag = Rag.AMBER
    action._history_user = office
    action.save()
    update = record_update(action, author=office, text="Complete", rag=Rag.COMPLETE, cycle=cycle)

    withdraw_update(update, user=office, reason="Not complete")
    action.refresh_from_db()
    assert action.rag == Rag.AMBER


def test_a_withdrawal_needs_a_reason(client, office, action, two_updates):
    client.force_login(office)
    response = client.post(withdraw_url(two_updates[1]), {"reason": " "})
    assert response.status_code == 200
    assert "Say why" in response.content.decode()
    action.refresh_from_db()
    assert action.rag == Rag.RED
    assert not Update.objects.withdrawn().exists()


def test_withdrawing_twice_changes_nothing_more(client, office, action, two_updates):
    client.force_login(office)
    client.post(withdraw_url(two_updates[1]), {"reason": "Wrong action"})
    version = Action.objects.get(pk=action.pk).version
    response = client.post(withdraw_url(two_updates[1]), {"reason": "Again"})
    assert response.status_code == 302
    assert Action.objects.get(pk=action.pk).version == version
    assert Update.objects.get(pk=two_updates[1].pk).withdrawn_reason == "Wrong action"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("subgroup_chair", 403),  # updates the action, but does not withdraw updates
        ("member", 403),
        ("chair", 403),
        ("outsider", 404),
    ],
)
def test_only_the_boards_office_withdraws(login_as, role, status, action, two_updates):
    client = login_as(role)
    assert client.post(withdraw_url(two_updates[1]), {"reason": "Because"}).status_code == status
    action.refresh_from_db()
    assert action.rag == Rag.RED
    assert not Update.objects.withdrawn().exists()
