"""Changing case reviews: office staff and the case review group record a review, move it along,
re-categorise it, keep its lessons, recommendations and dissemination checklist, and open its action
plan (kept by the actions app)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.access import require_perm
from core.history import describe, save_as
from core.pages import form_page
from core.versioning import saved

from . import workflow
from .forms import (
    IDENTITY_WARNING,
    CaseReviewForm,
    DisseminationForm,
    LearningThemeForm,
    LessonForm,
    RecategoriseForm,
    RecommendationForm,
    ReviewSettingsForm,
    StatusForm,
)
from .models import (
    CaseReview,
    DisseminationTask,
    LearningTheme,
    Lesson,
    Recommendation,
    ReviewSettings,
    review_boards,
)
from .views import visible_review


def editable_board(request, board_pk, perm="reviews.edit_review"):
    board = get_object_or_404(review_boards(request.user), pk=board_pk)
    require_perm(request.user, perm, board)
    return board


def editable_review(request, pk):
    review = visible_review(request, pk)
    require_perm(request.user, "reviews.edit_review", review)
    return review


@login_required
def review_add(request, board_pk):
    board = editable_board(request, board_pk)
    form = CaseReviewForm(request.POST or None, board=board)

    def save(form):
        with transaction.atomic():
            review = save_as(form, request.user)
            workflow.record_creation(review, user=request.user, on=review.known_date)
        return review

    return form_page(
        request,
        form,
        title="Record a case review",
        caption=board.name,
        back_url=reverse("reviews:list"),
        intro=IDENTITY_WARNING,
        save=save,
        done=lambda r: f"{r.reference} recorded",
    )


@login_required
def review_edit(request, pk):
    review = editable_review(request, pk)
    form = CaseReviewForm(request.POST or None, instance=review, board=review.board)
    return form_page(
        request,
        form,
        title=f"Edit {review.reference}",
        caption=review.get_kind_display(),
        back_url=review.get_absolute_url(),
        intro=IDENTITY_WARNING,
    )


@login_required
def review_status(request, pk):
    review = editable_review(request, pk)
    form = StatusForm(request.POST or None, review=review)
    if form.is_valid():
        data = form.cleaned_data
        change = workflow.move(
            review, data["status"], user=request.user, on=data["on"], note=data["note"]
        )
        messages.success(request, f"{review.reference}: {change.describe().lower()}")
        return redirect(review)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": f"Move {review.reference} on",
            "caption": f"Now: {review.get_status_display()}",
            "back_url": review.get_absolute_url(),
            "intro": "Moving to Rapid review records the date the national panel was notified, to Decision the date the rapid "
            "review was completed, to Commissioned the decision date and to Published the publication "
            "date, unless the review already has them.",
        },
    )


@login_required
def review_recategorise(request, pk):
    review = editable_review(request, pk)
    form = RecategoriseForm(request.POST or None, review=review)
    if form.is_valid():
        data = form.cleaned_data
        change = workflow.recategorise(
            review, data["kind"], user=request.user, on=data["on"], note=data["note"]
        )
        messages.success(request, f"{review.reference}: {change.describe().lower()}")
        return redirect(review)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": f"Re-categorise {review.reference}",
            "caption": f"Now: {review.get_kind_display()}",
            "back_url": review.get_absolute_url(),
            "intro": "The review keeps its history: the change and its reason are shown on its page.",
        },
    )


@login_required
def lesson_add(request, pk):
    review = editable_review(request, pk)
    form = LessonForm(request.POST or None, review=review)
    return form_page(
        request,
        form,
        title="Add a lesson",
        caption=review.reference,
        back_url=review.get_absolute_url(),
        done=lambda lesson: f"Lesson {lesson.number} added",
    )


@login_required
def lesson_edit(request, pk):
    lesson = get_object_or_404(
        Lesson.objects.filter(review__in=CaseReview.objects.visible_to(request.user)), pk=pk
    )
    review = editable_review(request, lesson.review_id)
    form = LessonForm(request.POST or None, instance=lesson, review=review)
    return form_page(
        request,
        form,
        title=f"Edit lesson {lesson.number}",
        caption=review.reference,
        back_url=review.get_absolute_url(),
    )


@login_required
def recommendation_add(request, pk):
    review = editable_review(request, pk)
    form = RecommendationForm(request.POST or None, review=review)
    return form_page(
        request,
        form,
        title="Add a recommendation",
        caption=review.reference,
        back_url=review.get_absolute_url(),
        done=lambda r: f"Recommendation {r.number} added",
    )


@login_required
def recommendation_edit(request, pk):
    recommendation = get_object_or_404(
        Recommendation.objects.filter(review__in=CaseReview.objects.visible_to(request.user)),
        pk=pk,
    )
    review = editable_review(request, recommendation.review_id)
    form = RecommendationForm(request.POST or None, instance=recommendation, review=review)
    return form_page(
        request,
        form,
        title=f"Edit recommendation {recommendation.number}",
        caption=review.reference,
        back_url=review.get_absolute_url(),
    )


@login_required
def dissemination(request, pk):
    review = editable_review(request, pk)
    form = DisseminationForm(request.POST or None, review=review)
    if form.is_valid() and saved(form, lambda form: form.save(request.user)):
        messages.success(request, f"Dissemination checklist of {review.reference} saved")
        return redirect(review.get_absolute_url() + "#dissemination")
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": "Dissemination of the learning",
            "caption": review.reference,
            "back_url": review.get_absolute_url(),
            "intro": "What the board has done to make the review's learning widely known. "
            "Leave a task empty until it is done.",
        },
    )


@login_required
def plan_open(request, pk):
    """The review's action plan: created on the first POST, then kept in the actions app."""
    review = editable_review(request, pk)
    if request.method == "POST":
        created = review.plan_id is None
        plan = workflow.open_plan(review, user=request.user)
        if created:
            messages.success(request, f"{plan.name} created: add its actions here")
        return redirect(plan)
    return render(request, "reviews/plan_open.html", {"review": review})


