"""Whether a linkage run marked running still has a process carrying it out.

The process carrying out a run holds a PostgreSQL session-level advisory lock on it from before it
marks the run running until after the run finishes or fails. PostgreSQL drops the lock the moment
that session ends, however it ends: the worker killed, the server crashed or restarted. So a run
still marked running whose lock can be taken was abandoned; it is marked failed with the reason
(its results are kept in one transaction at the end, so none of them were), instead of showing
"running" for ever. SQLite has no such lock (it is the one-machine demo database): there a run is
never judged abandoned.
"""

from __future__ import annotations

from django.db import Error as DatabaseError
from django.db import connection
from django.utils import timezone

from lantern.linkage.models import LinkRun
from lantern.linkage.rules import RunStatus

# The lock's first key says "a linkage run" (other advisory locks in the database choose their
# own); the second is the run's id.
LOCK_CLASS = 0x4C4E4B


def _locks() -> bool:
    return connection.vendor == "postgresql"


def run_lock_take(run_id: int) -> bool:
    """Take ``run_id``'s lock for this session; False if another session holds it (always True on SQLite)."""
    if not _locks():
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s::integer, %s::integer)", [LOCK_CLASS, run_id])
        row = cursor.fetchone()
    return bool(row and row[0])


def run_lock_release(run_id: int) -> None:
    """Give back ``run_id``'s lock (a session that is already gone has given it back)."""
    if not _locks():
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s::integer, %s::integer)", [LOCK_CLASS, run_id])
    except DatabaseError:
        pass  # the connection broke: the server ended the session, and the lock with it


def runs_abandoned_fail() -> list[int]:
    """Mark failed every run left running by a process that has gone; the ids of those runs."""
    if not _locks():
        return []
    failed: list[int] = []
    for run in LinkRun.objects.filter(status=RunStatus.RUNNING.value).only("pk", "stage", "fraction"):
        if not run_lock_take(run.pk):
            continue  # its process is still at work
        try:
            # Only if still running: the process may have finished between the read and the lock.
            stopped = LinkRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING.value).update(
                status=RunStatus.FAILED.value, finished_at=timezone.now(),
                error=(f"Stopped before it finished, at {run.stage or 'the start'} ({run.fraction:.0%}): "
                       "the process carrying it out, or the database, stopped. None of its results were "
                       "kept; request a new run."))
        finally:
            run_lock_release(run.pk)
        if stopped:
            failed.append(run.pk)
    return failed
