"""Dated legal rules: the law as it stood on the day a decision was made.

Plain Python: no Django. Laws change; a decision is judged by the rule in force on its date, and a
record decided under an old rule keeps it. The seeds (2021) describe the National Referral
Mechanism as it then stood (seed 002 §5.2: a recovery period of "a minimum of 45 days"; a
reasonable grounds test of whether the decision-maker "suspects but cannot prove"). The law moved
after they were written (DOMAIN.md, "The victim's path" point 3): a 30-day minimum from
13 December 2022, and from 30 January 2023 the statutory guidance under the Nationality and
Borders Act 2022 Part 5. Each row therefore carries its date in force and its source, and an
administrator adds a row when the law changes again (``new_rule_problems``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class RuleKey(StrEnum):
    """A rule whose content depends on the date it is applied."""

    NRM_MIN_RECOVERY_DAYS = "nrm_min_recovery_days"
    NRM_REASONABLE_GROUNDS_TEST = "nrm_reasonable_grounds_test"
    NRM_FURTHER_RECOVERY_ALLOWED = "nrm_further_recovery_allowed"
    NRM_DISQUALIFICATION_ALLOWED = "nrm_disqualification_allowed"
    NRM_IE_COMPETENT_AUTHORITY = "nrm_ie_competent_authority"

    @property
    def label(self) -> str:
        return _KEY_LABELS[self]

    @property
    def kind(self) -> ValueKind:
        return _KEY_KINDS[self]


class ValueKind(StrEnum):
    """What a rule's value text must hold."""

    DAYS = "days"
    FLAG = "flag"
    TEXT = "text"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KEY_LABELS = {
    RuleKey.NRM_MIN_RECOVERY_DAYS: "Minimum recovery period in days",
    RuleKey.NRM_REASONABLE_GROUNDS_TEST: "Reasonable grounds test",
    RuleKey.NRM_FURTHER_RECOVERY_ALLOWED: "Further recovery periods allowed",
    RuleKey.NRM_DISQUALIFICATION_ALLOWED: "Disqualification (public order, bad faith) allowed",
    RuleKey.NRM_IE_COMPETENT_AUTHORITY: "Immigration Enforcement Competent Authority may decide NRM cases",
}

_KEY_KINDS = {
    RuleKey.NRM_MIN_RECOVERY_DAYS: ValueKind.DAYS,
    RuleKey.NRM_REASONABLE_GROUNDS_TEST: ValueKind.TEXT,
    RuleKey.NRM_FURTHER_RECOVERY_ALLOWED: ValueKind.FLAG,
    RuleKey.NRM_DISQUALIFICATION_ALLOWED: ValueKind.FLAG,
    RuleKey.NRM_IE_COMPETENT_AUTHORITY: ValueKind.FLAG,
}

_KIND_LABELS = {
    ValueKind.DAYS: "A whole number of days",
    ValueKind.FLAG: "true or false",
    ValueKind.TEXT: "Text",
}

TRUE = "true"
FALSE = "false"
_WHOLE_NUMBER = re.compile(r"-?[0-9]+")


def long_date(day: date) -> str:
    """A date as people write it: 13 December 2022."""
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class DatedRule:
    """One row of the table: what ``key`` said from ``in_force_from`` onwards, and why we know."""

    key: RuleKey
    value: str
    in_force_from: date
    source: str

    def as_int(self) -> int:
        """The value as a whole number, or a ValueError naming the rule."""
        text = self.value.strip()
        if not _WHOLE_NUMBER.fullmatch(text):
            raise ValueError(
                f"The rule {self.key.value} in force from {self.in_force_from.isoformat()} "
                f"has {self.value!r}, not a whole number."
            )
        return int(text)

    def as_bool(self) -> bool:
        """The value as true or false (the text "true" or "false"), or a ValueError naming the rule."""
        if self.value not in (TRUE, FALSE):
            raise ValueError(
                f"The rule {self.key.value} in force from {self.in_force_from.isoformat()} "
                f"has {self.value!r}, not 'true' or 'false'."
            )
        return self.value == TRUE


NRM_START = date(2009, 4, 1)
RECOVERY_30_DAYS = date(2022, 12, 13)
NABA_GUIDANCE = date(2023, 1, 30)

_SEED_002 = "Hestia super-complaint report, 2021 (seed 002 §5.2)"
_NABA_PART_5 = (
    "Nationality and Borders Act 2022 Part 5; Modern Slavery Statutory Guidance v3.0, "
    "in force 30 January 2023"
)

