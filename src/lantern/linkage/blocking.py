"""The persistent blocking index's keys: what a new record is looked up by, before it is saved.

Plain Python. The keys are derived from the batch run's own blocking rules
(``model.BLOCKING_RULES``), so two records share a key exactly when one of those rules would put
them in the same block, and the live look-up considers the pairs the batch run would. Each rule is
a conjunction of equalities ``l.A = r.B``; a list column named in the rule's ``arrays_to_explode``
gives one key per value (per combination, for two). A record is filed under each rule's values
read from the right-hand columns ("R") and from the left-hand ones ("L"); a new record is looked up
the other way round, so a rule that crosses columns (given name against family name, alias against
name) is followed in either direction. Keys are 64-bit hashes (BLAKE2b), never the names, phones or
dates themselves, so the index repeats no personal data.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

from lantern.linkage.model import BLOCKING_RULES, BORN_NEAR

Row = Mapping[str, Any]
_TERM = re.compile(r"^\s*l\.(\w+)\s*=\s*r\.(\w+)\s*$")


@dataclass(frozen=True)
class Rule:
    """One blocking rule as (left column, right column) pairs, and the list columns it explodes."""

    number: int
    terms: tuple[tuple[str, str], ...]
    exploded: frozenset[str]


def parse_rule(number: int, rule: Mapping[str, Any]) -> Rule:
    """A blocking rule's equalities; anything else is refused, so a new kind of rule is noticed.

    ``model.BORN_NEAR`` is not a key: the look-up's candidates are scored, and the birth years
    weighed, by the model itself.
    """
    terms = []
    for part in re.split(r"\s+AND\s+", rule["blocking_rule"].removesuffix(BORN_NEAR)):
        found = _TERM.match(part)
        if found is None:
            raise ValueError(f"Blocking rule {number} is not a conjunction of l.x = r.y: {part!r}")
        terms.append((found.group(1), found.group(2)))
    return Rule(number, tuple(terms), frozenset(rule.get("arrays_to_explode", ())))


RULES: tuple[Rule, ...] = tuple(parse_rule(n, rule) for n, rule in enumerate(BLOCKING_RULES))


def _hash(*parts: object) -> int:
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _values(row: Row, columns: Sequence[str], exploded: frozenset[str]) -> Iterable[tuple[Any, ...]]:
    """Every combination of the columns' values (a list column exploded); none if any is missing."""
    choices = []
    for column in columns:
        value = row.get(column)
        if value is None or value == []:
            return ()
        choices.append(list(dict.fromkeys(value)) if column in exploded else [value])
    return product(*choices)


def _keys(row: Row, *, looking_up: bool) -> set[int]:
    keys: set[int] = set()
    for rule in RULES:
        lefts = [left for left, _ in rule.terms]
        rights = [right for _, right in rule.terms]
        for side, columns in (("R", rights), ("L", lefts)):
            # Filed under R from the right-hand columns; a look-up reads R from the left-hand ones.
            read = (lefts if side == "R" else rights) if looking_up else columns
            keys.update(_hash(rule.number, side, *values) for values in _values(row, read, rule.exploded))
    return keys


def stored_keys(row: Row) -> set[int]:
    """The keys a record is filed under (``row`` is ``normalise.features(record)``)."""
    return _keys(row, looking_up=False)


def lookup_keys(row: Row) -> set[int]:
    """The keys to look a new record up by: a stored record shares one exactly when a rule blocks them.

    One widening beyond the batch rules: the date of birth is also looked up with day and month
    swapped, the commonest slip in a date typed at the roadside. The batch run finds most such
    pairs through a shared phone or address, which a person being typed does not have yet.
    """
    keys = _keys(row, looking_up=True)
    if row.get("dob_swapped"):
        keys |= _keys({**row, "dob": row["dob_swapped"]}, looking_up=True)
    return keys
