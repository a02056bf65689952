"""How fast the bulk writer fills a fresh database, beside an anchor measured in the same run.

    LANTERN_ENV=test .venv/bin/python benchmarks/generate_bulk.py 100000

Writes ``lantern.synth.bulk.write_plan_bulk(plan_cases(...))`` for about N persons into a fresh
SQLite file (or the PostgreSQL database named by DATABASE_URL with ``--use-database-url``; it must
be empty and migratable), then prints: the time spent planning (inside the plan's iterator) and
writing, the rows written per table and per second, the resident memory after each batch (flat or
not) and the peak (``ru_maxrss``), and the anchor: the same number of rows inserted with the
driver's ``executemany`` into a bare table of similar width, in batches of the same size, one
transaction each, and on PostgreSQL also with ``COPY``, which is how the bulk writer inserts there
(``lantern.synth.fast_insert``). The ratio says how far the bulk path is from what the database
can take.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOAL_PERSONS, GOAL_SECONDS = 1_000_000, 600  # the goal on a 2-core machine


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


class _Timed:
    """The plan, with the time spent producing it counted apart from the writing."""

    def __init__(self, cases: Iterable[Any]) -> None:
        self.cases, self.seconds = iter(cases), 0.0

    def __iter__(self) -> Iterator[Any]:
        while True:
            started = time.perf_counter()
            try:
                case = next(self.cases)
            except StopIteration:
                self.seconds += time.perf_counter() - started
                return
            self.seconds += time.perf_counter() - started
            yield case


def _timed(module: Any, name: str) -> list[float]:
    """Wrap ``module.name`` so the seconds spent inside it are counted (in the list's one item)."""
    spent = [0.0]
    original = getattr(module, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    setattr(module, name, timed)
    return spent


def _setup(args: argparse.Namespace) -> str:
    os.environ.setdefault("LANTERN_ENV", "test")
    os.environ["DJANGO_SETTINGS_MODULE"] = "lantern.settings"
    if not args.use_database_url:
        path = Path(args.sqlite or tempfile.mkdtemp(prefix="lantern-bench-")) / "bench.sqlite3"
        if path.exists():
            sys.exit(f"{path} already exists: give an empty directory.")
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']} "
          f"(migrated in {time.perf_counter() - started:.1f} s)")
    return str(connection.vendor)


_ANCHOR_COLUMNS = 14  # about as wide as a Person or Referral row as written


def _anchor(rows: int, batch_rows: int, *, copy: bool = False) -> float:
    """Seconds to insert ``rows`` plain rows, ``batch_rows`` per transaction: executemany, or COPY.

    The key column is declared as Django declares a ``BigAutoField`` on this database (SQLite's
    ``AUTOINCREMENT``, PostgreSQL's identity column), so the anchor pays for keys as the real
    tables do, and the database gives them (a plain ``integer PRIMARY KEY`` stays NULL on PostgreSQL).
    """
    from django.db import connection, transaction

    key = f"{connection.data_types['BigAutoField']} NOT NULL PRIMARY KEY " \
          f"{connection.data_types_suffix.get('BigAutoField', '')}"
    columns = ", ".join(f"c{i} {'varchar(100)' if i % 2 else 'integer'}" for i in range(_ANCHOR_COLUMNS))
    marks = ", ".join(["%s"] * _ANCHOR_COLUMNS)
    names = ", ".join(f"c{i}" for i in range(_ANCHOR_COLUMNS))
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_anchor (id {key}, {columns})")
    started = time.perf_counter()
    done = 0
    while done < rows:
        count = min(batch_rows, rows - done)
        values = [tuple(f"value {done + n} {i}" if i % 2 else done + n for i in range(_ANCHOR_COLUMNS))
                  for n in range(count)]
        with transaction.atomic(), connection.cursor() as cursor:
            if copy:
                with cursor.cursor.copy(f"COPY bench_anchor ({names}) FROM STDIN") as stream:
                    for row in values:
                        stream.write_row(row)
            else:
                cursor.executemany(f"INSERT INTO bench_anchor ({names}) VALUES ({marks})", values)  # noqa: S608
        done += count
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_anchor")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("persons", nargs="?", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=2000, help="cases per batch")
    parser.add_argument("--from", dest="from_year", type=int, default=2019)
    parser.add_argument("--to", dest="to_year", type=int, default=date.today().year)
    parser.add_argument("--sqlite", help="an empty directory for the SQLite file (default: a new temp dir)")
    parser.add_argument("--use-database-url", action="store_true",
                        help="write into DATABASE_URL (e.g. an empty PostgreSQL database) instead")
    parser.add_argument("--no-background", dest="background", action="store_false",
                        help="plan in this process (planning time then adds to writing)")
    args = parser.parse_args()
    _setup(args)

    from django.apps import apps
    from django.db import connection

    from lantern.synth import bulk
    from lantern.synth.background import plan_cases_in_background
    from lantern.synth.bulk import write_plan_bulk
    from lantern.synth.plan import plan_cases
    from lantern.synth.request import GenerateRequest

    # Every table the generator writes: the rooms' records, the truth tables and the audit trail.
    tables = [model for label in ("cases", "safeguarding", "justice", "synth", "audit")
              for model in apps.get_app_config(label).get_models()]
    before = {m._meta.label: m._default_manager.count() for m in tables}
    request = GenerateRequest("national", args.seed, args.from_year, args.to_year, persons=args.persons)
    rss: list[float] = []

    def progress(cases: int, persons: int) -> None:
        rss.append(_rss_mb())
        if len(rss) % 10 == 1:
            print(f"  {cases} cases, {persons} persons, rss {rss[-1]:.0f} MB, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)

    # --background (the default, as ``lantern generate`` does it): the plan is drawn in a second
    # process, so "planning" below is only the time the writer waited for it.
    plan = _Timed(plan_cases_in_background(request) if args.background else plan_cases(request))
    # Apart from the rest of writing: the synthetic staff, two users per force made once, each
    # hashing a password (argon2: tens of seconds however many persons), and the inserts alone
    # (``bulk._insert``, every model's rows for a batch go through it).
    staff, inserts = _timed(bulk, "staff_for"), _timed(bulk, "_insert")
    started = time.perf_counter()
    summary = write_plan_bulk(plan, batch_size=args.batch_size, progress=progress)
    total = time.perf_counter() - started
    written = {m._meta.label: m._default_manager.count() - before[m._meta.label] for m in tables}
    rows = sum(written.values())
    writing = total - plan.seconds
    rows_seconds = writing - staff[0]

    print(f"\npersons {summary.persons}, investigations {summary.investigations}, batches {summary.batches}")
    for label, count in written.items():
        print(f"  {label:34} {count:>10}")
    print(f"rows written            {rows:>10}")
    print(f"total                   {total:10.1f} s   {rows / total:10.0f} rows/s   "
          f"{summary.persons / total:8.0f} persons/s")
    print(f"  planning (plan_cases) {plan.seconds:10.1f} s   "
          f"({'waited for the second process' if args.background else 'in this process'})")
    print(f"  writing (bulk path)   {writing:10.1f} s   {rows / writing:10.0f} rows/s")
    print(f"    synthetic staff     {staff[0]:10.1f} s   (once: two users per force, a password hash each)")
    print(f"    rows (the rest)     {rows_seconds:10.1f} s   {rows / rows_seconds:10.0f} rows/s")
    print(f"      inserts alone     {inserts[0]:10.1f} s   {rows / inserts[0]:10.0f} rows/s   (bulk._insert)")
    print(f"      building the rows {rows_seconds - inserts[0]:10.1f} s   (and the audit event)")
    if rss:
        middle = rss[len(rss) // 2]
        print(f"rss after batch 1 / middle / last: {rss[0]:.0f} / {middle:.0f} / {rss[-1]:.0f} MB")
    print(f"peak memory (ru_maxrss)  {_peak_mb():9.0f} MB")

    batch_rows = max(1, rows // max(summary.batches, 1))
    anchors = [("executemany", _anchor(rows, batch_rows))]
    if connection.vendor == "postgresql":  # the bulk writer inserts with COPY there (fast_insert)
        anchors.append(("COPY", _anchor(rows, batch_rows, copy=True)))
    for how, seconds in anchors:
        print(f"anchor: {rows} rows x {_ANCHOR_COLUMNS} columns by {how}, {batch_rows} per transaction: "
              f"{seconds:.1f} s, {rows / seconds:.0f} rows/s")
    for how, seconds in anchors:
        print(f"ratio to the {how} anchor's time: inserts alone {inserts[0] / seconds:.1f}x, "
              f"rows {rows_seconds / seconds:.1f}x, writing with the staff {writing / seconds:.1f}x, "
              f"with planning too {total / seconds:.1f}x")
    per_million = total / max(summary.persons, 1) * GOAL_PERSONS
    print(f"at this rate {GOAL_PERSONS:,} persons would take about {per_million / 60:.1f} min "
          f"(goal {GOAL_SECONDS // 60} min), if the rate held")


if __name__ == "__main__":
    main()
