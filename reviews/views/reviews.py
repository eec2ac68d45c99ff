"""Case reviews: the list with its filters and exports, the statutory clocks, one review's page and its
audit trail. Office staff and the case review group record a review, move it along, re-categorise
it, keep its dissemination checklist and open its action plan (kept by the actions app); the office
chooses the board's case review group."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from boards.models import BoardKind
from core.access import require_perm
from core.history import describe, save_as
from core.pages import form_page
from core.versioning import saved

from .. import exporting, workflow
from ..clocks import STATE_TAGS, ClockState
from ..forms import (
    IDENTITY_WARNING,
    CaseReviewForm,
    DisseminationForm,
    RecategoriseForm,
    ReviewFilter,
    ReviewSettingsForm,
    StatusForm,
    identity_warning,
)
from ..models import (
    CaseReview,
    Dissemination,
    DisseminationTask,
    Lesson,
    Recommendation,
    ReviewSettings,
    kinds_for,
    review_boards,
)
from .incidents import review_section


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
            "adults_boards": [b for b in boards if b.kind == BoardKind.ADULTS],
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
            "lessons": review.lessons.prefetch_related("themes", "actions"),
            "recommendations": review.recommendations.prefetch_related("actions"),
            "completed": [a for a in actions if a.is_done],
            "outstanding": [a for a in actions if not a.is_done],
            "dissemination": [(task, done.get(task.value)) for task in Dissemination],
            "can_edit": request.user.has_perm("reviews.edit_review", review),
            "can_recategorise": can_recategorise(review),
            "incident": review_section(request.user, review),
        },
    )


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
    if board.kind == BoardKind.ADULTS:  # an adults board's reviews are SARs, begun by a referral
        return redirect("reviews:sar_add", board.pk)
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
        intro=identity_warning(review),
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
            "caption": f"Now: {review.status_label}",
            "back_url": review.get_absolute_url(),
            "intro": "Moving to Rapid review records the date the national panel was notified, to Decision the date the rapid "
            "review was completed, to Commissioned the decision date and to Published the publication "
            "date, unless the review already has them.",
        },
    )


def can_recategorise(review):
    """Whether the review's board holds another kind it could become (an adults board does not)."""
    return any(kind != review.kind for kind in kinds_for(review.board))


@login_required
def review_recategorise(request, pk):
    review = editable_review(request, pk)
    if not can_recategorise(review):
        raise Http404("A safeguarding adults board's reviews are all SARs")
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
