"""A token that changes whenever the data of some tables does, read in one query: the key of a cache
entry built from those tables, so the entry is never out of date.

The token is each table's highest id and, for a model with an audit trail (django-simple-history),
its history table's highest id. Every save or delete of a model with an audit trail adds a history
row; a new row of any table (bulk ones too) raises its highest id. What it cannot see: a row of a
table without an audit trail changed in place (or deleted below the highest id) with nothing else
saved. Read such things live, or make the change save a record that has an audit trail (as
withdrawing an update saves its action). Each highest id is one index lookup, whatever the rows.

On PostgreSQL the query is a prepared statement of the connection: planning a subquery per table
costs more than running them (about 1 ms for the 40 tables of a home page, 7 ms for the 160 of an
annual report, against a quarter of a millisecond to run), and a prepared statement is planned once
per connection. Its first use prepares and runs it in the same round trip, so it is always one
query. Prepared statements live as long as the connection and survive a rollback; nothing here
deallocates them (a pooler in transaction mode, which shares sessions between clients, would not
suit this: the deployment's pool is psycopg's, one session per connection).

A new connection's first run of a stamp of many tables costs more still: the server reads each
table's description into the new session and plans the statement (about 30 ms for the annual
report's 160 tables, against 1 to 3 ms thereafter). So the stamps the pages declare (`declare`,
through core.page_cache.feeds) are prepared and run once when the pool opens a connection, in the
pool's own thread (core.postgresql), not in the first request that uses it."""

import hashlib
import itertools
import logging
import threading
import weakref
from functools import cache

from django.db import ProgrammingError, connection

logger = logging.getLogger(__name__)

# The stamps prepared on each database connection (psycopg's, which Django's pool hands out again):
# {connection: {hash of the query: statement name}}.
_prepared = weakref.WeakKeyDictionary()
_prepared_lock = threading.Lock()  # the pool prepares in its own threads
_tries = itertools.count()
# The sets of models the pages stamp, declared where they are defined (core.page_cache.feeds).
_declared = []


def declare(models):
    """Prepare a stamp of `models` on every new PostgreSQL connection (`prepare_declared`)."""
    models = tuple(models)
    if models not in _declared:
        _declared.append(models)
    return models


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
    sql = _sql(tuple(models), connection.vendor)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _execute_prepared(cursor, sql)
        else:
            cursor.execute(sql)
        row = cursor.fetchone()
    return ".".join("" if value is None else str(value) for value in row)


def _execute_prepared(cursor, sql):
    """Run `sql` (no parameters) as a prepared statement of the connection: prepared and run in one
    round trip the first time (two statements, simple query protocol), run thereafter. A failed
    first time leaves a statement that may or may not exist: the next try prepares it under a new
    name. A statement gone from the server (DISCARD ALL, by something else) fails once, and the
    next request prepares them all again."""
    names = _names(connection.connection)
    key = _key(sql)
    if key in names:
        try:
            cursor.execute(f"EXECUTE {names[key]}")
        except ProgrammingError as error:
            if getattr(error.__cause__, "sqlstate", None) == "26000":  # invalid statement name
                names.clear()
            raise
        return
    name = f"stamp_{key}_{next(_tries)}"
    cursor.execute(f"PREPARE {name} AS {sql}; EXECUTE {name}")
    cursor.nextset()  # the PREPARE's answer, then the EXECUTE's rows
    names[key] = name


def prepare_declared(raw):
    """Prepare and run once every declared stamp not yet prepared on `raw`, a psycopg connection idle in
    autocommit (as the pool hands a new one to its `configure`). A stamp that fails (its tables
    not made yet, as while a test database is migrated) is left to be prepared when first used."""
    names = _names(raw)
    for models in _declared:
        sql = _sql(models, "postgresql")
        key = _key(sql)
        if key in names:
            continue
        name = f"stamp_{key}_{next(_tries)}"
        try:
            raw.execute(f"PREPARE {name} AS {sql}")
            raw.execute(f"EXECUTE {name}")  # planned at its first run, not when prepared
        except Exception as error:  # noqa: BLE001 - a connection must open whatever this says
            logger.info("stamp not prepared on a new connection: %s", error)
            continue
        names[key] = name


def _names(raw):
    with _prepared_lock:
        return _prepared.setdefault(raw, {})


@cache
def _key(sql):
    return hashlib.sha256(sql.encode()).hexdigest()[:24]


@cache
def _sql(models, vendor):
    quote = connection.ops.quote_name
    # Table and column names from the models' own metadata, quoted: nothing anyone typed.
    maxima = [f"(SELECT MAX({quote(pk)}) FROM {quote(table)})" for table, pk in _tables(models)]  # noqa: S608
    return "SELECT " + ", ".join(maxima)
