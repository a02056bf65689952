"""Crash and fill (issue 8): the database server killed (kill -9 of the postmaster and all its
processes, as a power cut would) or a worker killed in the middle of writes, imports, a generation
and the linkage job, again and again, on a PostgreSQL server of the test's own; and a tablespace
that fills up in the middle of an import.

After every crash and restart: every write the application acknowledged is there, an import is all
there or not there at all, a generation stopped part-way is refused rather than taken for
finished, a linkage run whose worker died is marked failed with the reason (and the next run
finishes), and the audit chain verifies. A full disk refuses the import with words that say so,
keeps nothing of it, and the database answers and verifies once space is freed.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import count as numbers
from pathlib import Path

import pytest

from lantern.linkage.run_liveness import LOCK_CLASS
from lantern.synth.plan import reference_prefix
from tests.figures import count
from tests.security import private_postgres
from tests.security.private_postgres import PrivateServer, lantern, lantern_started

pytestmark = [
    pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                       reason="runs in the PostgreSQL pass"),
    pytest.mark.skipif(private_postgres.unavailable() is not None,
                       reason=f"no private PostgreSQL server: {private_postgres.unavailable()}"),
]

REFERENCE = Path(__file__).resolve().parents[2] / "src" / "lantern" / "synth" / "reference"
# A shipped quarter (about 3,000 figures, written for a second or more) and the long series: a
# real import whose one transaction is long enough to be killed inside.
IMPORT_FILES = ("nrm_referrals_longitudinal.csv", "nrm_referrals_police_2022_q4.csv.gz")
LOST = "connection to the database was lost"
WAIT = 120.0  # seconds: generous, for a loaded two-core machine
pick = random.Random()  # when to crash: not a secret, and each delay is in the assertion messages


@dataclass
class Cluster:
    """The private server, its template database (migrated once) and what the tests mounted."""

    server: PrivateServer
    root: Path
    mounts: list[Path] = field(default_factory=list)
    commands: list[subprocess.Popen[str]] = field(default_factory=list)
    names: Iterator[int] = field(default_factory=lambda: numbers(1))

    def started(self, url: str, *args: str, output: Path) -> subprocess.Popen[str]:
        """``lantern ARGS`` started in the background, and stopped at the end if a test left it running."""
        command = lantern_started(url, *args, output=output)
        self.commands.append(command)
        return command

    def database(self) -> str:
        """A new database, copied from the migrated template: what ``lantern migrate`` leaves."""
        name = f"crash_{next(self.names)}"
        self.server.sql("postgres", f'CREATE DATABASE "{name}" TEMPLATE lantern_template')
        return name


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    # Not pytest's tmp_path: its parents are closed to the postgres user the server runs as.
    root = Path(tempfile.mkdtemp(prefix="lantern-crash-"))
    server = PrivateServer(root)
    made = Cluster(server=server, root=root)
    try:
        server.init()
        server.start()
        server.sql("postgres", "CREATE DATABASE lantern_template")
        migrated = lantern(server.url("lantern_template"), "migrate", "--noinput", "-v0", "--skip-checks")
        assert migrated.returncode == 0, migrated.stderr
        yield made
    finally:
        for command in made.commands:  # only the commands these tests started, by their own handle
            if command.poll() is None:
                command.kill()
                command.wait()
        server.stop()
        for mount in made.mounts:
            _system("umount", "--lazy", str(mount))
        shutil.rmtree(root, ignore_errors=True)


def _system(*args: str) -> subprocess.CompletedProcess[str]:
    """Run a system program (mount, umount) by name, as the test's own user."""
    return subprocess.run(args, capture_output=True, text=True, check=False)  # noqa: S603 -- our own args


def _until(what: str, ready: Callable[[], bool], seconds: float = WAIT) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def _verified(server: PrivateServer, database: str) -> None:
    verdict = lantern(server.url(database), "audit", "verify", "--skip-checks")
    assert verdict.returncode == 0 and "Audit chain intact" in verdict.stdout, verdict.stderr


def _one(server: PrivateServer, database: str, statement: str, params: list[object] | None = None) -> object:
    return server.sql(database, statement, params)[0][0]


# (a) ---------------------------------------------------------------------------------------------

WRITER = """
from lantern.accounts.rules import Role
from tests import factories
owner = factories.user(Role.INVESTIGATOR, username="crash-writer-{n}")
for number in range(1, 100000):
    case = factories.investigation(owner, reference="WY/{n}" + f"{{number:04d}}" + "/26")
    print("committed", case.pk, flush=True)
"""


def _committed(output: Path) -> list[int]:
    return [int(m) for m in re.findall(r"^committed (\d+)$", output.read_text(), flags=re.MULTILINE)]


