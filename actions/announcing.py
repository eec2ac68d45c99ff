"""Telling chairs what asks something of them: an update cycle has opened (the chairs of groups
owning actions still to do), an action has been given to their group (the chairs of each group
newly among its owners). Each through notifications.notify, sent after the change commits."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from notifications.models import Event
from notifications.notifying import notify
from subgroups.models import CHAIR_ROLES

from .models import Action, UpdateCycle


def chairs_of(groups):
    """The active chairs and vice-chairs of `groups`."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            subgroup_memberships__subgroup__in=groups,
            subgroup_memberships__role__in=CHAIR_ROLES,
        )
        .distinct()
        .order_by("pk")
    )


def announce_cycle(cycle, today=None):
    """Once the update cycle is open, tell the chairs of the groups owning the plan's outstanding
    actions, once each (the daily run of send_update_reminders tells them of cycles that open on a
    later day). Returns the notifications made."""
    today = today or timezone.localdate()
    if not cycle.opens <= today <= cycle.deadline:
        return []
    plan = cycle.plan
    waiting = Action.objects.filter(plan=plan).outstanding()
    groups = Action.owners.through.objects.filter(action__in=waiting).values("subgroup")
    deadline = f"{cycle.deadline:%-d %B %Y}"
    return notify(
        chairs_of(groups),
        Event.UPDATE_CYCLE_OPENED,
        f"{cycle.name} is open: update your group's actions by {deadline}",
        f"{cycle.name} of {plan.name} is open. Update the progress and RAG of the actions your "
        f"group owns by {deadline}.",
        reverse("actions:mine"),
        key=f"update-cycle-opened:{cycle.pk}",
    )


def save_cycle(form, *, user):
    """Save an update cycle's form as `user`, and tell the chairs if it is open."""
    cycle = form.save(commit=False)
    cycle._history_user = user
    cycle.save()
    announce_cycle(cycle)
    return cycle


def tell_new_owners(action, before, *, user):
    """Tell the chairs of each group that now owns `action` but did not own it before (ids in
    `before`). Returns the notifications made."""
    added = list(action.owners.exclude(pk__in=before))
    if not added:
        return []
    return notify(
        chairs_of(added),
        Event.ACTION_ASSIGNED,
        f"Action {action.ref} of {action.plan.name} is now your group's",
        f"Action {action.ref} of {action.plan.name} has been given to "
        f"{', '.join(group.name for group in added)}:\n"
        f"{action.text}" + (f"\n\nDue: {action.due_date:%-d %B %Y}" if action.due_date else ""),
        action.get_absolute_url(),
        actor=user,
    )


def open_cycles(today):
    return UpdateCycle.objects.filter(opens__lte=today, deadline__gte=today).select_related("plan")
