"""core.stamps: one query, and a different stamp after any save, new row or deletion it can see."""

import pytest
from django.db import ProgrammingError, connection, connections, transaction

from actions.models import Action, Theme, Update, UpdateCycle
from core import stamps
from core.stamps import _sql, stamp, tables

from ..factories import ActionFactory

MODELS = [Action, Action.owners.through, Update]


def test_a_stamp_reads_each_table_and_its_audit_trail_in_one_query(db, django_assert_num_queries):
    assert tables(MODELS) == [
        ("actions_action", "id"),
        ("actions_historicalaction", "history_id"),
        ("actions_action_owners", "id"),
        ("actions_update", "id"),
    ]
    with django_assert_num_queries(1):
        stamp(MODELS)


def test_the_stamp_changes_with_the_data_and_only_then(plan, action, cycle, subgroup_chair):
    before = stamp(MODELS)
    assert stamp(MODELS) == before
    action.text = "Changed in place"
    action.save()  # its audit trail gains a row
    changed = stamp(MODELS)
    assert changed != before
    Update.objects.bulk_create(  # no signals, no audit trail: a new highest id
        [Update(action=action, cycle=cycle, author=subgroup_chair, text="Bulk", rag="G")]
    )
    added = stamp(MODELS)
    assert added != changed
    ActionFactory(plan=plan, ref="9.9").delete()  # made and deleted: two rows of its audit trail
    assert stamp(MODELS) != added


def test_on_postgresql_the_stamp_is_prepared_once_a_connection_and_still_one_query(
    plan, action, django_assert_num_queries
):
    """Prepared and run in one round trip the first time, run thereafter: the same answer as the
    plain query, and it still sees every change."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    models = [Theme, UpdateCycle, Action]  # stamped nowhere else: not yet prepared
    with connection.cursor() as cursor:
        cursor.execute(_sql(tuple(models), connection.vendor))
        plain = ".".join("" if v is None else str(v) for v in cursor.fetchone())
    with django_assert_num_queries(1) as first:
        assert stamp(models) == plain
    assert first.captured_queries[0]["sql"].startswith("PREPARE ")
    with django_assert_num_queries(1) as then:
        assert stamp(models) == plain
    assert then.captured_queries[0]["sql"].startswith("EXECUTE ")
    action.text = "Changed in place"
    action.save()
    assert stamp(models) != plain


def test_on_postgresql_a_prepared_stamp_gone_from_the_server_fails_once_then_is_prepared_again(
    plan, action
):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    models = [Theme, Action, UpdateCycle]
    before = stamp(models)
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")  # as a pooler or another library might
    with pytest.raises(ProgrammingError), transaction.atomic():
        stamp(models)
    assert stamp(models) == before


def fresh_connection():
    """A new psycopg connection to the test database, as the pool opens one."""
    import psycopg

    return psycopg.connect(**connection.get_connection_params(), autocommit=True)


def test_on_postgresql_a_new_connection_comes_with_the_declared_stamps_prepared(db, monkeypatch):
    """What the pool's configure does with each connection it opens (core.postgresql): the
    declared stamps prepared, so the first request on it only runs them."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    assert type(connections["default"]).__module__ == "core.postgresql.base"
    monkeypatch.setattr(stamps, "_declared", [])
    models = stamps.declare([Theme, Update])
    with fresh_connection() as raw:
        connection._configure_connection(raw)
        prepared = raw.execute(
            "SELECT name, statement, generic_plans + custom_plans FROM pg_prepared_statements"
        ).fetchall()
        assert [(statement, runs) for _, statement, runs in prepared] == [
            (f"PREPARE {name} AS {_sql(models, 'postgresql')}", 1) for name, _, _ in prepared
        ]  # and run once: a statement is planned at its first run
        assert len(prepared) == 1
        connection._configure_connection(raw)  # prepared already: nothing again
        assert raw.execute("SELECT count(*) FROM pg_prepared_statements").fetchone() == (1,)


def test_on_postgresql_a_stamp_that_cannot_be_prepared_leaves_the_connection_usable(
    db, monkeypatch
):
    """While a test database is made, the tables are not there yet: the connection opens anyway,
    and the stamp is prepared when first used."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    monkeypatch.setattr(stamps, "_declared", [])
    stamps.declare([Theme, Update])
    with fresh_connection() as raw:
        raw.execute("SET search_path TO pg_catalog")  # no table of ours to be found
        connection._configure_connection(raw)
        assert raw.execute("SELECT count(*) FROM pg_prepared_statements").fetchone() == (0,)
        assert stamps._prepared[raw] == {}
        assert raw.execute("SELECT 1").fetchone() == (1,)
