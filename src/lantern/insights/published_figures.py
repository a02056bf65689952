"""What a published NRM table holds, and the check of its totals: plain Python, no Django.

Which table a figure comes from (``TableKind``), the figure itself (``Figure``: a count and the
statistics' own labels in every dimension), and ``total_mismatches``: each published "Total"
against the sum of its published parts, one dimension at a time, reported, never fixed.
``published`` reads the files into these.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from lantern.synth.nrm_statistics import TOTAL


class TableKind(StrEnum):
    """Which published table a figure comes from."""

    REFERRALS = "referrals"  # every first responder type
    REFERRALS_POLICE = "referrals_police"
    REFERRALS_GOVT = "referrals_govt"
    REFERRALS_LA = "referrals_la"
    REFERRALS_NGO = "referrals_ngo"
    DUTY_TO_NOTIFY = "duty_to_notify"
    REFERRALS_LONGITUDINAL = "referrals_longitudinal"
    DUTY_TO_NOTIFY_LONGITUDINAL = "duty_to_notify_longitudinal"
    REASONABLE_GROUNDS = "reasonable_grounds"
    CONCLUSIVE_GROUNDS = "conclusive_grounds"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def longitudinal(self) -> bool:
        """Whether the table holds many periods (read from its rows) rather than one (its file name)."""
        return self in _LONGITUDINAL


_KIND_LABELS = {
    TableKind.REFERRALS: "NRM referrals, all first responders",
    TableKind.REFERRALS_POLICE: "NRM referrals from police first responders",
    TableKind.REFERRALS_GOVT: "NRM referrals from government first responders",
    TableKind.REFERRALS_LA: "NRM referrals from local authority first responders",
    TableKind.REFERRALS_NGO: "NRM referrals from NGO and third sector first responders",
    TableKind.DUTY_TO_NOTIFY: "Duty to notify notices, by nationality",
    TableKind.REFERRALS_LONGITUDINAL: "NRM referrals by quarter, 2009 onwards",
    TableKind.DUTY_TO_NOTIFY_LONGITUDINAL: "Duty to notify notices by quarter",
    TableKind.REASONABLE_GROUNDS: "Reasonable grounds decisions by quarter",
    TableKind.CONCLUSIVE_GROUNDS: "Conclusive grounds decisions by quarter",
}
_LONGITUDINAL = frozenset({TableKind.REFERRALS_LONGITUDINAL, TableKind.DUTY_TO_NOTIFY_LONGITUDINAL,
                           TableKind.REASONABLE_GROUNDS, TableKind.CONCLUSIVE_GROUNDS})


class Figure(NamedTuple):
    """One published count. ``quarter`` 0 is the year's published total; ``TOTAL`` in a
    dimension is the published total over it, ``""`` a dimension the table does not have.

    A named tuple, not a dataclass: a quarter's tables hold half a million rows, and the checks
    below compare them by key (every field but the count) many times over.
    """

    year: int
    quarter: int
    first_responder_type: str = ""
    first_responder: str = ""  # as the statistics spell it; TOTAL for the aggregate ("Police total")
    exploitation_type: str = ""
    age_group: str = ""
    gender: str = ""
    nationality: str = ""
    location: str = ""
    outcome: str = ""
    value: int = 0  # the count (``count`` would shadow the tuple's method)

    def key(self) -> tuple[object, ...]:
        return self[:-1]


KEY_FIELDS = Figure._fields[:-1]
# The dimensions a published total can be taken over, with the words a warning uses for each.
COLLAPSIBLE: Mapping[str, str] = {
    "gender": "gender", "age_group": "age group", "exploitation_type": "exploitation type",
    "nationality": "nationality", "location": "location of exploitation", "outcome": "decision",
    "first_responder": "first responder", "quarter": "quarter",
}
_DESCRIBED = ("first_responder_type", "first_responder", "exploitation_type", "age_group", "gender",
              "nationality", "location", "outcome")


@dataclass(frozen=True)
class TotalMismatch:
    """A published total that its published parts do not add up to."""

    source: str
    table: TableKind
    year: int
    quarter: int
    dimension: str  # the dimension the total is taken over, in words
    cell: Mapping[str, str]  # the total row's other labels
    published: int
    summed: int

    @property
    def period(self) -> str:
        return f"{self.year}" if self.quarter == 0 else f"{self.year} Q{self.quarter}"

    def describe(self) -> str:
        labels = ", ".join(f"{name.replace('_', ' ')} {value}" for name, value in self.cell.items())
        return (f"{self.source} ({self.table.label}), {self.period}, total over {self.dimension}"
                f"{' for ' + labels if labels else ''}: "
                f"published {self.published}, sum of parts {self.summed}")

    def as_dict(self) -> dict[str, object]:
        return {"source": self.source, "table": self.table.value, "year": self.year, "quarter": self.quarter,
                "dimension": self.dimension, "cell": dict(self.cell), "published": self.published,
                "summed": self.summed}


def total_mismatches(source: str, kind: TableKind, figures: Sequence[Figure]) -> Iterator[TotalMismatch]:
    """Each published total that differs from the sum of its published parts along one dimension.

    A total over dimension d is checked when the table publishes at least one row that matches it
    in every other dimension and names a value of d (zero rows included, so a table that lists its
    parts as zeros is still held to its total). The aggregate first responder ("Police total") is
    the total over the first responders of its type.
    """
    keys = [figure[:-1] for figure in figures]
    for name, words in COLLAPSIBLE.items():
        position = KEY_FIELDS.index(name)
        total_value: object = 0 if name == "quarter" else TOTAL
        totals = [(key, figure.value) for key, figure in zip(keys, figures, strict=True)
                  if key[position] == total_value]
        if not totals:
            continue
        sums: defaultdict[tuple[object, ...], int] = defaultdict(int)
        for key, figure in zip(keys, figures, strict=True):
            value = key[position]
            if value != total_value and value != "":
                sums[(*key[:position], total_value, *key[position + 1:])] += figure.value
        for key, published in totals:
            summed = sums.get(key)
            if summed is not None and summed != published:
                cell = {field: str(key[i]) for i, field in enumerate(KEY_FIELDS)
                        if field in _DESCRIBED and i != position and key[i] != ""}
                yield TotalMismatch(source, kind, int(str(key[0])), int(str(key[1])), words, cell,
                                    published, summed)
