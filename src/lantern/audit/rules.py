"""The audit trail's vocabulary and its hash chain (Data Protection Act 2018 s62).

Plain Python: no Django. Each event's hash covers its own fields and the previous event's hash, so
altering, removing or reordering any event breaks every hash after it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

GENESIS_HASH = "0" * 64


class Action(StrEnum):
    """What was done. The first six are the processing operations DPA 2018 s62 requires logged."""

    COLLECTION = "collection"
    ALTERATION = "alteration"
    CONSULTATION = "consultation"
    DISCLOSURE = "disclosure"
    COMBINATION = "combination"
    ERASURE = "erasure"
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_OUT = "sign_out"
    ACCESS_REFUSED = "access_refused"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


# Actions that must say why (a justification) or to whom (a recipient).
NEEDS_RECIPIENT = frozenset({Action.DISCLOSURE})


@dataclass(frozen=True)
class ChainedFields:
    """The fields of one event that its hash covers, in their stored form."""

    sequence: int
    occurred_at: datetime
    action: str
    user_id: int | None
    username: str
    organisation_id: int | None
    organisation_name: str
    object_type: str
    object_id: str
    justification: str
    recipient: str
    detail: Mapping[str, Any]
    previous_hash: str

    def canonical(self) -> bytes:
        """A byte string that is the same for the same event on any database."""
        return json.dumps(
            {
                "sequence": self.sequence,
                "occurred_at": self.occurred_at.isoformat(timespec="microseconds"),
                "action": self.action,
                "user_id": self.user_id,
                "username": self.username,
                "organisation_id": self.organisation_id,
                "organisation_name": self.organisation_name,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "justification": self.justification,
                "recipient": self.recipient,
                "detail": self.detail,
                "previous_hash": self.previous_hash,
            },
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=True,
        ).encode()


def event_hash(fields: ChainedFields) -> str:
    """The SHA-256 hash that seals one event onto the chain."""
    return hashlib.sha256(fields.canonical()).hexdigest()


@dataclass(frozen=True)
class StoredEvent:
    fields: ChainedFields
    stored_hash: str


@dataclass(frozen=True)
class ChainVerdict:
    intact: bool
    events_checked: int
    problem: str = ""
    first_bad_sequence: int | None = None


def chain_verify(
    events: Iterable[StoredEvent], *, head_sequence: int, head_hash: str
) -> ChainVerdict:
    """Check events in sequence order against each other and against the recorded chain head.

    Finds an event altered (its hash no longer matches), removed (a gap in the sequence, or the
    head pointing past the last event), or inserted out of order (its previous hash is not its
    predecessor's).
    """
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    for event in events:
        f = event.fields
        if f.sequence != expected_sequence:
            return ChainVerdict(
                False, checked,
                f"event {expected_sequence} is missing: the next stored event is {f.sequence}",
                expected_sequence,
            )
        if f.previous_hash != expected_previous:
            return ChainVerdict(
                False, checked,
                f"event {f.sequence} does not follow event {f.sequence - 1}: "
                "it was inserted out of order or its predecessor was altered",
                f.sequence,
            )
        if event_hash(f) != event.stored_hash:
            return ChainVerdict(
                False, checked, f"event {f.sequence} was altered after it was recorded", f.sequence
            )
        expected_previous = event.stored_hash
        expected_sequence += 1
        checked += 1
    last_sequence = expected_sequence - 1
    if head_sequence == last_sequence and head_hash != expected_previous:
        return ChainVerdict(
            False, checked,
            f"event {last_sequence} does not match the chain head: it was replaced",
            last_sequence,
        )
    if head_sequence != last_sequence:
        return ChainVerdict(
            False, checked,
            f"the chain head records {head_sequence} events but {last_sequence} remain: "
            "events were removed from the end",
            last_sequence + 1,
        )
    return ChainVerdict(True, checked)
