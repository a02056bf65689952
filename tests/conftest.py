"""Shared test set-up. Factories live in ``tests/factories.py``."""

import pytest
from django.db import connection

from lantern.audit.append_only import guard_install, guard_remove


@pytest.fixture(autouse=True, scope="session")
def _flush_past_audit_guard() -> None:
    """Let the test runner empty the audit table between transactional tests.

    The database refuses DELETE on audit events (see ``lantern.audit.append_only``); Django's
    flush after a transactional test is the database owner resetting a test database, so the
    guard is lifted for the flush alone and put straight back.
    """
    original = connection.ops.execute_sql_flush

    def flush(sql_list: list[str]) -> None:
        guard_remove(connection)
        try:
            original(sql_list)
        finally:
            guard_install(connection)

    connection.ops.execute_sql_flush = flush  # type: ignore[method-assign]
