"""The one RAG vocabulary: red, amber, green, complete (shown blue) and not rated, in that order."""

from django.db import models


class Rag(models.TextChoices):
    RED = "R", "Red"
    AMBER = "A", "Amber"
    GREEN = "G", "Green"
    COMPLETE = "C", "Complete"
    NOT_RATED = "", "Not rated"


ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.COMPLETE, Rag.NOT_RATED]

# What "done" means: an action with one of these RAGs needs no more work. It is not overdue, is not
# chased for updates nor carried forward, and is counted as complete (actions.models reads this).
DONE = (Rag.COMPLETE,)


def is_done(rag):
    return rag in DONE


# GOV.UK tag colours; the word is always shown too, since colour alone fails accessibility.
TAG_CLASSES = {
    Rag.RED: "govuk-tag--red",
    Rag.AMBER: "govuk-tag--orange",
    Rag.GREEN: "govuk-tag--green",
    Rag.COMPLETE: "govuk-tag--blue",
    Rag.NOT_RATED: "govuk-tag--grey",
}


def worst(rags):
    """The worst rated RAG of several (R before A before G before C); not rated only if none is rated."""
    rated = [Rag(r) for r in rags if r]
    return min(rated, key=ORDER.index) if rated else Rag.NOT_RATED
