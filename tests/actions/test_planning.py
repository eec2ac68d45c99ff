"""Office staff set plans up: plans, themes, update cycles and actions (with a refusal to save over
someone else's change), carry incomplete actions forward, and read the plan's audit trail."""

import datetime
import re

import pytest
from django.urls import reverse

from actions.models import Action, Plan, Theme, Update, UpdateCycle
from core.history import describe

from ..factories import ActionFactory, PlanFactory, ThemeFactory
from ..helpers import assert_queries_do_not_grow, date_fields, errors_of, page

TODAY = datetime.date.today()
STALE = "Someone else changed this while you were editing it"
ORIGINAL = "Refresh the self-assessment so the board is ready for inspection"  # ActionFactory.text


def plan_data(name="Business Plan 2019-22", closed=None):
    return {"name": name, "kind": "business", "description": "", **date_fields("closed", closed)}


def cycle_data(name="June updates", opens=TODAY, deadline=TODAY + datetime.timedelta(days=30)):
    return {
        "name": name,
        "reminder_days": 5,
        **date_fields("opens", opens),
        **date_fields("deadline", deadline),
    }


def action_data(action, **changes):
    """The edit form of `action` as the page shows it, with `changes` typed in."""
    return {
        "theme": action.theme_id or "",
        "ref": action.ref,
        "text": action.text,
        "owners": [g.pk for g in action.owners.all()],
        "named_owners": action.named_owners,
        **date_fields("due_date", action.due_date),
        "due_note": action.due_note,
        "outcome": action.outcome,
        "parent": action.parent_id or "",
        "links": ", ".join(a.ref for a in action.related.all()),
        **changes,
    }


def edit(client, action, **changes):
    return client.post(
        reverse("actions:action_edit", args=[action.pk]), action_data(action, **changes)
    )


def token_on(html):
    """What the edit page's person saw, as its hidden field holds it (core.versioning)."""
    return re.search(r'name="seen_values" value="([^"]+)"', html).group(1)


def opened(client, action):
    return token_on(page(client, reverse("actions:action_edit", args=[action.pk])))


def chair_update(client, action, rag):
    return client.post(
        reverse("actions:update", args=[action.pk]),
        {
            "text": "Audit of three families done",
            "rag": rag,
            "forecast_rag": "",
            "comment": "The audit slipped",
            "version": action.version,
        },
    )


# Plans


def test_office_adds_a_plan(login_as, board, office):
    response = login_as("office").post(reverse("actions:plan_add", args=[board.pk]), plan_data())
    plan = Plan.objects.get(name="Business Plan 2019-22")
    assert response.status_code == 302
    assert response.url == plan.get_absolute_url()
    assert plan.board == board
    assert plan.closed is None
    assert plan.history.get().history_user == office


def test_plan_name_must_be_new_to_the_board(login_as, board, plan):
    response = login_as("office").post(
        reverse("actions:plan_add", args=[board.pk]), plan_data(name="BUSINESS plan 2016-19")
    )
    assert errors_of(response)["name"] == ["The board already has a plan with this name"]
    assert Plan.objects.count() == 1


