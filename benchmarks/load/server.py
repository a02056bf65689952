"""The load benchmark's database and gunicorn: made, filled, started and always stopped.

Everything Django does here runs in child processes (``lantern ...`` and ``prepare.py``) with the
server's environment, so this module imports neither Django nor locust and the smoke test can use
it from inside pytest.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
# Databases other work on this machine uses: the load benchmark never creates, fills or drops them.
NOT_OURS = frozenset({"lantern", "test", "test_lantern", "postgres", "template0", "template1"})


class SetupFailed(RuntimeError):
    """The database, the data, the sessions or gunicorn could not be made ready; says why."""


def server_env(database_url: str) -> dict[str, str]:
    """The production settings the server runs with (and ``prepare.py``, whose sessions it reads)."""
    env = dict(os.environ)
    env.update({
        "LANTERN_ENV": "production",
        # A fresh key each run: the sessions are written with it, and nobody else holds it.
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "lantern.settings",
        "LOG_LEVEL": "WARNING",
    })
    env.pop("DEBUG", None)
    return env


def database_name(database_url: str) -> str:
    return urlsplit(database_url).path.lstrip("/")


def _admin_connection(database_url: str) -> Any:
    """A connection to the same PostgreSQL server's ``postgres`` database, to create or drop ours."""
    import psycopg

    parts = urlsplit(database_url)
    return psycopg.connect(host=parts.hostname or "127.0.0.1", port=parts.port or 5432,
                           user=parts.username or "postgres", password=parts.password,
                           dbname="postgres", autocommit=True)


def _refuse_shared(database_url: str) -> str:
    name = database_name(database_url)
    if not name or name in NOT_OURS:
        raise SetupFailed(f"The load benchmark needs a database of its own, not {name!r}: "
                         "name another in the URL (lantern_load, say).")
    return name


def database_create(database_url: str) -> bool:
    """Create the PostgreSQL database if it is not there; whether it was created."""
    name = _refuse_shared(database_url)
    with _admin_connection(database_url) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        connection.execute(f'CREATE DATABASE "{name}"')  # a name checked above, not user input
    return True


def database_drop(database_url: str) -> None:
    """Drop the PostgreSQL database, closing anyone still connected (gunicorn's workers, if left)."""
    name = _refuse_shared(database_url)
    with _admin_connection(database_url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def lantern(env: Mapping[str, str], *arguments: str, quiet: bool = False) -> str:
    """Run ``lantern ARGUMENTS`` with this environment; its output (with its errors when ``quiet``,
    shown only if it fails). Fails loudly."""
    result = subprocess.run([sys.executable, "-m", "lantern", *arguments],  # noqa: S603
                            env=dict(env), cwd=PROJECT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT if quiet else None, text=True, check=False)
    if result.returncode != 0:
        raise SetupFailed(f"lantern {' '.join(arguments)} failed (exit {result.returncode}):\n"
                          f"{result.stdout}")
    return result.stdout


def prepare(env: Mapping[str, str], *arguments: str) -> Any:
    """Run ``prepare.py ARGUMENTS``; its JSON answer."""
    result = subprocess.run([sys.executable, str(HERE / "prepare.py"), *arguments],  # noqa: S603
                            env=dict(env),
                            cwd=PROJECT, stdout=subprocess.PIPE, text=True, check=False)
    if result.returncode != 0:
        raise SetupFailed(f"prepare.py {' '.join(arguments)} failed (exit {result.returncode})")
    return json.loads(result.stdout.strip().splitlines()[-1])


def fill(env: Mapping[str, str], *, generate: list[str], link: bool, say: Any = print) -> dict[str, Any]:
    """Migrate, generate (unless the database already holds cases), link (unless linked) and, on
    PostgreSQL, analyze (``prepare.analyze`` says why)."""
    lantern(env, "migrate", "--noinput", quiet=True)
    held = prepare(env, "status")
    changed = False
    if held["investigations"]:
        say(f"Reusing the data already there: {held['persons']:,} persons, "
            f"{held['investigations']:,} investigations.")
    else:
        say(f"Generating: lantern generate {' '.join(generate)}")
        started = time.monotonic()
        lantern(env, "generate", *generate)
        say(f"Generated in {time.monotonic() - started:.0f} s.")
        changed = True
    if link and not held["linked"]:
        say("Linking (the live look-up's blocking index and trained model): lantern link")
        started = time.monotonic()
        say(lantern(env, "link").strip())
        say(f"Linked in {time.monotonic() - started:.0f} s.")
        changed = True
    if env["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
        return prepare(env, "analyze")  # and the status after it
    return prepare(env, "status") if changed else held


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def gunicorn(env: Mapping[str, str], *, workers: int, port: int, log: Path,
             anchor: bool = False) -> Iterator[str]:
    """gunicorn serving Lantern (or, with ``anchor``, ``anchor_site``) on 127.0.0.1:``port`` until
    the block ends, however it ends."""
    if not anchor:
        lantern(env, "collectstatic", "--noinput", quiet=True)  # production serves the hashed files
    application = ["--chdir", str(HERE), "anchor_site"] if anchor else ["lantern.wsgi"]
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", *application, "--workers", str(workers),
             "--bind", f"127.0.0.1:{port}", "--timeout", "60", "--graceful-timeout", "10"],
            env=dict(env), cwd=PROJECT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    host = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(process, host, log)
        yield host
    finally:
        _stop(process)


def _wait_until_up(process: subprocess.Popen[bytes], host: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SetupFailed(f"gunicorn stopped on starting (exit {process.returncode}):\n{log.read_text()}")
        try:
            # /health answers without a session; the header is the TLS proxy's, as locust sends.
            request = urllib.request.Request(f"{host}/health",  # noqa: S310 (our http://127.0.0.1)
                                             headers={"X-Forwarded-Proto": "https"})
            with urllib.request.urlopen(request, timeout=2) as answer:  # noqa: S310  # nosec B310
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SetupFailed(f"gunicorn did not answer {host}/health within 60 s:\n{log.read_text()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to gunicorn's master (it stops its workers), then SIGKILL to its group if need be."""
    if process.poll() is None:
        process.terminate()
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=20)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # the group is gunicorn's own (start_new_session)
    process.wait()


def warm(host: str, sessions: Path) -> int:
    """Open each dashboard the load's analysts open, once, as the national unit's analyst: their
    figures are counted and kept (``insights.figures_cache``), as the day's first analysts (or
    a scheduled ``curl``) leave them. How many pages were opened."""
    work = json.loads(sessions.read_text())
    cookie = f"sessionid={work['sessions']['NationalAnalyst'][0]['sessionid']}"
    pages = ["/insights/", *(f"/insights/regions/{r}/" for r in work["regions"]),
             *(f"/insights/forces/{f}/" for f in work["forces"])]
    for page in pages:
        request = urllib.request.Request(f"{host}{page}",  # noqa: S310 (our http://127.0.0.1)
                                         headers={"X-Forwarded-Proto": "https", "Cookie": cookie})
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310  # nosec B310
            if answer.status != 200:
                raise SetupFailed(f"{page} answered {answer.status} on warming")
    return len(pages)

