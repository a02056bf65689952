"""Every table's row count and a checksum of its rows in primary-key order: what a restore must
give back exactly. Used by the round-trip test and by ``benchmarks/backup_restore.py``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import connection


@dataclass(frozen=True)
class TableSum:
    rows: int
    sha256: str


def table_sums() -> dict[str, TableSum]:
    """Each table of the database (Django's and every room's) with its rows and their checksum."""
    quote = connection.ops.quote_name
    sums: dict[str, TableSum] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table.startswith("sqlite_"):
                continue
            keys = connection.introspection.get_primary_key_columns(cursor, table) or [
                column.name for column in connection.introspection.get_table_description(cursor, table)]
            order = ", ".join(quote(k) for k in keys)
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {order}")  # noqa: S608  # nosec B608
            digest, rows = hashlib.sha256(), 0
            while batch := cursor.fetchmany(5000):
                for row in batch:
                    digest.update(repr(tuple(row)).encode())
                    digest.update(b"\n")
                rows += len(batch)
            sums[table] = TableSum(rows, digest.hexdigest())
    return sums
