"""The plan page and its export as at a date: the actions that existed then, each with the RAG and
update of its latest update on or before it; the date stated; a bad date refused clearly."""

import csv
import datetime
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, Update
from core.rag import Rag

from ..factories import ActionFactory, UpdateCycleFactory
from ..helpers import assert_queries_do_not_grow, page
from .test_actions import grow  # noqa: F401  (the plan page's growth, reused)


def at(day, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def history(plan):
    """1.1 added in January 2017, due 15 April, red on 15 March, green on 28 April (in the April
    round); 1.2 added on 1 May."""
    cycle = UpdateCycleFactory(
        plan=plan, name="April 2017 updates", opens=date(2017, 4, 1), deadline=date(2017, 4, 28)
    )
    first = ActionFactory(
        plan=plan, ref="1.1", created=at(date(2017, 1, 10)), due_date=date(2017, 4, 15)
    )
    for day, rag, text, round_ in [
        (date(2017, 3, 15), Rag.RED, "Stalled.", None),
        (date(2017, 4, 28), Rag.GREEN, "Back on track.", cycle),
    ]:
        Update.objects.create(action=first, rag=rag, text=text, created=at(day), cycle=round_)
    Action.objects.filter(pk=first.pk).update(rag=Rag.GREEN)
    second = ActionFactory(plan=plan, ref="1.2", created=at(date(2017, 5, 1)))
    return first, second


def plan_at(client, plan, **query):
    url = plan.get_absolute_url() + (
        "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    )
    return client.get(url)


def shown(response):
    return {a.ref: (a.shown_rag, a.shown_overdue) for a in response.context["actions"]}


@pytest.mark.parametrize(
    "day, expected",
    [
        ("2017-01-09", {}),  # before 1.1 was added
        ("2017-03-14", {"1.1": ("", False)}),  # added, not yet rated
        ("2017-03-15", {"1.1": (Rag.RED, False)}),  # the day of its red update
        ("2017-04-27", {"1.1": (Rag.RED, True)}),  # due 15 April, not done: overdue then
        ("2017-04-28", {"1.1": (Rag.GREEN, True)}),
        ("2017-05-01", {"1.1": (Rag.GREEN, True), "1.2": ("", False)}),  # 1.2 from its day
    ],
)
def test_the_plan_page_as_at_a_date(login_as, plan, history, day, expected):
    response = plan_at(login_as("member"), plan, as_at=day)
    assert response.status_code == 200
    assert shown(response) == expected
    totals = response.context["totals"]
    assert sum(totals.values()) == len(expected)
    for rag, _ in expected.values():
        assert totals[rag] >= 1


def test_the_page_states_the_date_and_filters_by_the_rag_then(login_as, plan, history):
    client = login_as("member")
    html = page(client, plan.get_absolute_url() + "?as_at=2017-04-27")
    assert "Actions as at 27 April 2017" in html
    assert "Actions by theme and RAG as at 27 April 2017" in html
    assert "&amp;rag=R&amp;as_at=2017-04-27#actions" in html
    assert '<option value="2017-04-28">28 April 2017 (April 2017 updates deadline)</option>' in html
    assert '<option value="2017-04-27" selected>27 April 2017</option>' in html
    assert list(shown(plan_at(client, plan, as_at="2017-04-27", rag="R"))) == ["1.1"]
    assert shown(plan_at(client, plan, as_at="2017-04-27", rag="G")) == {}
    assert list(shown(plan_at(client, plan, as_at="2017-04-27", overdue="on"))) == ["1.1"]
    # in the April round, 1.1 was updated on the 28th: not updated by the 27th, updated by the 28th
    assert list(shown(plan_at(client, plan, as_at="2017-04-27", not_updated="on"))) == ["1.1"]
    assert shown(plan_at(client, plan, as_at="2017-04-28", not_updated="on")) == {}
    # today: both actions, 1.1 green as it stands
    response = plan_at(client, plan)
    assert shown(response) == {"1.1": (Rag.GREEN, True), "1.2": ("", False)}
    assert "Actions as at today" in response.content.decode()


def test_the_export_as_at_a_date(login_as, plan, history):
    client = login_as("member")
    url = reverse("actions:export", args=[plan.pk, "csv"])
    response = client.get(url + "?as_at=2017-04-27")
    assert "-as-at-2017-04-27.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][6:] == ["April 2017 updates", "RAG"]
    assert [(row[1], row[6], row[7]) for row in rows[1:]] == [("1.1", "Stalled.", "R")]
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
    assert [(row[1], row[6], row[7]) for row in rows[1:]] == [
        ("1.1", "Back on track.", "G"),
        ("1.2", "", ""),
    ]


@pytest.mark.parametrize(
    "bad, message",
    [
        ("2017-04-31", "2017-04-31 is not a real date"),
        ("April", "as year-month-day, for example 2017-03-31"),
        ("0001-01-01", "Enter a date between 1900 and 2999"),
    ],
)
def test_a_bad_date_is_refused_clearly(login_as, plan, history, bad, message):
    client = login_as("member")
    response = plan_at(client, plan, as_at=bad)
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert html.count(message) == 2  # in the summary and beside the field
    export = client.get(reverse("actions:export", args=[plan.pk, "xlsx"]) + f"?as_at={bad}")
    assert export.status_code == 400 and message in export.content.decode()


def test_the_plan_page_as_at_a_date_does_not_grow_queries(login_as, plan, grow):  # noqa: F811
    url = f"{plan.get_absolute_url()}?as_at=2030-01-01&rag=G"
    assert_queries_do_not_grow(login_as("member"), url, grow)
