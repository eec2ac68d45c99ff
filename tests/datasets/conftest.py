import datetime
from decimal import Decimal

import pytest

from datasets import library
from datasets.figures import apply, structure
from datasets.models import cell_key

YEAR_END = datetime.date(2017, 3, 31)


@pytest.fixture
def dataset(board, agency_x, office):
    """A small dataset supplied by agency X: allegations by category (adds up to the total) and by
    outcome (does not)."""
    from datasets.models import Dataset, Dimension, DimensionValue, Measure

    data = Dataset.objects.create(board=board, name="LADO allegations", agency=agency_x)
    Measure.objects.create(dataset=data, name="Allegations")
    category = Dimension.objects.create(dataset=data, name="Category", order=0)
    for order, label in enumerate(["Physical", "Sexual"]):
        DimensionValue.objects.create(dimension=category, label=label, order=order)
    outcome = Dimension.objects.create(dataset=data, name="Outcome", order=1, sums_to_total=False)
    DimensionValue.objects.create(dimension=outcome, label="Substantiated")
    return data


def key_of(dataset, *labels):
    from datasets.models import DimensionValue

    values = DimensionValue.objects.filter(dimension__dataset=dataset, label__in=labels)
    return cell_key(values)


@pytest.fixture
def figures(dataset, office):
    """2015-16 and 2016-17 figures."""
    measure = dataset.measures.get()
    for day, (total, physical, sexual) in {
        datetime.date(2016, 3, 31): (20, 12, 8),
        YEAR_END: (30, 21, 9),
    }.items():
        apply(
            dataset,
            day,
            {
                (measure.pk, ""): Decimal(total),
                (measure.pk, key_of(dataset, "Physical")): Decimal(physical),
                (measure.pk, key_of(dataset, "Sexual")): Decimal(sexual),
                (measure.pk, key_of(dataset, "Substantiated")): Decimal(3),
            },
            user=office,
            source="LADO database",
        )
    return dataset.figures.all()


@pytest.fixture
def lado(board, office, agency_x):
    return library.add(board, "lado", user=office, agency=agency_x)


__all__ = ["structure", "YEAR_END"]
