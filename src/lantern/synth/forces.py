"""The police forces the generator plans for, their regions, and each one's published victims.

Plain Python: no Django. Where a force has NRM statistics (the police first-responder tables,
2022 Q2 to Q4), its victims are drawn from its own joint distribution of nationality, gender, age
group and exploitation type; other forces draw from all police in England and Wales (``ALL_POLICE``).
"""

from __future__ import annotations

import json
from functools import cache

from lantern.synth.nrm_statistics import (
    ORGANISATIONS_FILE,
    JointDistribution,
    QuarterTable,
    joint_distribution,
    match_first_responders,
    read_police_quarter,
)

STATISTICS_QUARTERS = ((2022, 2), (2022, 3), (2022, 4))
POLICE_KINDS = ("territorial_force", "special_force")
ALL_POLICE = ""  # the distribution key for a force without statistics of its own


@cache
def _organisations(organisations: str = str(ORGANISATIONS_FILE)) -> tuple[dict[str, str], ...]:
    with open(organisations, encoding="utf-8") as handle:
        return tuple(json.load(handle))


def police_forces(organisations: str = str(ORGANISATIONS_FILE)) -> tuple[str, ...]:
    """The 43 territorial forces and BTP, by organisation code."""
    return tuple(o["code"] for o in _organisations(organisations) if o.get("kind") in POLICE_KINDS)


def regions(organisations: str = str(ORGANISATIONS_FILE)) -> dict[str, str]:
    """Each organisation's region, by organisation code ("national" for BTP and national bodies)."""
    return {o["code"]: o.get("region") or "national" for o in _organisations(organisations)}


def _merged(tables: list[QuarterTable]) -> QuarterTable:
    totals: dict[str, int] = {}
    for table in tables:
        for name, count in table.published_totals.items():
            totals[name] = totals.get(name, 0) + count
    return QuarterTable("+".join(t.source for t in tables),
                        tuple(c for t in tables for c in t.cells), totals)


@cache
def force_distributions() -> dict[str, JointDistribution]:
    """Each police force's joint distribution where it has statistics, and all police under ""."""
    table = _merged([read_police_quarter(y, q) for y, q in STATISTICS_QUARTERS])
    matched = match_first_responders(table.first_responders())
    forces = set(police_forces())
    by_force = {code: joint_distribution(table, name) for name, code in matched.codes.items()
                if code in forces and table.total(name) > 0}
    by_force[ALL_POLICE] = joint_distribution(table, [n for n, c in matched.codes.items() if c in forces])
    return by_force


