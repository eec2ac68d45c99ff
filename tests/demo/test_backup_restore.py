"""Backup and restore, as the README says to do it: `pg_dump -Fc` of a database holding the demo,
`pg_restore` into a brand-new database, and every record is there (row counts of every table equal,
and a few records checked by content). PostgreSQL only; the extra database is always dropped."""

import os
import shutil
import subprocess

import psycopg
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.postgresql


def pg_args(settings_dict, database):
    """Connection options for the PostgreSQL client tools, and their environment (the password)."""
    args = ["--dbname", database, "--username", settings_dict["USER"] or "postgres"]
    if settings_dict["HOST"]:
        args += ["--host", settings_dict["HOST"]]
    if settings_dict["PORT"]:
        args += ["--port", str(settings_dict["PORT"])]
    env = {**os.environ, "PGPASSWORD": settings_dict["PASSWORD"] or ""}
    return args, env


def run(tool, *args, env):
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (apt-get install postgresql-client)")
    result = subprocess.run(  # noqa: S603 - the PostgreSQL client tools, our own arguments
        [path, *args], env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, f"{tool} failed: {result.stderr}"
    return result


def tables():
    """Every table of the project's models, many-to-many tables and audit history included."""
    return sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)})


def counts(cursor):
    found = {}
    for table in tables():
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names from the models
        found[table] = cursor.fetchone()[0]
    return found


SPOT_CHECKS = [
    ("SELECT name FROM accounts_user WHERE email = %s", ["office@demo.lscb.test"], "Alex Morgan"),
    (
        "SELECT count(*) FROM actions_action a JOIN actions_plan p ON p.id = a.plan_id "
        "WHERE p.name LIKE %s",
        ["%Business Plan%"],
        62,
    ),
    (
        "SELECT count(*) FROM audits_submission s JOIN audits_auditcycle c ON c.id = s.cycle_id "
        "WHERE c.name LIKE %s",
        ["%2016-17%"],
        433,
    ),
]


def test_a_dump_restores_into_a_new_database_with_every_record(
    transactional_db, settings, tmp_path
):
    settings.DEBUG = True  # the demo's people and their keys
    call_command("loaddemo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    with connection.cursor() as cursor:
        before = counts(cursor)
    assert before["actions_action"] > 0 and before["audits_answer"] > 0

    source = connection.settings_dict
    restored = f"{source['NAME']}_restore_{os.getpid()}"
    dump = tmp_path / "lscb.dump"
    args, env = pg_args(source, source["NAME"])
    run("pg_dump", "--format=custom", "--no-owner", "--file", str(dump), *args, env=env)
    target_args, _ = pg_args(source, restored)
    maintenance, _ = pg_args(source, "postgres")  # createdb and dropdb take no --dbname
    try:
        run("createdb", *maintenance[2:], restored, env=env)
        run("pg_restore", "--no-owner", "--exit-on-error", *target_args, str(dump), env=env)
        with (
            psycopg.connect(
                dbname=restored,
                user=source["USER"] or "postgres",
                password=source["PASSWORD"] or None,
                host=source["HOST"] or None,
                port=source["PORT"] or None,
            ) as other,
            other.cursor() as cursor,
        ):
            after = counts(cursor)
            checks = []
            for sql, params, expected in SPOT_CHECKS:
                cursor.execute(sql, params)
                checks.append((cursor.fetchone()[0], expected))
    finally:
        run("dropdb", "--if-exists", *maintenance[2:], restored, env=env)
    assert after == before
    for found, expected in checks:
        assert found == expected
