"""Keeping the persistent blocking index (``BlockingKey``) up to date as records are saved.

Called by the cases room when a person is recorded or changed, or an identifier added, so the
live look-up finds a record the moment it is entered; each national run rebuilds the whole index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from lantern.access.scope import across_forces
from lantern.cases.models import Person
from lantern.linkage.blocking import stored_keys
from lantern.linkage.models import BlockingKey
from lantern.linkage.normalise import features
from lantern.linkage.records import PersonRecord
from lantern.linkage.sources import person_id_of, records_for


@transaction.atomic
def index_people(person_ids: Iterable[int] | None = None) -> int:
    """File these people (every person when None) in the blocking index afresh; the number of keys."""
    if person_ids is None:
        BlockingKey.objects.all().delete()
        ids = list(across_forces(Person.objects.all(), purpose="linkage").values_list("pk", flat=True))
    else:
        ids = sorted(set(person_ids))
        BlockingKey.objects.filter(person_id__in=ids).delete()
    return _file((person_id_of(r.unique_id), key)
                 for r in records_for(ids, associates=False) for key in stored_keys(features(r)))


def index_missing(records: Sequence[PersonRecord]) -> int:
    """File the records not yet in the index (those written by the bulk path); the keys added.

    Records saved through the services are filed as they are saved; a national run files the rest,
    from the records it has already read.
    """
    filed = set(BlockingKey.objects.order_by().values_list("person_id", flat=True).distinct())
    with transaction.atomic():
        return _file((person_id, key) for r in records
                     if (person_id := person_id_of(r.unique_id)) not in filed
                     for key in stored_keys(features(r)))


def _file(rows: Iterable[tuple[int, int]]) -> int:
    """Insert (person id, key) rows in one statement per chunk: executemany, or COPY on PostgreSQL.

    Why: the index holds about forty keys a person, and ``bulk_create`` made a model instance
    of each and a multi-row INSERT of a few hundred: building the index for 100,000 persons took
    162 s. The table has no other columns and no defaults; its key column is the database's.
    """
    connection = transaction.get_connection()
    table = connection.ops.quote_name(BlockingKey._meta.db_table)
    written, chunk = 0, []
    with connection.cursor() as cursor:
        for row in rows:
            chunk.append(row)
            if len(chunk) >= _CHUNK:
                written += _send(connection.vendor, cursor, table, chunk)
                chunk = []
        written += _send(connection.vendor, cursor, table, chunk)
    return written


_CHUNK = 50_000


def _send(vendor: str, cursor: Any, table: str, chunk: list[tuple[int, int]]) -> int:
    if not chunk:
        return 0
    if vendor == "postgresql":
        with cursor.cursor.copy(f'COPY {table} ("person_id", "key") FROM STDIN') as copy:
            for row in chunk:
                copy.write_row(row)
    else:
        cursor.executemany(f'INSERT INTO {table} ("person_id", "key") VALUES (%s, %s)',  # noqa: S608  # nosec B608
                           chunk)
    return len(chunk)
