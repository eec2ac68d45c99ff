"""The plan page, the action page and "Your actions" are kept in the cache (core.page_cache): a change
to what they show shows at once, and two people whose views differ never see each other's page."""

from django.urls import reverse

from actions.models import PlanKind
from actions.updating import record_update
from boards.models import BoardMembership
from core.rag import Rag

from ..factories import ActionFactory, PlanFactory, ThemeFactory
from ..helpers import page

AGENCY_TEXT = "Agency X: add safeguarding clauses to every new contract"


def test_the_plan_page_shows_a_new_action_and_an_update_at_once(
    login_as, plan, action, cycle, office
):
    client = login_as("member")
    assert "Name the leads of the board" not in page(client, plan.get_absolute_url())
    ActionFactory(plan=plan, ref="1.9", text="Name the leads of the board")
    assert "Name the leads of the board" in page(client, plan.get_absolute_url())
    assert "All 2 actions" in page(client, plan.get_absolute_url())
    assert 'href="?rag=C#actions"' not in page(client, plan.get_absolute_url())
    record_update(action, author=office, text="Done", rag=Rag.COMPLETE, cycle=cycle)
    assert 'href="?rag=C#actions"' in page(client, plan.get_absolute_url())


def test_the_plan_page_of_the_office_is_never_shown_to_a_member(login_as, board, agency_x):
    plan = PlanFactory(board=board, kind=PlanKind.AUDIT)
    theme = ThemeFactory(plan=plan, number=1)
    ActionFactory(plan=plan, theme=theme, ref="1.1/x", text=AGENCY_TEXT, agency=agency_x)
    office_page = page(login_as("office"), plan.get_absolute_url())
    assert AGENCY_TEXT in office_page and "Add an action" in office_page
    member_page = page(login_as("member"), plan.get_absolute_url())
    assert AGENCY_TEXT not in member_page and "Add an action" not in member_page
    assert "Agencies' improvement actions" in member_page  # counted only
    assert AGENCY_TEXT in page(login_as("lead_x"), plan.get_absolute_url())
    assert AGENCY_TEXT not in page(login_as("lead_y"), plan.get_absolute_url())


def test_the_plan_page_keeps_each_filter_apart(login_as, plan, action):
    ActionFactory(plan=plan, ref="1.9", text="A red one", rag=Rag.RED)
    client = login_as("member")
    assert "A red one" in page(client, plan.get_absolute_url())
    assert "A red one" not in page(client, f"{plan.get_absolute_url()}?rag=G")
    assert "A red one" in page(client, f"{plan.get_absolute_url()}?rag=R")


def test_a_bad_filter_date_is_refused_from_the_cache_too(login_as, plan):
    client = login_as("member")
    for _ in range(2):  # built, then kept
        response = client.get(f"{plan.get_absolute_url()}?as_at=2017-02-30")
        assert response.status_code == 400
        assert "<title>Error: " in response.content.decode()


def test_the_action_page_shows_an_edit_at_once_and_its_links_only_to_the_office(login_as, action):
    assert "Edit the action" in page(login_as("office"), action.get_absolute_url())
    html = page(login_as("member"), action.get_absolute_url())
    assert "Edit the action" not in html
    action.outcome = "Every agency knows its lead"
    action._history_user = None
    action.save()
    assert "Every agency knows its lead" in page(login_as("member"), action.get_absolute_url())


def test_your_actions_are_your_own_and_show_an_update_at_once(
    login_as, action, cycle, subgroup_chair
):
    url = reverse("actions:mine")
    assert action.text in page(login_as("subgroup_chair"), url)
    assert action.text not in page(login_as("other_chair"), url)
    assert "1 still needs an update" in page(login_as("subgroup_chair"), url)
    record_update(action, author=subgroup_chair, text="Started", rag=Rag.AMBER, cycle=cycle)
    assert "0 still need an update" in page(login_as("subgroup_chair"), url)


def test_the_action_page_is_refused_at_once_to_someone_who_may_no_longer_see_it(
    login_as, board, member, action, agency_x
):
    """Whether a person may see the action is asked when the page is built, and the page is kept
    under the stamp of everything that decides it: a change to any of it asks again, though the
    page is kept in this process's memory too."""
    client = login_as("member")
    url = action.get_absolute_url()
    assert action.text in page(client, url)
    assert action.text in page(client, url)  # kept
    action.agency = agency_x  # now an agency's improvement action: a member sees it counted only
    action._history_user = None
    action.save()
    assert client.get(url).status_code == 404
    action.agency = None
    action.save()
    assert action.text in page(client, url)
    BoardMembership.objects.filter(user=member, board=board).delete()  # no longer of the board
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404  # a refusal is not kept: asked each time


def test_the_plan_list_shows_a_new_plan_and_a_new_action_at_once(login_as, board, plan, action):
    url = reverse("actions:plans", args=[board.pk])
    client = login_as("member")
    assert "Business plans and action plans (1)" in page(client, url)
    PlanFactory(board=board, name="Neglect strategy action plan")
    html = page(client, url)
    assert "Neglect strategy action plan" in html and "Add a plan" not in html
    assert "Add a plan" in page(login_as("office"), url)
    ActionFactory(plan=plan, ref="1.9")
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in page(client, url)


def test_the_plan_page_is_refused_at_once_to_someone_who_may_no_longer_see_it(
    login_as, board, member, plan, action
):
    """As the action page's: whether a person may see the plan is kept with the page, under the
    stamp of everything that decides it."""
    client = login_as("member")
    url = plan.get_absolute_url()
    assert plan.name in page(client, url)
    assert plan.name in page(client, url)  # kept
    BoardMembership.objects.filter(user=member, board=board).delete()  # no longer of the board
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404  # a refusal is not kept: asked each time
    lead = login_as("lead_x")
    assert plan.name in page(lead, url)
    plan.kind = PlanKind.REVIEW  # a review plan: readers of the board only
    plan.save()
    assert lead.get(url).status_code == 404
