"""Undoing a plan import: everything the import created (the plan, its themes, its update cycle, its
actions and their updates) is deleted, all or nothing, while nothing depends on it: no later update,
withdrawal or change to what it created, nothing added to the plan since, nothing elsewhere (a case
review, an audit cycle, a carried-forward action, a report section) pointing at it. Each deletion is
recorded in the audit trail with the acting person and the reason; the import itself stays listed,
marked undone."""

from django.db import transaction
from django.utils import timezone

from .models import Action, Plan, PlanImport, Theme, Update, UpdateCycle

# simple-history keeps a change's reason in 100 characters; the whole reason stays on the import.
CHANGE_REASON_LENGTH = 100


class ImportNotUndone(Exception):
    """The import cannot be undone: `reasons` say what depends on it."""

    def __init__(self, reasons):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def created_by(batch):
    """{model: [primary keys]} of what the import created."""
    return {
        model: list(model.objects.filter(import_batch=batch).values_list("pk", flat=True))
        for model in (Plan, Theme, UpdateCycle, Action, Update)
    }


def plural(count, noun):
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def references(inside):
    """What points at the import's records from outside it: rows of any model (in any app) whose
    foreign key names one of them, other than the import's own records and the audit trail."""
    found = []
    for model, pks in inside.items():
        if not pks:
            continue
        for relation in model._meta.get_fields(include_hidden=True):
            if not (relation.is_relation and relation.auto_created and not relation.concrete):
                continue  # only relations from other models to this one
            if relation.many_to_many or relation.related_model in (PlanImport,):
                continue
            related = relation.related_model
            if hasattr(related, "instance_type") or related._meta.auto_created:
                continue  # the audit trail (kept), or a many-to-many link (checked below)
            rows = related._base_manager.filter(**{f"{relation.field.name}__in": pks})
            if related in inside:
                rows = rows.exclude(pk__in=inside[related])
            if count := rows.count():
                noun = str(related._meta.verbose_name)
                found.append(
                    f"{plural(count, noun)} added since that "
                    f"{'refers' if count == 1 else 'refer'} to the imported "
                    f"{model._meta.verbose_name}"
                    f"{'' if len(pks) == 1 else 's'} ({relation.field.verbose_name})"
                )
    links = Action.related.through.objects.filter(from_action__in=inside[Action]).exclude(
        to_action__in=inside[Action]
    )
    if count := links.count():
        found.append(f"{plural(count, 'link')} from imported actions to other actions")
    return found


def dependents(batch):
    """What depends on the import, in words; empty when it can be undone."""
    if batch.is_undone:
        return ["it was undone already"]
    inside = created_by(batch)
    reasons = references(inside)
    for model, noun in [
        (Plan, "the plan"),
        (Theme, "imported themes"),
        (UpdateCycle, "the imported update cycle"),
        (Action, "imported actions"),
    ]:
        changes = model.history.filter(id__in=inside[model]).exclude(history_type="+").count()
        if changes:
            reasons.append(f"{plural(changes, 'change')} to {noun} since the import")
    withdrawn = Update.objects.withdrawn().filter(pk__in=inside[Update]).count()
    if withdrawn:
        reasons.append(f"{plural(withdrawn, 'imported update')} withdrawn since")
    return reasons


def deleted(obj, user, reason):
    obj._history_user = user
    obj._change_reason = reason
    obj.delete()


@transaction.atomic
def undo_import(batch, *, user, reason):
    """Delete what `batch` created, all or nothing; raises ImportNotUndone (nothing changed) when
    anything depends on it. Returns how many actions were removed."""
    batch = PlanImport.objects.select_for_update().get(pk=batch.pk)
    if reasons := dependents(batch):
        raise ImportNotUndone(reasons)
    inside = created_by(batch)
    trail = f"Import undone: {reason}"[:CHANGE_REASON_LENGTH]
    Update.objects.filter(pk__in=inside[Update]).delete()  # no audit trail of their own
    for action in Action.objects.filter(pk__in=inside[Action]):
        deleted(action, user, trail)
    for model in (Theme, UpdateCycle, Plan):
        for obj in model.objects.filter(pk__in=inside[model]):
            deleted(obj, user, trail)
    batch.undone_at, batch.undone_by, batch.undo_reason = timezone.now(), user, reason
    batch.save(update_fields=["undone_at", "undone_by", "undo_reason"])
    return len(inside[Action])