def test_closing_a_plan_shows_it_closed(login_as, plan):
    client = login_as("office")
    closed = datetime.date(2019, 3, 31)
    response = client.post(
        reverse("actions:plan_edit", args=[plan.pk]), plan_data(name=plan.name, closed=closed)
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.closed == closed
    assert "Closed 31 March 2019" in page(client, plan.get_absolute_url())


# Themes


def test_office_adds_a_theme(login_as, plan):
    response = login_as("office").post(
        reverse("actions:theme_add", args=[plan.pk]), {"number": 2, "title": "Early Help"}
    )
    assert response.status_code == 302
    assert plan.themes.get().title == "Early Help"


def test_theme_number_must_be_new_to_the_plan(login_as, plan, action):
    response = login_as("office").post(
        reverse("actions:theme_add", args=[plan.pk]), {"number": 1, "title": "Early Help"}
    )
    assert errors_of(response)["number"] == ["The plan already has a theme with this number"]
    assert plan.themes.count() == 1


def test_office_edits_a_theme(login_as, action):
    response = login_as("office").post(
        reverse("actions:theme_edit", args=[action.theme_id]), {"number": 1, "title": "Leadership"}
    )
    assert response.status_code == 302
    assert Theme.objects.get().title == "Leadership"


# Update cycles


def test_office_opens_a_cycle(login_as, plan):
    response = login_as("office").post(reverse("actions:cycle_add", args=[plan.pk]), cycle_data())
    assert response.status_code == 302
    cycle = plan.cycles.get()
    assert (cycle.name, cycle.opens, cycle.deadline, cycle.reminder_days) == (
        "June updates",
        TODAY,
        TODAY + datetime.timedelta(days=30),
        5,
    )


def test_cycle_deadline_cannot_be_before_it_opens(login_as, plan):
    data = cycle_data(deadline=TODAY - datetime.timedelta(days=1))
    response = login_as("office").post(reverse("actions:cycle_add", args=[plan.pk]), data)
    assert errors_of(response)["deadline"] == [
        "The deadline must be on or after the date the cycle opens"
    ]
    assert not UpdateCycle.objects.exists()


def test_cycle_name_must_be_new_to_the_plan(login_as, plan, cycle):
    data = cycle_data(name="APRIL updates")
    response = login_as("office").post(reverse("actions:cycle_add", args=[plan.pk]), data)
    assert errors_of(response)["name"] == ["The plan already has a cycle with this name"]
    assert plan.cycles.count() == 1


def test_office_moves_a_cycle_deadline(login_as, cycle):
    later = cycle.deadline + datetime.timedelta(days=7)
    data = cycle_data(name=cycle.name, opens=cycle.opens, deadline=later)
    response = login_as("office").post(reverse("actions:cycle_edit", args=[cycle.pk]), data)
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.deadline == later


def test_a_new_cycle_becomes_current_and_asks_for_updates(login_as, plan, action):
    older = UpdateCycle.objects.create(
        plan=plan, name="Old", opens=datetime.date(2017, 1, 1), deadline=datetime.date(2017, 2, 1)
    )
    Update.objects.create(action=action, cycle=older, text="Done then")
    login_as("office").post(reverse("actions:cycle_add", args=[plan.pk]), cycle_data())
    assert plan.current_cycle() == plan.cycles.get(name="June updates")
    html = page(login_as("subgroup_chair"), reverse("actions:mine"))
    assert f'href="{reverse("actions:update", args=[action.pk])}"' in html
    assert "1 still needs an update" in html


# Actions


def test_office_adds_an_action(login_as, plan, action, subgroup):
    data = {
        "theme": action.theme_id,
        "ref": "1.2",
        "text": "Publish the annual report",
        "owners": [subgroup.pk],
        "named_owners": "Board manager",
        "due_note": "and ongoing",
        "outcome": "Partners know how well children are safeguarded",
        "parent": "",
        "links": "1.1",
        **date_fields("due_date", datetime.date(2019, 9, 30)),
    }
    response = login_as("office").post(reverse("actions:action_add", args=[plan.pk]), data)
    added = Action.objects.get(ref="1.2")
    assert response.status_code == 302
    assert response.url == added.get_absolute_url()
    assert (added.theme, added.named_owners, added.due_note) == (
        action.theme,
        "Board manager",
        "and ongoing",
    )
    assert added.due_date == datetime.date(2019, 9, 30)
    assert list(added.owners.all()) == [subgroup]
    assert list(added.related.all()) == [action]


def test_action_ref_must_be_new_to_the_plan(login_as, plan, action):
    data = action_data(action, version="")
    response = login_as("office").post(reverse("actions:action_add", args=[plan.pk]), data)
    assert errors_of(response)["ref"] == ["The plan already has an action 1.1"]
    assert Action.objects.count() == 1


def test_a_link_to_a_missing_ref_is_refused(login_as, plan, action):
    data = action_data(action, ref="1.2", links="1.1, 7.7", version="")
    response = login_as("office").post(reverse("actions:action_add", args=[plan.pk]), data)
    assert errors_of(response)["links"] == ["No other action of this plan has the ref 7.7"]
    assert Action.objects.count() == 1


def test_office_edits_an_action(login_as, action, office):
    response = edit(login_as("office"), action, text="A sharper action")
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.text, action.version) == ("A sharper action", 1)
    assert action.history.first().history_user == office


def test_edit_with_an_empty_token_is_refused(login_as, action):
    response = edit(login_as("office"), action, text="Typed without a token", seen_values="")
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.text != "Typed without a token"


def test_second_edit_from_the_same_page_is_refused(login_as, action, office):
    client = login_as("office")
    seen = opened(client, action)
    edit(client, action, text="The first edit", seen_values=seen)
    response = edit(client, action, text="The second edit", due_note="soon", seen_values=seen)
    assert response.status_code == 200
    html = response.content.decode()
    assert STALE in html
    assert "is now “The first edit”" in html
    meanwhile = html.split("Changed meanwhile by someone else", 1)[1].split("</table>", 1)[0]
    assert "The first edit" in meanwhile
    assert "Olive Office" in meanwhile
    action.refresh_from_db()
    assert (action.text, action.due_note, action.version) == ("The first edit", "", 1)


