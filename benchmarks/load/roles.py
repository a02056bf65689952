"""The kinds of simulated user in the load benchmark: their locust class, Lantern role and weight.

Shared by the locustfile (which users to spawn), ``prepare.py`` (whose sessions to write) and
``run.py`` (how many sessions each kind needs). Plain Python: importing it starts neither Django
nor locust, so the driver can read it without either.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """One kind of simulated user."""

    name: str          # the locust user class
    role: str          # lantern.accounts.rules.Role's value
    weight: int        # share of the simulated users, as locust's weight
    national: bool = False  # a national-unit user (organisation msoicu), not a force's

    def sessions_needed(self, users: int) -> int:
        """Sessions to write so that ``users`` simulated users each get one of their own."""
        return math.ceil(users * self.weight / TOTAL_WEIGHT) + 1


# A shift's mix: officers on the street and investigators are most of the people signed in;
# supervisors and analysts fewer. With 50 users: 20, 15, 5, 5 and 5.
KINDS: tuple[Kind, ...] = (
    Kind("FrontlineOfficer", "frontline_officer", 4),
    Kind("Investigator", "investigator", 3),
    Kind("Supervisor", "supervisor", 1),
    Kind("ForceAnalyst", "intelligence_analyst", 1),
    Kind("NationalAnalyst", "national_unit", 1, national=True),
)
TOTAL_WEIGHT = sum(kind.weight for kind in KINDS)

NATIONAL_UNIT = "msoicu"
FORCES_USED = 6  # the forces with most investigations; each force-based kind spread across them
CASES_PER_FORCE = 20  # open investigations each force's users work on
NAMES_LOOKED_UP = 200  # earlier records whose names officers type (a victim seen again)

# Every named request (step) the locustfile makes; the smoke test checks each ran at least once.
STEPS: tuple[str, ...] = (
    "frontline: encounter form",
    "frontline: seen before? look-up",
    "frontline: record encounter (POST)",
    "frontline: NRM route page",
    "investigator: case list",
    "investigator: case",
    "investigator: person",
    "investigator: line of enquiry form",
    "investigator: raise line of enquiry (POST)",
    "supervisor: task list",
    "supervisor: connections",
    "analyst: force dashboard",
    "analyst: network graph page",
    "analyst: network graph expand (POST)",
    "national: national dashboard",
    "national: region dashboard",
)
