"""``lantern backup`` and ``lantern restore`` of national-scale data, beside plain pg_dump/pg_restore.

    .venv/bin/python benchmarks/backup_restore.py            # the national scale (~180,000 persons)
    .venv/bin/python benchmarks/backup_restore.py 1000000    # or about N persons

Fills a PostgreSQL database of its own on the machine's server (``lantern_restore_bench``; kept,
and reused when it already holds people) with the generator's national data by the bulk path,
then times, in the same run:
- ``lantern backup FILE`` (checks, ``pg_dump --format=custom``, the audit event);
- ``lantern restore FILE --yes`` into a second, empty database (the file checked, ``pg_restore
  --single-transaction``, the audit chain verified, the restore recorded in it);
- the anchor: bare ``pg_dump --format=custom`` and ``pg_restore --single-transaction`` of the same
  database into a third, with nothing checked.
Then every table's rows and ordered checksum (``lantern.backups.checksums.table_sums``) are
compared between the original and the restored database: the figures mean nothing unless the
copy is exact. The databases are dropped at the end apart from the filled one (``--drop`` drops
it too).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
SERVER = {"PGHOST": "127.0.0.1", "PGPORT": "5432", "PGUSER": "postgres"}
FILLED = "lantern_restore_bench"
RESTORED, ANCHOR = f"{FILLED}_copy", f"{FILLED}_anchor"


def _env(database: str) -> dict[str, str]:
    return {**os.environ, **SERVER, "PGDATABASE": database, "LANTERN_ENV": "test",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}"}


def _run(command: list[str], database: str) -> float:
    """Run ``command`` against ``database``; its wall time in seconds (it must succeed)."""
    started = time.perf_counter()
    subprocess.run(command, env=_env(database), check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _sql(database: str, statement: str) -> str:
    return subprocess.run(["psql", "-d", database, "-tAc", statement], env=_env("postgres"),
                          check=True, capture_output=True, text=True).stdout.strip()


def _recreate(database: str) -> None:
    _sql("postgres", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    _sql("postgres", f'CREATE DATABASE "{database}"')


def _persons(database: str) -> int:
    if not _sql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{database}'"):
        return 0
    found = _sql(database, "SELECT to_regclass('cases_person') IS NOT NULL")
    return int(_sql(database, "SELECT count(*) FROM cases_person")) if found == "t" else 0


def _sums(database: str) -> dict[str, list[object]]:
    """Every table's rows and checksum in ``database``, read by a Django process of its own."""
    code = ("import django, json; django.setup(); from lantern.backups.checksums import table_sums; "
            "print(json.dumps({t: [s.rows, s.sha256] for t, s in table_sums().items()}))")
    out = subprocess.run([str(BIN / "python"), "-c", code], env={**_env(database),
                         "DJANGO_SETTINGS_MODULE": "lantern.settings"}, check=True,
                         capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def _size(database: str) -> str:
    return _sql(database, f"SELECT pg_size_pretty(pg_database_size('{database}'))")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("persons", type=int, nargs="?", default=None,
                        help="about how many persons (default: the national scale's published volume)")
    parser.add_argument("--drop", action="store_true", help="drop the filled database at the end too")
    args = parser.parse_args()
    lantern = str(BIN / "lantern")

    held = _persons(FILLED)
    size = ["--persons", str(args.persons)] if args.persons else []
    if not held or (args.persons and held < args.persons * 0.9):
        _recreate(FILLED)
        _run([lantern, "migrate", "--verbosity", "0"], FILLED)
        seconds = _run([lantern, "generate", "--scale", "national", "--bulk", "--seed", "1", *size,
                        "--from", "2015", "--to", "2025"], FILLED)
        print(f"filled {FILLED} with the national data in {seconds:.0f} s")
    rows = sum(int(r) for r, _ in _sums(FILLED).values())
    print(f"database: {_persons(FILLED):,} persons, {rows:,} rows in all, {_size(FILLED)} on disk")

    with tempfile.TemporaryDirectory(prefix="lantern-restore-") as directory:
        ours, plain = Path(directory) / "lantern.dump", Path(directory) / "plain.dump"
        backup_s = _run([lantern, "backup", str(ours)], FILLED)
        _recreate(RESTORED)
        restore_s = _run([lantern, "restore", str(ours), "--yes"], RESTORED)
        dump_s = _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(plain)], FILLED)
        _recreate(ANCHOR)
        anchor_s = _run(["pg_restore", "--single-transaction", "--no-owner", "--exit-on-error",
                         "--dbname", ANCHOR, str(plain)], ANCHOR)
        file_mb = ours.stat().st_size / 1e6

    original, copy = _sums(FILLED), _sums(RESTORED)
    # The backup's audit event is written after the dump, so only the original holds it; the
    # restore writes its own in the copy. Those two tables are compared by their counts.
    differing = sorted(t for t in original if t not in ("audit_auditevent", "audit_auditchainhead")
                       and original[t] != copy.get(t))
    audit_ok = copy["audit_auditevent"][0] == original["audit_auditevent"][0]
    print(f"backup file: {file_mb:,.0f} MB")
    print(f"{'':28}{'Lantern':>10}{'plain':>10}{'ratio':>8}")
    print(f"{'backup (s)':28}{backup_s:>10.1f}{dump_s:>10.1f}{backup_s / dump_s:>8.2f}")
    print(f"{'restore (s)':28}{restore_s:>10.1f}{anchor_s:>10.1f}{restore_s / anchor_s:>8.2f}")
    print(f"tables compared: {len(original)}; differing: {differing or 'none'}; "
          f"audit events: the backup's in the original, the restore's in the copy: {audit_ok}")
    for database in (RESTORED, ANCHOR, *((FILLED,) if args.drop else ())):
        _sql("postgres", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    if differing or not audit_ok:
        sys.exit("the restored database is not an exact copy")


if __name__ == "__main__":
    main()
