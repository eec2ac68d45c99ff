"""Adding a person to a board or one of its groups. People the office already works with (on one of
the boards it runs) join at once. Anyone else, a new address or someone known only to other boards,
is invited by email and joins only when they accept, signed in as themselves. The office is told the
same thing in both of those cases: whether an address belongs to another board's person never shows."""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.invitations import create_account, set_password_path

from .models import Board, BoardMembership, Invitation

# Sent with `invitation` when one is accepted, after its board role (if any) is made: subgroups
# makes the group membership of an invitation to a group.
invitation_accepted = Signal()


def works_with(actor, person):
    """Is the person on a board the actor runs (at the board itself or in one of its groups)?"""
    runs = Board.objects.managed_by(actor).values("pk")
    return Board.objects.visible_to(person).filter(pk__in=runs).exists()


def invited_message(email):
    return f"Invitation sent to {email}. They join when they accept it."


def add_or_invite(request, *, board, email, name, job_title, agency, role, offer, actor):
    """(person, None) when the actor already works with them: the caller adds them now.
    Otherwise (None, invitation): an invitation made and emailed (a new address gets its account,
    without a password, first)."""
    email = email.strip().lower()
    person = get_user_model().objects.filter(email__iexact=email).first()
    if person is not None and works_with(actor, person):
        return person, None
    if person is None:
        person = create_account(
            email=email, name=name, job_title=job_title, agency=agency, acting_user=actor
        )
    invitation = Invitation.objects.create(
        board=board,
        user=person,
        email=email,
        role=role,
        agency=agency,
        offer=offer,
        invited_by=actor,
    )
    send(request, invitation)
    return None, invitation


def send(request, invitation):
    person = invitation.user
    context = {
        "invitation": invitation,
        "person": person,
        "board": invitation.board,
        "inviter": invitation.invited_by.name if invitation.invited_by else "The office",
        "link": request.build_absolute_uri(invitation.get_absolute_url()),
    }
    if not person.has_usable_password():
        context["password_link"] = request.build_absolute_uri(set_password_path(person))
    body = render_to_string("boards/email/invitation.txt", context)
    subject = f"Invitation to join {invitation.board.name}"
    send_mail(subject, body, None, [person.email])


def answerable(invitation):
    """The same invitation, locked, if it is still open; None otherwise."""
    return Invitation.objects.open().select_for_update().filter(pk=invitation.pk).first()


@transaction.atomic
def accept(invitation):
    """Make the place offered. Returns False (and changes nothing) if it is no longer open."""
    invitation = answerable(invitation)
    if invitation is None:
        return False
    invitation.accepted = timezone.now()
    invitation.save(update_fields=["accepted"])
    if invitation.role:
        exists = BoardMembership.objects.filter(
            user=invitation.user, board=invitation.board, role=invitation.role
        ).exists()
        if not exists:
            membership = BoardMembership(
                user=invitation.user, board=invitation.board, role=invitation.role
            )
            membership._history_user = invitation.invited_by or invitation.user
            membership.save()
    invitation_accepted.send(sender=Invitation, invitation=invitation)
    return True


@transaction.atomic
def close(invitation, field):
    """Decline ("declined") or withdraw ("withdrawn") an open invitation. False if not open."""
    invitation = answerable(invitation)
    if invitation is None:
        return False
    setattr(invitation, field, timezone.now())
    invitation.save(update_fields=[field])
    return True
