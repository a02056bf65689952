"""A Parquet snapshot of the columns the national figures need, for DuckDB to count over.

Why a snapshot: the national figures are counts over every force's records for many months and
years; a columnar file read by DuckDB answers them in a fraction of the time the live database
takes, and a report can be built from it without loading the database people are working in.

Aggregate use only, and so only what the Table 1 figures read: dates, states, categories and the
internal row numbers that join the tables (not crime references). No names, no dates of birth,
no identifiers' values, no free text. The one personal attribute kept is a person's nationality
on each involvement (the figures count British victims and suspects among the known), without
the person. The directory is created with 0700 permissions (owner only) and must not exist
beforehand; whoever asks for a snapshot removes it when done. Nothing is written anywhere else.
Writing one is recorded in the audit trail as a consultation of every row it read (the tables and
their counts, never the values), by the person who asked or, run on the server, by name.

Streamed with bounded memory: each table is read through the database's chunked cursor (a
server-side cursor on PostgreSQL) ``batch_rows`` rows at a time, and each batch is written by
DuckDB as one Parquet part (``<table>/part-00000.parquet``, ...), so memory holds one batch
whatever the size of the database. Every table is read inside one transaction (repeatable read on
PostgreSQL), so the tables agree with each other. ``manifest.json`` is written last: a snapshot
without it is incomplete, and one that fails part-way is removed.

Referrals' submission moments are kept as the date in Lantern's time zone (``TruncDate``), as
``submitted_at__year`` counts them.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
from django.db import connections, transaction
from django.db.models import QuerySet
from django.db.models.functions import TruncDate

from lantern.accounts.models import Organisation, User
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases.models import Investigation, InvestigationExploitation, Involvement
from lantern.justice.models import CpsReferral, Prosecution
from lantern.safeguarding.models import Referral

MANIFEST = "manifest.json"
SNAPSHOT_USERNAME = "lantern insights snapshot"  # the audit trail's name for a snapshot run on the server
FORMAT_VERSION = 1


@dataclass(frozen=True)
class SnapshotTable:
    """One table of the snapshot: its columns with their DuckDB types, and the rows they come from."""

    name: str
    columns: tuple[tuple[str, str], ...]  # (name, DuckDB type), in the order ``rows`` gives them
    rows: Callable[[], QuerySet]  # a ``values_list`` of exactly those columns


TABLES: tuple[SnapshotTable, ...] = (
    SnapshotTable("organisations", (("id", "BIGINT"), ("kind", "VARCHAR")),
                  lambda: Organisation.objects.order_by("pk").values_list("pk", "kind")),
    SnapshotTable("investigations",
                  (("id", "BIGINT"), ("organisation_id", "BIGINT"), ("recorded_on", "DATE"),
                   ("allocated_on", "DATE"), ("closed_on", "DATE")),
                  lambda: Investigation.objects.order_by("pk").values_list(
                      "pk", "organisation_id", "recorded_on", "allocated_on", "closed_on")),
    SnapshotTable("exploitation_types", (("investigation_id", "BIGINT"), ("exploitation_type", "VARCHAR")),
                  lambda: InvestigationExploitation.objects.order_by("pk").values_list(
                      "investigation_id", "exploitation_type")),
    SnapshotTable("involvements",
                  (("investigation_id", "BIGINT"), ("role", "VARCHAR"), ("nationality", "VARCHAR")),
                  lambda: Involvement.objects.order_by("pk").values_list(
                      "investigation_id", "role", "person__nationality")),
    SnapshotTable("referrals",
                  (("organisation_id", "BIGINT"), ("first_responder_id", "BIGINT"), ("route", "VARCHAR"),
                   ("state", "VARCHAR"), ("age_answer", "VARCHAR"), ("submitted_on", "DATE")),
                  lambda: Referral.objects.order_by("pk").annotate(submitted_on=TruncDate("submitted_at"))
                  .values_list("organisation_id", "first_responder_id", "route", "state", "age_answer",
                               "submitted_on")),
    SnapshotTable("cps_referrals", (("investigation_id", "BIGINT"), ("referred_on", "DATE")),
                  lambda: CpsReferral.objects.order_by("pk").values_list(
                      "involvement__investigation_id", "referred_on")),
    SnapshotTable("prosecutions",
                  (("modern_slavery_flagged", "BOOLEAN"), ("verdict", "VARCHAR"), ("verdict_on", "DATE")),
                  lambda: Prosecution.objects.order_by("pk").values_list(
                      "referral__modern_slavery_flagged", "verdict", "verdict_on")),
)


class SnapshotError(Exception):
    """The snapshot cannot be written or read: say where and why."""


@dataclass
class SnapshotSummary:
    directory: Path
    rows_per_table: dict[str, int] = field(default_factory=dict)
    bytes: int = 0

    @property
    def rows(self) -> int:
        return sum(self.rows_per_table.values())


def part_glob(directory: Path, table: str) -> str:
    """The Parquet parts of one table, as DuckDB's ``read_parquet`` takes them."""
    return str(directory / table / "part-*.parquet")


