"""A token that changes whenever the data of some tables does, read in one query: the key of a cache
entry built from those tables, so the entry is never out of date.

The token is each table's highest id and, for a model with an audit trail (django-simple-history),
its history table's highest id. Every save or delete of a model with an audit trail adds a history
row; a new row of any table (bulk ones too) raises its highest id. What it cannot see: a row of a
table without an audit trail changed in place (or deleted below the highest id) with nothing else
saved. Read such things live, or make the change save a record that has an audit trail (as
withdrawing an update saves its action). Each highest id is one index lookup, whatever the rows."""

from functools import cache

from django.db import connection


def tables(models):
    """The (table, primary key column) pairs a stamp of `models` reads: each model's and its history's."""
    return list(_tables(tuple(models)))


@cache  # worked out once a process: reading a model's `history` builds a manager each time
def _tables(models):
    pairs = []
    for model in models:
        for each in (model, getattr(getattr(model, "history", None), "model", None)):
            if each is not None and (each._meta.db_table, each._meta.pk.column) not in pairs:
                pairs.append((each._meta.db_table, each._meta.pk.column))
    return tuple(pairs)


def stamp(models):
    """A short text that changes whenever any of `models` (or its audit trail) gains, loses or
    changes a row (within the limits the module's docstring gives). One query."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(tuple(models), connection.vendor))
        row = cursor.fetchone()
    return ".".join("" if value is None else str(value) for value in row)


@cache
def _sql(models, vendor):
    quote = connection.ops.quote_name
    # Table and column names from the models' own metadata, quoted: nothing anyone typed.
    maxima = [f"(SELECT MAX({quote(pk)}) FROM {quote(table)})" for table, pk in _tables(models)]  # noqa: S608
    return "SELECT " + ", ".join(maxima)