def test_every_acknowledged_write_is_there_after_the_server_is_killed(cluster: Cluster) -> None:
    """Given a process recording investigations through the service, printing each id once its
    transaction has committed, when the server is killed at a random moment and restarted, then every
    printed id is there with its audit event, the writer said the connection was lost, and the
    chain verifies. Three times, on the same database."""
    server, database = cluster.server, cluster.database()
    assert server.sql(database, "SELECT current_setting('fsync'), current_setting('synchronous_commit')") \
        == [("on", "on")]
    acknowledged: list[int] = []
    for n in range(1, 4):
        output = cluster.root / f"writer-{n}.out"
        writer = cluster.started(server.url(database), "shell", "-c", WRITER.format(n=n), output=output)
        _until("the writer's first commits",
               lambda output=output, writer=writer: len(_committed(output)) >= 3 or writer.poll() is not None)
        delay = pick.uniform(0.05, 1.0)
        time.sleep(delay)
        server.crash()
        writer.wait(timeout=WAIT)
        server.start()
        said = output.read_text()
        assert writer.returncode == 1 and LOST in said and "Traceback" not in said, said[-2000:]
        acknowledged += _committed(output)
        kept = {row[0] for row in server.sql(
            database, "SELECT id FROM cases_investigation WHERE id = ANY(%s)", [acknowledged])}
        assert kept == set(acknowledged), f"lost after a crash {delay:.2f} s in: {set(acknowledged) - kept}"
        audited = {int(str(row[0])) for row in server.sql(
            database, "SELECT object_id FROM audit_auditevent WHERE object_type = 'cases.investigation' "
                      "AND action = 'collection'")}
        assert set(acknowledged) <= audited
        _verified(server, database)
        count("crash runs survived", 1)
    assert len(acknowledged) >= 9


# (b) ---------------------------------------------------------------------------------------------

def _import_directory(cluster: Cluster) -> Path:
    directory = cluster.root / "nrm-statistics"
    if not directory.exists():
        directory.mkdir()
        for name in IMPORT_FILES:
            shutil.copy(REFERENCE / name, directory / name)
    return directory


def _import_state(server: PrivateServer, database: str) -> tuple[int, ...]:
    """Figures, imports, and the imports' audit events: what an import writes, in one transaction."""
    return tuple(int(str(n)) for n in server.sql(database, """
        SELECT (SELECT count(*) FROM insights_publishedfigure),
               (SELECT count(*) FROM insights_publishedimport),
               (SELECT count(*) FROM audit_auditevent WHERE object_type = 'insights.publishedimport')""")[0])


def _writing(server: PrivateServer, database: str, application: str) -> bool:
    """Whether the session named ``application`` is inside a transaction that has written."""
    return bool(server.sql(database, "SELECT 1 FROM pg_stat_activity WHERE application_name = %s "
                                     "AND backend_xid IS NOT NULL", [application]))


def test_an_import_killed_mid_way_leaves_all_of_it_or_none_and_runs_again(cluster: Cluster) -> None:
    """Given ``lantern import-nrm-statistics`` inside its one transaction, when the server is killed
    and restarted, then the tables hold nothing of it (or, had it committed, all of it), the command
    said the import was not made, and a rerun gives a clean import's counts."""
    server, database = cluster.server, cluster.database()
    directory = _import_directory(cluster)
    outcomes: list[tuple[int, tuple[int, ...]]] = []
    for n in range(1, 3):
        output = cluster.root / f"import-{n}.out"
        importer = cluster.started(server.url(database, "crash-import"), "import-nrm-statistics",
                                   "--skip-checks", str(directory), output=output)
        _until("the import's transaction",
               lambda p=importer: _writing(server, database, "crash-import") or p.poll() is not None)
        assert importer.poll() is None, output.read_text()
        time.sleep(pick.uniform(0.0, 0.3))
        server.crash()
        importer.wait(timeout=WAIT)
        server.start()
        said = output.read_text()
        outcomes.append((importer.returncode, _import_state(server, database)))
        if importer.returncode != 0:
            assert outcomes[-1][1] == (0, 0, 0), said
            assert f"Nothing imported: the {LOST}" in said and "Traceback" not in said, said[-2000:]
        count("crash runs survived", 1)
    assert any(code != 0 for code, _ in outcomes), "no crash landed inside the import's transaction"

    rerun = lantern(server.url(database), "import-nrm-statistics", "--skip-checks", str(directory))
    assert rerun.returncode == 0, rerun.stderr
    kept = int(re.search(r"(\d+) figures kept", rerun.stdout).group(1))  # type: ignore[union-attr]
    figures, imports, events = _import_state(server, database)
    assert figures == kept > 3000 and imports == events
    for code, state in outcomes:  # an import the crash did not stop was whole, and the rerun replaced it
        assert state == (0, 0, 0) if code != 0 else state[0] == kept
    _verified(server, database)


