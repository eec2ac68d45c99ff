"""Recording an action's progress: one update, the action's current RAG, and a guard against
overwriting someone else's change made since the form was opened."""

from django.db import transaction
from django.utils import timezone

from .changes import describe
from .models import Action, Update


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
def save_action(form, *, user, seen_version):
    """Save an action form unless someone changed the action since the form was opened."""
    action = form.instance
    if action.pk:
        current = Action.objects.select_for_update().get(pk=action.pk)
        if current.version != seen_version:
            raise StaleEdit(current, changes_since(current, seen_version))
        action.version = current.version + 1
    action._history_user = user
    return form.save()


def changes_since(action, seen_version):
    """What was saved after the version someone saw: the records from that version on are compared,
    and only the changes made after it are returned."""
    records = list(
        action.history.filter(version__gte=seen_version or 0).select_related("history_user")
    )
    seen = [r.history_date for r in records if r.version == seen_version]
    after = max(seen) if seen else None
    changes = describe(records, what=lambda r: f"Action {r.ref}")
    return [c for c in changes if after is None or c.when > after]
