"""An accepted invitation to a group makes the membership it offered (see boards/invitations.py)."""

from django.dispatch import receiver

from boards.invitations import invitation_accepted

from .models import SubgroupInvitation, SubgroupMembership


@receiver(invitation_accepted, dispatch_uid="subgroups.join_on_acceptance")
def join_on_acceptance(sender, invitation, **kwargs):
    part = SubgroupInvitation.objects.filter(invitation=invitation).select_related("subgroup")
    part = part.first()
    if part is None or part.subgroup.memberships.filter(user=invitation.user).exists():
        return
    membership = SubgroupMembership(
        subgroup=part.subgroup,
        user=invitation.user,
        role=part.role,
        agency=invitation.agency or invitation.user.agency,
    )
    membership._history_user = invitation.invited_by or invitation.user
    membership.save()
