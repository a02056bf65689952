"""The live look-up's keys block exactly the pairs the batch run's blocking rules would."""

from __future__ import annotations

from datetime import date
from itertools import combinations, product
from typing import Any

from lantern.linkage.blocking import RULES, lookup_keys, stored_keys
from lantern.linkage.normalise import features
from lantern.linkage.records import PersonRecord

RECORDS = [
    PersonRecord("a", given_name="Arben", family_name="Hoxha", date_of_birth=date(1985, 3, 4),
                 phones=("07700 900461",), addresses=("12 Mill Road, Leeds LS1 4AP",), towns=("Leeds",)),
    PersonRecord("b", given_name="Hoxha", family_name="Arben", date_of_birth=date(1985, 4, 3)),  # swapped
    PersonRecord("c", given_name="Tony", family_name="Nguyen", aliases=("Van Minh Nguyen",),
                 date_of_birth=date(1990, 5, 6), towns=("Hull",)),
    PersonRecord("d", given_name="Van Minh", family_name="Nguyen", date_of_birth=date(1990, 5, 6),
                 towns=("Hull",)),
    PersonRecord("e", given_name="Maria", family_name="Nowak", phones=("+44 7700 900461",)),  # a's phone
    PersonRecord("f", given_name="Marija", family_name="Nowak", addresses=("12 Mill Rd, Leeds, LS14AP",)),
    PersonRecord("g", given_name="Zebedee", family_name="Quartermaine"),
    PersonRecord("h", given_name="A", family_name="H", date_of_birth=date(1985, 3, 4), towns=("Leeds",)),
]


def _options(row: dict[str, Any], column: str, exploded: frozenset[str]) -> list[Any]:
    value = row.get(column)
    if value is None or value == []:
        return []
    return list(value) if column in exploded else [value]


def _blocked(x: dict[str, Any], y: dict[str, Any]) -> bool:
    """Whether any rule's SQL, evaluated here, puts x (as l) and y (as r) in one block."""
    for rule in RULES:
        lefts = [_options(x, left, rule.exploded) for left, _ in rule.terms]
        rights = [_options(y, right, rule.exploded) for _, right in rule.terms]
        if any(all(a == b for a, b in zip(ls, rs, strict=True))
               for ls in product(*lefts) for rs in product(*rights)):
            return True
    return False


def test_shared_keys_are_exactly_the_blocking_rules_pairs() -> None:
    rows = [{**features(r), "dob_swapped": None} for r in RECORDS]  # the look-up's one widening apart
    for x, y in combinations(rows, 2):
        by_rules = _blocked(x, y) or _blocked(y, x)
        by_keys = bool(lookup_keys(x) & stored_keys(y))
        assert by_keys == by_rules, (x["unique_id"], y["unique_id"])
        assert bool(lookup_keys(y) & stored_keys(x)) == by_rules


def test_the_variations_the_look_up_must_catch_are_blocked() -> None:
    rows = {r.unique_id: dict(features(r)) for r in RECORDS}

    def meets(a: str, b: str) -> bool:
        return bool(lookup_keys(rows[a]) & stored_keys(rows[b]))
    assert meets("b", "a")  # names the other way round, and the date's day and month swapped
    assert meets("c", "d")  # an alias
    assert meets("e", "a")  # a phone written another way
    assert meets("f", "a")  # the address abbreviated, the postcode run together
    assert not meets("g", "a")


def test_keys_hold_no_personal_data() -> None:
    keys = stored_keys(features(RECORDS[0])) | lookup_keys(features(RECORDS[0]))
    assert keys and all(isinstance(k, int) and -(2**63) <= k < 2**63 for k in keys)
