"""A PostgreSQL server of the test's own, to crash at will: ``initdb`` in a temporary directory, a
free port, its socket in that directory. Never the machine's shared server: every address here is
the private one, and the ``PG*`` variables that point at the shared one are left out of every
command the test runs.

PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` user;
``unavailable()`` says why a test cannot have a server of its own (no programs, no such user).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import psycopg

BIN = Path("/usr/lib/postgresql/15/bin")
PROJECT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 60


def _server_user() -> str | None:
    """Who runs the server: ``postgres`` when we are root, else ourselves (None: nobody can)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return ""
    return "postgres"


def unavailable() -> str | None:
    """Why this machine cannot give a test a private server, or None when it can."""
    missing = [name for name in ("initdb", "postgres") if not (BIN / name).is_file()]
    if missing:
        return f"PostgreSQL 15's {' and '.join(missing)} are not in {BIN}"
    if _server_user() == "":
        return "running as root and there is no 'postgres' user to run the server as (it refuses root)"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (the server's backends and helpers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it ended while we looked
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in {"Z", "X"}  # a zombie holds no memory or files: only its parent's bookkeeping


def wait_gone(pids: Sequence[int], seconds: float = 30) -> None:
    """Wait for every process in ``pids`` to have ended."""
    deadline = time.monotonic() + seconds
    while not all(_gone(p) for p in pids):
        if time.monotonic() > deadline:
            raise TimeoutError(f"processes {[p for p in pids if not _gone(p)]} did not end")
        time.sleep(0.02)


def lantern_env(url: str) -> dict[str, str]:
    """The environment for a ``lantern`` command against ``url``: nothing that points elsewhere."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PG") and k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update({"DATABASE_URL": url, "LANTERN_ENV": "test", "PYTHONUNBUFFERED": "1"})
    return env


class PrivateServer:
    """One private PostgreSQL cluster in ``root``: start it, crash it, start it again, stop it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.log = root / "server.log"
        self.port = _free_port()
        self.user = _server_user()
        self.process: subprocess.Popen[bytes] | None = None
        self.crashes = 0

    def _as_server_user(self, args: list[str]) -> None:
        subprocess.run(args, check=True, capture_output=True, user=self.user,  # noqa: S603 -- our own args
                       timeout=120)

    def init(self) -> None:
        """Make the cluster (trust authentication, for the test's own ``postgres`` role only)."""
        if self.user:
            shutil.chown(self.root, user=self.user)
        # --no-sync: initdb's last sync guards against the machine crashing, which no test here does;
        # the server itself runs with fsync on.
        self._as_server_user([str(BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                              "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])

    def start(self) -> None:
        """Start the server (after a crash, this is PostgreSQL's crash recovery) and wait for it."""
        # Durability as production has it, said out loud: the test proves what these promise.
        settings = ["listen_addresses=127.0.0.1", "fsync=on", "synchronous_commit=on",
                    "full_page_writes=on", "max_connections=40", "unix_socket_permissions=0700"]
        args = [str(BIN / "postgres"), "-D", str(self.data), "-p", str(self.port), "-k", str(self.root)]
        for setting in settings:
            args += ["-c", setting]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 -- our own server, our own arguments
                args, stdout=log, stderr=subprocess.STDOUT, user=self.user, start_new_session=True)
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"the private PostgreSQL server did not start:\n{self.log_tail()}")
            try:
                with psycopg.connect(self.url("postgres"), connect_timeout=2) as probe:
                    probe.execute("SELECT 1")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def crash(self) -> None:
        """kill -9 the postmaster and, as a power cut would, every process of the server at once."""
        assert self.process is not None
        postmaster = self.process.pid
        os.kill(postmaster, signal.SIGSTOP)  # no new backend is forked while we list them
        backends = _children(postmaster)
        os.kill(postmaster, signal.SIGKILL)
        for pid in backends:
            with contextlib.suppress(ProcessLookupError):  # it ended by itself
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        wait_gone(backends)
        self.process = None
        self.crashes += 1

    def stop(self) -> None:
        """Stop the server for good (an immediate shutdown), or kill it if it will not stop.

        Immediate, not fast: the cluster is deleted next, so there is nothing for a shutdown
        checkpoint to keep, and on a busy disk it costs seconds.
        """
        if self.process is None or self.process.poll() is not None:
            return
        backends = _children(self.process.pid)
        self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.crash()
            return
        wait_gone(backends)

    def url(self, database: str, application: str = "") -> str:
        suffix = f"?application_name={application}" if application else ""
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}{suffix}"

    def sql(self, database: str, statement: str,
            params: Sequence[object] | None = None) -> list[tuple[object, ...]]:
        """Run one statement in autocommit on ``database`` and give back its rows (none for DDL)."""
        with psycopg.connect(self.url(database), autocommit=True) as conn:
            cursor = conn.execute(statement, params)  # type: ignore[arg-type]
            return list(cursor.fetchall()) if cursor.description else []

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"


def lantern(url: str, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """Run ``lantern ARGS`` (our own interpreter, as ``python -m lantern``) against ``url``."""
    return subprocess.run(  # noqa: S603 -- our own interpreter and console script
        [sys.executable, "-m", "lantern", *args], env=lantern_env(url), cwd=PROJECT,
        capture_output=True, text=True, timeout=timeout, check=False)


def lantern_started(url: str, *args: str, output: Path) -> subprocess.Popen[str]:
    """Start ``lantern ARGS`` against ``url`` without waiting, its output (both streams) to ``output``.

    A file, not a pipe: a pipe nobody reads fills, and the command would stall on it, not crash.
    """
    with output.open("a") as sink:
        return subprocess.Popen(  # noqa: S603 -- our own interpreter and console script
            [sys.executable, "-m", "lantern", *args], env=lantern_env(url), cwd=PROJECT,
            stdout=sink, stderr=subprocess.STDOUT, text=True)
