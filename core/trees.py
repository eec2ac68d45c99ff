"""Records that form a tree through a `parent` field (groups, actions and their sub-actions)."""


def descendants_and_self(obj):
    """Primary keys of `obj` and everything below it: what may not become its parent."""
    model = type(obj)
    found, frontier = {obj.pk}, {obj.pk}
    while frontier:
        frontier = (
            set(model.objects.filter(parent__in=frontier).values_list("pk", flat=True)) - found
        )
        found |= frontier
    return found
