"""Database-level lock on the audit table, beneath the application's own.

UPDATE is refused on every backend. DELETE is refused on PostgreSQL only:
SQLite has no TRUNCATE, so the test runner's table flush goes through DELETE,
and there the model and queryset guards are the lock.
"""

from django.db import migrations

SQLITE = [
    """
    CREATE TRIGGER IF NOT EXISTS audit_auditentry_no_update
    BEFORE UPDATE ON audit_auditentry
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    """,
]
POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION audit_auditentry_refuse() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'audit log is append-only'; END;
    $$ LANGUAGE plpgsql;
    """,
    """
    DROP TRIGGER IF EXISTS audit_auditentry_no_change ON audit_auditentry;
    CREATE TRIGGER audit_auditentry_no_change
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_auditentry_refuse();
    """,
]


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
