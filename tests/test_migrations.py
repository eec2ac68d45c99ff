"""The suite builds its test database from the models (`--nomigrations`, in pyproject.toml): applying
every migration to each worker's database took about 25 s a worker. This test applies them all, as
`make run` and a deployment do, to an empty database of the same kind as the suite's (a scratch
PostgreSQL database on PostgreSQL, one in memory on SQLite), and checks that they leave nothing for
`makemigrations` to write (the Makefile checks that too, before the tests) and make the cache table."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def scratch_database_url():
    """A new, empty database for the migrations, and how to drop it afterwards."""
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        return "sqlite://:memory:", lambda: None
    name = f"{db['NAME']}_migrations"[:63]
    server = psycopg.connect(
        host=db["HOST"],
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    )
    server.execute(f'DROP DATABASE IF EXISTS "{name}"')
    server.execute(f'CREATE DATABASE "{name}"')

    def drop():
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.close()

    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST']}:{db['PORT'] or 5432}/{name}", drop


CHECK = """
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.db import connection
call_command("migrate", "--noinput", verbosity=0)
call_command("makemigrations", "--check", "--dry-run", verbosity=0)
assert settings.CACHES["default"]["LOCATION"] in connection.introspection.table_names(), "no cache"
print("migrated")
"""


def test_every_migration_applies_to_an_empty_database(tmp_path):
    url, drop = scratch_database_url()
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "lscb.settings"}
    try:
        done = subprocess.run(  # noqa: S603 (this interpreter, our own script)
            [sys.executable, "-c", CHECK], cwd=ROOT, env=env, capture_output=True, text=True
        )
    finally:
        drop()
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "migrated"