@login_required
def theme_add(request, board_pk):
    board = editable_board(request, board_pk)
    form = LearningThemeForm(request.POST or None, board=board)
    return form_page(
        request,
        form,
        title="Add a learning theme",
        caption=board.name,
        back_url=reverse("reviews:lessons"),
        intro="Lessons of any review can be tagged with the theme; the lessons page lists them by theme.",
        done=lambda t: f"Learning theme “{t.name}” added",
    )


@login_required
def theme_edit(request, pk):
    themes = LearningTheme.objects.filter(board__in=review_boards(request.user))
    theme = get_object_or_404(themes.select_related("board"), pk=pk)
    require_perm(request.user, "reviews.edit_review", theme.board)
    form = LearningThemeForm(request.POST or None, instance=theme, board=theme.board)
    return form_page(
        request,
        form,
        title="Edit a learning theme",
        caption=theme.board.name,
        back_url=theme.get_absolute_url(),
        intro="Lessons tagged with the theme keep it under its new name.",
        done=lambda t: f"Learning theme “{t.name}” saved",
    )


@login_required
def review_settings(request, board_pk):
    board = editable_board(request, board_pk, perm="reviews.manage_settings")
    current = ReviewSettings.objects.filter(board=board).first()
    form = ReviewSettingsForm(request.POST or None, instance=current, board=board)
    return form_page(
        request,
        form,
        title="Case review group",
        caption=board.name,
        back_url=reverse("reviews:list"),
        intro="The members of the group you choose record and manage the board's case reviews, "
        "as the board office does. Board members read them; agency leads do not see them.",
        done=lambda s: "Case review group saved",
    )


@login_required
def review_history(request, pk):
    """The review's audit trail: every change to it, its lessons, recommendations and checklist."""
    review = editable_review(request, pk)
    records = [
        *describe(
            CaseReview.history.filter(id=review.pk).select_related("history_user"),
            what=lambda r: r.reference,
        ),
        *describe(
            Lesson.history.filter(review_id=review.pk).select_related("history_user"),
            what=lambda r: f"Lesson {r.number}",
        ),
        *describe(
            Recommendation.history.filter(review_id=review.pk).select_related("history_user"),
            what=lambda r: f"Recommendation {r.number}",
        ),
        *describe(
            DisseminationTask.history.filter(review_id=review.pk).select_related("history_user"),
            what=lambda r: r.get_task_display(),
        ),
    ]
    records.sort(key=lambda c: c.when, reverse=True)
    page = Paginator(records, 100).get_page(request.GET.get("page"))
    return render(request, "reviews/review_history.html", {"review": review, "page_obj": page})
