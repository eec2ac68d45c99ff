"""A board's practitioner surveys for the tests: last year's (closed, with answers) and this year's
(open, unanswered), each question of this year's repeating last year's."""

import datetime

from django.utils import timezone

from learning.answering import record
from learning.models import Option, Question, QuestionKind, Survey, SurveyLink

SCALE = ["Very confident", "Confident", "Not confident"]


def make_survey(board, title, opens, closes, previous=None):
    survey = Survey.objects.create(
        board=board, title=title, opens=opens, closes=closes, previous=previous
    )
    old = {q.number: q for q in previous.questions.all()} if previous else {}
    confidence = Question.objects.create(
        survey=survey,
        number=1,
        text="How confident are you in the multi-agency safeguarding procedures?",
        kind=QuestionKind.SCALE,
        repeats=old.get(1),
    )
    for number, text in enumerate(SCALE, start=1):
        repeats = old[1].options.get(number=number) if old else None
        Option.objects.create(question=confidence, number=number, text=text, repeats=repeats)
    Question.objects.create(
        survey=survey, number=2, text="What would help you most?", kind=QuestionKind.TEXT
    )
    return survey


def answer(link, choice, times=1, text=""):
    confidence = link.survey.questions.get(number=1)
    comment = link.survey.questions.get(number=2)
    option = confidence.options.get(text=choice)
    for _ in range(times):
        record(link, [(confidence, [option.pk], ""), *([(comment, [], text)] if text else [])])


def surveys(board, agency_x):
    today = timezone.localdate()
    last = make_survey(
        board, "Practitioner survey 2016", datetime.date(2016, 6, 17), datetime.date(2016, 7, 22)
    )
    link = SurveyLink.objects.create(survey=last, agency=agency_x)
    answer(link, "Confident", 3)
    answer(link, "Not confident", 2, text="More training on thresholds")
    this = make_survey(
        board, "Practitioner survey 2017", today - datetime.timedelta(days=1), today, last
    )
    return last, this, SurveyLink.objects.create(survey=this, agency=agency_x)


def survey_objects(board, agency_x):
    """The keys the permission matrix and the lost-update test name."""
    _, this, link = surveys(board, agency_x)
    return {
        "survey": this.pk,
        "survey_question": this.questions.get(number=1).pk,
        "survey_token": link.token,
    }