def test_a_generation_stopped_part_way_keeps_whole_batches_and_is_refused_not_taken_as_done(
        cluster: Cluster) -> None:
    """Given ``lantern generate`` writing batch by batch, when the server is killed (and, the second
    time, the command itself), then whole batches are there and none half, and running it again,
    even with ``--if-absent``, refuses and says the generation stopped before it finished."""
    server, database = cluster.server, cluster.database()
    batch = 3
    for seed, stop in ((21, "server"), (22, "process")):
        prefix = reference_prefix(seed)
        args = ("generate", "--skip-checks", "--scale", "demo", "--seed", str(seed), "--persons", "60",
                "--batch-size", str(batch))

        def written(prefix: str = prefix) -> int:
            return int(str(_one(server, database, "SELECT count(*) FROM cases_investigation "
                                                  "WHERE crime_reference LIKE %s", [prefix + "%"])))

        output = cluster.root / f"generate-{seed}.out"
        generator = cluster.started(server.url(database), *args, output=output)
        _until("the first batch", lambda p=generator: written() >= batch or p.poll() is not None)
        time.sleep(pick.uniform(0.0, 0.5))
        if stop == "server":
            server.crash()
            generator.wait(timeout=WAIT)
            server.start()
            assert LOST in output.read_text() and "Traceback" not in output.read_text()
        else:
            generator.send_signal(signal.SIGKILL)
            generator.wait(timeout=WAIT)
        assert generator.returncode != 0, output.read_text()[-2000:]
        cases = written()
        assert cases > 0 and cases % batch == 0, f"{cases} cases: not whole batches of {batch}"
        # Each person is written with its true identity in the same transaction: none is alone.
        assert _one(server, database, "SELECT count(*) FROM cases_person p LEFT JOIN "
                                      "synth_trueidentityrecord t ON t.person_id = p.id "
                                      "WHERE t.id IS NULL") == 0
        # --if-absent (what `make demo` runs) must not take the part for the whole, nor a plain run add to it.
        refused = lantern(server.url(database), *args, *(["--if-absent"] if stop == "server" else []))
        assert refused.returncode == 1, refused.stdout
        assert f"The generation for seed {seed} that started at" in refused.stderr
        assert "stopped before it finished" in refused.stderr and "Nothing was added" in refused.stderr
        assert written() == cases
        count("crash runs survived", 1)
    _verified(server, database)


# (c) ---------------------------------------------------------------------------------------------

QUEUE = """
from lantern.linkage import services, tasks
run = services.run_request(user=None)
tasks.link_run.enqueue(run.pk)
print("queued", run.pk)
"""


def test_a_linkage_run_whose_worker_or_server_dies_is_marked_failed_and_the_next_one_finishes(
        cluster: Cluster) -> None:
    """Given a linkage run being carried out by ``lantern db_worker``, when the worker is killed (and
    then, for the next run, the server), then the run is not left "running": the next request marks
    it failed, saying it stopped before it finished, and a new worker finishes the new run with
    nothing of the stopped ones kept."""
    server, database = cluster.server, cluster.database()
    url = server.url(database)
    made = lantern(url, "generate", "--skip-checks", "--bulk", "--scale", "demo", "--seed", "3",
                   "--persons", "80")
    assert made.returncode == 0, made.stderr

    def queue() -> int:
        queued = lantern(url, "shell", "-c", QUEUE)
        assert queued.returncode == 0, queued.stderr
        return int(re.search(r"queued (\d+)", queued.stdout).group(1))  # type: ignore[union-attr]

    def status(run: int) -> str:
        return str(_one(server, database, "SELECT status FROM linkage_linkrun WHERE id = %s", [run]))

    def lock_free(run: int) -> bool:
        """Whether nobody holds the run's lock (taken and given straight back in one session)."""
        return bool(_one(server, database, "SELECT pg_try_advisory_lock(%s::integer, %s::integer) "
                                           "AND pg_advisory_unlock(%s::integer, %s::integer)",
                         [LOCK_CLASS, run, LOCK_CLASS, run]))

    stopped: list[int] = []
    for kill in ("worker", "server"):
        run = queue()
        output = cluster.root / f"worker-{run}.out"
        worker = cluster.started(url, "db_worker", "--skip-checks", "--no-startup-delay", "--interval", "0.2",
                                 output=output)
        _until("the run to start",
               lambda run=run, worker=worker: status(run) != "queued" or worker.poll() is not None)
        time.sleep(pick.uniform(0.0, 0.8))
        assert status(run) == "running", output.read_text()[-2000:]
        assert not lock_free(run)  # held by the worker carrying it out: not to be judged abandoned
        if kill == "worker":
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=WAIT)
        else:
            server.crash()
            worker.wait(timeout=WAIT)  # its database gone, the worker stops too
            server.start()
            said = output.read_text()
            assert LOST in said and "Traceback" not in said, said[-2000:]  # the worker says why it stopped
        # What the crash leaves: "running", with nobody running it.
        _until("the dead worker's session to end", lambda run=run: lock_free(run), seconds=30)
        assert status(run) == "running"
        stopped.append(run)

    final = queue()
    for run in stopped:
        failed = server.sql(database, "SELECT status, error, finished_at FROM linkage_linkrun WHERE id = %s",
                            [run])[0]
        assert failed[0] == "failed" and failed[2] is not None
        assert "Stopped before it finished" in str(failed[1]) and "request a new run" in str(failed[1])
        count("crash runs survived", 1)
    worker = lantern(url, "db_worker", "--skip-checks", "--batch", "--no-startup-delay", timeout=300)
    assert worker.returncode == 0, worker.stdout[-2000:]
    persons = _one(server, database, "SELECT count(*) FROM cases_person")
    assert server.sql(database, "SELECT status, records FROM linkage_linkrun WHERE id = %s", [final]) \
        == [("finished", persons)]
    kept = {row[0] for row in server.sql(
        database, "SELECT run_id FROM linkage_clustermember UNION SELECT run_id FROM linkage_suggestedmatch")}
    assert kept == {final}
    _verified(server, database)


