"""The Home Office NRM statistics, read into weights the generator draws victims from.

Plain Python: no Django. The quarterly first-responder tables (``nrm_referrals_police_<year>_q<n>``,
``.csv`` or ``.csv.gz``; see ``reference/SOURCE.md``) are long format: one row per first responder
x exploitation type x age at exploitation x gender x nationality, with the published subtotals
mixed in as rows holding "Total" in one or more of those four columns, and an aggregate first
responder ("Police total") that has nothing but "Total" rows. The reader keeps the **leaf** rows
(no "Total" anywhere; zero counts dropped) and, separately, each first responder's grand total
row (all four "Total") as published, so the two can be checked against each other. Every other
subtotal row is skipped.

Mappings onto Lantern's words:
- Exploitation type: "Sexual" -> sexual, "Labour" -> labour, "Domestic" -> domestic_servitude,
  "Organ Harvesting" -> organ_removal; combinations ("Sexual, Labour & Criminal") give the set;
  "Not specified or unknown" gives the empty set. The statistics never say forced marriage.
  "Criminal" is not split by kind, so each criminal weight is divided by ``criminal_split``:
  by default 40% county lines (seed 004 §6: "around 40% are explicitly linked to County Lines",
  a share of *investigations*, borrowed for referrals) and the rest criminal_other. No figure
  separates cannabis farms from other drug offending, so criminal_cannabis gets no default share.
- Age: "Child (17 or under)" -> child, "Adult (18 or over)" -> adult, "(Age) not specified or
  unknown" -> not_specified.
- Gender: Lantern's ``Person.gender`` values female, male, other, not-known.
- Nationality: the NRM form's list (``ms_nationalities``): "UK" -> "British", "Unknown" -> ""
  (not known); a dual label ("Albanian Greek", "Unknown UK") is split into two form values, in
  the label's order except that British comes first.
- First responder: its organisation code in ``accounts/reference/organisations.json``, matched on
  ``nrm_name`` or ``name`` with "&"/"and" and punctuation ignored. Police Scotland and the PSNI
  lie outside England and Wales and have no organisation; anything else unmatched is reported.
"""

from __future__ import annotations

import bisect
import json
import math
import random
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from itertools import accumulate
from pathlib import Path
from types import MappingProxyType

from lantern.cases.rules import ExploitationType
from lantern.csv_import import (
    ImportFileError,
    decode,
    gunzip_limited,
    looks_like_formula,
    read_limited,
    records,
)
from lantern.safeguarding.nrm_vocabulary import list_values

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
ORGANISATIONS_FILE = Path(__file__).resolve().parent.parent / "accounts" / "reference" / "organisations.json"

TOTAL = "Total"
CATEGORY_COLUMNS = ("Exploitation type", "Age at exploitation", "Gender", "Nationality")
COLUMNS = ("First responder type", "First responder", *CATEGORY_COLUMNS, "People")
LONGITUDINAL_COLUMNS = ("Year", "Quarter", "Age at exploitation", "Location of exploitation", "NRM referrals")
MAX_TABLE_BYTES = 256 * 1024 * 1024  # read or unpacked; the largest published table is about 8 MB
OUTSIDE_ENGLAND_AND_WALES = frozenset({"Police Scotland", "Police Service of Northern Ireland"})

_QUARTER_FILE = re.compile(r"nrm_referrals_(?P<kind>[a-z]+)_(?P<year>\d{4})_q(?P<q>[1-4])\.csv(?:\.gz)?")


class StatisticsFormatError(ValueError):
    """A statistics file that is not in the layout this reader knows."""


class AgeGroup(StrEnum):
    CHILD = "child"
    ADULT = "adult"
    NOT_SPECIFIED = "not_specified"