def test_conflict_lists_only_what_changed_since_the_page_was_opened(login_as, action):
    client = login_as("office")
    edit(client, action, text="An edit before the page was opened")
    seen = opened(client, action)
    edit(client, action, text="The first edit", seen_values=seen)
    html = edit(client, action, text="The second edit", seen_values=seen).content.decode()
    meanwhile = html.split("Changed meanwhile by someone else", 1)[1].split("</table>", 1)[0]
    assert meanwhile.count('<tr class="govuk-table__row">') == 2  # the header and one change


def test_after_reading_the_conflict_the_edit_can_be_saved_again(login_as, action):
    client = login_as("office")
    seen = opened(client, action)
    edit(client, action, text="The first edit", seen_values=seen)
    html = edit(client, action, text="The second edit", seen_values=seen).content.decode()
    response = edit(client, action, text="The second edit", seen_values=token_on(html))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.text == "The second edit"


def test_edit_opened_before_a_chair_update_keeps_the_update(login_as, action, cycle):
    """The edit form does not edit the RAG: a chair's update meanwhile is no conflict, and stays."""
    client = login_as("office")
    seen = opened(client, action)
    chair_update(login_as("subgroup_chair"), action, rag="R")
    response = edit(login_as("office"), action, text="Typed before the update", seen_values=seen)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.text, action.rag) == ("Typed before the update", "R")


# Only the board's office staff set plans up


def forbidden_posts(board, plan, action, cycle, other_plan):
    return [
        (reverse("actions:plan_add", args=[board.pk]), plan_data()),
        (reverse("actions:plan_edit", args=[plan.pk]), plan_data(closed=TODAY)),
        (reverse("actions:theme_add", args=[plan.pk]), {"number": 5, "title": "New"}),
        (reverse("actions:theme_edit", args=[action.theme_id]), {"number": 5, "title": "New"}),
        (reverse("actions:cycle_add", args=[plan.pk]), cycle_data()),
        (reverse("actions:cycle_edit", args=[cycle.pk]), cycle_data()),
        (reverse("actions:action_add", args=[plan.pk]), action_data(action, ref="9.9")),
        (reverse("actions:action_edit", args=[action.pk]), action_data(action, text="Changed")),
        (reverse("actions:carry_forward", args=[plan.pk]), {"target": other_plan.pk}),
    ]


def snapshot():
    return [
        list(model.objects.values())
        for model in (Plan, Theme, UpdateCycle, Action, Action.owners.through)
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [("subgroup_chair", 403), ("member", 403), ("other_chair", 403), ("outsider", 404)],
)
def test_only_office_may_set_plans_up(login_as, board, plan, action, cycle, role, status):
    other_plan = PlanFactory(board=board, name="Business Plan 2019-22")
    client = login_as(role)
    before = snapshot()
    for url, data in forbidden_posts(board, plan, action, cycle, other_plan):
        assert client.post(url, data).status_code == status, url
    assert snapshot() == before


# Carrying actions forward


@pytest.fixture
def source(board, subgroup, other_subgroup):
    """A plan with actions 1.1 complete, 1.2 green (with a theme and owners), 1.3 red, 1.4 not rated."""
    plan = PlanFactory(board=board, name="Business Plan 2016-19")
    theme = ThemeFactory(plan=plan, number=3, title="Early Help")
    ActionFactory(plan=plan, ref="1.1", rag="C")
    ActionFactory(
        plan=plan,
        ref="1.2",
        theme=theme,
        rag="G",
        forecast_rag="G",
        owners=[subgroup, other_subgroup],
        named_owners="Board manager",
    )
    ActionFactory(plan=plan, ref="1.3", rag="R")
    ActionFactory(plan=plan, ref="1.4", rag="")
    return plan


@pytest.fixture
def target(board):
    return PlanFactory(board=board, name="Business Plan 2019-22")


def carry(client, source, target):
    return client.post(reverse("actions:carry_forward", args=[source.pk]), {"target": target.pk})


def test_incomplete_actions_are_carried_forward(login_as, source, target):
    response = carry(login_as("office"), source, target)
    assert response.status_code == 302
    assert response.url == target.get_absolute_url()
    carried = {a.ref: a for a in target.actions.select_related("carried_from")}
    assert sorted(carried) == ["1.2", "1.3", "1.4"]
    for ref, action in carried.items():
        assert action.carried_from == source.actions.get(ref=ref)
        assert action.rag == action.carried_from.rag


def test_carried_action_keeps_theme_owners_and_rag(
    login_as, source, target, subgroup, other_subgroup
):
    carry(login_as("office"), source, target)
    green = target.actions.get(ref="1.2")
    assert (green.theme.plan, green.theme.number, green.theme.title) == (target, 3, "Early Help")
    assert set(green.owners.all()) == {subgroup, other_subgroup}
    assert (green.rag, green.forecast_rag, green.named_owners) == ("G", "G", "Board manager")


def test_carrying_again_adds_nothing(login_as, source, target):
    client = login_as("office")
    carry(client, source, target)
    carry(client, source, target)
    assert target.actions.count() == 3
    assert target.themes.count() == 1


