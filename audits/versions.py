"""Frameworks change: a new version starts as a copy of the old one, every criterion continuing its
original, so last year's answers and the year-on-year comparison follow the criteria through the
change. It can be edited until a cycle uses it; from then on it is fixed."""

from django.db import transaction

from core.history import saved_by

from .models import Criterion, Framework, Standard


def in_use(framework):
    return framework.cycles.exists()


@transaction.atomic
def new_version(framework, *, version, user, board=None):
    """The next version of `framework`, owned by the same board; or, given `board`, a copy of it
    into that board (its criteria continuing the original's all the same)."""
    new = saved_by(
        Framework(
            board=board or framework.board,
            name=framework.name,
            version=version,
            description=framework.description,
            previous=framework,
        ),
        user,
    )
    for standard in framework.standards.prefetch_related("criteria"):
        copy = saved_by(
            Standard(
                framework=new,
                number=standard.number,
                title=standard.title,
                description=standard.description,
            ),
            user,
        )
        for criterion in standard.criteria.all():
            saved_by(Criterion(standard=copy, number=criterion.number, text=criterion.text), user)
    # Each copy continues its original: one query for the lot.
    Through = Criterion.replaces.through
    originals = {(c.standard.number, c.number): c.pk for c in framework_criteria(framework)}
    Through.objects.bulk_create(
        Through(from_criterion_id=c.pk, to_criterion_id=originals[(c.standard.number, c.number)])
        for c in framework_criteria(new)
    )
    return new


def framework_criteria(framework):
    return Criterion.objects.filter(standard__framework=framework).select_related("standard")