AGE_GROUPS: Mapping[str, AgeGroup] = {
    "Child (17 or under)": AgeGroup.CHILD,
    "Adult (18 or over)": AgeGroup.ADULT,
    "Not specified or unknown": AgeGroup.NOT_SPECIFIED,
    "Age not specified or unknown": AgeGroup.NOT_SPECIFIED,  # the longitudinal table's spelling
}
GENDERS: Mapping[str, str] = {"Female": "female", "Male": "male", "Other": "other",
                              "Not specified or unknown": "not-known"}  # the last is not in the 2022 tables
EXPLOITATION_TYPES: Mapping[str, ExploitationType] = {
    "Sexual": ExploitationType.SEXUAL,
    "Labour": ExploitationType.LABOUR,
    "Domestic": ExploitationType.DOMESTIC_SERVITUDE,
    "Organ Harvesting": ExploitationType.ORGAN_REMOVAL,
}
CRIMINAL = "Criminal"  # not split by kind: ``joint_distribution`` divides it by ``criminal_split``
NOT_SPECIFIED = "Not specified or unknown"
DEFAULT_CRIMINAL_SPLIT: Mapping[ExploitationType, float] = {
    ExploitationType.CRIMINAL_COUNTY_LINES: 0.40,
    ExploitationType.CRIMINAL_OTHER: 0.60,
}


@dataclass(frozen=True, slots=True)
class Cell:
    """One leaf row of a first-responder table, in the statistics' own labels."""

    first_responder: str
    exploitation: str
    age: str
    gender: str
    nationality: str
    people: int


@dataclass(frozen=True)
class QuarterTable:
    """One quarter's first-responder table: its leaf rows and its published grand totals."""

    source: str
    cells: tuple[Cell, ...]
    published_totals: Mapping[str, int]  # first responder -> its all-"Total" row

    def first_responders(self) -> tuple[str, ...]:
        """Every first responder named in the table, those with no referrals too, but not the aggregate."""
        named = dict.fromkeys([*self.published_totals, *(cell.first_responder for cell in self.cells)])
        return tuple(name for name in named if name != self.aggregate_responder())

    def total(self, first_responder: str | None = None) -> int:
        """Referrals summed from the leaf rows, for one first responder or all of them."""
        return sum(c.people for c in self.cells if first_responder in (None, c.first_responder))

    def aggregate_responder(self) -> str | None:
        """The first responder standing for all the others, named "<type> total" ("Police total")."""
        return next((name for name in self.published_totals if name.casefold().endswith(" total")), None)

    def total_mismatches(self) -> dict[str, tuple[int, int]]:
        """First responders whose leaf rows do not add up to their published total: (summed, published).

        A first responder with leaf rows but no total row counts as published 0.
        """
        summed: Counter[str] = Counter()
        for cell in self.cells:
            summed[cell.first_responder] += cell.people
        aggregate = self.aggregate_responder()
        if aggregate is not None:
            summed[aggregate] = self.total()
        names = dict.fromkeys([*self.published_totals, *summed])
        return {name: (summed[name], self.published_totals.get(name, 0)) for name in names
                if summed[name] != self.published_totals.get(name, 0)}


def table_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """A table's rows by column name, with the line each starts on; the header must be ``columns``.

    Read through ``lantern.csv_import`` (``.gz`` unpacked no further than ``MAX_TABLE_BYTES``), so
    a table that is not UTF-8 CSV, has a row of another width, or a cell that begins like a
    spreadsheet formula is refused naming its line and column, never read in part.
    """
    try:
        raw = read_limited(path, MAX_TABLE_BYTES)
        rows = records(decode(gunzip_limited(raw, MAX_TABLE_BYTES) if path.suffix == ".gz" else raw))
        first = next(rows, None)
        header = tuple(first[1]) if first is not None else ()
        if header != columns:
            raise StatisticsFormatError(f"{path.name}: columns {list(header)}, expected {list(columns)}")
        for line, values in rows:
            if not values:
                continue
            if len(values) != len(columns):
                raise StatisticsFormatError(f"{path.name} line {line}: {len(values)} fields where the header "
                                            f"has {len(columns)}")
            for column, value in zip(columns, values, strict=True):
                if looks_like_formula(value):
                    raise StatisticsFormatError(f"{path.name} line {line}, column {column!r}: {value[:40]!r} "
                                                "begins like a spreadsheet formula")
            yield line, dict(zip(columns, values, strict=True))
    except ImportFileError as refused:
        raise StatisticsFormatError(f"{path.name} {refused}" if refused.where else f"{path.name}: {refused}"
                                    ) from None


