"""The load scenario's smoke run: one user of every kind for twenty seconds, against real gunicorn.

The same locustfile, sessions and production settings as ``make bench-load``
(``benchmarks/load/``), on a database of the test's own: a temporary SQLite file on the SQLite
pass, a separate database on the same PostgreSQL server on the PostgreSQL pass, filled with a
small generated data set. It proves that every step a simulated user takes is a page that person
may reach, answered without an error; it times nothing (the benchmark does).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from benchmarks.load import measure, server
from benchmarks.load.roles import KINDS, STEPS

from tests.figures import count

PERSONS = 120
SECONDS = 20


@pytest.fixture
def own_database(tmp_path: Path) -> Iterator[str]:
    """A database URL for this test alone, dropped (or deleted) afterwards however the test ends."""
    url = os.environ.get("DATABASE_URL", "")
    drop: Callable[[], None]
    if url.startswith(("postgres://", "postgresql://")):
        own = url.rsplit("/", 1)[0] + f"/lantern_load_smoke_{os.getpid()}"
        server.database_drop(own)  # left over from a run that was killed
        server.database_create(own)

        def drop() -> None:
            server.database_drop(own)
    else:
        own = f"sqlite:///{tmp_path / 'load.sqlite3'}"

        def drop() -> None:
            (tmp_path / "load.sqlite3").unlink(missing_ok=True)
    try:
        yield own
    finally:
        drop()


def test_every_step_of_every_kind_of_user_runs_without_an_error(own_database: str, tmp_path: Path) -> None:
    """Given a small generated data set and one signed-in user of each kind,
    when they work through every one of their tasks and then go on at random for twenty seconds,
    then every named step has run and not one request failed (no 403, 404, 500, refused form,
    lost session or page without what it should show)."""
    env = server.server_env(own_database)
    held = server.fill(env, generate=["--scale", "demo", "--seed", "1", "--persons", str(PERSONS)],
                       link=False, say=lambda _: None)
    assert held["investigations"] > 0
    sessions = tmp_path / "sessions.json"
    made = server.prepare(env, "sessions", "--users", str(len(KINDS)), "--out", str(sessions))
    assert set(made) == {kind.name for kind in KINDS}

    with server.gunicorn(env, workers=2, port=server.free_port(), log=tmp_path / "gunicorn.log") as host:
        run = measure.locust(sessions=sessions, host=host, users=len(KINDS), spawn_rate=len(KINDS),
                             run_time=SECONDS, out=tmp_path / "locust", think="0.2,0.5",
                             reset_after_spawn=False, every_task_first=True, one_each=True)

    assert run.errors == [], measure.table(run)
    assert run.total.errors == 0, measure.table(run)
    ran = {step.name: step.requests for step in run.steps}
    assert sorted(ran) == sorted(STEPS), measure.table(run)
    assert all(ran[name] >= 1 for name in STEPS), measure.table(run)
    count("load smoke requests answered without an error", run.total.requests)
