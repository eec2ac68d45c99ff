"""The demo's good practice catalogue: the good practice the 2016-17 annual report prints (sections 13,
15 and 16), four examples published and one waiting for the office."""

import tomllib

import pytest
from django.urls import reverse

from audits.models import GoodPractice, GoodPracticeStatus
from core.identity import identifying
from demo.good_practice import DATA

from ..demo.test_demo import BOARD


@pytest.fixture
def demo(demo_board):
    return GoodPractice.objects.filter(board__name=BOARD)


def test_every_example_of_the_data_file_with_its_agency_and_themes(demo):
    rows = tomllib.loads(DATA.read_text(encoding="utf-8"))["examples"]
    assert demo.count() == len(rows) == 5
    for row in rows:
        example = demo.get(title=row["title"])
        assert example.agency.name == row["agency"]
        assert sorted(t.name for t in example.themes.all()) == sorted(row["themes"]), row["title"]
        assert example.submitted_by.email == row["sent_by"]


def test_four_published_and_one_waiting_for_the_office(demo):
    assert demo.published().count() == 4
    assert list(demo.waiting().values_list("title", flat=True)) == [
        "'Was Not Brought' instead of 'Did Not Attend'"
    ]


def test_no_example_holds_a_name_or_initials(demo):
    for example in demo:
        for text in (example.title, example.summary, example.outcome):
            assert identifying(text) == [], example.title
        assert "Emily" not in example.outcome


def test_a_board_member_finds_the_voice_of_the_child_examples(demo, client):
    from accounts.models import User

    client.force_login(User.objects.get(email="member@demo.lscb.test"))
    theme = demo.get(title="Hearing non-verbal disabled children").themes.get(
        name="Voice of the child"
    )
    response = client.get(reverse("audits:good_practice"), {"theme": theme.pk})
    assert {e.title for e in response.context["examples"]} == {
        "Hearing non-verbal disabled children",
        "Direct work that let a child be honest",
    }
    assert all(e.status == GoodPracticeStatus.PUBLISHED for e in response.context["examples"])
