"""Recording an action's progress: one update, the action's current RAG, and a guard against
overwriting someone else's change made since the form was opened; withdrawing an update entered in
error, the action's RAG then coming from what came before it."""

from django.db import transaction
from django.utils import timezone

from core.history import describe
from core.rag import Rag

from .announcing import tell_new_owners
from .models import Action, Update, UpdateCycle

# simple-history keeps a change's reason in 100 characters; the whole reason stays on the update.
CHANGE_REASON_LENGTH = 100


class AlreadyWithdrawn(Exception):
    pass


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


def ratings_without(action, withdrawn):
    """(RAG, forecast RAG) of `action` once `withdrawn` no longer counts: its latest update that
    still counts, or, with none, the action as it stood before the withdrawn update was recorded."""
    latest = action.updates.current().exclude(pk=withdrawn.pk).order_by("-created", "-pk").first()
    if latest is not None:
        return latest.rag, latest.forecast_rag
    before = (
        action.history.filter(version__lt=withdrawn.action_version)
        .order_by("-history_date", "-history_id")
        .first()
    )
    return (before.rag, before.forecast_rag) if before else (Rag.NOT_RATED, Rag.NOT_RATED)


@transaction.atomic
def withdraw_update(update, *, user, reason):
    """Withdraw an update entered in error: it stays in the action's history, marked withdrawn with
    who, when and why, and the action's RAG comes from what came before it (the change to the action
    recorded in its audit trail with the reason). Raises AlreadyWithdrawn if someone did meanwhile."""
    locked = Action.objects.select_for_update().get(pk=update.action_id)
    update = Update.objects.select_for_update().get(pk=update.pk)
    if update.is_withdrawn:
        raise AlreadyWithdrawn
    update.withdrawn_at, update.withdrawn_by, update.withdrawn_reason = timezone.now(), user, reason
    update.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    # The action is saved even when its RAG stays: the withdrawal is then in the plan's audit trail.
    locked.rag, locked.forecast_rag = ratings_without(locked, update)
    locked.version += 1  # a chair's update opened before this is checked against it
    locked._history_user = user
    locked._change_reason = f"Update of {update.created:%-d %b %Y} withdrawn: {reason}"[
        :CHANGE_REASON_LENGTH
    ]
    locked.save()
    return update


@transaction.atomic
def save_action(form, *, user):
    """Save an action form, counting the change in the action's version (which a chair's update,
    opened before it, is checked against). Call it through core.versioning's guard, which refuses
    a save over someone else's change to what the form edits."""
    action = form.instance
    owners_before = set()
    if action.pk:
        action.version = Action.objects.select_for_update().get(pk=action.pk).version + 1
        owners_before = set(action.owners.values_list("pk", flat=True))
    action._history_user = user
    saved = form.save()
    tell_new_owners(saved, owners_before, user=user)
    return saved


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