def _count(text: str, where: str) -> int:
    try:
        number = float(text)
    except ValueError:
        raise StatisticsFormatError(f"{where}: {text!r} is not a count") from None
    if not math.isfinite(number) or number < 0 or number != int(number):
        raise StatisticsFormatError(f"{where}: {text!r} is not a count")
    return int(number)


def read_quarter(path: Path) -> QuarterTable:
    """Read one quarter's first-responder table (``.csv`` or ``.csv.gz``, the layout above)."""
    cells: list[Cell] = []
    totals: dict[str, int] = {}
    for line, row in table_rows(path, COLUMNS):
        where = f"{path.name} line {line}"
        people = _count(row["People"], f"{where}, column 'People'")
        categories = [row[column] for column in CATEGORY_COLUMNS]
        if all(value == TOTAL for value in categories):
            totals[row["First responder"]] = people
        elif TOTAL not in categories:
            exploitation, age, gender, nationality = categories
            _check_labels(exploitation, age, gender, where)
            if people:
                cells.append(Cell(row["First responder"], exploitation, age, gender, nationality, people))
    return QuarterTable(path.name, tuple(cells), MappingProxyType(totals))


def _check_labels(exploitation: str, age: str, gender: str, where: str) -> None:
    for label, known, column in ((age, AGE_GROUPS, "Age at exploitation"), (gender, GENDERS, "Gender")):
        if label not in known:
            raise StatisticsFormatError(f"{where}, column {column!r}: unknown age group or gender {label!r}")
    exploitation_kinds(exploitation, f"{where}, column 'Exploitation type'")


def quarter_files(directory: Path = REFERENCE_DIR, kind: str = "police") -> dict[tuple[int, int], Path]:
    """The quarterly tables of one first-responder kind in a directory, by (year, quarter)."""
    found: dict[tuple[int, int], Path] = {}
    for path in sorted(directory.iterdir()):
        match = _QUARTER_FILE.fullmatch(path.name)
        if match and match["kind"] == kind:
            found.setdefault((int(match["year"]), int(match["q"])), path)
    return dict(sorted(found.items()))


def read_police_quarter(year: int, quarter: int, directory: Path = REFERENCE_DIR) -> QuarterTable:
    """The police first-responder table for one quarter; FileNotFoundError when not in ``directory``."""
    path = quarter_files(directory).get((year, quarter))
    if path is None:
        raise FileNotFoundError(f"no nrm_referrals_police_{year}_q{quarter}.csv[.gz] in {directory}")
    return read_quarter(path)


def exploitation_kinds(label: str, where: str = "") -> tuple[str, ...]:
    """The single exploitation types in a statistics label: "Sexual, Labour & Criminal" -> three."""
    if label == NOT_SPECIFIED:
        return ()
    parts = tuple(part.strip() for part in re.split(r",|&", label))
    unknown = [part for part in parts if part not in EXPLOITATION_TYPES and part != CRIMINAL]
    if unknown:
        where = where or "exploitation type"
        raise StatisticsFormatError(f"{where}: unknown type {unknown[0]!r} in {label!r}")
    return parts


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.casefold().replace("&", " and ")).split())


@cache
def _nationality_vocabulary() -> Mapping[str, str]:
    known = {_normalise(value): value.strip() for value in list_values("ms_nationalities")}
    known[_normalise("UK")] = "British"
    known[_normalise("Unknown")] = ""
    return known


