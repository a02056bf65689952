"""The database's own refusal to change or delete audit events, for PostgreSQL and SQLite.

The application already refuses (see ``models.AuditEvent``); these triggers make the database
refuse too, so a bug or a stray SQL statement cannot rewrite history.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditevent"

_POSTGRESQL_CREATE = [
    """
    CREATE OR REPLACE FUNCTION lantern_audit_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION lantern_audit_refuse_change()
    """,
]
_POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS audit_event_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS lantern_audit_refuse_change()",
]
_SQLITE_CREATE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused'); END
    """,
]
_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
]


def _statements(connection: BaseDatabaseWrapper, *, create: bool) -> list[str]:
    if connection.vendor == "postgresql":
        return _POSTGRESQL_CREATE if create else _POSTGRESQL_DROP
    if connection.vendor == "sqlite":
        return _SQLITE_CREATE if create else _SQLITE_DROP
    raise ImproperlyConfigured(f"Lantern runs on PostgreSQL or SQLite, not {connection.vendor}.")


def guard_install(connection: BaseDatabaseWrapper) -> None:
    """Make the database refuse UPDATE and DELETE on audit events."""
    with connection.cursor() as cursor:
        for sql in _statements(connection, create=True):
            cursor.execute(sql)


def guard_remove(connection: BaseDatabaseWrapper) -> None:
    """Lift the refusal: for reversing the migration, and for a database owner's tamper test."""
    with connection.cursor() as cursor:
        for sql in _statements(connection, create=False):
            cursor.execute(sql)
