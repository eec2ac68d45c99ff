"""A board's people: the office adds people (inviting those without an account) and removes roles;
invitations are answered by the person invited and withdrawn by the board's office."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.access import require_perm, visible_or_404
from core.forms import RemoveForm

from .. import invitations
from ..forms import BoardPersonForm, InvitationAnswerForm, WithdrawForm
from ..models import INVITATION_SALT, Board, BoardMembership, Invitation, Role


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
