from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.access import require_perm, visible_or_404
from core.forms import RemoveForm
from core.history import save_as
from core.pages import form_page

from . import invitations
from .forms import AgencyForm, BoardPersonForm, InvitationAnswerForm, WithdrawForm
from .models import INVITATION_SALT, Agency, Board, BoardLink, BoardMembership, Invitation, Role


@login_required
def board_detail(request, pk):
    board = visible_or_404(Board.objects, request.user, pk=pk)
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
    board = visible_or_404(Board.objects, request.user, pk=pk)
    memberships = board.memberships.select_related("user", "user__agency").order_by(
        "role", "user__name"
    )
    can_manage = request.user.has_perm("boards.manage_board", board)
    waiting = board.invitations.open().order_by("created") if can_manage else []
    return render(
        request,
        "boards/board_people.html",
        {
            "board": board,
            "memberships": memberships,
            "invitations": waiting,
            "can_manage": can_manage,
        },
    )


@login_required
def board_person_add(request, pk):
    board = visible_or_404(Board.objects, request.user, pk=pk)
    require_perm(request.user, "boards.manage_board", board)
    form = BoardPersonForm(request.POST or None, board=board)
    if form.is_valid():
        data = form.cleaned_data
        role = Role(data["role"])
        with transaction.atomic():
            person, invitation = invitations.add_or_invite(
                request,
                board=board,
                email=data["email"],
                name=data["name"],
                job_title=data["job_title"],
                agency=data["agency"],
                role=role,
                offer=f"{role.label} at {board.name}",
                actor=request.user,
            )
            if invitation:
                messages.success(request, invitations.invited_message(data["email"]))
                return redirect("boards:people", pk=board.pk)
            membership = BoardMembership(user=person, board=board, role=role)
            membership._history_user = request.user
            membership.save()
        messages.success(request, f"{person.name} added as {role.label.lower()}")
        return redirect("boards:people", pk=board.pk)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": "Add a person to the board",
            "caption": board.name,
            "back_url": reverse("boards:people", args=[board.pk]),
            "intro": form.intro,
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
    board = visible_or_404(Board.objects, request.user, pk=pk)
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
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
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


# Invitations: answered by the person invited, withdrawn by the board's office


@login_required
def invitation(request, token):
    """The person invited, signed in as themselves, accepts or declines. Anyone else: 404."""
    try:
        pk = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        raise Http404 from None
    invitation = get_object_or_404(
        Invitation.objects.filter(user=request.user).select_related("board", "invited_by"), pk=pk
    )
    if not Invitation.objects.open().filter(pk=invitation.pk).exists():
        return render(
            request,
            "registration/message.html",
            {
                "title": "This invitation is no longer open",
                "message": "It has been answered, withdrawn by the board office, or has expired. "
                "Ask the board office to invite you again if you still need to join.",
                "link_url": reverse("home"),
                "link_text": "Go to your home page",
            },
        )
    form = InvitationAnswerForm(request.POST or None)
    if form.is_valid():
        if form.cleaned_data["answer"] == "accept":
            if invitations.accept(invitation):
                messages.success(request, f"You have joined {invitation.board.name}")
                return redirect(invitation.board)
        elif invitations.close(invitation, "declined"):
            messages.success(request, "You have declined the invitation")
        return redirect("home")
    inviter = invitation.invited_by.name if invitation.invited_by else "The board office"
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": f"Join {invitation.board.name}?",
            "caption": "Invitation",
            "back_url": reverse("home"),
            "intro": f"{inviter} invites you to join as: {invitation.offer}. Nothing changes until "
            f"you accept. The invitation is open until {invitation.expires:%-d %B %Y}.",
        },
    )


@login_required
def invitation_withdraw(request, pk):
    waiting = Invitation.objects.open().filter(board__in=Board.objects.visible_to(request.user))
    invitation = get_object_or_404(waiting.select_related("board"), pk=pk)
    board = invitation.board
    require_perm(request.user, "boards.manage_board", board)
    form = WithdrawForm(request.POST or None)
    if form.is_valid():
        invitations.close(invitation, "withdrawn")
        messages.success(request, f"Invitation to {invitation.email} withdrawn")
        return redirect("boards:people", pk=board.pk)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": f"Withdraw the invitation to {invitation.email}?",
            "caption": board.name,
            "back_url": reverse("boards:people", args=[board.pk]),
            "intro": f"They were invited as: {invitation.offer}. The link in their email will "
            "no longer work.",
        },
    )
