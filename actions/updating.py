"""Recording an action's progress: one update, the action's current RAG, and a guard against
overwriting someone else's change made since the form was opened."""

from django.db import transaction
from django.utils import timezone

from core.history import describe

from .models import Action, Update, UpdateCycle


class StaleEdit(Exception):
    """Someone changed the action after this person opened the form."""

    def __init__(self, action, since):
        super().__init__(f"Action {action.ref} changed meanwhile")
        self.action = action
        self.since = since  # what was saved meanwhile, newest first (updates, or changes)


@transaction.atomic
def record_update(
    action, *, author, text, rag, forecast_rag="", comment="", cycle=None, seen_version=None
):
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if seen_version is not None and locked.version != seen_version:
        raise StaleEdit(locked, list(locked.updates.filter(action_version__gt=seen_version)))
    locked.rag, locked.forecast_rag = rag, forecast_rag
    locked.version += 1
    locked._history_user = author
    locked.save()
    update = Update.objects.create(
        action=locked,
        cycle=cycle,
        text=text,
        rag=rag,
        forecast_rag=forecast_rag,
        comment=comment,
        author=author,
        created=timezone.now(),
        action_version=locked.version,
    )
    action.rag, action.forecast_rag, action.version = (
        locked.rag,
        locked.forecast_rag,
        locked.version,
    )
    return update


@transaction.atomic
def save_action(form, *, user):
    """Save an action form, counting the change in the action's version (which a chair's update,
    opened before it, is checked against). Call it through core.versioning's guard, which refuses
    a save over someone else's change to what the form edits."""
    action = form.instance
    if action.pk:
        action.version = Action.objects.select_for_update().get(pk=action.pk).version + 1
    action._history_user = user
    return form.save()


def changes_since(action, when):
    """What was saved to the action after `when`, each change compared with the record before it."""
    history = action.history.select_related("history_user")
    before = history.filter(history_date__lte=when).order_by("-history_date").first()
    records = [*history.filter(history_date__gt=when), *([before] if before else [])]
    changes = describe(records, what=lambda r: f"Action {r.ref}")
    return [c for c in changes if c.when > when]


def still_to_update(user, today=None):
    """The chair's loop: the actions of the groups `user` chairs that have no update yet in their
    plan's current update cycle (running plans only), in plan order."""
    actions = Action.objects.visible_to(user).owned_by_chair(user).filter(plan__closed__isnull=True)
    cycles = UpdateCycle.objects.current_by_plan(actions.values("plan"), today)
    return actions.waiting_for_update(cycles).order_by("plan", "ref_sort")
