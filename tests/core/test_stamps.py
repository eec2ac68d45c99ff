"""core.stamps: one query, and a different stamp after any save, new row or deletion it can see."""

import pytest
from django.db import ProgrammingError, connection, transaction

from actions.models import Action, Theme, Update, UpdateCycle
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
