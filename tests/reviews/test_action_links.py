"""A review's lessons and recommendations name the actions of its action plan that answer them: shown
on the review page and on each action's page (reviews imports actions, never the other way)."""

import pytest
from django.urls import reverse

from core.rag import Rag

from ..factories import ActionFactory
from ..helpers import errors_of, page


@pytest.fixture
def review_plan(login_as, case_review, office, subgroup):
    login_as("office").post(reverse("reviews:plan_open", args=[case_review.pk]))
    case_review.refresh_from_db()
    plan = case_review.plan
    ActionFactory(plan=plan, ref="1", text="Refresh neglect training", owners=[subgroup])
    ActionFactory(plan=plan, ref="2", text="Update the website", rag=Rag.COMPLETE)
    return plan


def test_office_links_a_recommendation_to_the_actions_that_answer_it(
    login_as, case_review, review_plan
):
    recommendation = case_review.recommendations.get()
    first = review_plan.actions.get(ref="1")
    client = login_as("office")
    url = reverse("reviews:recommendation_edit", args=[recommendation.pk])
    form = page(client, url)
    assert "1: Refresh neglect training" in form and "2: Update the website" in form
    data = {"number": 1, "text": recommendation.text, "actions": [first.pk]}
    assert client.post(url, data).status_code == 302
    assert list(recommendation.actions.all()) == [first]
    review_page = page(client, case_review.get_absolute_url())
    assert f'Answered by action <a class="govuk-link" href="{first.get_absolute_url()}">1</a>' in (
        review_page
    )
    action_page = page(client, first.get_absolute_url())
    assert "Child Q, recommendation 1</a>" in action_page
    assert recommendation.text in action_page


def test_a_lesson_is_linked_the_same_way(login_as, case_review, review_plan):
    lesson = case_review.lessons.get()
    second = review_plan.actions.get(ref="2")
    client = login_as("office")
    data = {"number": 1, "text": lesson.text, "actions": [second.pk]}
    response = client.post(reverse("reviews:lesson_edit", args=[lesson.pk]), data)
    assert response.status_code == 302
    assert list(second.answers_lessons.all()) == [lesson]
    assert "Child Q, lesson 1</a>" in page(client, second.get_absolute_url())


def test_an_action_of_another_plan_cannot_be_linked(login_as, case_review, review_plan, action):
    recommendation = case_review.recommendations.get()
    client = login_as("office")
    url = reverse("reviews:recommendation_edit", args=[recommendation.pk])
    errors = errors_of(client.post(url, {"number": 1, "text": "Changed", "actions": [action.pk]}))
    assert "actions" in errors
    recommendation.refresh_from_db()
    assert recommendation.text != "Changed" and not recommendation.actions.exists()


def test_without_an_action_plan_there_is_nothing_to_link(login_as, case_review):
    recommendation = case_review.recommendations.get()
    client = login_as("office")
    url = reverse("reviews:recommendation_edit", args=[recommendation.pk])
    assert 'name="actions"' not in page(client, url)


def test_an_owner_who_does_not_read_reviews_sees_which_recommendation_but_not_its_text(
    login_as, case_review, review_plan, subgroup_chair
):
    recommendation = case_review.recommendations.get()
    first = review_plan.actions.get(ref="1")
    recommendation.actions.add(first)
    owner_page = page(login_as("subgroup_chair"), first.get_absolute_url())
    assert "Child Q, recommendation 1" in owner_page
    assert recommendation.get_absolute_url() not in owner_page
    assert recommendation.text not in owner_page
    member_page = page(login_as("member"), first.get_absolute_url())
    assert recommendation.get_absolute_url() in member_page
