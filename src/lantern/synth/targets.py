"""The calibration table: the published figures the synthetic generator must reproduce.

Plain Python: no Django. Each row is one published figure for one calendar year, with the seed
it comes from (``shared/seeds/``; DOMAIN.md "Governance and performance" is the map). Shares and
rates are fractions (71.9% is ``0.719``). ``tolerance`` is a fraction of the expected value: a
seeded generator draws its events, so it lands near a published count, not on it; 5% is the
band the generator issue sets. "Over half" figures are lower bounds (``Bound.OVER``), kept
strict (tolerance 0): the seed says only that the share exceeds one half.

What is measured is keyed ``"<key>:<year>"`` (``Target.name``), e.g.
``{"cps.conviction_rate:2020": 0.741}``; ``check`` reports every target missed, and a target
with no measurement is a miss too (pass a subset of ``TARGETS`` to check only some).

Reconciled between the seeds: the "about 43% children" share is for **2019**, with 10,619
referrals (seed 002 §12.13, citing the NRM end of year summary 2019); the 10,613 total is for
**2020** (seed 004 §6). The NRM statistics' own longitudinal table, as revised to 2023 Q4, gives
10,606 (42.9% children) for 2019 and 10,582 (47.4% children) for 2020: within tolerance of the
totals, and the 2020 child share is not 43%. The "over 50%" criminal exploitation, "around 40%"
county lines and "over 50%" British shares describe the MSOICU investigations database as the
2020/21 report went to press (seed 004 §6); they are placed in 2020, the report's latest
calendar year.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

# The generator issue's band for a drawn figure against its published value.
DEFAULT_TOLERANCE = 0.05

_SEED_002 = "Hestia super-complaint report 2021 (seed 002)"
_SEED_004 = "MSOIC Programme annual report 2020/21 (seed 004)"
_TABLE_1 = f"{_SEED_004} §5 Table 1"


class Bound(StrEnum):
    """How a measured figure is held against a target's value."""

    ABOUT = "about"  # within tolerance x |value| of the value, either side
    OVER = "over"  # above value x (1 - tolerance); with tolerance 0, strictly above the value


@dataclass(frozen=True, slots=True)
class Target:
    """One published figure for one calendar year, with where it was published."""

    key: str
    year: int
    value: float
    unit: str
    tolerance: float
    source: str
    bound: Bound = Bound.ABOUT

    def __post_init__(self) -> None:
        if not math.isfinite(self.value) or not 0 <= self.tolerance < 1:
            raise ValueError(f"target {self.key} {self.year}: bad value or tolerance")

    @property
    def name(self) -> str:
        """The key a measurement of this target goes under in ``check``'s mapping."""
        return f"{self.key}:{self.year}"

    def accepts(self, measured: float) -> bool:
        """Whether a measured figure meets this target."""
        if not math.isfinite(measured):
            return False
        if self.bound is Bound.OVER:
            return measured > self.value * (1 - self.tolerance)
        return abs(measured - self.value) <= self.tolerance * abs(self.value)

    def describe(self) -> str:
        """The expectation in words, e.g. "2748 referrals ± 5%" or "over 0.5 share"."""
        if self.bound is Bound.OVER:
            floor = self.value * (1 - self.tolerance)
            return f"over {floor:g} {self.unit}"
        return f"{self.value:g} {self.unit} ± {self.tolerance:.0%}"


@dataclass(frozen=True, slots=True)
class Miss:
    """A target the measured figures did not meet; ``measured`` is None when nothing was measured."""

    target: Target
    measured: float | None

    def __str__(self) -> str:
        got = "not measured" if self.measured is None else f"measured {self.measured:g}"
        return f"{self.target.name}: {got}, expected {self.target.describe()} ({self.target.source})"


def _pair(key: str, unit: str, values: tuple[float, float], source: str) -> tuple[Target, Target]:
    """Table 1's calendar years 2019 and 2020 for one metric."""
    first, second = values
    return (
        Target(key, 2019, first, unit, DEFAULT_TOLERANCE, source),
        Target(key, 2020, second, unit, DEFAULT_TOLERANCE, source),
    )


TARGETS: tuple[Target, ...] = (
    # Seed 004 §5 Table 1, calendar years; outcomes counted by the year the offence was recorded.
    *_pair("investigations.live_monthly_average", "live investigations (average of monthly counts)",
           (1534, 1952), _TABLE_1),
    *_pair("nrm.police_referrals", "police referrals to the NRM", (2748, 3431), _TABLE_1),
    *_pair("cps.police_referrals", "police referrals to the CPS for modern slavery offences",
           (275, 331), _TABLE_1),
    *_pair("cps.flagged_defendants", "CPS-flagged modern slavery defendants", (349, 267), _TABLE_1),
    *_pair("cps.conviction_rate", "share of CPS-flagged defendants convicted", (0.719, 0.738), _TABLE_1),
    # All first responders; 2019 from the NRM end of year summary 2019 as seed 002 quotes it.
    Target("nrm.referrals", 2019, 10619, "NRM referrals (all first responders)", DEFAULT_TOLERANCE,
           f"{_SEED_002} §12.13"),
    Target("nrm.referrals", 2020, 10613, "NRM referrals (all first responders)", DEFAULT_TOLERANCE,
           f"{_SEED_004} §6 Modern Slavery - Long Term Trends"),
    Target("nrm.child_share", 2019, 0.43, "share of NRM referrals who were children", DEFAULT_TOLERANCE,
           f"{_SEED_002} §12.13"),
    # "Around a quarter": the seed's words, so a wider band; Table 1's own 2,748 police referrals
    # of the 10,619 are 0.259, at the edge of a 5% band about 0.25.
    Target("nrm.police_share", 2019, 0.25, "share of NRM referrals made by police", 0.1,
           f"{_SEED_002} §12.13"),
    # The MSOICU investigations database, seed 004 §6 "Underlying data on victims, crimes and
    # investigations".
    Target("investigations.criminal_share", 2020, 0.5, "share of investigations into criminal exploitation",
           0.0, f"{_SEED_004} §6 Changes in the Type of Exploitation", Bound.OVER),
    Target("investigations.county_lines_share_of_criminal", 2020, 0.40,
           "share of criminal exploitation investigations linked to county lines", DEFAULT_TOLERANCE,
           f"{_SEED_004} §6 Changes in the Type of Exploitation"),
    Target("victims.british_share_of_known", 2020, 0.5,
           "share of victims of known nationality who are British", 0.0,
           f"{_SEED_004} §6 Victim and Suspect Nationality", Bound.OVER),
    Target("suspects.british_share_of_known", 2020, 0.5,
           "share of suspects of known nationality who are British", 0.0,
           f"{_SEED_004} §6 Victim and Suspect Nationality", Bound.OVER),
)


def target(key: str, year: int, targets: Iterable[Target] = TARGETS) -> Target:
    """The target for one figure and calendar year; KeyError when none is published."""
    for candidate in targets:
        if candidate.key == key and candidate.year == year:
            return candidate
    raise KeyError(f"no calibration target {key!r} for {year}")


def check(measured: Mapping[str, float], targets: Iterable[Target] = TARGETS) -> list[Miss]:
    """Every target the measured figures miss (keyed by ``Target.name``), in the table's order."""
    misses = []
    for wanted in targets:
        value = measured.get(wanted.name)
        if value is None or not wanted.accepts(value):
            misses.append(Miss(wanted, value))
    return misses
