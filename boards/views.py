from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.access import require_perm, save_as
from accounts.invitations import find_or_invite
from accounts.pages import form_page

from .forms import AgencyForm, BoardPersonForm, RemoveForm
from .models import Agency, Board, BoardLink, BoardMembership


def visible_board(request, pk):
    return get_object_or_404(Board.objects.visible_to(request.user), pk=pk)


@login_required
def board_detail(request, pk):
    board = visible_board(request, pk)
    partners = board.partners.select_related("agency").order_by("-represented", "agency__name")
    links = BoardLink.objects.filter(board=board).select_related("other").order_by("other__name")
    subgroups = board.subgroups.select_related("chair_agency").order_by("name")
    return render(
        request,
        "boards/board_detail.html",
        {
            "board": board,
            "represented": [p for p in partners if p.represented],
            "other_partners": [p for p in partners if not p.represented],
            "links": links,
            "tree": subgroup_tree(subgroups),
            "can_manage": request.user.has_perm("boards.manage_board", board),
        },
    )


def subgroup_tree(subgroups):
    """[(group, [(child, [...]), ...]), ...] from one flat list, roots first, each level by name."""
    children = {}
    for group in subgroups:
        children.setdefault(group.parent_id, []).append(group)

    def branch(parent_id):
        return [(group, branch(group.pk)) for group in children.get(parent_id, [])]

    return branch(None)


@login_required
def board_people(request, pk):
    board = visible_board(request, pk)
    memberships = board.memberships.select_related("user", "user__agency").order_by(
        "role", "user__name"
    )
    return render(
        request,
        "boards/board_people.html",
        {
            "board": board,
            "memberships": memberships,
            "can_manage": request.user.has_perm("boards.manage_board", board),
        },
    )


@login_required
def board_person_add(request, pk):
    board = visible_board(request, pk)
    require_perm(request.user, "boards.manage_board", board)
    form = BoardPersonForm(request.POST or None, board=board)
    if form.is_valid():
        with transaction.atomic():
            data = form.cleaned_data
            user = find_or_invite(
                request,
                email=data["email"],
                name=data["name"],
                job_title=data["job_title"],
                agency=data["agency"],
                acting_user=request.user,
            )
            membership = BoardMembership(user=user, board=board, role=data["role"])
            membership._history_user = request.user
            membership.save()
        messages.success(request, f"{user.name} added as {membership.get_role_display().lower()}")
        return redirect("boards:people", pk=board.pk)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": "Add a person to the board",
            "caption": board.name,
            "back_url": reverse("boards:people", args=[board.pk]),
            "intro": "If they do not have an account yet, we will email them a link to set their password.",
        },
    )


@login_required
def board_person_remove(request, pk):
    membership = get_object_or_404(
        BoardMembership.objects.filter(
            board__in=Board.objects.visible_to(request.user)
        ).select_related("user", "board"),
        pk=pk,
    )
    board = membership.board
    require_perm(request.user, "boards.manage_board", board)
    form = RemoveForm(request.POST or None)
    if form.is_valid():
        membership._history_user = request.user
        membership.delete()
        messages.success(
            request, f"{membership.user.name} is no longer {membership.get_role_display().lower()}"
        )
        return redirect("boards:people", pk=board.pk)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": f"Remove {membership.user.name} as {membership.get_role_display().lower()}?",
            "caption": board.name,
            "back_url": reverse("boards:people", args=[board.pk]),
            "intro": "Their account stays; they lose what this role allowed them to see and do.",
        },
    )


@login_required
def agency_detail(request, pk):
    agency = get_object_or_404(Agency.objects.visible_to(request.user), pk=pk)
    partnerships = agency.partnerships.filter(
        board__in=Board.objects.visible_to(request.user)
    ).select_related("board")
    chaired = agency.chaired_groups.filter(
        board__in=Board.objects.visible_to(request.user)
    ).select_related("board")
    return render(
        request,
        "boards/agency_detail.html",
        {
            "agency": agency,
            "partnerships": partnerships,
            "chaired": chaired,
            "managed": set(Board.objects.managed_by(request.user).values_list("pk", flat=True)),
        },
    )


def save_agency(user):
    def save(form):
        with transaction.atomic():
            agency = save_as(form, user)
            form.save_partnership(user)
        return agency

    return save


@login_required
def agency_add(request, pk):
    board = visible_board(request, pk)
    require_perm(request.user, "boards.manage_board", board)
    form = AgencyForm(request.POST or None, board=board)
    return form_page(
        request,
        form,
        title="Add an agency",
        caption=board.name,
        back_url=board.get_absolute_url(),
        save=save_agency(request.user),
        done=lambda agency: f"{agency.name} added to {board.short_name}",
    )


@login_required
def agency_edit(request, pk, board_pk):
    board = visible_board(request, board_pk)
    agency = get_object_or_404(Agency.objects.filter(boards=board), pk=pk)
    require_perm(request.user, "boards.manage_board", board)
    form = AgencyForm(request.POST or None, instance=agency, board=board)
    return form_page(
        request,
        form,
        title=f"Edit {agency.name}",
        caption=board.name,
        back_url=agency.get_absolute_url(),
        save=save_agency(request.user),
    )
