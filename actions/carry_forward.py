"""When a plan closes, its incomplete actions carry into the next plan, each linked to the original
(whose page keeps its whole history)."""

from django.db import transaction

from .models import Action, Theme


def free_ref(ref, taken):
    """`ref` if the target plan does not use it yet, else `ref` with the first free letter: 1.3a, 1.3b..."""
    if ref not in taken:
        return ref
    for letter in "abcdefghijklmnopqrstuvwxyz":
        candidate = f"{ref[:19]}{letter}"
        if candidate not in taken:
            return candidate
    raise ValueError(f"No free ref like {ref} in the target plan")


@transaction.atomic
def carry_forward(source, target, *, user):
    """Copy `source`'s incomplete actions not yet carried into `target`. Returns the new actions."""
    already = set(
        target.actions.filter(carried_from__plan=source).values_list("carried_from", flat=True)
    )
    taken = set(target.actions.values_list("ref", flat=True))
    themes = {theme.number: theme for theme in target.themes.all()}
    carried = []
    for old in source.actions.outstanding().select_related("theme").prefetch_related("owners"):
        if old.pk in already:
            continue
        theme = None
        if old.theme:
            theme = themes.get(old.theme.number)
            if theme is None:
                theme = themes[old.theme.number] = Theme.objects.create(
                    plan=target, number=old.theme.number, title=old.theme.title
                )
        ref = free_ref(old.ref, taken)
        taken.add(ref)
        new = Action(
            plan=target,
            theme=theme,
            ref=ref,
            text=old.text,
            named_owners=old.named_owners,
            owners_text=old.owners_text,
            due_date=old.due_date,
            due_note=old.due_note,
            outcome=old.outcome,
            rag=old.rag,
            forecast_rag=old.forecast_rag,
            carried_from=old,
        )
        new._history_user = user
        new.save()
        new.owners.set(old.owners.all())
        carried.append(new)
    return carried
