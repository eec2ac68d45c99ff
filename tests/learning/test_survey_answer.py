"""Staff answer a survey through their agency's link: no account, nothing kept of who they are,
rate-limited, and robots refused (a trap field and a minimum time, no puzzle)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from learning.answering import started_token
from learning.models import Answer, Response, Survey

from ..helpers import page
from .survey_fixtures import surveys


@pytest.fixture
def link(board, agency_x, settings):
    settings.SURVEY_MIN_SECONDS = 0
    return surveys(board, agency_x)[2]


def answers(link, choice="Confident", text="", **changes):
    confidence = link.survey.questions.get(number=1)
    comment = link.survey.questions.get(number=2)
    return {
        f"q{confidence.pk}": str(confidence.options.get(text=choice).pk),
        f"q{comment.pk}": text,
        "website": "",
        "started": started_token(),
        **changes,
    }


def url(link):
    return reverse("learning:survey_answer", args=[link.token])


def test_anyone_with_the_link_answers_without_signing_in(link, agency_x):
    client = Client()
    shown = page(client, url(link))
    assert "Practitioner survey 2017" in shown and agency_x.name in shown
    assert "How confident are you" in shown and "anonymous" in shown
    assert 'name="website"' in shown and "<div hidden>" in shown, "the trap is hidden from people"
    response = client.post(url(link), answers(link, text="More time for supervision"))
    assert response.url == reverse("learning:survey_thanks", args=[link.token])
    assert "Your answers have been sent" in page(client, response.url)
    kept = Response.objects.get(survey=link.survey)
    assert kept.agency == agency_x
    assert {a.option.text if a.option else a.text for a in kept.answers.all()} == {
        "Confident",
        "More time for supervision",
    }


def test_nothing_of_who_answered_is_kept(link, login_as, office):
    """Signed in or not, a response holds no user, no address and no time of day."""
    login_as("office").post(url(link), answers(link), REMOTE_ADDR="203.0.113.9")
    fields = {f.name for f in Response._meta.get_fields()}
    assert fields == {"id", "survey", "agency", "submitted", "answers"}
    assert {f.name for f in Answer._meta.get_fields()} == {
        "id",
        "response",
        "question",
        "option",
        "text",
    }
    assert isinstance(Response.objects.get(survey=link.survey).submitted, datetime.date)


def test_a_trap_filled_in_is_refused(link):
    response = Client().post(url(link), answers(link, website="http://spam.example"))
    assert response.status_code == 200 and "were not sent" in response.content.decode()
    assert not Response.objects.filter(survey=link.survey).exists()


@pytest.mark.parametrize("started", ["", "forged", "now"])
def test_answers_sent_too_fast_or_without_a_genuine_start_are_refused(link, settings, started):
    settings.SURVEY_MIN_SECONDS = 60 if started == "now" else 0
    token = started_token() if started == "now" else started
    response = Client().post(url(link), answers(link, started=token))
    assert "read the questions" in response.content.decode()
    assert not Response.objects.filter(survey=link.survey).exists()


def test_one_address_is_limited(link, settings):
    settings.SURVEY_RATE_LIMITS = {"address": 2, "link": 100}
    client = Client()
    for _ in range(2):
        assert client.post(url(link), answers(link), REMOTE_ADDR="198.51.100.1").status_code == 302
    refused = client.post(url(link), answers(link), REMOTE_ADDR="198.51.100.1")
    assert refused.status_code == 429 and "Too many answers" in refused.content.decode()
    assert client.post(url(link), answers(link), REMOTE_ADDR="198.51.100.2").status_code == 302
    assert Response.objects.filter(survey=link.survey).count() == 3


def test_one_link_is_limited_whatever_the_address(link, settings):
    settings.SURVEY_RATE_LIMITS = {"address": 100, "link": 2}
    client = Client()
    for n in range(2):
        client.post(url(link), answers(link), REMOTE_ADDR=f"198.51.100.{n}")
    refused = client.post(url(link), answers(link), REMOTE_ADDR="198.51.100.9")
    assert refused.status_code == 429
    assert Response.objects.filter(survey=link.survey).count() == 2


def test_an_empty_answer_is_refused(link):
    data = answers(link)
    del data[next(k for k in data if k.startswith("q"))]
    response = Client().post(url(link), data)
    assert "Answer at least one question" in response.content.decode()
    assert not Response.objects.filter(survey=link.survey).exists()


def test_a_choice_of_another_question_is_refused(link):
    last = Survey.objects.get(title="Practitioner survey 2016")
    other = last.questions.get(number=1).options.first()
    data = answers(link)
    data[next(k for k in data if k.startswith("q"))] = str(other.pk)
    assert Client().post(url(link), data).status_code == 200
    assert not Response.objects.filter(survey=link.survey).exists()


def test_a_closed_survey_takes_no_answers(link):
    Survey.objects.filter(pk=link.survey.pk).update(
        opens=datetime.date(2016, 1, 1), closes=datetime.date(2016, 2, 1)
    )
    client = Client()
    assert "now closed" in page(client, url(link))
    client.post(url(link), answers(link))
    assert not Response.objects.filter(survey=link.survey).exists()


def test_a_survey_not_yet_open_says_when_it_opens(link):
    Survey.objects.filter(pk=link.survey.pk).update(opens=None, closes=None)
    assert "not open yet" in page(Client(), url(link))


def test_an_unknown_link_is_not_found(link):
    assert Client().get(reverse("learning:survey_answer", args=["nope"])).status_code == 404
    recorded = Survey.objects.filter(pk=link.survey.pk)
    recorded.update(recorded_responses=10)
    assert Client().get(url(link)).status_code == 404


def test_free_text_warns_against_names(link):
    assert "Do not write anyone&#x27;s name or initials" in page(Client(), url(link))


def test_markup_in_questions_and_choices_is_shown_as_text(link, login_as):
    question = link.survey.questions.get(number=1)
    question.text = "<b>Q</b>{{ x }}"
    question.hint = "<i>hint</i>"
    question.save()
    option = question.options.first()
    option.text = "<script>alert(1)</script>"
    option.save()
    for shown in (
        page(Client(), url(link)),
        page(login_as("office"), link.survey.get_absolute_url()),
        page(login_as("office"), reverse("learning:survey_results", args=[link.survey.pk])),
    ):
        assert "<script>alert(1)" not in shown and "<b>Q</b>" not in shown
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    Client().post(url(link), answers(link, choice="Confident", text="<script>x</script>"))
    shown = page(login_as("office"), reverse("learning:survey_comments", args=[link.survey.pk]))
    assert "<script>x" not in shown and "&lt;script&gt;x&lt;/script&gt;" in shown
