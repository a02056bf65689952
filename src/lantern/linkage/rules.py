"""The linkage room's rules: run states, officers' decisions, who is told of a connection.

Plain Python: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

from lantern.vocabulary import LabelledEnum


class RunStatus(LabelledEnum):
    QUEUED = "queued"
    RUNNING = "running"
    FINISHED = "finished"
    FAILED = "failed"


class DecisionOutcome(LabelledEnum):
    """What an officer decided about two records."""

    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    UNSURE = "unsure"

    @property
    def same(self) -> bool | None:
        """True for the same person, False for different people, None when unsure (no effect on runs)."""
        return {DecisionOutcome.CONFIRMED: True, DecisionOutcome.REJECTED: False}.get(self)


class NoticeReason(LabelledEnum):
    OFFICER_IN_CHARGE = "officer_in_charge"
    FORCE_LEAD = "force_lead"


_LABELS = {
    DecisionOutcome: {
        "confirmed": "The same person",
        "rejected": "Not the same person",
        "unsure": "Unsure",
    },
    NoticeReason: {
        "officer_in_charge": "You are the officer in charge of an investigation the record is in",
        "force_lead": "You are your force's modern slavery lead",
    },
}


def pair(left: int, right: int) -> tuple[int, int]:
    """Two records' ids in the order they are kept (lower first); the same record twice is refused."""
    if left == right:
        raise ValueError("A record cannot be matched with itself.")
    return (left, right) if left < right else (right, left)


@dataclass(frozen=True)
class Connection:
    """Why a match matters: it joins records held in different investigations, or forces."""

    cross_force: bool
    cross_investigation: bool


def connection_of(left_force: int, right_force: int, left_cases: set[int],
                  right_cases: set[int]) -> Connection:
    """A match's connection: different forces, or no investigation in common."""
    return Connection(cross_force=left_force != right_force,
                      cross_investigation=not (left_cases & right_cases))


def strength(probability: float) -> str:
    """A match's strength in words, as the officer reads it."""
    if probability >= 0.99:
        return "Very strong"
    if probability >= 0.95:
        return "Strong"
    if probability >= 0.8:
        return "Moderate"
    return "Weak"
