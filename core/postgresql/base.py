"""Django's PostgreSQL backend, whose pooled connections come with the pages' stamps prepared
(core.stamps): the pool opens and configures connections in its own thread, so the first request on
a new connection does not pay for reading 160 tables' descriptions and planning their stamp."""

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus

from core.stamps import prepare_declared


class DatabaseWrapper(base.DatabaseWrapper):
    def _configure_connection(self, connection):
        """Called by the pool on each connection it opens, and by Django on the one it takes from
        the pool for a request (already prepared: nothing more to do then)."""
        commit = super()._configure_connection(connection)
        opened_by_pool = connection is not self.connection
        idle = connection.info.transaction_status == TransactionStatus.IDLE
        if opened_by_pool and connection.autocommit and idle:
            prepare_declared(connection)
        return commit
