"""Events appended from many threads at once still form one gapless, verifiable chain."""

import threading

import pytest
from django.db import connection, connections

from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.audit.services import chain_check, event_record

THREADS = 6
EVENTS_EACH = 15


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_the_chain_gapless_and_intact() -> None:
    if connection.vendor == "sqlite":
        pytest.skip("in-memory SQLite shares one connection across threads; PostgreSQL runs this")
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def append(worker: int) -> None:
        try:
            start.wait()
            for i in range(EVENTS_EACH):
                event_record(action=Action.CONSULTATION, actor=None, username=f"w{worker}",
                             object_type="test.item", object_id=str(i))
        except BaseException as failure:  # reported to the main thread
            errors.append(failure)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=append, args=(n,)) for n in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    sequences = list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, THREADS * EVENTS_EACH + 1))
    verdict = chain_check()
    assert verdict.intact and verdict.events_checked == THREADS * EVENTS_EACH
