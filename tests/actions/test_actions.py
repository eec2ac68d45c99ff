"""Business plan actions: chairs' updates and their RAG, who may update, overdue actions, the plan
page's counts and filters, parent actions, a chair's own actions, and query counts."""

import datetime
import re

import pytest
from django.urls import reverse

from actions.models import Action, Update
from core.rag import Rag, worst
from subgroups.models import MemberRole

from ..factories import (
    ActionFactory,
    PlanFactory,
    SubgroupMembershipFactory,
    ThemeFactory,
    UpdateCycleFactory,
    UserFactory,
)
from ..helpers import assert_queries_do_not_grow, page

OVERDUE = 'govuk-tag--red">Overdue</strong>'
AMBER = 'govuk-tag--orange">Amber</strong>'


def post_update(client, action, **changes):
    data = {
        "text": "Audit of three families done",
        "rag": "A",
        "forecast_rag": "G",
        "comment": "The audit slipped behind other priorities",
        "version": 0,
        **changes,
    }
    return client.post(reverse("actions:update", args=[action.pk]), data)


def listed_refs(html):
    """The refs of the actions listed on a plan page, in their order."""
    return re.findall(r'<td class="govuk-table__cell">(\d+\.\d+)</td>', html)


# Updating an action


def test_chair_update_is_saved_and_shown(login_as, action, cycle, subgroup_chair):
    response = post_update(login_as("subgroup_chair"), action)
    assert response.status_code == 302
    assert response.url == action.get_absolute_url()
    update = Update.objects.get(action=action)
    assert (update.author, update.rag, update.forecast_rag, update.cycle) == (
        subgroup_chair,
        "A",
        "G",
        cycle,
    )
    action.refresh_from_db()
    assert (action.rag, action.version) == ("A", 1)
    html = page(login_as("member"), action.get_absolute_url())
    assert "Audit of three families done" in html
    assert "Sue Chair" in html
    assert AMBER in html


