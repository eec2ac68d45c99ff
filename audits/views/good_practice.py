"""The good practice catalogue: the published examples, searched and filtered; a person's own examples
and the office's queue; sending in, changing, deciding and withdrawing an example."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from boards.models import Board, BoardMembership
from core.access import require_perm, visible_or_404
from core.filters import filtered_page
from core.forms import ReasonForm
from core.history import describe
from core.identity import WARNING
from core.versioning import saved

from ..good_practice import GoodPractice, GoodPracticeStatus
from ..good_practice_forms import CatalogueFilter, DecisionForm, GoodPracticeForm
from ..good_practice_workflow import AlreadyDecided, decide, save_example, withdraw

PER_PAGE = 20


def boards_to_send_to(user):
    """The boards the user has a place at (where they may send an example in)."""
    if user.is_superuser:
        return Board.objects.all()
    return Board.objects.filter(
        pk__in=BoardMembership.objects.filter(user=user).values("board")
    ).order_by("name")


@login_required
def catalogue(request):
    user = request.user
    boards = Board.objects.visible_to(user)
    published = (
        GoodPractice.objects.visible_to(user)
        .published()
        .select_related("agency", "board")
        .prefetch_related("themes")
        .order_by("-published", "-pk")
    )
    filterset = CatalogueFilter(request.GET or None, queryset=published, boards=boards)
    listed = filtered_page(request, filterset, PER_PAGE)
    return render(
        request,
        "audits/good_practice/catalogue.html",
        {
            **listed,
            "examples": listed["page_obj"].object_list,
            "send_to": boards_to_send_to(user),
            "own": GoodPractice.objects.filter(submitted_by=user)
            .exclude(status=GoodPracticeStatus.PUBLISHED)
            .exclude(status=GoodPracticeStatus.WITHDRAWN)
            .count(),
            "waiting": GoodPractice.objects.filter(board__in=Board.objects.managed_by(user))
            .waiting()
            .count(),
        },
    )


@login_required
def mine(request):
    """The examples the user sent in, in every state; for office staff, those waiting for approval."""
    user = request.user
    examples = GoodPractice.objects.visible_to(user).select_related("agency", "board")
    return render(
        request,
        "audits/good_practice/mine.html",
        {
            "own": examples.filter(submitted_by=user).order_by("-submitted", "-pk"),
            "waiting": examples.filter(board__in=Board.objects.managed_by(user))
            .waiting()
            .order_by("submitted", "pk"),
            "send_to": boards_to_send_to(user),
        },
    )


def example_form(request, form, *, title, caption, back_url, done):
    if form.is_valid() and saved(form, lambda form: save_example(form, user=request.user)):
        messages.success(request, done(form.saved))
        return redirect(form.saved)
    return render(
        request,
        "audits/good_practice/form.html",
        {
            "form": form,
            "title": title,
            "caption": caption,
            "back_url": back_url,
            "warning": WARNING,
        },
    )


@login_required
def example_add(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "audits.add_good_practice", board)
    form = GoodPracticeForm(request.POST or None, board=board, user=request.user)
    return example_form(
        request,
        form,
        title="Send in an example of good practice",
        caption=board.name,
        back_url=reverse("audits:good_practice"),
        done=lambda e: f"“{e.title}” was sent to the board office for approval",
    )


def visible_example(request, pk):
    examples = GoodPractice.objects.select_related("board", "agency", "submitted_by")
    return visible_or_404(examples, request.user, pk=pk)


@login_required
def example_detail(request, pk):
    example = visible_example(request, pk)
    user = request.user
    can_see_trail = example.submitted_by_id == user.pk or (
        Board.objects.managed_by(user).filter(pk=example.board_id).exists()
    )
    changes = describe(example.history.select_related("history_user")) if can_see_trail else []
    return render(
        request,
        "audits/good_practice/detail.html",
        {
            "example": example,
            "themes": example.themes.order_by("name"),
            "can_edit": user.has_perm("audits.change_good_practice", example),
            "can_decide": user.has_perm("audits.decide_good_practice", example),
            "can_withdraw": user.has_perm("audits.withdraw_good_practice", example),
            "can_see_trail": can_see_trail,
            "changes": changes,
        },
    )


@login_required
def example_edit(request, pk):
    example = visible_example(request, pk)
    require_perm(request.user, "audits.change_good_practice", example)
    form = GoodPracticeForm(
        request.POST or None, instance=example, board=example.board, user=request.user
    )
    resubmit = example.status == GoodPracticeStatus.RETURNED and (
        example.submitted_by_id == request.user.pk
    )
    return example_form(
        request,
        form,
        title="Change the example" if not resubmit else "Change the example and send it again",
        caption=example.board.name,
        back_url=example.get_absolute_url(),
        done=lambda e: (
            f"“{e.title}” was sent to the board office for approval again"
            if resubmit
            else f"“{e.title}” saved"
        ),
    )


@login_required
def example_decide(request, pk):
    example = visible_example(request, pk)
    require_perm(request.user, "audits.decide_good_practice", example)
    form = DecisionForm(request.POST or None)
    if form.is_valid():
        publish = form.cleaned_data["decision"] == DecisionForm.PUBLISH
        try:
            decide(
                example, user=request.user, publish=publish, comment=form.cleaned_data["comment"]
            )
        except AlreadyDecided:
            messages.info(request, "Someone else decided on this example meanwhile")
            return redirect(example)
        done = "published in the catalogue" if publish else "returned for changes"
        messages.success(request, f"“{example.title}” {done}")
        return redirect(example)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": "Publish or return",
            "caption": example.title,
            "back_url": example.get_absolute_url(),
            "intro": "Check that nobody could be recognised from it before you publish it: "
            "everyone of the board reads the catalogue.",
        },
    )


@login_required
def example_withdraw(request, pk):
    example = visible_example(request, pk)
    require_perm(request.user, "audits.withdraw_good_practice", example)
    form = ReasonForm(
        request.POST or None,
        label="Why is the example withdrawn?",
        help_text="Kept in the example's history.",
        max_length=100,
        submit_label="Withdraw the example",
    )
    if form.is_valid():
        try:
            withdraw(example, user=request.user, reason=form.cleaned_data["reason"])
        except AlreadyDecided:
            messages.info(request, "Someone else withdrew this example meanwhile")
            return redirect(example)
        messages.success(request, f"“{example.title}” withdrawn")
        return redirect(example)
    return render(
        request,
        "_confirm_page.html",
        {
            "form": form,
            "title": "Withdraw the example",
            "caption": example.title,
            "back_url": example.get_absolute_url(),
            "facts": [
                ("Agency", example.agency.name),
                ("Status", example.get_status_display()),
            ],
            "warning": "A withdrawn example leaves the catalogue and cannot be sent again. It "
            "stays in the board's records with its history.",
        },
    )
