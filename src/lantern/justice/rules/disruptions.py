"""Disruptions of modern slavery offending: recording one fully, and counting them honestly.

Plain Python: no Django. Source: the MSOIC Programme annual report 2020/21 (seed 004 §7): the
recording of modern slavery disruptions "is not accurate" and inconsistent, which hampers
monitoring and management; as a result "changes will be made to APMIS to allow forces to submit
more than one threat type against a disruption", to improve the quality of the data. So a
disruption carries every threat type it touched: at least one, often several. (DOMAIN.md point 11
reads this as "needs more than one threat type"; the seed says "allow ... more than one", and a
disruption of a single threat is still a disruption.)

Counting needs care once a disruption can carry several threat types. ``count_disruptions`` counts
each disruption once in the total and once under each threat type it carries. The per-threat
counts answer "how many disruptions touched modern slavery?"; their sum answers nothing, because a
disruption with three threat types adds three to it. Before the change, a multi-threat disruption
recorded under one type (say drugs supply) hid its modern slavery element; after it, adding up
the per-threat rows would count it three times over.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from lantern.vocabulary import LabelledEnum


class ThreatType(LabelledEnum):
    """A crime threat a disruption affected; one disruption may affect several (seed 004 §7)."""

    MODERN_SLAVERY_HUMAN_TRAFFICKING = "msht"
    ORGANISED_IMMIGRATION_CRIME = "oic"
    DRUGS_SUPPLY_COUNTY_LINES = "drugs_supply_county_lines"
    FIREARMS = "firearms"
    MONEY_LAUNDERING = "money_laundering"
    FRAUD = "fraud"
    CHILD_SEXUAL_EXPLOITATION = "child_sexual_exploitation"
    OTHER = "other"


class Tactic(LabelledEnum):
    """The main tactic that achieved the disruption."""

    ARREST = "arrest"
    WARRANT = "warrant"
    ASSET_SEIZURE = "asset_seizure"
    ORDER = "order"
    SAFEGUARDING_VICTIM_RECOVERY = "safeguarding_victim_recovery"
    IMMIGRATION_ACTION = "immigration_action"
    PARTNERSHIP_ENFORCEMENT = "partnership_enforcement"
    OTHER = "other"


class Impact(LabelledEnum):
    """How far the disruption set back the criminals' capability: the PURSUE impact levels."""

    MAJOR = "major"
    MODERATE = "moderate"
    MINOR = "minor"


_LABELS: dict[type, dict[str, str]] = {
    ThreatType: {
        ThreatType.MODERN_SLAVERY_HUMAN_TRAFFICKING.value: "Modern slavery and human trafficking",
        ThreatType.ORGANISED_IMMIGRATION_CRIME.value: "Organised immigration crime",
        ThreatType.DRUGS_SUPPLY_COUNTY_LINES.value: "Drugs supply, including county lines",
        ThreatType.FIREARMS.value: "Firearms",
        ThreatType.MONEY_LAUNDERING.value: "Money laundering",
        ThreatType.FRAUD.value: "Fraud",
        ThreatType.CHILD_SEXUAL_EXPLOITATION.value: "Child sexual exploitation",
        ThreatType.OTHER.value: "Other threat",
    },
    Tactic: {
        Tactic.ARREST.value: "Arrest",
        Tactic.WARRANT.value: "Warrant executed",
        Tactic.ASSET_SEIZURE.value: "Seizure or restraint of assets",
        Tactic.ORDER.value: "Prevention, risk or other civil order",
        Tactic.SAFEGUARDING_VICTIM_RECOVERY.value: "Safeguarding: victims recovered",
        Tactic.IMMIGRATION_ACTION.value: "Immigration enforcement action",
        Tactic.PARTNERSHIP_ENFORCEMENT.value:
            "Partner agency enforcement (for example a GLAA licence action)",
        Tactic.OTHER.value: "Another tactic",
    },
    Impact: {
        Impact.MAJOR.value: "Major",
        Impact.MODERATE.value: "Moderate",
        Impact.MINOR.value: "Minor",
    },
}


def disruption_problems(
    *,
    threat_types: Sequence[ThreatType],
    tactic: Tactic | None,
    target_ocg: bool,
    target_investigation: bool,
    impact: Impact | None,
    description: str,
) -> list[str]:
    """What stops a disruption being recorded accurately, in words an officer can act on.

    Every threat type it touched, each once; what was used; whom it was against (an organised crime
    group, the suspects in an investigation, or both); and its impact, with the reasons for that
    assessment so a reviewer can check it.
    """
    problems: list[str] = []
    if not threat_types:
        problems.append(
            "Choose the threat types this disruption affected: at least one, and every one that applies."
        )
    seen: set[ThreatType] = set()
    for threat in threat_types:
        if threat in seen:
            problems.append(f"{threat.label} is chosen more than once: choose each threat type once.")
        seen.add(threat)
    if tactic is None:
        problems.append("Choose the tactic that disrupted the offending.")
    if not (target_ocg or target_investigation):
        problems.append(
            "Say whom the disruption was against: an organised crime group, an investigation's suspects, "
            "or both."
        )
    if impact is None:
        problems.append("Assess the disruption's impact: major, moderate or minor.")
    if not description.strip():
        problems.append("Explain what was disrupted and why you assessed its impact as you did.")
    return problems


@dataclass(frozen=True)
class DisruptionCounts:
    """Disruptions counted once each (``total``) and once per threat type they carry (``by_threat``).

    ``sum(by_threat.values())`` is at least ``total`` whenever every disruption has a threat type,
    and exceeds it by one for every extra threat type a disruption carries: it is not a count of
    disruptions. ``untyped`` counts disruptions recorded with no threat type, which the rules refuse
    but old records may hold.
    """

    total: int
    by_threat: Mapping[ThreatType, int]
    untyped: int

    @property
    def overcount(self) -> int:
        """How many more a naive sum of the per-threat counts would give than there are disruptions."""
        return sum(self.by_threat.values()) + self.untyped - self.total


def count_disruptions(disruptions: Iterable[Sequence[ThreatType]]) -> DisruptionCounts:
    """Count disruptions, each given as the threat types it carries.

    Each disruption adds one to ``total`` and one to each distinct threat type it carries, however
    often that type was listed. Every threat type appears in ``by_threat``, with 0 if none carried it.
    """
    by_threat = dict.fromkeys(ThreatType, 0)
    total = untyped = 0
    for threat_types in disruptions:
        total += 1
        distinct = set(threat_types)
        if not distinct:
            untyped += 1
        for threat in distinct:
            by_threat[threat] += 1
    return DisruptionCounts(total=total, by_threat=by_threat, untyped=untyped)