DEFAULT_RULES: tuple[DatedRule, ...] = (
    DatedRule(
        RuleKey.NRM_MIN_RECOVERY_DAYS, "45", NRM_START,
        "Council of Europe Convention on Action against Trafficking in Human Beings, implemented by "
        f"the NRM from 1 April 2009; {_SEED_002}: 'a minimum of 45 days'",
    ),
    DatedRule(
        RuleKey.NRM_MIN_RECOVERY_DAYS, "30", RECOVERY_30_DAYS,
        "Hansard HC 13 December 2022, Modern Slavery Statutory Guidance; "
        "Nationality and Borders Act 2022 s60",
    ),
    DatedRule(
        RuleKey.NRM_REASONABLE_GROUNDS_TEST, "suspects but cannot prove", NRM_START,
        f"{_SEED_002}: whether the Single Competent Authority 'suspects but cannot prove' that the "
        "person is a potential victim",
    ),
    DatedRule(
        RuleKey.NRM_REASONABLE_GROUNDS_TEST, "reasonable grounds to believe, based on objective factors",
        NABA_GUIDANCE, _NABA_PART_5,
    ),
    DatedRule(
        RuleKey.NRM_FURTHER_RECOVERY_ALLOWED, FALSE, NRM_START,
        f"{_SEED_002} describes one recovery period, then move-on support: no further periods",
    ),
    DatedRule(RuleKey.NRM_FURTHER_RECOVERY_ALLOWED, TRUE, NABA_GUIDANCE, _NABA_PART_5),
    DatedRule(
        RuleKey.NRM_DISQUALIFICATION_ALLOWED, FALSE, NRM_START,
        f"{_SEED_002} describes no disqualification from protection",
    ),
    DatedRule(RuleKey.NRM_DISQUALIFICATION_ALLOWED, TRUE, NABA_GUIDANCE, _NABA_PART_5),
    DatedRule(
        RuleKey.NRM_IE_COMPETENT_AUTHORITY, FALSE, NRM_START,
        f"{_SEED_002}: 'All referrals made into the NRM are considered by the Single Competent Authority'",
    ),
    DatedRule(
        RuleKey.NRM_IE_COMPETENT_AUTHORITY, TRUE, NABA_GUIDANCE,
        f"{_NABA_PART_5}: referrals may be decided by the Immigration Enforcement Competent "
        "Authority as well as the Single Competent Authority",
    ),
)


class NoRuleInForce(Exception):
    """No row of the table was in force for that rule on that date."""


def _duplicates(rules: Iterable[DatedRule]) -> list[tuple[RuleKey, date]]:
    counts = Counter((rule.key, rule.in_force_from) for rule in rules)
    return sorted((pair for pair, n in counts.items() if n > 1), key=lambda p: (p[0].value, p[1]))


def _duplicate_message(key: RuleKey, day: date) -> str:
    return (
        f"There is more than one row for '{key.label}' in force from {long_date(day)}: "
        "a rule can say only one thing on a date."
    )


def rule_in_force(rules: Iterable[DatedRule], key: RuleKey, on: date) -> DatedRule:
    """The row for ``key`` with the latest ``in_force_from`` that is not after ``on``.

    Raises NoRuleInForce when no row applies, and ValueError when the table holds two rows for
    ``key`` from the same date (the table is wrong and no answer can be trusted).
    """
    rows = [rule for rule in rules if rule.key is key]
    duplicates = _duplicates(rows)
    if duplicates:
        raise ValueError(" ".join(_duplicate_message(k, day) for k, day in duplicates))
    in_force = [rule for rule in rows if rule.in_force_from <= on]
    if not in_force:
        raise NoRuleInForce(f"No rule for {key.value} ({key.label}) was in force on {on.isoformat()}.")
    return max(in_force, key=lambda rule: rule.in_force_from)


def value_problem(key: RuleKey, value: str) -> str | None:
    """Why ``value`` cannot be the text of rule ``key``, or None if it can."""
    kind = key.kind
    if kind is ValueKind.DAYS:
        text = value.strip()
        if not _WHOLE_NUMBER.fullmatch(text) or int(text) < 1:
            return f"The value for '{key.label}' must be a whole number of days, such as 30."
    elif kind is ValueKind.FLAG:
        if value not in (TRUE, FALSE):
            return f"The value for '{key.label}' must be 'true' or 'false'."
    elif not value.strip():
        return f"The value for '{key.label}' must be written out: it cannot be empty."
    return None


def table_problems(rules: Iterable[DatedRule]) -> list[str]:
    """What is wrong with a table of rules: two rows for one key and date, or a value of the wrong kind."""
    rows = list(rules)
    problems = [_duplicate_message(key, day) for key, day in _duplicates(rows)]
    for rule in rows:
        problem = value_problem(rule.key, rule.value)
        if problem:
            where = f"the row in force from {long_date(rule.in_force_from)}"
            problems.append(f"{problem.removesuffix('.')} ({where}).")
    return problems


RETROSPECTIVE_LIMIT_YEARS = 10


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def new_rule_problems(existing: Iterable[DatedRule], candidate: DatedRule, today: date) -> list[str]:
    """Why an administrator's new row must be refused, in words they can act on; empty if it may be added.

    Rows are added as the law changes, never written backwards: a decision already recorded keeps
    the rule that was in force on its date, so a new row may not come before the latest row for
    its key.
    """
    problems: list[str] = []
    if not candidate.source.strip():
        problems.append("Give the source: the Act, section or guidance that makes this the law.")
    problem = value_problem(candidate.key, candidate.value)
    if problem:
        problems.append(problem)
    same_key = [rule for rule in existing if rule.key is candidate.key]
    if any(rule.in_force_from == candidate.in_force_from for rule in same_key):
        problems.append(
            f"There is already a row for '{candidate.key.label}' in force from "
            f"{long_date(candidate.in_force_from)}: change the law by adding a row with a new date."
        )
    limit = _years_before(today, RETROSPECTIVE_LIMIT_YEARS)
    if candidate.in_force_from < limit:
        problems.append(
            f"The date in force, {long_date(candidate.in_force_from)}, is more than "
            f"{RETROSPECTIVE_LIMIT_YEARS} years ago: rules are added as the law changes, "
            "not rewritten backwards."
        )
    if same_key:
        latest = max(same_key, key=lambda rule: rule.in_force_from)
        if candidate.in_force_from < latest.in_force_from:
            problems.append(
                f"The latest row for '{candidate.key.label}' is in force from "
                f"{long_date(latest.in_force_from)}; a new row cannot come before it, because records "
                "decided under the old rule must keep it."
            )
    return problems
