"""The hash chain, as plain Python: every kind of tampering is found."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from lantern.audit.rules import (
    GENESIS_HASH,
    ChainedFields,
    StoredEvent,
    chain_verify,
    event_hash,
)

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def chain(n: int) -> list[StoredEvent]:
    events, previous = [], GENESIS_HASH
    for i in range(1, n + 1):
        fields = ChainedFields(
            sequence=i, occurred_at=START + timedelta(seconds=i), action="consultation",
            user_id=7, username="investigator", organisation_id=3,
            organisation_name="West Yorkshire Police", object_type="accounts.user",
            object_id=str(i), justification="", recipient="", detail={"view": "people"},
            previous_hash=previous,
        )
        previous = event_hash(fields)
        events.append(StoredEvent(fields, previous))
    return events


def verify(events: list[StoredEvent], head: StoredEvent | None) -> object:
    return chain_verify(events, head_sequence=head.fields.sequence if head else 0,
                        head_hash=head.stored_hash if head else GENESIS_HASH)


def test_an_untouched_chain_is_intact() -> None:
    events = chain(5)
    verdict = verify(events, events[-1])
    assert verdict.intact and verdict.events_checked == 5  # type: ignore[attr-defined]


def test_an_empty_chain_is_intact() -> None:
    assert chain_verify([], head_sequence=0, head_hash=GENESIS_HASH).intact


def test_the_hash_does_not_depend_on_key_order_in_detail() -> None:
    a = chain(1)[0].fields
    b = replace(a, detail={"b": 2, "a": 1})
    c = replace(a, detail={"a": 1, "b": 2})
    assert event_hash(b) == event_hash(c)


@given(st.integers(min_value=1, max_value=8), st.data())
def test_any_altered_field_in_any_event_is_found(n: int, data: st.DataObject) -> None:
    events = chain(n)
    head = events[-1]
    i = data.draw(st.integers(min_value=0, max_value=n - 1))
    field = data.draw(st.sampled_from(["username", "object_id", "justification", "action"]))
    tampered = replace(events[i].fields, **{field: "tampered"})
    events[i] = StoredEvent(tampered, events[i].stored_hash)
    verdict = verify(events, head)
    assert not verdict.intact  # type: ignore[attr-defined]
    assert verdict.first_bad_sequence == i + 1  # type: ignore[attr-defined]


def test_an_altered_event_rehashed_is_found_by_its_successor() -> None:
    events = chain(4)
    forged = replace(events[1].fields, username="someone-else")
    events[1] = StoredEvent(forged, event_hash(forged))
    verdict = verify(events, events[-1])
    assert not verdict.intact and "does not follow" in verdict.problem  # type: ignore[attr-defined]


def test_a_removed_event_is_found() -> None:
    events = chain(5)
    head = events[-1]
    del events[2]
    verdict = verify(events, head)
    assert not verdict.intact and "event 3 is missing" in verdict.problem  # type: ignore[attr-defined]


def test_events_removed_from_the_end_are_found_by_the_head() -> None:
    events = chain(5)
    verdict = verify(events[:3], events[-1])
    assert not verdict.intact and "removed from the end" in verdict.problem  # type: ignore[attr-defined]


def test_events_swapped_out_of_order_are_found() -> None:
    events = chain(4)
    a, b = events[1], events[2]
    events[1] = StoredEvent(replace(b.fields, sequence=2), b.stored_hash)
    events[2] = StoredEvent(replace(a.fields, sequence=3), a.stored_hash)
    assert not verify(events, events[-1]).intact  # type: ignore[attr-defined]


def test_an_event_inserted_in_the_middle_is_found() -> None:
    events = chain(3)
    intruder = replace(events[1].fields, object_id="99")
    events.insert(2, StoredEvent(intruder, event_hash(intruder)))
    assert not verify(events, events[-1]).intact  # type: ignore[attr-defined]
