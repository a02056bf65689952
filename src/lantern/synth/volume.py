"""How many NRM referrals each month holds, police and other first responders: the plan's volume.

Plain Python: no Django. The national curve comes from the Home Office NRM statistics'
longitudinal table (referrals per quarter and age group, all first responders, UK-wide;
``reference/nrm_referrals_longitudinal.csv``), split between police and other first responders
by the police share of each year, which the seeds publish for some years:

| year | police share | source |
|---|---|---|
| 2015-2017 | 0.25 | derived: seed 004 §6, 28% of 40,418 referrals 2015-2020, less 2018-2020's below |
| 2018 | 0.30 | seed 002 §12.13 ("around 30 percent came from the police in 2018") |
| 2019 | 2,748 referrals | seed 004 §5 Table 1 (police referrals to the NRM, calendar year) |
| 2020 | 3,431 referrals | seed 004 §5 Table 1 |
| 2021 on | 0.28 | seed 004 §6 (the 2015-2020 police share); no later figure in the seeds |

Years after the table ends (2023 Q4) repeat its last year, quarter by quarter. Each quarter is
split evenly across its months. At ``--scale national`` (no ``--persons``) the plan takes these
counts as they are; any other size scales the whole curve, so a demo has the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from lantern.synth.nrm_statistics import AgeGroup, read_longitudinal

# Published police referrals to the NRM by calendar year (seed 004 §5 Table 1).
POLICE_REFERRALS = {2019: 2748, 2020: 3431}
# The police share of all referrals where only a share is published (see the module docstring).
POLICE_SHARE = {2015: 0.25, 2016: 0.25, 2017: 0.25, 2018: 0.30}
LATER_POLICE_SHARE = 0.28


@dataclass(frozen=True, slots=True)
class MonthVolume:
    """One calendar month (cut at today) and the referrals published for it, police and others."""

    start: date
    end: date
    police_referrals: float
    other_referrals: float
    other_children: float  # of ``other_referrals``, children at exploitation

    @property
    def referrals(self) -> float:
        return self.police_referrals + self.other_referrals


@cache
def _quarters() -> dict[tuple[int, int], tuple[int, int]]:
    """(year, quarter) -> (all referrals, children), from the longitudinal table."""
    quarters: dict[tuple[int, int], list[int]] = {}
    for row in read_longitudinal():
        counts = quarters.setdefault((row.year, row.quarter), [0, 0])
        counts[0] += row.referrals
        if row.age_group is AgeGroup.CHILD:
            counts[1] += row.referrals
    return {key: (total, children) for key, (total, children) in quarters.items()}


def quarter_referrals(year: int, quarter: int) -> tuple[int, int]:
    """All referrals and children in a quarter; after the table ends, the same quarter of its last year."""
    table = _quarters()
    last = max(y for y, _ in table)
    return table[(min(year, last), quarter)]


def police_share(year: int) -> float:
    """The share of a year's referrals made by police first responders."""
    if year in POLICE_REFERRALS:
        total = sum(quarter_referrals(year, q)[0] for q in range(1, 5))
        return POLICE_REFERRALS[year] / total
    return POLICE_SHARE.get(year, LATER_POLICE_SHARE)


def months(from_year: int, to_year: int, today: date, *, police_child_share: float) -> list[MonthVolume]:
    """Every month from January ``from_year`` to December ``to_year``, none after ``today``.

    ``police_child_share`` is the share of police referrals that are children (from the police
    statistics the plan draws victims from): the other first responders make up the rest of the
    quarter's published children, never fewer than none nor more than all their referrals.
    """
    result: list[MonthVolume] = []
    for year in range(from_year, to_year + 1):
        share = police_share(year)
        for month in range(1, 13):
            start = date(year, month, 1)
            if start > today:
                return result
            end = (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - timedelta(days=1)
            total, children = quarter_referrals(year, (month - 1) // 3 + 1)
            police, other = total * share / 3, total * (1 - share) / 3
            other_children = min(other, max(0.0, children / 3 - police * police_child_share))
            result.append(MonthVolume(start, min(end, today), police, other, other_children))
    return result
