"""Undoing a figure import: the figures it added are deleted and those it replaced get back the value
and note they had before, all or nothing, while no figure it touched has changed since (a correction,
an override, a deletion or a later import). Each change is recorded in the indicator's audit trail
with the acting person and the reason; the import itself stays listed, marked undone."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from .models import FigureImport, Measurement

# simple-history keeps a change's reason in 100 characters; the whole reason stays on the import.
CHANGE_REASON_LENGTH = 100


class ImportNotUndone(Exception):
    """The import cannot be undone: `reasons` say what depends on it."""

    def __init__(self, reasons):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def trails(batch):
    """{figure id: (the import's record, the record before it or None, [records after it])}, from the
    audit trail of every figure the import added or replaced (those deleted since included)."""
    ids = Measurement.history.filter(import_batch_id=batch.pk).values("id")
    by_figure = defaultdict(list)
    records = Measurement.history.filter(id__in=ids).select_related("indicator")
    for record in records.order_by("history_date", "history_id"):
        by_figure[record.id].append(record)
    found = {}
    for figure, versions in by_figure.items():
        index = next(i for i, r in enumerate(versions) if r.import_batch_id == batch.pk)
        found[figure] = (
            versions[index],
            versions[index - 1] if index else None,
            versions[index + 1 :],
        )
    return found


def dependents(batch, found=None):
    """What depends on the import, in words; empty when it can be undone."""
    if batch.is_undone:
        return ["it was undone already"]
    reasons = []
    for record, _, later in (found if found is not None else trails(batch)).values():
        if later:
            reasons.append(
                f"{record.indicator.code} at {record.period_end:%-d %B %Y} has changed since the "
                f"import ({plural(len(later), 'change')}, the last by "
                f"{later[-1].history_user or 'someone'} on {later[-1].history_date:%-d %B %Y})"
            )
    return sorted(reasons)


def plural(count, noun):
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


@transaction.atomic
def undo_import(batch, *, user, reason):
    """Take back what `batch` did, all or nothing; raises ImportNotUndone (nothing changed) when a
    figure it touched has changed since. Returns (deleted, restored)."""
    batch = FigureImport.objects.select_for_update().get(pk=batch.pk)
    found = trails(batch)
    if reasons := dependents(batch, found):
        raise ImportNotUndone(reasons)
    trail = f"Import undone: {reason}"[:CHANGE_REASON_LENGTH]
    figures = Measurement.objects.select_for_update().in_bulk(list(found))
    removed = restored = 0
    for figure_id, (_, before, _) in found.items():
        figure = figures[figure_id]
        figure._history_user, figure._change_reason = user, trail
        if before is None or before.history_type == "-":
            figure.delete()
            removed += 1
        else:
            figure.value, figure.note = before.value, before.note
            figure.import_batch_id = before.import_batch_id
            figure.save()
            restored += 1
    batch.undone_at, batch.undone_by, batch.undo_reason = timezone.now(), user, reason
    batch.save(update_fields=["undone_at", "undone_by", "undo_reason"])
    return removed, restored