def test_a_ref_taken_in_the_target_gets_a_new_ref(login_as, source, target):
    ActionFactory(plan=target, ref="1.3")
    carry(login_as("office"), source, target)
    carried = target.actions.get(carried_from__ref="1.3")
    assert carried.ref != "1.3"
    assert carried.ref.startswith("1.3")


def test_a_new_ref_fits_the_ref_field(login_as, source, target):
    ActionFactory(plan=target, ref="1.3")
    carry(login_as("office"), source, target)
    carried = target.actions.get(carried_from__ref="1.3")
    assert len(carried.ref) <= Action._meta.get_field("ref").max_length


def test_carried_and_original_actions_link_to_each_other(login_as, source, target):
    client = login_as("office")
    carry(client, source, target)
    new = target.actions.get(ref="1.2")
    old = new.carried_from
    html = page(client, new.get_absolute_url())
    assert "Carried forward from" in html
    assert f'href="{old.get_absolute_url()}"' in html
    html = page(client, old.get_absolute_url())
    assert "Carried into" in html
    assert f'href="{new.get_absolute_url()}"' in html


def test_closed_plans_are_not_offered_as_targets(login_as, source, target):
    target.closed = datetime.date(2019, 3, 31)
    target.save()
    PlanFactory(board=source.board, name="Business Plan 2022-25")
    client = login_as("office")
    url = reverse("actions:carry_forward", args=[source.pk])
    html = page(client, url)
    assert "Business Plan 2022-25" in html
    assert target.name not in html
    assert "target" in errors_of(client.post(url, {"target": target.pk}))
    assert not target.actions.exists()


# The audit trail


def test_history_shows_edits_and_rag_changes(login_as, plan, action, cycle):
    edit(login_as("office"), action, text="A sharper action")
    action.refresh_from_db()
    chair_update(login_as("subgroup_chair"), action, rag="A")
    html = page(login_as("office"), reverse("actions:history", args=[plan.pk]))
    rag_change, text_change = html.split("<tbody", 1)[1].split("</tr>")[:2]  # newest first
    assert "Action 1.1" in text_change
    assert "Olive Office" in text_change
    assert f"{ORIGINAL} → A sharper action" in text_change
    assert "Action 1.1" in rag_change
    assert "Sue Chair" in rag_change
    assert "<strong>RAG</strong>: Not rated → Amber<" in rag_change


def test_history_shows_a_change_of_owners(login_as, plan, action, subgroup, other_subgroup):
    edit(login_as("office"), action, owners=[subgroup.pk, other_subgroup.pk])
    assert set(action.owners.all()) == {subgroup, other_subgroup}
    html = page(login_as("office"), reverse("actions:history", args=[plan.pk]))
    newest = html.split("<tbody", 1)[1].split("</tr>")[0]
    assert "Olive Office" in newest
    assert "Learning and Improvement" in newest


def test_only_office_may_read_the_history(login_as, plan):
    assert login_as("member").get(reverse("actions:history", args=[plan.pk])).status_code == 403


def test_history_does_not_grow_queries(login_as, plan, action, office):
    edit(login_as("office"), action, text="A sharper action")

    def grow():
        for n in range(2, 12):
            other = ActionFactory(plan=plan, ref=f"1.{n}", theme=action.theme)
            other._history_user = office
            other.text = "Changed"
            other.rag = "R"
            other.save()
        ThemeFactory(plan=plan, number=2)

    assert_queries_do_not_grow(login_as("office"), reverse("actions:history", args=[plan.pk]), grow)


# describe(): the audit trail in words


@pytest.fixture
def plain_action(plan):
    """An action created in one save (no owners, whose setting is a change of its own)."""
    return ActionFactory(plan=plan, ref="1.1", text=ORIGINAL)


def test_describe_gives_created_then_changed_fields(plain_action):
    action = plain_action
    action.text = "A sharper action"
    action.save()
    changed, created = describe(action.history.all(), what=lambda r: f"Action {r.ref}")
    assert (created.kind, created.what, created.fields) == ("Created", "Action 1.1", [])
    assert changed.kind == "Changed"
    assert changed.fields == [("Action", ORIGINAL, "A sharper action")]


def test_describe_hides_a_change_of_version_only(plain_action):
    action = plain_action
    action.version += 1
    action.save()
    assert [c.kind for c in describe(action.history.all())] == ["Created"]


def test_an_action_cannot_become_part_of_its_own_grandchild(login_as, plan, action):
    child = ActionFactory(plan=plan, ref="1.1.1", parent=action)
    grandchild = ActionFactory(plan=plan, ref="1.1.1.1", parent=child)
    response = edit(login_as("office"), action, parent=grandchild.pk)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    action.refresh_from_db()
    assert action.parent is None