# (d) ---------------------------------------------------------------------------------------------

def _leave_free(mount: Path, kilobytes: int) -> None:
    """Fill ``mount`` with a filler file until only about ``kilobytes`` are free."""
    filler = mount / "filler"
    filler.unlink(missing_ok=True)
    stats = os.statvfs(mount)
    filler.write_bytes(b"\0" * max(0, stats.f_bavail * stats.f_frsize - kilobytes * 1024))


def test_an_import_that_fills_its_tablespace_is_refused_clearly_and_keeps_nothing(cluster: Cluster) -> None:
    """Given the figures table and its indexes on a tablespace with little room, when an import (and
    then a re-import of the same periods) fills it, then the command says the disk is full and that
    nothing was imported, the tables are as they were, and once space is freed the database answers,
    verifies and imports."""
    if os.geteuid() != 0:
        pytest.skip("a small filesystem for the tablespace is mounted with tmpfs, which needs root")
    server, database = cluster.server, cluster.database()
    mount = cluster.root / "small"
    mount.mkdir()
    mounted = _system("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount))
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs for the tablespace: {mounted.stderr.strip()}")
    cluster.mounts.append(mount)
    directory = _import_directory(cluster)
    location = mount / "tablespace"
    location.mkdir()
    if server.user:
        shutil.chown(location, user=server.user)
    try:
        server.sql("postgres", f"CREATE TABLESPACE small LOCATION '{location}'")
        server.sql(database, "ALTER TABLE insights_publishedfigure SET TABLESPACE small")
        for (index,) in server.sql(database, "SELECT indexrelid::regclass::text FROM pg_index "
                                             "WHERE indrelid = 'insights_publishedfigure'::regclass"):
            server.sql(database, f'ALTER INDEX "{index}" SET TABLESPACE small')
        # First into empty tables, then again over the first import (its periods replaced).
        for attempt, room in (("first import", 900), ("re-import", 700)):  # kilobytes: full part-way
            _leave_free(mount, room)
            before = _import_state(server, database)
            refused = lantern(server.url(database), "import-nrm-statistics", "--skip-checks", str(directory))
            assert refused.returncode == 1, f"{attempt}: {refused.stdout}"
            assert "Nothing imported: the database ran out of disk space" in refused.stderr, refused.stderr
            assert "could not extend file" in refused.stderr and "Traceback" not in refused.stderr
            assert _import_state(server, database) == before, attempt
            assert _one(server, database, "SELECT 1") == 1  # the database still answers, disk full or not
            (mount / "filler").unlink()  # space freed
            _verified(server, database)
            done = lantern(server.url(database), "import-nrm-statistics", "--skip-checks", str(directory))
            assert done.returncode == 0, done.stderr
            count("disk-full imports refused cleanly", 1)
        figures, imports, events = _import_state(server, database)
        assert figures > 3000 and imports == events == 1 + before[1]
    finally:
        server.sql("postgres", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        server.sql("postgres", "DROP TABLESPACE IF EXISTS small")
        if _system("umount", str(mount)).returncode == 0:
            cluster.mounts.remove(mount)
