"""What a command tells its user when the database itself fails: a full disk, or a server gone.

Lantern's commands write in transactions, so a database that fails part-way keeps what was
committed before and nothing of the transaction it was in. A raw traceback would bury that; these
words say what happened and what to do. Any other error is left to the traceback, which is the
developer's tool.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg

# PostgreSQL's SQLSTATEs: disk_full, and the server ending sessions as it shuts down or crashes
# (admin_shutdown, crash_shutdown, cannot_connect_now).
DISK_FULL = "53100"
SERVER_GONE = frozenset({"57P01", "57P02", "57P03"})
SQLITE_FULL = "database or disk is full"


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error and what caused it (Django wraps the driver's error as its ``__cause__``)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _said(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def database_failure(error: BaseException) -> str | None:
    """Why the database stopped the work, in words to act on; None when the error is not the database's."""
    for cause in _chain(error):
        sqlstate = getattr(cause, "sqlstate", None)
        if sqlstate == DISK_FULL or SQLITE_FULL in str(cause):
            return (f"the database ran out of disk space ({_said(cause)}). What was being written "
                    "when it filled was undone. Free space where the database keeps its files, then "
                    "run the command again.")
        # A connection the client finds broken has no SQLSTATE: the server went without a word.
        if sqlstate in SERVER_GONE or (isinstance(cause, psycopg.OperationalError) and sqlstate is None):
            return (f"the connection to the database was lost ({_said(cause)}): the server stopped, "
                    "restarted or could not be reached. What was being written then was undone; what "
                    "was committed before is kept. Run the command again once the database is back.")
    return None
