"""The privileges of the database role the application runs as, on PostgreSQL.

The trigger in ``append_only`` refuses UPDATE and DELETE, but a table's owner can drop a trigger, and
TRUNCATE fires no row trigger. So in production the application connects as a role that does not
own the tables and holds, on the audit trail, only what appending needs: SELECT and INSERT on the
events, SELECT, INSERT and UPDATE on the chain head (``event_record`` locks and moves it). On every
other table it may read and write as the rooms need. Migrations run as the owner, not as this role.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.base.base import BaseDatabaseWrapper

from lantern.audit.append_only import TABLE as EVENTS

HEAD = "audit_auditchainhead"
AUDIT_TABLES = (EVENTS, HEAD)


def app_role_statements(connection: BaseDatabaseWrapper, role: str) -> list[str]:
    """The GRANT and REVOKE statements that give ``role`` what the application needs, in order."""
    quote = connection.ops.quote_name
    who = quote(role)
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if t not in AUDIT_TABLES]
    statements = [f"GRANT USAGE ON SCHEMA public TO {who}"]
    statements += [f"GRANT SELECT, INSERT, UPDATE, DELETE ON {quote(t)} TO {who}" for t in tables]
    statements += [
        # Inserting a row draws its id from the table's sequence (the events' too).
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {who}",
        f"REVOKE ALL ON {quote(EVENTS)} FROM {who}",
        f"GRANT SELECT, INSERT ON {quote(EVENTS)} TO {who}",
        f"REVOKE ALL ON {quote(HEAD)} FROM {who}",
        f"GRANT SELECT, INSERT, UPDATE ON {quote(HEAD)} TO {who}",
    ]
    return statements


def app_role_grant(connection: BaseDatabaseWrapper, role: str) -> list[str]:
    """Grant ``role`` the application's privileges (see the module's docstring); run as the owner.

    Refuses a role that owns an audit table or is a superuser, since either could rewrite the
    trail whatever is granted. Returns the statements run.
    """
    if connection.vendor != "postgresql":
        raise ImproperlyConfigured("Database roles are PostgreSQL's: on SQLite there is no role to grant.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
        found = cursor.fetchone()
        if found is None:
            raise ImproperlyConfigured(f"There is no database role {role!r}: create it first.")
        if found[0]:
            raise ImproperlyConfigured(f"{role!r} is a superuser: it could rewrite the audit trail.")
        cursor.execute("SELECT tablename FROM pg_tables WHERE tablename = ANY(%s) AND tableowner = %s",
                       [list(AUDIT_TABLES), role])
        owned = [row[0] for row in cursor.fetchall()]
        if owned:
            raise ImproperlyConfigured(
                f"{role!r} owns {', '.join(owned)}: an owner can drop the append-only trigger. "
                "Run the application as a role that owns nothing.")
        statements = app_role_statements(connection, role)
        for sql in statements:
            cursor.execute(sql)
    return statements