def nationalities(label: str) -> tuple[str, str] | None:
    """A statistics nationality as (nationality, second nationality) in the NRM form's words.

    "" is not known. None when the label is not in the form's list and splits into no pair of
    its values (reported by ``unmapped_nationalities``).
    """
    known = _nationality_vocabulary()
    whole = _normalise(label)
    if whole in known:
        return known[whole], ""
    words = whole.split()
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        if first in known and second in known:
            # "Unknown Vietnamese" is one known nationality; a British dual national is British first.
            named = sorted((value for value in (known[first], known[second]) if value),
                           key=lambda value: value != "British")
            padded = (*named, "", "")
            return padded[0], padded[1]
    return None


def unmapped_nationalities(table: QuarterTable) -> tuple[str, ...]:
    """Nationality labels in a table that do not map onto the NRM form's list."""
    return tuple(sorted({c.nationality for c in table.cells if nationalities(c.nationality) is None}))


@dataclass(frozen=True)
class ForceMatch:
    """First responders matched to Lantern organisations."""

    codes: Mapping[str, str]  # statistics spelling -> organisation code
    outside_england_and_wales: tuple[str, ...]
    unmapped: tuple[str, ...]  # neither matched nor known to lie outside England and Wales


def match_first_responders(names: Iterable[str], organisations: Path = ORGANISATIONS_FILE) -> ForceMatch:
    """Map first responders, as the statistics spell them, to organisation codes."""
    by_name: dict[str, str] = {}
    for organisation in json.loads(organisations.read_text(encoding="utf-8")):
        for spelling in (organisation.get("nrm_name"), organisation.get("name")):
            if spelling:
                by_name.setdefault(_normalise(spelling), organisation["code"])
    codes, outside, unmapped = {}, [], []
    for name in dict.fromkeys(names):
        if _normalise(name) in by_name:
            codes[name] = by_name[_normalise(name)]
        elif name in OUTSIDE_ENGLAND_AND_WALES:
            outside.append(name)
        else:
            unmapped.append(name)
    return ForceMatch(codes, tuple(outside), tuple(unmapped))


@dataclass(frozen=True, slots=True)
class VictimProfile:
    """Who a referred person is, in Lantern's words; "" nationality is not known."""

    nationality: str
    second_nationality: str
    gender: str
    age_group: AgeGroup
    exploitation: frozenset[ExploitationType]  # empty: not specified


@dataclass(frozen=True)
class JointDistribution:
    """Weights (referrals) over victim profiles for one or more first responders."""

    first_responders: tuple[str, ...]
    source: str
    profiles: tuple[VictimProfile, ...]
    weights: tuple[float, ...]

    def total(self) -> float:
        return sum(self.weights)

    def share(self, predicate: Callable[[VictimProfile], bool]) -> float:
        """The share of the weight on profiles that satisfy ``predicate``."""
        return sum(w for p, w in zip(self.profiles, self.weights, strict=True) if predicate(p)) / self.total()