def test_changing_the_rag_needs_a_reason(login_as, action, cycle):
    response = post_update(login_as("subgroup_chair"), action, comment="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Say why the RAG has changed from not rated to amber" in html
    assert not Update.objects.exists()
    action.refresh_from_db()
    assert (action.rag, action.version) == ("", 0)


def test_keeping_the_rag_needs_no_reason(login_as, action, cycle):
    Action.objects.filter(pk=action.pk).update(rag="G")
    response = post_update(login_as("subgroup_chair"), action, rag="G", comment="")
    assert response.status_code == 302
    assert Update.objects.get().rag == "G"


def test_completing_needs_what_completed_it(login_as, action, cycle):
    response = post_update(login_as("subgroup_chair"), action, rag="C", comment="")
    assert response.status_code == 200
    assert "Say what completed the action" in response.content.decode()
    assert not Update.objects.exists()


def test_update_from_a_stale_form_is_refused(login_as, action, cycle):
    post_update(login_as("subgroup_chair"), action, text="The chair saved this first")
    response = post_update(login_as("office"), action, text="The office saved this second")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else updated this action" in html
    assert "The chair saved this first" in html
    assert Update.objects.get().text == "The chair saved this first"


def test_stale_form_keeping_the_rag_is_told_of_the_conflict(login_as, action, cycle):
    post_update(login_as("subgroup_chair"), action, text="The chair saved this first")
    response = post_update(login_as("office"), action, rag="", forecast_rag="", comment="")
    html = response.content.decode()
    assert "Someone else updated this action" in html
    assert "Say why the RAG has changed" not in html


@pytest.mark.parametrize(
    ("role", "status"),
    [("other_chair", 403), ("member", 403), ("lead_x", 403), ("outsider", 404)],
)
def test_others_may_not_update(login_as, action, cycle, role, status):
    assert post_update(login_as(role), action).status_code == status
    assert not Update.objects.exists()


def test_office_may_update(login_as, action, cycle, office):
    assert post_update(login_as("office"), action).status_code == 302
    assert Update.objects.get().author == office


def test_vice_chair_may_update(client, action, cycle, subgroup):
    vice = SubgroupMembershipFactory(subgroup=subgroup, role=MemberRole.VICE_CHAIR).user
    client.force_login(vice)
    assert post_update(client, action).status_code == 302
    assert Update.objects.get().author == vice


@pytest.mark.parametrize(("role", "offered"), [("subgroup_chair", True), ("other_chair", False)])
def test_update_button_only_for_those_allowed(login_as, action, role, offered):
    html = page(login_as(role), action.get_absolute_url())
    assert ("Update this action" in html) is offered


def test_update_is_in_the_audit_trail(login_as, action, cycle, subgroup_chair):
    post_update(login_as("subgroup_chair"), action)
    assert Action.history.first().history_user == subgroup_chair


# Overdue


def test_overdue_until_complete(login_as, action, cycle):
    client = login_as("subgroup_chair")
    assert OVERDUE in page(client, action.get_absolute_url())
    assert OVERDUE in page(client, action.plan.get_absolute_url())
    assert OVERDUE in page(client, reverse("actions:mine"))
    post_update(client, action, rag="C", comment="Signed off by the board")
    assert OVERDUE not in page(client, action.get_absolute_url())
    assert OVERDUE not in page(client, action.plan.get_absolute_url())
    assert OVERDUE not in page(client, reverse("actions:mine"))


def test_overdue_excludes_complete_and_undated_actions(plan):
    due = datetime.date(2017, 7, 31)
    late = ActionFactory(plan=plan, due_date=due)
    ActionFactory(plan=plan, due_date=due, rag="C")
    ActionFactory(plan=plan, due_date=None)
    ActionFactory(plan=plan, due_date=datetime.date(2018, 3, 31))
    assert list(Action.objects.overdue(datetime.date(2018, 1, 1))) == [late]


@pytest.mark.parametrize("rag", [r.value for r in Rag])
@pytest.mark.parametrize("due", [None, datetime.date(2017, 12, 31), datetime.date(2018, 1, 1)])
def test_one_action_and_the_query_agree_on_overdue(plan, rag, due):
    """Action.is_overdue and ActionQuerySet.overdue are twins: both read core.rag.DONE."""
    today = datetime.date(2018, 1, 1)
    action = ActionFactory(plan=plan, due_date=due, rag=rag)
    expected = due is not None and due < today and rag != Rag.COMPLETE
    assert action.is_overdue(today) is expected
    assert Action.objects.overdue(today).filter(pk=action.pk).exists() is expected
    assert Action.objects.outstanding().filter(pk=action.pk).exists() is (rag != Rag.COMPLETE)
    assert Action.objects.done().filter(pk=action.pk).exists() is (rag == Rag.COMPLETE)


# The plan page: counts by theme and RAG, and filters


@pytest.fixture
def rated(plan):
    """Two themes' actions: ref -> (theme, RAG)."""
    one = ThemeFactory(plan=plan, number=1, title="Leadership")
    two = ThemeFactory(plan=plan, number=2, title="Early Help")
    rags = {"1.1": "R", "1.2": "A", "1.3": "A", "1.4": "C", "1.5": "", "2.1": "G", "2.2": "G"}
    rags |= {"2.3": ""}
    for ref, rag in rags.items():
        ActionFactory(plan=plan, theme=one if ref[0] == "1" else two, ref=ref, rag=rag)
    return {"one": one, "two": two}


def count_links(html):
    """{(theme id, rag): count} of every linked count of the themes' rows."""
    links = re.findall(r'href="\?theme=(\d+)&amp;rag=(\w+)#actions">(\d+)<', html)
    return {(int(theme), rag): int(n) for theme, rag, n in links}


def test_plan_page_counts_actions_by_theme_and_rag(login_as, plan, rated):
    one, two = rated["one"].pk, rated["two"].pk
    html = page(login_as("member"), plan.get_absolute_url())
    assert count_links(html) == {
        (one, "R"): 1,
        (one, "A"): 2,
        (one, "C"): 1,
        (one, "none"): 1,
        (two, "G"): 2,
        (two, "none"): 1,
    }
    totals = dict(re.findall(r'href="\?rag=(\w+)#actions">(\d+)<', html))
    assert totals == {"R": "1", "A": "2", "G": "2", "C": "1", "none": "2"}


def test_every_count_links_to_its_actions(login_as, plan, rated):
    client = login_as("member")
    html = page(client, plan.get_absolute_url())
    expected = {
        (rated["one"].pk, "A"): ["1.2", "1.3"],
        (rated["one"].pk, "none"): ["1.5"],
        (rated["two"].pk, "G"): ["2.1", "2.2"],
        (rated["two"].pk, "none"): ["2.3"],
    }
    for (theme, rag), refs in expected.items():
        assert count_links(html)[theme, rag] == len(refs)
        listed = page(client, f"{plan.get_absolute_url()}?theme={theme}&rag={rag}")
        assert listed_refs(listed) == refs, (theme, rag)


def test_no_theme_count_links_to_actions_without_a_theme(login_as, plan):
    ActionFactory(plan=plan, theme=ThemeFactory(plan=plan, number=1), ref="1.1", rag="R")
    ActionFactory(plan=plan, theme=None, ref="9.1", rag="R")
    client = login_as("member")
    html = page(client, plan.get_absolute_url())
    no_theme_row = html.split(">No theme</th>", 1)[1].split("</tr>", 1)[0]
    href = re.search(r'href="(\?[^"#]*)', no_theme_row).group(1).replace("&amp;", "&")
    assert listed_refs(page(client, plan.get_absolute_url() + href)) == ["9.1"]


@pytest.fixture
def filterable(plan, subgroup, other_subgroup, cycle):
    """1.1 overdue; 1.2 complete and updated this cycle; 1.3 due later, updated only in an older
    cycle; 1.4 without a due date or owner."""
    theme = ThemeFactory(plan=plan, number=1)
    ActionFactory(
        plan=plan,
        theme=theme,
        ref="1.1",
        owners=[subgroup],
        due_date=datetime.date(2017, 3, 31),
    )
    done = ActionFactory(
        plan=plan,
        theme=theme,
        ref="1.2",
        owners=[other_subgroup],
        due_date=datetime.date(2017, 9, 30),
        rag="C",
    )
    later = ActionFactory(
        plan=plan,
        theme=theme,
        ref="1.3",
        owners=[subgroup, other_subgroup],
        due_date=datetime.date(2099, 1, 31),
    )
    ActionFactory(plan=plan, theme=theme, ref="1.4")
    older = UpdateCycleFactory(
        plan=plan, opens=datetime.date(2017, 1, 1), deadline=datetime.date(2017, 4, 28)
    )
    Update.objects.create(action=done, cycle=cycle, text="Done", rag="C")
    Update.objects.create(action=later, cycle=older, text="Started", rag="G")


def test_filter_by_owner(login_as, plan, subgroup, filterable):
    html = page(login_as("member"), f"{plan.get_absolute_url()}?owner={subgroup.pk}")
    assert listed_refs(html) == ["1.1", "1.3"]


@pytest.mark.parametrize(
    ("query", "refs"),
    [
        ("overdue=on", ["1.1"]),
        ("not_updated=on", ["1.1", "1.3", "1.4"]),
        ("due_after=2017-04-01", ["1.2", "1.3"]),
        ("due_before=2017-09-30", ["1.1", "1.2"]),
        ("due_after=2017-04-01&due_before=2017-12-31", ["1.2"]),
    ],
)
def test_filters_narrow_the_list(login_as, plan, filterable, query, refs):
    html = page(login_as("member"), f"{plan.get_absolute_url()}?{query}")
    assert listed_refs(html) == refs


# Parent actions


def test_parent_shows_the_worst_rag_of_its_sub_actions(login_as, action):
    ActionFactory(plan=action.plan, parent=action, ref="1.1.1", rag="G")
    ActionFactory(plan=action.plan, parent=action, ref="1.1.2", rag="A")
    html = page(login_as("member"), action.get_absolute_url())
    assert AMBER in html.split("Worst:", 1)[1].split("<br>", 1)[0]


@pytest.mark.parametrize(
    ("rags", "expected"), [(["G", "C", ""], "G"), (["", ""], ""), (["C", "R"], "R")]
)
def test_worst_rag(rags, expected):
    assert worst(rags) == expected


# A chair's own actions


def test_my_actions_offers_update_until_updated_this_cycle(login_as, action, cycle):
    client = login_as("subgroup_chair")
    update_link = f'href="{reverse("actions:update", args=[action.pk])}"'
    html = page(client, reverse("actions:mine"))
    assert action.get_absolute_url() in html
    assert update_link in html
    post_update(client, action)
    html = page(client, reverse("actions:mine"))
    assert update_link not in html
    assert "Updated</td>" in html


def test_my_actions_of_a_chair_without_actions(login_as, action, cycle):
    html = page(login_as("other_chair"), reverse("actions:mine"))
    assert "You own no actions" in html
    assert action.get_absolute_url() not in html


def test_home_page_leads_a_chair_to_their_actions(login_as, action):
    assert "See and update your actions" in page(login_as("subgroup_chair"), reverse("home"))
    assert "See and update your actions" not in page(login_as("other_chair"), reverse("home"))


# Query counts


@pytest.fixture
def grow(plan, action, subgroup, other_subgroup, cycle, subgroup_chair):
    """One of everything now (an update of `action`, a sub-action); grow() adds ten times more:
    themes of owned actions of every RAG, updates by other people in other cycles, sub-actions."""
    Update.objects.create(action=action, cycle=cycle, author=subgroup_chair, text="Started")
    ActionFactory(plan=plan, parent=action, ref="1.1.1", owners=[subgroup], rag="G")

    def grow():
        for number in range(2, 12):
            theme = ThemeFactory(plan=plan, number=number)
            for n, rag in enumerate(["R", "A", "G", "C", ""], start=1):
                ActionFactory(
                    plan=plan,
                    theme=theme,
                    ref=f"{number}.{n}",
                    rag=rag,
                    owners=[subgroup, other_subgroup],
                )
        for n in range(10):
            older = UpdateCycleFactory(
                plan=plan,
                opens=datetime.date(2016, 1, n + 1),
                deadline=datetime.date(2016, 2, n + 1),
            )
            Update.objects.create(action=action, cycle=older, author=UserFactory(), text=f"{n}")
            ActionFactory(plan=plan, parent=action, ref=f"1.1.{n + 2}", owners=[subgroup])

    return grow


def test_plan_page_does_not_grow_queries(login_as, plan, grow):
    assert_queries_do_not_grow(login_as("member"), plan.get_absolute_url(), grow)


def test_filtered_plan_page_does_not_grow_queries(login_as, plan, subgroup, grow):
    url = f"{plan.get_absolute_url()}?owner={subgroup.pk}&rag=none"
    assert_queries_do_not_grow(login_as("member"), url, grow)


def test_action_page_does_not_grow_queries(login_as, action, grow):
    assert_queries_do_not_grow(login_as("member"), action.get_absolute_url(), grow)


def test_my_actions_does_not_grow_queries(login_as, grow):
    assert_queries_do_not_grow(login_as("subgroup_chair"), reverse("actions:mine"), grow)


def test_my_actions_does_not_grow_queries_with_plans(login_as, board, subgroup, action, cycle):
    def grow():
        for _ in range(10):
            other_plan = PlanFactory(board=board)
            UpdateCycleFactory(plan=other_plan)
            ActionFactory(plan=other_plan, owners=[subgroup])

    assert_queries_do_not_grow(login_as("subgroup_chair"), reverse("actions:mine"), grow)
