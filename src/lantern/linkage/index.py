"""Keeping the persistent blocking index (``BlockingKey``) up to date as records are saved.

Called by the cases room when a person is recorded or changed, or an identifier added, so the
live look-up finds a record the moment it is entered; each national run rebuilds the whole index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

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
    rows = [BlockingKey(person_id=person_id_of(r.unique_id), key=key)
            for r in records_for(ids) for key in sorted(stored_keys(features(r)))]
    BlockingKey.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def index_missing(records: Sequence[PersonRecord]) -> int:
    """File the records not yet in the index (those written by the bulk path); the keys added.

    Records saved through the services are filed as they are saved; a national run files the rest,
    from the records it has already read.
    """
    filed = set(BlockingKey.objects.order_by().values_list("person_id", flat=True).distinct())
    rows = [BlockingKey(person_id=person_id, key=key)
            for r in records if (person_id := person_id_of(r.unique_id)) not in filed
            for key in sorted(stored_keys(features(r)))]
    BlockingKey.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
