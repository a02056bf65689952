"""Shared test set-up. Factories live in ``tests/factories.py``."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from lantern.audit.append_only import guard_install, guard_remove


@pytest.fixture(autouse=True, scope="session")
def _flush_past_audit_guard() -> Iterator[None]:
    """Let the test runner empty the audit table between transactional tests.

    The database refuses DELETE on audit events (see ``lantern.audit.append_only``); Django's
    flush after a transactional test is the database owner resetting a test database, so the
    guard is lifted for the flush alone and put straight back.
    """
    operations = type(connection.ops)
    original = operations.execute_sql_flush

    def flush(self: Any, sql_list: list[str]) -> None:
        guard_remove(self.connection)
        try:
            original(self, sql_list)
        finally:
            guard_install(self.connection)

    operations.execute_sql_flush = flush  # type: ignore[method-assign]
    yield
    operations.execute_sql_flush = original  # type: ignore[method-assign]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The proof tests' figures (``tests.figures``), once, after the results."""
    from tests.figures import FIGURES

    if FIGURES:
        terminalreporter.section("figures measured")
        for name, n in sorted(FIGURES.items()):
            terminalreporter.write_line(f"{name}: {n:,}")