@contextmanager
def _consistent_read(using: str) -> Iterator[None]:
    """One transaction for every table, so a referral's investigation is in the snapshot too."""
    connection = connections[using]
    outermost = not connection.in_atomic_block  # the isolation level can be set only at the start
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _batches(rows: QuerySet, using: str, batch_rows: int) -> Iterator[list[tuple]]:
    """The queryset's rows as the driver gives them, a batch at a time.

    The ORM compiles the SQL (so time zones, joins and table names are Django's) but the rows are
    not turned into model values one by one: DuckDB casts each column once, a batch at a time.
    """
    sql, params = rows.query.get_compiler(using=using).as_sql()
    with connections[using].chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(batch_rows):
            yield batch


def _write_part(duck: duckdb.DuckDBPyConnection, table: SnapshotTable, rows: list[tuple], path: Path) -> None:
    names = [name for name, _ in table.columns]
    frame = pd.DataFrame.from_records(rows, columns=names)  # noqa: F841  (DuckDB reads it by name)
    casts = ", ".join(f'CAST(frame."{name}" AS {kind}) AS "{name}"' for name, kind in table.columns)
    duck.sql(f"SELECT {casts} FROM frame").write_parquet(str(path), compression="zstd")  # noqa: S608  # nosec B608


def _write_empty(duck: duckdb.DuckDBPyConnection, table: SnapshotTable, path: Path) -> None:
    """A part with the columns and no rows, so readers find the table and its types."""
    casts = ", ".join(f'CAST(NULL AS {kind}) AS "{name}"' for name, kind in table.columns)
    duck.sql(f"SELECT {casts} WHERE false").write_parquet(str(path))


def snapshot_write(directory: Path, *, actor: User | None = None, batch_rows: int = 250_000,
                   using: str = "default") -> SnapshotSummary:
    """Write the snapshot of every table the national figures read into a new 0700 directory."""
    if batch_rows < 1:
        raise ValueError("batch_rows must be at least 1")
    directory = Path(directory)
    try:
        directory.mkdir(mode=0o700, parents=False)
    except FileExistsError:
        raise SnapshotError(f"{directory} already exists: a snapshot goes into a new directory.") from None
    except FileNotFoundError:
        raise SnapshotError(f"{directory.parent} does not exist.") from None
    os.chmod(directory, 0o700)  # exactly owner-only, whatever the umask left
    summary = SnapshotSummary(directory)
    duck = duckdb.connect()  # in memory; it only casts and writes one batch at a time
    try:
        with _consistent_read(using):
            for table in TABLES:
                (directory / table.name).mkdir(mode=0o700)
                parts = count = 0
                for batch in _batches(table.rows(), using, batch_rows):
                    _write_part(duck, table, batch, directory / table.name / f"part-{parts:05d}.parquet")
                    parts, count = parts + 1, count + len(batch)
                if not parts:
                    _write_empty(duck, table, directory / table.name / "part-00000.parquet")
                summary.rows_per_table[table.name] = count
    except BaseException:
        shutil.rmtree(directory)  # half a snapshot is of no use, and its rows should not linger
        raise
    finally:
        duck.close()
    manifest = {"format": FORMAT_VERSION, "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "rows": summary.rows_per_table}
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    summary.bytes = sum(path.stat().st_size for path in directory.rglob("*") if path.is_file())
    event_record(action=Action.CONSULTATION, actor=actor, username="" if actor else SNAPSHOT_USERNAME,
                 object_type="insights.snapshot", object_id=directory.name[:64],
                 justification="National figures (aggregate only) from a Parquet snapshot.",
                 detail={"directory": str(directory), "rows": summary.rows_per_table,
                         "columns": {t.name: [name for name, _ in t.columns] for t in TABLES}})
    return summary


def snapshot_manifest(directory: Path) -> dict:
    """The snapshot's manifest: refuses a directory that is not a complete snapshot of this format."""
    path = Path(directory) / MANIFEST
    if not path.is_file():
        raise SnapshotError(f"{directory} is not a complete snapshot (no {MANIFEST}).")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT_VERSION or set(manifest.get("rows", {})) != {t.name for t in TABLES}:
        raise SnapshotError(f"{directory} holds a snapshot of another format ({manifest.get('format')!r}).")
    return manifest
