"""The office builds a practitioner survey: from last year's questions (each keeps its identity), its
own questions and choices, dates that open it, and one link per partner agency."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Option, Question, QuestionKind, Survey, SurveyLink

from ..helpers import date_fields, errors_of, page
from .survey_fixtures import SCALE, make_survey, surveys

TODAY = timezone.localdate()


def survey_data(**changes):
    return {
        "title": "Practitioner survey 2018",
        "intro": "Tell us how safeguarding works for you.",
        "previous": "",
        "repeat": "on",
        **date_fields("opens", None),
        **date_fields("closes", None),
        **changes,
    }


def test_office_starts_from_last_years_survey_and_its_questions_repeat(
    login_as, office, board, agency_x
):
    last, this, _ = surveys(board, agency_x)
    client = login_as("office")
    assert "Add a survey" in page(client, reverse("learning:surveys", args=[board.pk]))
    response = client.post(
        reverse("learning:survey_add", args=[board.pk]), survey_data(previous=this.pk)
    )
    survey = Survey.objects.get(title="Practitioner survey 2018")
    assert response.url == survey.get_absolute_url()
    assert survey.status() == "Draft" and survey.history.get().history_user == office
    copied = survey.questions.get(number=1)
    assert copied.repeats == this.questions.get(number=1)
    assert copied.repeats.repeats == last.questions.get(number=1), "the identity runs on"
    assert [o.repeats.text for o in copied.options.all()] == SCALE
    assert survey.questions.get(number=2).kind == QuestionKind.TEXT
    assert "repeats question 1 of Practitioner survey 2017" in page(
        client, survey.get_absolute_url()
    )


def test_a_survey_without_last_years_starts_empty(login_as, board):
    client = login_as("office")
    client.post(reverse("learning:survey_add", args=[board.pk]), survey_data())
    assert not Survey.objects.get().questions.exists()


def test_dates_come_in_pairs_and_in_order(login_as, board):
    client = login_as("office")
    url = reverse("learning:survey_add", args=[board.pk])
    one = survey_data(**date_fields("opens", TODAY))
    assert "Give both dates, or neither" in str(errors_of(client.post(url, one)))
    backwards = survey_data(
        **date_fields("opens", TODAY), **date_fields("closes", TODAY - datetime.timedelta(1))
    )
    assert "close on or after" in str(errors_of(client.post(url, backwards)))


def test_titles_are_unique_at_the_board(login_as, board, agency_x):
    surveys(board, agency_x)
    client = login_as("office")
    data = survey_data(title="practitioner survey 2016")
    assert "already has a survey" in str(
        errors_of(client.post(reverse("learning:survey_add", args=[board.pk]), data))
    )


def test_office_opens_a_survey_by_giving_its_dates(login_as, board):
    survey = Survey.objects.create(board=board, title="Survey")
    client = login_as("office")
    data = survey_data(
        title="Survey", **date_fields("opens", TODAY), **date_fields("closes", TODAY)
    )
    del data["repeat"]
    page = client.get(reverse("learning:survey_edit", args=[survey.pk]))
    assert page.context["back_url"] == survey.get_absolute_url()  # was the survey's title
    form = page.context["form"]
    data["seen_values"] = form["seen_values"].value()
    response = client.post(reverse("learning:survey_edit", args=[survey.pk]), data)
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.is_open() and survey.status() == "Open"


def test_office_adds_edits_and_removes_a_question(login_as, board):
    survey = Survey.objects.create(board=board, title="Survey")
    client = login_as("office")
    add = reverse("learning:question_add", args=[survey.pk])
    data = {"text": "Are outcomes clear in plans?", "hint": "", "kind": "scale"}
    assert "at least two" in str(errors_of(client.post(add, {**data, "choices": "Always"})))
    client.post(add, {**data, "choices": "Always\nSometimes\nRarely"})
    question = survey.questions.get()
    assert question.number == 1
    assert [o.text for o in question.options.all()] == ["Always", "Sometimes", "Rarely"]
    sometimes = question.options.get(text="Sometimes")

    edit = reverse("learning:question_edit", args=[question.pk])
    form = client.get(edit).context["form"]
    edited = {
        **data,
        "choices": "Always\nSometimes clear",
        "seen_values": form["seen_values"].value(),
    }
    assert client.post(edit, edited).status_code == 302
    assert [o.text for o in question.options.all()] == ["Always", "Sometimes clear"]
    assert question.options.get(number=2).pk == sometimes.pk, "a reworded choice keeps its place"

    client.post(reverse("learning:question_remove", args=[question.pk]), {"submit": "Yes"})
    assert not survey.questions.exists()


def test_questions_are_fixed_once_answers_arrive(login_as, board, agency_x):
    last, _, _ = surveys(board, agency_x)
    client = login_as("office")
    question = last.questions.first()
    assert client.get(reverse("learning:question_edit", args=[question.pk])).status_code == 403
    assert client.get(reverse("learning:question_add", args=[last.pk])).status_code == 403
    assert "no longer change" in page(client, last.get_absolute_url())


def test_office_makes_one_link_per_partner_agency(login_as, board, agency_x, agency_y):
    _, this, link = surveys(board, agency_x)
    client = login_as("office")
    url = reverse("learning:survey_links", args=[this.pk])
    assert "1 to make" in page(client, url)
    client.post(url)
    client.post(url)  # again: nothing more to make
    links = SurveyLink.objects.filter(survey=this)
    assert {x.agency for x in links} == {agency_x, agency_y} and links.count() == 2
    assert links.get(agency=agency_y).token != link.token
    shown = page(client, url)
    assert f"http://testserver/survey/{link.token}/" in shown and "to make" not in shown


@pytest.mark.parametrize("role", ["chair", "lead_x", "outsider"])
def test_only_the_office_makes_links(login_as, board, agency_x, role):
    _, this, _ = surveys(board, agency_x)
    response = login_as(role).post(reverse("learning:survey_links", args=[this.pk]))
    assert response.status_code == (404 if role == "outsider" else 403)
    assert SurveyLink.objects.filter(survey=this).count() == 1


def test_the_list_shows_each_survey_and_its_status(
    login_as, board, agency_x, django_assert_max_num_queries
):
    surveys(board, agency_x)
    for year in range(2000, 2030):
        Survey.objects.create(board=board, title=f"Survey {year}")
    client = login_as("member")
    with django_assert_max_num_queries(12):
        shown = page(client, reverse("learning:surveys", args=[board.pk]))
    assert "Practitioner survey 2016" in shown and "Closed" in shown and "Open" in shown
    assert "Add a survey" not in shown


def test_the_survey_page_lists_questions_in_few_queries(
    login_as, board, django_assert_max_num_queries
):
    survey = make_survey(board, "Big survey", TODAY, TODAY)
    for number in range(3, 40):
        question = Question.objects.create(survey=survey, number=number, text=f"Q{number}")
        Option.objects.create(question=question, number=1, text="Yes")
    client = login_as("office")
    with django_assert_max_num_queries(16):
        shown = page(client, survey.get_absolute_url())
    assert "Q39" in shown


def test_the_links_page_takes_few_queries_with_many_agencies(
    login_as, board, agency_x, django_assert_max_num_queries
):
    from ..factories import AgencyFactory, BoardAgencyFactory

    _, this, _ = surveys(board, agency_x)
    for _ in range(30):
        BoardAgencyFactory(board=board, agency=AgencyFactory())
    client = login_as("office")
    url = reverse("learning:survey_links", args=[this.pk])
    client.post(url)
    with django_assert_max_num_queries(14):
        shown = page(client, url)
    assert shown.count("http://testserver/survey/") == 31


def test_an_agency_lead_sees_only_their_own_agencys_link(login_as, board, agency_x, agency_y):
    _, this, link = surveys(board, agency_x)
    other = SurveyLink.objects.create(survey=this, agency=agency_y)
    shown = page(login_as("lead_x"), this.get_absolute_url())
    assert "Your agency's link" in shown and link.token in shown and other.token not in shown
    shown = page(login_as("lead_y"), this.get_absolute_url())
    assert other.token in shown and link.token not in shown
    for role in ("member", "chair", "subgroup_chair"):
        assert "Your agency's link" not in page(login_as(role), this.get_absolute_url())