def joint_distribution(
    table: QuarterTable,
    first_responders: str | Collection[str] | None = None,
    *,
    criminal_split: Mapping[ExploitationType, float] = DEFAULT_CRIMINAL_SPLIT,
) -> JointDistribution:
    """The joint weights of one first responder (by the statistics' name), several, or all (None).

    All, or ``table.aggregate_responder()`` ("Police total"), includes Police Scotland and the PSNI;
    for England and Wales alone pass the names ``match_first_responders`` maps to organisations.
    """
    split_total = sum(criminal_split.values())
    if split_total <= 0 or any(not kind.is_criminal or share < 0 for kind, share in criminal_split.items()):
        raise ValueError("criminal_split takes non-negative shares of criminal exploitation types")
    wanted: set[str] | None
    if first_responders is None or first_responders == table.aggregate_responder():
        wanted = None
    else:
        wanted = {first_responders} if isinstance(first_responders, str) else set(first_responders)
        missing = wanted - set(table.first_responders())
        if missing:
            raise KeyError(f"no referrals from {sorted(missing)} in {table.source}")
    weights: dict[VictimProfile, float] = {}
    for cell in table.cells:
        if wanted is not None and cell.first_responder not in wanted:
            continue
        pair = nationalities(cell.nationality) or (cell.nationality, "")
        kinds = exploitation_kinds(cell.exploitation)
        fixed = frozenset(EXPLOITATION_TYPES[name] for name in kinds if name != CRIMINAL)
        variants = ([(fixed | {kind}, share / split_total) for kind, share in criminal_split.items()]
                    if CRIMINAL in kinds else [(fixed, 1.0)])
        gender, age = GENDERS[cell.gender], AGE_GROUPS[cell.age]
        for exploitation, fraction in variants:
            profile = VictimProfile(pair[0], pair[1], gender, age, exploitation)
            weights[profile] = weights.get(profile, 0.0) + cell.people * fraction
    kept = {profile: weight for profile, weight in weights.items() if weight > 0}
    if not kept:
        raise ValueError(f"no referrals to draw from in {table.source}")
    names = table.first_responders() if wanted is None else tuple(sorted(wanted))
    return JointDistribution(names, table.source, tuple(kept), tuple(kept.values()))


def sampler(distribution: JointDistribution, seed: int) -> Iterator[VictimProfile]:
    """An endless, deterministic stream of profiles drawn in proportion to the distribution's weights.

    One ``random.Random(seed)``; each draw is one uniform number and a bisection of the
    cumulative weights, O(log n).
    """
    if not distribution.weights or min(distribution.weights) < 0 or distribution.total() <= 0:
        raise ValueError("a distribution to draw from needs non-negative weights with a positive total")
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not a secret
    profiles = distribution.profiles
    cumulative = list(accumulate(distribution.weights))
    total, last = cumulative[-1], len(cumulative) - 1
    draw, find = rng.random, bisect.bisect_right
    while True:
        yield profiles[find(cumulative, draw() * total, 0, last)]


@dataclass(frozen=True, slots=True)
class QuarterReferrals:
    """One row of the longitudinal table: a quarter's referrals of one age group, all locations."""

    year: int
    quarter: int
    age_group: AgeGroup
    referrals: int


def read_longitudinal(directory: Path = REFERENCE_DIR) -> tuple[QuarterReferrals, ...]:
    """Referrals per quarter and age group, read from the table's own "Total" location rows.

    The longitudinal table has no age total, so the three age groups sum to the quarter's total.
    """
    path = directory / "nrm_referrals_longitudinal.csv"
    rows = []
    for line, row in table_rows(path, LONGITUDINAL_COLUMNS):
        if row["Location of exploitation"] != TOTAL:
            continue
        where = f"{path.name} line {line}"
        age = row["Age at exploitation"]
        if age not in AGE_GROUPS:
            raise StatisticsFormatError(f"{where}, column 'Age at exploitation': unknown age group {age!r}")
        quarter = _count(row["Quarter"].removeprefix("Q"), f"{where}, column 'Quarter'")
        if not 1 <= quarter <= 4:
            raise StatisticsFormatError(f"{where}, column 'Quarter': {row['Quarter']!r} is not a quarter")
        rows.append(QuarterReferrals(_count(row["Year"], f"{where}, column 'Year'"), quarter, AGE_GROUPS[age],
                                     _count(row["NRM referrals"], f"{where}, column 'NRM referrals'")))
    return tuple(rows)


def referrals_by_year(rows: Iterable[QuarterReferrals]) -> dict[int, dict[AgeGroup, int]]:
    """Calendar-year referrals by age group (a year is partial where the table starts or ends)."""
    years: dict[int, dict[AgeGroup, int]] = {}
    for row in rows:
        by_age = years.setdefault(row.year, dict.fromkeys(AgeGroup, 0))
        by_age[row.age_group] += row.referrals
    return years
