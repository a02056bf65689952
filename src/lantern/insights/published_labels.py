"""Lantern's records in the published NRM statistics' words, for reconciling the two.

A referral's exploitation types as the statistics' combined category, its age answer as their
age group, and nationalities in the NRM form's words on both sides, so that Lantern's own counts
can be set beside the Home Office's (``reconcile``) and labelled as they are (``published_queries``).
Plain Python: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lantern.cases.rules import ExploitationType
from lantern.safeguarding.rules.nrm import AgeAnswer
from lantern.synth.nrm_statistics import (
    CRIMINAL,
    EXPLOITATION_TYPES,
    NOT_SPECIFIED,
    AgeGroup,
    nationalities,
)

_PUBLISHED_ORDER = ("Sexual", "Labour", "Domestic", "Organ Harvesting", CRIMINAL)
_PUBLISHED_NAME = {kind: name for name, kind in EXPLOITATION_TYPES.items()}


def exploitation_label(types: Iterable[str]) -> str:
    """The statistics' category for a referral's exploitation types: their combination.

    ["sexual", "criminal_county_lines"] -> "Sexual & Criminal". The statistics do not split
    criminal exploitation, and have no forced marriage: it adds nothing to the label, so a
    referral of forced marriage alone reads "Not specified or unknown".
    """
    names = set()
    for value in types:
        kind = ExploitationType(value)
        if kind.is_criminal:
            names.add(CRIMINAL)
        elif kind in _PUBLISHED_NAME:
            names.add(_PUBLISHED_NAME[kind])
    ordered = [name for name in _PUBLISHED_ORDER if name in names]
    if not ordered:
        return NOT_SPECIFIED
    return ordered[0] if len(ordered) == 1 else f"{', '.join(ordered[:-1])} & {ordered[-1]}"


AGE_GROUP_OF_ANSWER: Mapping[str, AgeGroup] = {
    AgeAnswer.YES.value: AgeGroup.CHILD,
    AgeAnswer.NO.value: AgeGroup.ADULT,
    AgeAnswer.NOT_SURE.value: AgeGroup.NOT_SPECIFIED,
}
AGE_GROUP_LABELS: Mapping[str, str] = {
    AgeGroup.CHILD.value: "Child (17 or under)",
    AgeGroup.ADULT.value: "Adult (18 or over)",
    AgeGroup.NOT_SPECIFIED.value: "Not specified or unknown",
}


def published_nationality(label: str) -> tuple[str, str]:
    """A statistics nationality as (nationality, second nationality) in the NRM form's words.

    "UK" -> ("British", ""), "Unknown" -> ("", ""); a label the form's list does not know stays
    as it is, so it is shown rather than lost.
    """
    return nationalities(label) or (label, "")


def held_nationality(nationality: str, second: str) -> tuple[str, str]:
    """A referral's nationalities in the order ``published_nationality`` gives them: British first."""
    named = sorted((value for value in (nationality.strip(), second.strip()) if value),
                   key=lambda value: value != "British")
    padded = (*named, "", "")
    return padded[0], padded[1]


def nationality_label(pair: tuple[str, str]) -> str:
    first, second = pair
    if not first:
        return "Not known"
    return f"{first} and {second}" if second else first
