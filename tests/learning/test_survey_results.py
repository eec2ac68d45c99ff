"""A survey's results: each answer's share, year on year for repeated questions, by sector where at
least 5 answered; free text for the office only, flagged where it may name someone."""

from decimal import Decimal

import pytest
from django.urls import reverse

from boards.models import Sector
from learning.models import Option, Question, RecordedResult, Survey, SurveyLink
from learning.survey_results import results

from ..factories import AgencyFactory, BoardAgencyFactory
from ..helpers import page
from .survey_fixtures import answer, surveys


@pytest.fixture
def years(board, agency_x):
    return surveys(board, agency_x)


def test_each_answer_has_its_share_of_those_who_answered(years):
    last, _, _ = years
    [confidence] = results(last)
    assert confidence.answered == 5
    assert [(o.option.text, o.count, o.share) for o in confidence.options] == [
        ("Very confident", 0, Decimal("0.0")),
        ("Confident", 3, Decimal("60.0")),
        ("Not confident", 2, Decimal("40.0")),
    ]


def test_a_repeated_question_compares_with_last_year(years, login_as):
    _, this, link = years
    answer(link, "Confident", 1)
    answer(link, "Very confident", 3)
    [confidence] = results(this)
    assert [(r.label, r.last_year, r.this_year, r.change) for r in confidence.comparison] == [
        ("Very confident", Decimal("0.0"), Decimal("75.0"), Decimal("75.0")),
        ("Confident", Decimal("60.0"), Decimal("25.0"), Decimal("-35.0")),
        ("Not confident", Decimal("40.0"), Decimal("0.0"), Decimal("-40.0")),
    ]
    shown = page(login_as("member"), reverse("learning:survey_results", args=[this.pk]))
    assert "Practitioner survey 2017 against Practitioner survey 2016" in shown
    assert "-35.0" in shown and "+75.0" in shown


def test_choices_split_from_last_years_compare_together(years):
    """This year "Not confident" became two choices: both compare with last year's one."""
    _, this, link = years
    question = this.questions.get(number=1)
    last_not = question.options.get(text="Not confident").repeats
    Option.objects.create(question=question, number=4, text="Not at all", repeats=last_not)
    Option.objects.create(question=question, number=5, text="Not my role")
    answer(link, "Not confident", 1)
    answer(link, "Not at all", 1)
    rows = {r.label: (r.last_year, r.this_year) for r in results(this)[0].comparison}
    assert rows["Not confident; Not at all"] == (Decimal("40.0"), Decimal("100.0"))
    assert rows["Not my role"] == (None, Decimal("0.0"))


def test_a_choice_dropped_this_year_shows_last_years_share(years):
    _, this, _ = years
    this.questions.get(number=1).options.get(text="Not confident").delete()
    rows = {r.label: (r.last_year, r.this_year) for r in results(this)[0].comparison}
    assert rows["Not confident (last year only)"] == (Decimal("40.0"), None)


def test_a_sector_shows_only_where_at_least_5_answered(years, board, login_as):
    last, _, _ = years
    school = BoardAgencyFactory(
        board=board, agency=AgencyFactory(name="Beck High", sector=Sector.SCHOOL)
    ).agency
    answer(SurveyLink.objects.create(survey=last, agency=school), "Confident", 4)
    [confidence] = results(last)
    sectors = {label: (answered, shares) for label, answered, shares in confidence.sectors}
    assert sectors["Police"] == (5, [Decimal("0.0"), Decimal("60.0"), Decimal("40.0")])
    assert sectors["School or college"] == ("fewer than 5", [])
    shown = page(login_as("chair"), reverse("learning:survey_results", args=[last.pk]))
    assert "Not shown: fewer than 5 answered" in shown


def test_free_text_is_the_offices_alone_and_flags_names(years, login_as):
    last, _, _ = years
    link = last.links.get()
    answer(link, "Confident", text="I worked with Child AB and Mrs Jones")
    url = reverse("learning:survey_comments", args=[last.pk])
    shown = page(login_as("office"), url)
    assert "More training on thresholds" in shown
    assert "May name someone" in shown and "could be initials" in shown
    assert shown.count("May name someone") == 1, "only the answer that looks like a name"
    for role in ("chair", "member", "lead_x"):
        assert login_as(role).get(url).status_code == 403
        results_page = page(login_as(role), reverse("learning:survey_results", args=[last.pk]))
        assert "More training" not in results_page and "Free-text answers" not in results_page


def test_a_recorded_survey_shows_what_the_report_printed(board):
    survey = Survey.objects.create(board=board, title="Staff survey 2015", recorded_responses=316)
    question = Question.objects.create(survey=survey, number=1, text="Outcome clarity")
    sometimes = Option.objects.create(question=question, number=1, text="Sometimes")
    Option.objects.create(question=question, number=2, text="Always")
    RecordedResult.objects.create(option=sometimes, share=Decimal("60"))
    [clarity] = results(survey)
    assert [(o.option.text, o.share) for o in clarity.options] == [
        ("Sometimes", Decimal("60")),
        ("Always", None),
    ]


def test_results_take_the_same_queries_however_many_answers(
    years, board, login_as, django_assert_max_num_queries
):
    _, this, link = years
    for n in range(6):
        agency = BoardAgencyFactory(board=board, agency=AgencyFactory(sector=Sector.SCHOOL)).agency
        answer(SurveyLink.objects.create(survey=this, agency=agency), "Confident", n + 1)
    answer(link, "Very confident", 30)
    client = login_as("office")
    with django_assert_max_num_queries(20):
        shown = page(client, reverse("learning:survey_results", args=[this.pk]))
    assert "51 answered" in shown
