"""Table 1 on DuckDB over a Parquet snapshot, beside the straightforward ORM computation, in one run.

    LANTERN_ENV=test .venv/bin/python benchmarks/insights_snapshot.py --rows 10000000

Fills a fresh temporary SQLite file with the generator's national data for 2015-2025 (the bulk
path, ``write_plan_bulk(plan_cases_in_background(...))``), enough persons that the snapshot holds
about ``--rows`` rows (or ``--persons`` of them; ``--database PATH`` reuses a file filled before,
migrating it first so the figures' indexes are there, or fills it there if it does not exist).
Then, all in this process:

1. writes the Parquet snapshot (``lantern.insights.snapshot.snapshot_write``), timed, with its rows
   per table and its size on disk;
2. computes every Table 1 figure for each year 2015-2025 with DuckDB over the snapshot
   (``lantern.insights.duckdb_figures.measure``) and with the ORM (``lantern.synth.figures.measure``)
   against the same database, timing both for all eleven years and for 2020 alone (the issue's
   goal: a year's Table 1 in under 1 second), and prints the ratio;
3. checks the two give the same figures (exits non-zero when not), and prints the peak memory
   (``ru_maxrss``).

Only the ORM side reads the database for the figures; DuckDB reads only the snapshot. The
snapshot's directory (0700) is removed at the end unless ``--keep-snapshot`` is given.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
YEARS = range(2015, 2026)
ONE_YEAR, ONE_YEAR_GOAL_SECONDS = 2020, 1.0
# Snapshot rows per planned person, measured on the generator's national plan for 2015-2025
# (5,000 persons, seed 1): 0.64 investigations, 0.79 exploitation types, 1 involvement, 0.70
# referrals, 0.05 CPS referrals and 0.04 prosecutions. Used only to choose --persons from --rows.
SNAPSHOT_ROWS_PER_PERSON = 3.22


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _setup(database: Path) -> None:
    os.environ.setdefault("LANTERN_ENV", "test")
    os.environ["DJANGO_SETTINGS_MODULE"] = "lantern.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _fill(persons: int, seed: int) -> None:
    """Migrate the new file and write about ``persons`` persons with the bulk path, 2015-2025."""
    from django.core.management import call_command

    from lantern.synth.background import plan_cases_in_background
    from lantern.synth.bulk import write_plan_bulk
    from lantern.synth.request import GenerateRequest

    call_command("migrate", verbosity=0)
    request = GenerateRequest("national", seed, YEARS[0], YEARS[-1], persons=persons)
    started = time.perf_counter()
    shown = [0.0]

    def progress(cases: int, written: int) -> None:
        if time.perf_counter() - shown[0] > 60:
            shown[0] = time.perf_counter()
            print(f"  {written:,} persons, {cases:,} cases, {shown[0] - started:.0f} s", flush=True)

    summary = write_plan_bulk(plan_cases_in_background(request), progress=progress)
    print(f"filled: {summary.persons:,} persons, {summary.investigations:,} investigations in "
          f"{time.perf_counter() - started:.0f} s")


def _same(orm: dict[str, float], duck: dict[str, float]) -> list[str]:
    """Every figure on which the two disagree (both "not a number" is agreement: no denominator)."""
    problems = []
    for key in sorted(orm.keys() | duck.keys()):
        a, b = orm.get(key), duck.get(key)
        if a is None or b is None or not (a == b or (math.isnan(a) and math.isnan(b))):
            problems.append(f"  {key}: ORM {a!r}, DuckDB {b!r}")
    return problems


def _shown(figure: float) -> str:
    """A count with thousands separated, a share or an average to four places."""
    return f"{figure:,}" if isinstance(figure, int) else f"{figure:,.4f}"


def _timed(function: Any, *args: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000, help="snapshot rows to aim for")
    parser.add_argument("--persons", type=int, help="persons to generate (default: from --rows)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", type=Path,
                        help="SQLite file: reused if it exists, else filled there (default: a new temp dir)")
    parser.add_argument("--keep-snapshot", action="store_true", help="leave the Parquet snapshot behind")
    args = parser.parse_args()
    persons = args.persons or math.ceil(args.rows / SNAPSHOT_ROWS_PER_PERSON)

    database = args.database or Path(tempfile.mkdtemp(prefix="lantern-insights-")) / "insights.sqlite3"
    reuse = database.exists()
    if not reuse:
        database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    _setup(database.resolve())
    print(f"database: {database} ({'reused' if reuse else f'new, {persons:,} persons asked for'})")
    if reuse:  # migrated to this checkout, so the ORM has the figures' indexes
        from django.core.management import call_command

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrated in {time.perf_counter() - started:.1f} s")
    else:
        _fill(persons, args.seed)
    print(f"database size {database.stat().st_size / 2**30:.2f} GB")

    from lantern.insights import duckdb_figures, snapshot
    from lantern.synth import figures

    where = Path(tempfile.mkdtemp(prefix="lantern-snapshot-")) / "snapshot"
    written, snapshot_seconds = _timed(snapshot.snapshot_write, where)
    print(f"\nsnapshot: {written.rows:,} rows, {written.bytes / 2**20:.1f} MB on disk, "
          f"{snapshot_seconds:.1f} s ({written.rows / snapshot_seconds:,.0f} rows/s)")
    for table, count in written.rows_per_table.items():
        print(f"  {table:24} {count:>12,}")
    print(f"peak memory after the snapshot (ru_maxrss) {_peak_mb():.0f} MB")

    duck_year, duck_year_seconds = _timed(duckdb_figures.measure, where, [ONE_YEAR])
    orm_year, orm_year_seconds = _timed(figures.measure, [ONE_YEAR])
    duck, duck_seconds = _timed(duckdb_figures.measure, where, YEARS)
    orm, orm_seconds = _timed(figures.measure, YEARS)

    print(f"\nTable 1 ({len(orm) // len(YEARS)} figures a year)   DuckDB over Parquet   "
          "ORM (synth.figures)   ratio")
    for label, duck_s, orm_s in ((f"{ONE_YEAR} alone", duck_year_seconds, orm_year_seconds),
                                 (f"{YEARS[0]}-{YEARS[-1]} ({len(YEARS)} years)", duck_seconds, orm_seconds)):
        print(f"  {label:26} {duck_s:12.3f} s {orm_s:18.3f} s {orm_s / duck_s:9.1f}x")
    print(f"  (goal: a year's Table 1 under {ONE_YEAR_GOAL_SECONDS:.0f} s; snapshot and {len(YEARS)} years "
          f"on DuckDB {snapshot_seconds + duck_seconds:.1f} s)")
    print(f"\n  {'figure':46} {2019:>10} {2020:>10}")
    for key in sorted({name.split(":")[0] for name in duck}):
        print(f"  {key:46} {_shown(duck[f'{key}:2019']):>10} {_shown(duck[f'{key}:2020']):>10}")
    print(f"peak memory (ru_maxrss) {_peak_mb():.0f} MB")

    if not args.keep_snapshot:
        shutil.rmtree(where.parent)
    else:
        print(f"snapshot kept in {where}")
    problems = _same(orm, duck) + _same(orm_year, duck_year)
    if problems:
        sys.exit("DuckDB and the ORM disagree:\n" + "\n".join(problems))
    print(f"the same {len(orm)} figures both ways ({date.today().isoformat()})")


if __name__ == "__main__":
    main()
