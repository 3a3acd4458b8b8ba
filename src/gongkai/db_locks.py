"""One writer at a time for work that reads, then decides, then writes.

On PostgreSQL an advisory lock held to the end of the transaction; on SQLite nothing is
needed, since its IMMEDIATE transactions (settings) take the write lock at BEGIN.
"""

from __future__ import annotations

from django.db import connection


def lock_for_transaction(key: int) -> None:
    """Wait for, then hold until commit or rollback, the lock named ``key``."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
