"""Insert model instances as ``bulk_create`` would, with keys reserved first and one prepared statement.

Why: ``bulk_create`` compiles a multi-row ``INSERT`` per chunk (on SQLite only 999 parameters, so
about 20 rows of a wide model) and converts every value through four or five method calls: the
bulk writer's inserts ran at about 21,000 rows/s on either database. Here the primary keys are
reserved up front, the values are converted column by column, and the rows go to the database in
one ``executemany`` (SQLite) or one ``COPY ... FROM STDIN`` (PostgreSQL, psycopg 3; its
``executemany`` measured no faster than ``bulk_create`` there), about 55,000 rows/s on both
(``benchmarks/generate_bulk.py``, "inserts alone").

The rows are the ones ``bulk_create`` writes: the same fields (concrete, local, not generated,
the auto primary key given explicitly), each value from ``field.pre_save(obj, add=True)`` (so
``auto_now_add`` holds, or not while ``bulk._dated`` turns it off) and then
``field.get_db_prep_save(value, connection)``, except where ``fast_columns`` proves that call
returns the value unchanged or reduces to the backend adapter. Afterwards each object has its
``pk`` and ``_state`` set as ``bulk_create`` leaves them. Anything this module does not know
(another backend, a key that is not an auto id, a field type not listed in ``fast_columns``, a
database default, an expression as a value, an object that already has a key) goes to
``bulk_create`` instead, before anything is written.

It must run inside ``transaction.atomic()``: on SQLite the keys come from the table's maximum and
``sqlite_sequence``, which only an open write transaction keeps from moving; on PostgreSQL they
come from the sequence (``nextval``), safe beside other writers, and a rollback leaves only a gap.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from typing import Any

from django.db import models, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.fields import AutoField

from lantern.collector import paused
from lantern.synth.fast_columns import Column, Unsupported, column_for

__all__ = ["collector_paused", "insert_rows"]

VENDORS = ("sqlite", "postgresql")


class _Fallback(Exception):
    """These objects are for ``bulk_create``: found before anything is written."""


def insert_rows(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """Insert ``objs`` (all new, of ``model``) as ``bulk_create`` would; set their keys and state.

    Raises ``TransactionManagementError`` outside ``transaction.atomic()``.
    """
    alias = router.db_for_write(model)
    connection = transaction.get_connection(alias)
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError(
            "insert_rows reserves primary keys and must run inside transaction.atomic().")
    objs = list(objs)
    if not objs:
        return
    try:
        table, pk, columns = _columns(model, connection)
        with collector_paused():
            values = _values(objs, columns)
            keys = _reserve(connection, table, pk.column, len(objs))
    except _Fallback:
        model._default_manager.db_manager(alias).bulk_create(objs)
        return
    qn = connection.ops.quote_name
    names = ", ".join(qn(c) for c in (pk.column, *(column.field.column for column in columns)))
    with collector_paused():
        _write(connection, f"{qn(table)} ({names})", len(columns) + 1,
               list(zip(keys, *values, strict=True)))
    for obj, key in zip(objs, keys, strict=True):
        setattr(obj, pk.attname, key)
        obj._state.adding = False
        obj._state.db = alias


# One batch's rows built and sent with the collector paused (see ``lantern.collector``).
collector_paused = paused


def _columns(model: type[models.Model], connection: BaseDatabaseWrapper,
             ) -> tuple[str, models.Field[Any, Any], list[Column]]:
    """The table, its auto key, and a converter per other column, as ``bulk_create`` chooses them."""
    opts = model._meta
    pk = opts.pk
    if (connection.vendor not in VENDORS or opts.proxy or opts.parents or opts.private_fields
            or pk is None or not isinstance(pk, AutoField) or opts.db_returning_fields != [pk]):
        raise _Fallback
    try:
        columns = [column_for(f, connection) for f in opts.concrete_fields if f is not pk]
    except Unsupported as unsupported:
        raise _Fallback from unsupported
    return opts.db_table, pk, columns


def _values(objs: list[models.Model], columns: list[Column]) -> list[Sequence[Any]]:
    """Each column's values for the database, in order; ``_Fallback`` if ``bulk_create`` must do it."""
    for obj in objs:
        if obj.pk is not None:
            raise _Fallback
        if obj._state.fields_cache:  # a related instance was assigned: bulk_create's checks and ids
            obj._prepare_related_fields_for_save(operation_name="bulk_create")  # type: ignore[attr-defined]
    names = [column.field.attname for column in columns]
    if len(names) == 1:
        raw: list[Sequence[Any]] = [[getattr(obj, names[0]) for obj in objs]]
    else:
        raw = list(zip(*map(attrgetter(*names), objs), strict=True))
    try:
        return [column.values(objs, got) for column, got in zip(columns, raw, strict=True)]
    except Unsupported as unsupported:
        raise _Fallback from unsupported


def _reserve(connection: BaseDatabaseWrapper, table: str, pk_column: str, count: int) -> list[int]:
    """``count`` new primary keys for ``table``, in increasing order."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [qn(table), pk_column])
            sequence = cursor.fetchone()[0]
            if sequence is None:
                raise _Fallback
            cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count])
            return sorted(row[0] for row in cursor.fetchall())
        # SQLite: the next rowid AUTOINCREMENT would give is one past both the largest key now in
        # the table and the largest ever handed out (sqlite_sequence, which remembers deleted rows).
        cursor.execute(f"SELECT max({qn(pk_column)}) FROM {qn(table)}")  # noqa: S608 (names, not data)  # nosec B608
        top = cursor.fetchone()[0] or 0
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'")
        if cursor.fetchone() is not None:
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            seen = cursor.fetchone()
            top = max(top, seen[0] if seen else 0)
    return list(range(top + 1, top + 1 + count))


def _write(connection: BaseDatabaseWrapper, target: str, width: int, rows: list[tuple[Any, ...]]) -> None:
    """The rows into ``target`` ("table (columns)"): COPY on PostgreSQL, executemany on SQLite.

    SQLite records explicitly given keys of an AUTOINCREMENT table in ``sqlite_sequence`` itself,
    so a later ordinary insert still gets a fresh key.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with connection.wrap_database_errors, cursor.cursor.copy(f"COPY {target} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * width)
            cursor.executemany(f"INSERT INTO {target} VALUES ({marks})", rows)  # noqa: S608 (names, not data)  # nosec B608
