from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from boards import invitations
from boards.models import Board
from core.access import require_perm, visible_or_404
from core.forms import RemoveForm
from core.pages import form_page

from .forms import (
    MembershipForm,
    SubgroupForm,
    SubgroupPersonForm,
    TermsOfReferenceForm,
    save_terms_of_reference,
)
from .models import MemberRole, Subgroup, SubgroupInvitation, SubgroupMembership


def visible_subgroup(request, pk):
    return get_object_or_404(
        Subgroup.objects.visible_to(request.user).select_related("board"), pk=pk
    )


def visible_membership(request, pk):
    memberships = SubgroupMembership.objects.filter(
        subgroup__in=Subgroup.objects.visible_to(request.user)
    )
    return get_object_or_404(memberships.select_related("user", "subgroup__board"), pk=pk)


@login_required
def subgroup_detail(request, pk):
    subgroup = get_object_or_404(
        Subgroup.objects.visible_to(request.user).select_related("board", "parent", "chair_agency"),
        pk=pk,
    )
    memberships = subgroup.memberships.select_related("user", "agency").order_by(
        "role", "user__name"
    )
    return render(
        request,
        "subgroups/subgroup_detail.html",
        {
            "subgroup": subgroup,
            "responsibilities": subgroup.responsibilities.all(),
            "memberships": memberships,
            "chairs": [m for m in memberships if m.role != "member"],
            "children": subgroup.children.select_related("chair_agency").order_by("name"),
            "can_manage": request.user.has_perm("subgroups.manage_subgroup", subgroup),
        },
    )


@login_required
def subgroup_add(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "boards.manage_board", board)
    form = SubgroupForm(request.POST or None, board=board)
    return form_page(
        request,
        form,
        title="Add a group",
        caption=board.name,
        back_url=board.get_absolute_url(),
        done=lambda group: f"{group.name} added",
    )


@login_required
def subgroup_edit(request, pk):
    subgroup = visible_subgroup(request, pk)
    require_perm(request.user, "subgroups.manage_subgroup", subgroup)
    form = SubgroupForm(request.POST or None, instance=subgroup, board=subgroup.board)
    return form_page(
        request,
        form,
        title=f"Edit {subgroup.name}",
        caption=subgroup.board.name,
        back_url=subgroup.get_absolute_url(),
    )


@login_required
def terms_of_reference(request, pk):
    subgroup = visible_subgroup(request, pk)
    require_perm(request.user, "subgroups.manage_subgroup", subgroup)
    form = TermsOfReferenceForm(request.POST or None, subgroup=subgroup)

    def save(form):
        with transaction.atomic():
            save_terms_of_reference(subgroup, form.cleaned_data["responsibilities"], request.user)
        return subgroup

    return form_page(
        request,
        form,
        title="Terms of reference",
        caption=subgroup.name,
        back_url=subgroup.get_absolute_url(),
        save=save,
        done=lambda group: f"Terms of reference of {group.name} saved",
    )


@login_required
def member_add(request, pk):
    subgroup = visible_subgroup(request, pk)
    require_perm(request.user, "subgroups.manage_subgroup", subgroup)
    form = SubgroupPersonForm(request.POST or None, subgroup=subgroup)
    if form.is_valid():
        data = form.cleaned_data
        role = MemberRole(data["role"])
        with transaction.atomic():
            person, invitation = invitations.add_or_invite(
                request,
                board=subgroup.board,
                email=data["email"],
                name=data["name"],
                job_title=data["job_title"],
                agency=data["agency"],
                role="",
                offer=f"{role.label} of {subgroup.name}",
                actor=request.user,
            )
            if invitation:
                SubgroupInvitation.objects.create(
                    invitation=invitation, subgroup=subgroup, role=role
                )
                messages.success(request, invitations.invited_message(data["email"]))
                return redirect(subgroup)
            membership = SubgroupMembership(
                subgroup=subgroup,
                user=person,
                role=role,
                agency=data["agency"] or person.agency,
            )
            membership._history_user = request.user
            membership.save()
        messages.success(request, f"{person.name} added to {subgroup.name}")
        return redirect(subgroup)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": "Add a member",
            "caption": subgroup.name,
            "back_url": subgroup.get_absolute_url(),
            "intro": form.intro,
        },
    )


@login_required
def member_edit(request, pk):
    membership = visible_membership(request, pk)
    require_perm(request.user, "subgroups.manage_subgroup", membership.subgroup)
    form = MembershipForm(request.POST or None, instance=membership)
    return form_page(
        request,
        form,
        title=f"Change {membership.user.name}'s membership",
        caption=membership.subgroup.name,
        back_url=membership.subgroup.get_absolute_url(),
        done=lambda m: f"{m.user.name} saved",
    )


@login_required
def member_remove(request, pk):
    membership = visible_membership(request, pk)
    require_perm(request.user, "subgroups.manage_subgroup", membership.subgroup)
    form = RemoveForm(request.POST or None)
    if form.is_valid():
        membership._history_user = request.user
        membership.delete()
        messages.success(request, f"{membership.user.name} removed from {membership.subgroup.name}")
        return redirect(membership.subgroup)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": f"Remove {membership.user.name} from the group?",
            "caption": membership.subgroup.name,
            "back_url": membership.subgroup.get_absolute_url(),
        },
    )
