"""Table 1 for a year over the generator's national data, against the 1-second goal, in one run.

    LANTERN_ENV=test .venv/bin/python benchmarks/insights_table1.py [--database PATH] [--runs 7]

Fills a fresh temporary SQLite file with the generator's national data for 2015-2025 (the bulk
path, ``write_plan_bulk(plan_cases_in_background(...))``, the published volume: about 180,000
persons; several minutes), or reuses ``--database PATH`` when that file exists (migrating it, so
the indexes the figures use are there). Then, all in this process, times with the ORM:

1. ``insights.table1.table1`` for 2020 for the nation (resolving the nation's organisations
   included), the median of ``--runs`` runs after one warm-up, against the goal of 1 second, with
   the time of each of its queries;
2. the anchors, measured the same way in the same run: a plain ``SELECT COUNT(*)`` over the
   investigations table, and a count that must read every investigation's row (a condition on a
   column no index holds), which is what any figure over all investigations costs at least;
3. for scale, every single figure (``figures.figures_for``) and every breakdown for 2020.

It prints Table 1 itself, so the figures can be checked against the published ones.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOAL_SECONDS = 1.0
YEAR = 2020


def _setup(database: Path) -> None:
    os.environ.setdefault("LANTERN_ENV", "test")
    os.environ["DJANGO_SETTINGS_MODULE"] = "lantern.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _fill(seed: int) -> None:
    from lantern.synth.background import plan_cases_in_background
    from lantern.synth.bulk import write_plan_bulk
    from lantern.synth.request import GenerateRequest

    started = time.perf_counter()
    summary = write_plan_bulk(plan_cases_in_background(GenerateRequest("national", seed, 2015, 2025)))
    print(f"filled: {summary.persons:,} persons, {summary.investigations:,} investigations in "
          f"{time.perf_counter() - started:.0f} s")


def _median(function: Callable[[], Any], runs: int) -> tuple[float, Any]:
    result = function()  # warm-up: the page cache and SQLite's statement cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _sql(statement: str) -> Callable[[], Any]:
    from django.db import connection

    def run() -> Any:
        with connection.cursor() as cursor:
            cursor.execute(statement)
            return cursor.fetchone()
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", type=Path,
                        help="SQLite file: reused if it exists, else filled there (default: a new temp dir)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    database = args.database or Path(tempfile.mkdtemp(prefix="lantern-table1-")) / "national.sqlite3"
    reuse = database.exists()
    database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    _setup(database.resolve())
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    print(f"database: {database} ({'reused' if reuse else 'new'})")
    if not reuse:
        _fill(args.seed)
    print(f"database size {database.stat().st_size / 2**30:.2f} GB")

    from lantern.cases.models import Investigation
    from lantern.insights.figures import calibration_counting, figures_for
    from lantern.insights.figures_breakdowns import BREAKDOWNS, breakdown
    from lantern.insights.periods import calendar_year
    from lantern.insights.table1 import format_change, table1

    year = calendar_year(YEAR)
    investigations = Investigation.objects.count()

    def table_1() -> Any:
        return table1(calibration_counting(), year)

    table_seconds, table = _median(table_1, args.runs)
    with CaptureQueriesContext(connection) as captured:
        table_1()
    count_seconds, _ = _median(_sql("SELECT COUNT(*) FROM cases_investigation"), args.runs)
    every_row = "SELECT COUNT(*) FROM cases_investigation WHERE crime_reference LIKE '%9%'"
    scan_seconds, _ = _median(_sql(every_row), args.runs)
    counting = calibration_counting()
    figures_seconds, figures = _median(lambda: figures_for(counting, year), max(1, args.runs // 2))
    breakdown_seconds, _ = _median(lambda: [breakdown(counting, year, key) for key in BREAKDOWNS],
                                   max(1, args.runs // 2))

    print(f"\n{investigations:,} investigations; median of {args.runs} runs each\n")
    print(f"  Table 1 for {YEAR}, the nation        {table_seconds * 1000:8.1f} ms   "
          f"(goal: under {GOAL_SECONDS * 1000:.0f} ms: "
          f"{'met' if table_seconds < GOAL_SECONDS else 'NOT met'})")
    for query in captured.captured_queries:
        print(f"      {float(query['time']) * 1000:8.1f} ms  {query['sql'][:90]}...")
    print(f"  anchor: SELECT COUNT(*) investigations {count_seconds * 1000:8.1f} ms   "
          f"ratio {table_seconds / count_seconds:,.0f}x")
    print(f"  anchor: a count reading every row      {scan_seconds * 1000:8.1f} ms   "
          f"ratio {table_seconds / scan_seconds:,.1f}x")
    print(f"  every single figure ({len(figures)})            {figures_seconds * 1000:8.1f} ms")
    print(f"  every breakdown ({len(BREAKDOWNS)})                 {breakdown_seconds * 1000:8.1f} ms")

    print(f"\n  {table.label_heading:44} " + " ".join(f"{c:>10}" for c in table.columns))
    for row in table.rows:
        values = [("" if v is None else f"{v:,}") for v in row.values[:3]]
        print(f"  {row.label:44} " + " ".join(f"{v:>10}" for v in values)
              + f" {format_change(row.values[3]):>10}")  # type: ignore[arg-type]
    if table_seconds >= GOAL_SECONDS:
        sys.exit(f"Table 1 took {table_seconds:.3f} s, over the {GOAL_SECONDS:.0f} s goal.")


if __name__ == "__main__":
    main()
