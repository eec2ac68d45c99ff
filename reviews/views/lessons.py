"""Learning: the lessons of every review by theme; a review's lessons and recommendations, and the
board's learning themes, kept by office staff and the case review group."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from core.access import require_perm
from core.pages import form_page

from ..forms import LearningThemeForm, LessonForm, RecommendationForm
from ..models import CaseReview, LearningTheme, Lesson, Recommendation, review_boards
from .reviews import editable_board, editable_review


@login_required
def lessons_by_theme(request):
    """Every lesson of the reviews the user can read, under each of its learning themes."""
    visible = CaseReview.objects.visible_to(request.user)
    lessons = (
        Lesson.objects.filter(review__in=visible)
        .select_related("review")
        .order_by("review__reference", "number")
    )
    themes = (
        LearningTheme.objects.filter(board__in=review_boards(request.user))
        .select_related("board")
        .prefetch_related(Prefetch("lessons", queryset=lessons, to_attr="visible_lessons"))
        .order_by("board__name", "name")
    )
    untagged = lessons.filter(themes__isnull=True)
    boards = review_boards(request.user)
    editable = {b.pk for b in boards if request.user.has_perm("reviews.edit_review", b)}
    return render(
        request,
        "reviews/lessons_by_theme.html",
        {"themes": themes, "untagged": untagged, "editable": editable},
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
