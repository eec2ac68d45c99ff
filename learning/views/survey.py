"""The practitioner survey: a board's surveys, a survey and its questions, its agencies' links, its
results and free text (the office's); and the anonymous page staff answer it on."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from boards.models import Agency, Board, Role
from core.access import require_perm, visible_or_404
from core.forms import RemoveForm
from core.history import save_as
from core.pages import form_page

from .. import answering
from ..forms.survey import AnswerForm, QuestionForm, SurveyForm
from ..models import Question, Survey, SurveyLink
from ..repeating import repeat_questions, save_question
from ..survey_results import FEWER, MIN_SECTOR, comments, responses, results


@login_required
def survey_list(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    surveys = board.surveys.all()
    can_add = request.user.has_perm("learning.add_survey", board)
    context = {"board": board, "surveys": surveys, "can_add": can_add}
    return render(request, "learning/survey/list.html", context)


@login_required
def survey_add(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "learning.add_survey", board)
    form = SurveyForm(request.POST or None, board=board)

    def save(form):
        with transaction.atomic():
            survey = save_as(form, request.user)
            if form.cleaned_data.get("repeat") and survey.previous:
                repeat_questions(survey, survey.previous, request.user)
        return survey

    return form_page(
        request,
        form,
        title="Add a practitioner survey",
        caption=board.name,
        back_url=reverse("learning:surveys", args=[board.pk]),
        save=save,
    )


def survey_of(request, pk, perm=None):
    survey = visible_or_404(Survey.objects.select_related("board", "previous"), request.user, pk=pk)
    if perm:
        require_perm(request.user, perm, survey)
    return survey


@login_required
def survey_detail(request, pk):
    survey = survey_of(request, pk)
    questions = survey.questions.prefetch_related("options").select_related("repeats__survey")
    context = {
        "survey": survey,
        "questions": questions,
        "responses": responses(survey),
        "can_manage": request.user.has_perm("learning.manage_survey", survey),
        "can_change_questions": request.user.has_perm("learning.change_questions", survey),
        "own_link": own_link(request.user, survey),
    }
    return render(request, "learning/survey/detail.html", context)


def own_link(user, survey):
    """An agency lead's own agency's link, to pass on to its staff (while the survey is open)."""
    if not (user.agency_id and survey.is_open()):
        return None
    leads = survey.board.memberships.filter(user=user, role=Role.AGENCY_LEAD)
    return survey.links.filter(agency_id=user.agency_id).first() if leads.exists() else None


@login_required
def survey_edit(request, pk):
    survey = survey_of(request, pk, "learning.manage_survey")
    form = SurveyForm(request.POST or None, instance=survey, board=survey.board)
    return form_page(
        request, form, title=f"Edit {survey}", caption=survey.board.name, back_url=survey
    )


@login_required
def question_add(request, pk):
    survey = survey_of(request, pk, "learning.change_questions")
    form = QuestionForm(request.POST or None, survey=survey)
    return form_page(
        request,
        form,
        title="Add a question",
        caption=str(survey),
        back_url=survey.get_absolute_url(),
        save=lambda form: save_question(form, request.user),
        done=lambda question: f"Question {question.number} added",
    )


def question_of(request, pk):
    question = get_object_or_404(
        Question.objects.filter(survey__in=Survey.objects.visible_to(request.user)), pk=pk
    )
    require_perm(request.user, "learning.change_questions", question.survey)
    return question


@login_required
def question_edit(request, pk):
    question = question_of(request, pk)
    form = QuestionForm(request.POST or None, instance=question, survey=question.survey)
    return form_page(
        request,
        form,
        title=f"Edit question {question.number}",
        caption=str(question.survey),
        back_url=question.get_absolute_url(),
        save=lambda form: save_question(form, request.user),
        done=lambda question: f"Question {question.number} saved",
    )


@login_required
def question_remove(request, pk):
    question = question_of(request, pk)
    form = RemoveForm(request.POST or None)
    if form.is_valid():
        question._history_user = request.user
        question.delete()
        messages.success(request, f"Question {question.number} removed")
        return redirect(question.survey)
    context = {
        "form": form,
        "title": f"Remove question {question.number}?",
        "caption": str(question.survey),
        "back_url": question.get_absolute_url(),
        "intro": f"“{question.text}” and its answer choices will be removed from the survey.",
    }
    return render(request, "_form_page.html", context)


@login_required
def survey_links(request, pk):
    """One link per partner agency: the office makes any missing and sends each agency its own."""
    survey = survey_of(request, pk, "learning.manage_survey")
    partners = Agency.objects.filter(partnerships__board=survey.board)
    if request.method == "POST" and not survey.is_recorded:
        have = survey.links.values("agency")
        made = 0
        for agency in partners.exclude(pk__in=have):
            link = SurveyLink(survey=survey, agency=agency)
            link._history_user = request.user
            link.save()
            made += 1
        messages.success(request, f"{made} links made" if made != 1 else "1 link made")
        return redirect("learning:survey_links", pk=survey.pk)
    links = survey.links.select_related("agency")
    missing = partners.exclude(pk__in=survey.links.values("agency"))
    context = {
        "survey": survey,
        "links": links,
        "missing": 0 if survey.is_recorded else missing.count(),
    }
    return render(request, "learning/survey/links.html", context)


@login_required
def survey_results(request, pk):
    survey = survey_of(request, pk)
    context = {
        "survey": survey,
        "results": results(survey),
        "responses": responses(survey),
        "fewer": FEWER,
        "min_sector": MIN_SECTOR,
        "can_read_comments": request.user.has_perm("learning.read_comments", survey),
    }
    return render(request, "learning/survey/results.html", context)


@login_required
def survey_comments(request, pk):
    survey = survey_of(request, pk, "learning.read_comments")
    context = {"survey": survey, "comments": comments(survey)}
    return render(request, "learning/survey/comments.html", context)


# Anonymous: anyone with an agency's link -------------------------------------------------------


def link_of(token):
    link = get_object_or_404(SurveyLink.objects.select_related("survey", "agency"), token=token)
    if link.survey.is_recorded:
        raise Http404
    return link


@never_cache
def survey_answer(request, token):
    link = link_of(token)
    survey = link.survey
    if not survey.is_open():
        return render(request, "learning/survey/not_open.html", {"survey": survey}, status=200)
    questions = list(survey.questions.prefetch_related("options"))
    form = AnswerForm(request.POST or None, questions=questions)
    refused = ""
    if request.method == "POST":
        if answering.over_limit(request, link):
            refused = answering.TOO_MANY
        elif answering.is_robot(form):
            refused = answering.TOO_FAST
        elif form.is_valid():
            answering.count_answer(request, link)
            answering.record(link, form.answers())
            return redirect("learning:survey_thanks", token=token)
    context = {
        "survey": survey,
        "agency": link.agency,
        "form": form,
        "refused": refused,
        "started": answering.started_token(),
    }
    status = 429 if refused == answering.TOO_MANY else 200
    return render(request, "learning/survey/answer.html", context, status=status)


def survey_thanks(request, token):
    link = link_of(token)
    return render(request, "learning/survey/thanks.html", {"survey": link.survey})
