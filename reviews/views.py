"""Reading case reviews: the list with its filters and exports, the statutory clocks, the lessons
by theme, and one review's page."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from actions.models import Action

from . import exporting
from .clocks import STATE_TAGS, ClockState
from .forms import ReviewFilter
from .models import CaseReview, Dissemination, LearningTheme, Lesson, review_boards


def filtered_reviews(request):
    boards = review_boards(request.user).order_by("name")
    reviews = (
        CaseReview.objects.visible_to(request.user)
        .with_counts()
        .select_related("board")
        .order_by("board__name", "-publication_date", "reference")
    )
    filterset = ReviewFilter(request.GET or None, queryset=reviews, boards=boards)
    return filterset, boards


@login_required
def review_list(request):
    filterset, boards = filtered_reviews(request)
    reviews = list(filterset.qs)
    today = timezone.localdate()
    for review in reviews:
        review.states = [
            (clock, state, STATE_TAGS[state]) for clock, state in review.clock_states(today)
        ]
    editable = [b for b in boards if request.user.has_perm("reviews.edit_review", b)]
    return render(
        request,
        "reviews/review_list.html",
        {
            "filter": filterset,
            "reviews": reviews,
            "filtered": bool(request.GET),
            "query": request.GET.urlencode(),
            "editable": editable,
            "several_boards": len(boards) > 1,
            "manageable": [
                b for b in editable if request.user.has_perm("reviews.manage_settings", b)
            ],
        },
    )


@login_required
def review_export(request, fmt):
    filterset, _ = filtered_reviews(request)
    return exporting.download(filterset.qs, fmt)


@login_required
def clock_list(request):
    """Reviews whose statutory clocks are running: overdue first, then due soon, then running."""
    today = timezone.localdate()
    reviews = (
        CaseReview.objects.visible_to(request.user)
        .clock_running()
        .select_related("board")
        .order_by("notification_due", "rapid_review_due", "reference")
    )
    groups = {ClockState.OVERDUE: [], ClockState.DUE_SOON: [], ClockState.RUNNING: []}
    for review in reviews:
        for clock, state in review.clock_states(today):
            if state in groups:
                groups[state].append((review, clock, clock.days_left(today)))
    sections = [
        (state, STATE_TAGS[state], sorted(rows, key=lambda row: row[1].due))
        for state, rows in groups.items()
    ]
    return render(request, "reviews/clock_list.html", {"sections": sections, "today": today})


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


def visible_review(request, pk):
    reviews = CaseReview.objects.visible_to(request.user).select_related("board", "plan")
    return get_object_or_404(reviews, pk=pk)


@login_required
def review_detail(request, pk):
    review = visible_review(request, pk)
    today = timezone.localdate()
    actions = []
    if review.plan:
        actions = list(
            Action.objects.filter(plan=review.plan)
            .select_related("theme")
            .prefetch_related("owners")
        )
    done = {t.task: t for t in review.dissemination.all()}
    return render(
        request,
        "reviews/review_detail.html",
        {
            "review": review,
            "clocks": [
                (c, s, STATE_TAGS[s], max(c.days_left(today), 0), max(-c.days_left(today), 0))
                for c, s in review.clock_states(today)
            ],
            "changes": review.changes.select_related("by"),
            "lessons": review.lessons.prefetch_related("themes"),
            "recommendations": review.recommendations.all(),
            "completed": [a for a in actions if a.is_done],
            "outstanding": [a for a in actions if not a.is_done],
            "dissemination": [(task, done.get(task.value)) for task in Dissemination],
            "can_edit": request.user.has_perm("reviews.edit_review", review),
        },
    )
