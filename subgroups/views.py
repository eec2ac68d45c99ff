from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import require_perm
from accounts.invitations import find_or_invite
from accounts.pages import form_page
from boards.forms import RemoveForm
from boards.views import visible_board

from .forms import (
    MembershipForm,
    SubgroupForm,
    SubgroupPersonForm,
    TermsOfReferenceForm,
    save_terms_of_reference,
)
from .models import Subgroup, SubgroupMembership


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
    board = visible_board(request, board_pk)
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
        with transaction.atomic():
            user = find_or_invite(
                request,
                email=data["email"],
                name=data["name"],
                job_title=data["job_title"],
                agency=data["agency"],
                acting_user=request.user,
            )
            membership = SubgroupMembership(
                subgroup=subgroup,
                user=user,
                role=data["role"],
                agency=data["agency"] or user.agency,
            )
            membership._history_user = request.user
            membership.save()
        messages.success(request, f"{user.name} added to {subgroup.name}")
        return redirect(subgroup)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": "Add a member",
            "caption": subgroup.name,
            "back_url": subgroup.get_absolute_url(),
            "intro": "If they do not have an account yet, we will email them a link to set their password.",
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
