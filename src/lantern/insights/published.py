"""The Home Office's published NRM and duty-to-notify tables, read and checked against themselves.

Plain Python: no Django. Reads every layout of ``../shared/reference/nrm-statistics`` (the Home
Office "Modern Slavery: NRM and DtN statistics" tables, as the British Red Cross ``asylum``
package converts them), so that Lantern can show the published figures beside its own:

- ``nrm_referrals[_police|_govt|_la|_ngo]_YYYY_qN``: first responder x exploitation type x age
  at exploitation x gender x nationality, long format, the published subtotals mixed in as rows
  holding "Total" in one or more columns, and an aggregate first responder ("Police total").
- ``nrm_duty_to_notify_YYYY_qN``: duty-to-notify notices by nationality, with a "Total" row.
- ``nrm_referrals_longitudinal``: referrals per quarter (2009 Q2 onwards) by age and location of
  exploitation, with a "Total" location row.
- ``nrm_duty_to_notify_longitudinal``: notices per quarter, with a "Total" quarter per year.
- ``nrm_reasonable_grounds`` / ``nrm_conclusive_grounds``: decisions per quarter, wide: each age
  group's negative, positive and total, and a grand total; a "Total" quarter per year.

The quarterly tables carry no period, so it is read from the file name. A file is taken whole or
refused whole: a wrong header, a count that is not a whole number, a label outside the
statistics' vocabulary or a repeated row raises ``PublishedTableError`` naming file, line and
column. The bytes are read through ``lantern.csv_import``: a file that is not UTF-8 CSV (UTF-16,
Latin-1, NUL bytes, a workbook under a .csv name), larger than ``MAX_TABLE_BYTES`` read or
unpacked, or a free-text label that begins like a spreadsheet formula, is refused the same way,
and so is a workbook named as a table (``nrm_..._q1.xlsx``): "save it as CSV". Every published
"Total" is checked against the sum of its parts, one dimension at a time (gender, then age,
then exploitation type, nationality, first responder, quarter...), wherever the table publishes
those parts; a disagreement is reported as a ``TotalMismatch``, never fixed.

Each figure keeps the statistics' own labels for exploitation type, gender and nationality
(combinations and dual nationalities are categories of their own there), and Lantern's words for
age group and location (``lantern.synth.nrm_statistics``'s mappings, which the generator uses too).
In every dimension ``TOTAL`` marks a published total and ``""`` a dimension the table lacks.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NoReturn

from lantern.cases.rules import ExploitationLocation
from lantern.csv_import import (
    ImportFileError,
    decode,
    gunzip_limited,
    looks_like_formula,
    read_limited,
    records,
)
from lantern.insights.published_figures import Figure, TableKind, TotalMismatch, total_mismatches
from lantern.synth.nrm_statistics import (
    AGE_GROUPS,
    GENDERS,
    MAX_TABLE_BYTES,
    TOTAL,
    AgeGroup,
    StatisticsFormatError,
    exploitation_kinds,
    match_first_responders,
)
from lantern.synth.nrm_statistics import COLUMNS as FIRST_RESPONDER_COLUMNS

__all__ = ["TOTAL", "AgeGroup"]  # re-exported: the queries speak the same words


# First responder types each first-responder table may hold.
FIRST_RESPONDER_TYPES: Mapping[TableKind, frozenset[str]] = {
    TableKind.REFERRALS: frozenset({"Police", "Government agency", "Local Authority",
                                    "NGO and third sector"}),
    TableKind.REFERRALS_POLICE: frozenset({"Police"}),
    TableKind.REFERRALS_GOVT: frozenset({"Government agency"}),
    TableKind.REFERRALS_LA: frozenset({"Local Authority"}),
    TableKind.REFERRALS_NGO: frozenset({"NGO and third sector"}),
}
POLICE = "Police"

LOCATIONS: Mapping[str, ExploitationLocation] = {
    "UK": ExploitationLocation.UK,
    "Overseas": ExploitationLocation.OVERSEAS,
    "UK and Overseas": ExploitationLocation.UK_AND_OVERSEAS,
    "Not specified or unknown": ExploitationLocation.NOT_KNOWN,
}
# Gender as published: the 2022 tables also say "Not Recorded", which the generator's mapping
# (``GENDERS``) has no use for; both unknowns stay apart here, as the tables keep them.
GENDER_LABELS: Mapping[str, str] = {**{label: label for label in GENDERS}, "Not Recorded": "Not Recorded"}
GROUNDS_AGE_GROUPS = ("Adult (18 or over)", "Child (17 or under)", "Age not specified or unknown")
NEGATIVE, POSITIVE = "negative", "positive"

_QUARTER_TABLE = re.compile(
    r"nrm_(?P<name>referrals(?:_(?P<kind>police|govt|la|ngo))?|duty_to_notify)_(?P<year>\d{4})_q(?P<q>[1-4])")
_WHOLE_TABLES = {
    "nrm_referrals_longitudinal": TableKind.REFERRALS_LONGITUDINAL,
    "nrm_duty_to_notify_longitudinal": TableKind.DUTY_TO_NOTIFY_LONGITUDINAL,
    "nrm_reasonable_grounds": TableKind.REASONABLE_GROUNDS,
    "nrm_conclusive_grounds": TableKind.CONCLUSIVE_GROUNDS,
}
TABLE_SUFFIXES = (".csv", ".csv.gz")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


class PublishedTableError(ValueError):
    """A file that is not one of the published tables, or not in its layout: where and why."""

    def __init__(self, source: str, message: str, *, line: int | None = None,
                 column: str | int = "") -> None:
        where = source
        if line is not None:
            where += f", line {line}"
        if isinstance(column, int):
            where += f", column {column}"  # a column the header does not name: its number
        elif column:
            where += f", column {column!r}"
        super().__init__(f"{where}: {message}")
        self.source, self.line, self.column = source, line, column


@dataclass(frozen=True)
class PublishedTable:
    """One file read whole: the figures worth keeping, its fingerprint and its own checks."""

    source: str
    kind: TableKind
    sha256: str
    rows_read: int
    figures: tuple[Figure, ...]  # every non-zero count, and every grand total even when zero
    periods: tuple[tuple[int, int], ...]  # (year, quarter), quarter 0 for a year total
    mismatches: tuple[TotalMismatch, ...]


@dataclass(frozen=True)
class DirectoryRead:
    tables: tuple[PublishedTable, ...]
    ignored: tuple[str, ...]  # files that are not tables (notes, scripts), left alone

    @property
    def mismatches(self) -> tuple[TotalMismatch, ...]:
        return tuple(m for table in self.tables for m in table.mismatches)


def table_kind(name: str) -> tuple[TableKind, tuple[int, int] | None] | None:
    """A file name's table and, for a one-quarter table, its (year, quarter); None if no table's."""
    stem = next((name[: -len(s)] for s in TABLE_SUFFIXES if name.endswith(s)), None)
    if stem is None:
        return None
    if stem in _WHOLE_TABLES:
        return _WHOLE_TABLES[stem], None
    match = _QUARTER_TABLE.fullmatch(stem)
    if match is None:
        return None
    if match["name"] == "duty_to_notify":
        kind = TableKind.DUTY_TO_NOTIFY
    else:
        kind = TableKind(f"referrals_{match['kind']}") if match["kind"] else TableKind.REFERRALS
    return kind, (int(match["year"]), int(match["q"]))


def read_directory(directory: Path) -> DirectoryRead:
    """Every table in a directory, each read whole; the first bad file refuses them all.

    Files named ``*.csv`` or ``*.csv.gz`` must be tables; anything else (``SOURCE.md``, scripts)
    is listed as ignored. Two files holding the same table for the same quarter are refused.
    """
    if not directory.is_dir():
        hint = (": save each table as CSV UTF-8 (nrm_*.csv) and give the directory that holds them"
                if directory.name.lower().endswith(WORKBOOK_SUFFIXES) else "")
        raise PublishedTableError(str(directory), f"is not a directory{hint}")
    tables, ignored = [], []
    seen: dict[tuple[TableKind, tuple[int, int] | None], str] = {}
    for path in sorted(directory.iterdir()):
        if not path.is_file():
            continue
        workbook = next((s for s in WORKBOOK_SUFFIXES if path.name.lower().endswith(s)), None)
        if workbook is not None and table_kind(path.name[: -len(workbook)] + ".csv") is not None:
            # Named as a table but a workbook: taking the rest without it would import a gap.
            raise PublishedTableError(path.name, f"is a spreadsheet workbook ({workbook}), which this import "
                                      "cannot read: save it as CSV UTF-8 under the same name ending .csv")
        if not path.name.endswith(TABLE_SUFFIXES):
            ignored.append(path.name)
            continue
        table = read_table(path)
        single = None if table.kind.longitudinal else table.periods[0]
        if (table.kind, single) in seen:
            raise PublishedTableError(path.name,
                                      f"holds the same table and period as {seen[table.kind, single]}")
        seen[table.kind, single] = path.name
        tables.append(table)
    if not tables:
        raise PublishedTableError(str(directory), "holds no NRM statistics table (nrm_*.csv or nrm_*.csv.gz)")
    return DirectoryRead(tuple(tables), tuple(ignored))


def read_table(path: Path) -> PublishedTable:
    """One published table, by its file name's layout; ``PublishedTableError`` if it is not one."""
    found = table_kind(path.name)
    if found is None:
        raise PublishedTableError(
            path.name, "is not one of the NRM statistics tables (expected a name such as "
            "nrm_referrals_police_2022_q4.csv, nrm_duty_to_notify_2022_q4.csv or "
            "nrm_referrals_longitudinal.csv)")
    kind, period = found
    try:
        raw = read_limited(path, MAX_TABLE_BYTES)
    except ImportFileError as refused:
        raise PublishedTableError(path.name, refused.reason) from None
    return parse_table(path.name, kind, period, raw)


def parse_table(source: str, kind: TableKind, period: tuple[int, int] | None, raw: bytes) -> PublishedTable:
    """Parse a table's bytes (gzip-compressed if they say so) in the layout of ``kind``."""
    digest = hashlib.sha256(raw).hexdigest()
    try:
        return _parse_text(source, kind, period, digest, _decode(raw))
    except ImportFileError as refused:
        raise PublishedTableError(source, refused.reason, line=refused.line,
                                  column=refused.column or "") from None


def _parse_text(source: str, kind: TableKind, period: tuple[int, int] | None, digest: str,
                text: str) -> PublishedTable:
    rows = records(text)
    first = next(rows, None)
    if first is None:
        raise PublishedTableError(source, "is empty", line=1)
    header = first[1]
    if not kind.longitudinal and period is None:
        raise PublishedTableError(source, "a one-quarter table needs its year and quarter (its file name's)")
    layout = _layout(kind, period)
    _check_header(source, tuple(header), layout.columns)
    figures: dict[tuple[object, ...], tuple[Figure, int]] = {}
    index = {column: position for position, column in enumerate(layout.columns)}
    rows_read = 0
    for line, values in rows:
        if not values:
            continue
        if len(values) != len(layout.columns):
            raise PublishedTableError(source, f"has {len(values)} fields where the header has "
                                      f"{len(layout.columns)}", line=line)
        rows_read += 1
        for figure in layout.read(_Row(source, line, index, values)):
            key = figure.key()
            if key in figures:
                raise PublishedTableError(source, f"repeats the figure of line {figures[key][1]}", line=line)
            figures[key] = (figure, line)
    every = [figure for figure, _ in figures.values()]
    kept = tuple(f for f in every if f.value or _is_grand_total(f))
    periods = tuple(sorted({(f.year, f.quarter) for f in every} or ({period} if period else set())))
    if not periods:
        raise PublishedTableError(source, "holds no rows", line=2)
    return PublishedTable(source, kind, digest, rows_read, kept, periods,
                          tuple(total_mismatches(source, kind, every)))


def _decode(raw: bytes) -> str:
    """The table's text: gunzipped (no further than ``MAX_TABLE_BYTES``) if it says it is gzip."""
    if raw[:2] == b"\x1f\x8b":
        raw = gunzip_limited(raw, MAX_TABLE_BYTES)
    return decode(raw)


def _check_header(source: str, header: tuple[str, ...], expected: tuple[str, ...]) -> None:
    if header == expected:
        return
    for index, column in enumerate(expected):
        if index >= len(header) or header[index] != column:
            got = repr(header[index]) if index < len(header) else "nothing"
            raise PublishedTableError(source, f"the header has {got} where the table has {column!r} "
                                      f"(expected columns {list(expected)})", line=1, column=column)
    raise PublishedTableError(source, f"the header has extra columns {list(header[len(expected):])} "
                              f"(expected columns {list(expected)})", line=1, column=header[len(expected)])


def _is_grand_total(figure: Figure) -> bool:
    return all(getattr(figure, name) in (TOTAL, "") for name in
               ("exploitation_type", "age_group", "gender", "nationality", "location", "outcome"))


class _Row:
    """One line of a table, read by column name; every refusal names the file, line and column."""

    __slots__ = ("index", "line", "source", "values")

    def __init__(self, source: str, line: int, index: Mapping[str, int], values: Sequence[str]) -> None:
        self.source, self.line, self.index, self.values = source, line, index, values

    def __getitem__(self, column: str) -> str:
        value = self.values[self.index[column]].strip()
        if not value:
            self.refuse(column, "is empty")
        return value

    def text(self, column: str) -> str:
        """A free-text label (a first responder, a nationality): anything but what looks like a formula.

        The other columns are counts or fixed vocabularies, which refuse a formula already.
        """
        value = self[column]
        if looks_like_formula(value):
            # The tables hold labels and counts, never formulas: such a cell is a hostile one.
            self.refuse(column, f"{value[:40]!r} begins like a spreadsheet formula, which no published "
                        "table holds")
        return value

    def refuse(self, column: str, message: str) -> NoReturn:
        raise PublishedTableError(self.source, message, line=self.line, column=column)

    def count(self, column: str) -> int:
        text = self[column]
        try:
            number = float(text)
        except ValueError:
            number = -1.0
        if not (math.isfinite(number) and number >= 0 and number == int(number)):
            self.refuse(column, f"{text!r} is not a count (a whole number, zero or more)")
        return int(number)

    def label(self, column: str, known: Mapping[str, str]) -> str:
        """A label from a fixed vocabulary, as Lantern's word for it; TOTAL stays TOTAL."""
        text = self[column]
        if text == TOTAL:
            return TOTAL
        if text not in known:
            self.refuse(column, f"{text!r} is not one of {sorted(known)} or {TOTAL!r}")
        return str(known[text])

    def quarter(self, column: str = "Quarter") -> int:
        text = self[column]
        if text == TOTAL:
            return 0
        if text not in ("Q1", "Q2", "Q3", "Q4"):
            self.refuse(column, f"{text!r} is not a quarter (Q1 to Q4, or {TOTAL!r})")
        return int(text[1])


@dataclass(frozen=True)
class _Layout:
    columns: tuple[str, ...]
    read: Callable[[_Row], Iterable[Figure]]


def _layout(kind: TableKind, period: tuple[int, int] | None) -> _Layout:
    if kind in FIRST_RESPONDER_TYPES and period is not None:
        return _Layout(FIRST_RESPONDER_COLUMNS, lambda row: _first_responder_figures(row, kind, period))
    if kind is TableKind.DUTY_TO_NOTIFY and period is not None:
        return _Layout(("Nationality", "Total"), lambda row: [
            Figure(*period, nationality=row.text("Nationality"), value=row.count("Total"))])
    if kind is TableKind.REFERRALS_LONGITUDINAL:
        return _Layout(("Year", "Quarter", "Age at exploitation", "Location of exploitation",
                        "NRM referrals"), _longitudinal_figures)
    if kind is TableKind.DUTY_TO_NOTIFY_LONGITUDINAL:
        return _Layout(("Year", "Quarter", "Total"),
                       lambda row: [Figure(row.count("Year"), row.quarter(), value=row.count("Total"))])
    if kind not in (TableKind.REASONABLE_GROUNDS, TableKind.CONCLUSIVE_GROUNDS):
        raise ValueError(f"no layout for {kind} without a period")
    word = "reasonable" if kind is TableKind.REASONABLE_GROUNDS else "conclusive"
    parts = (f"Negative {word} grounds", f"Positive {word} grounds", TOTAL)
    columns = ("Year", "Quarter", *(f"{group} - {part}" for group in GROUNDS_AGE_GROUPS for part in parts),
               TOTAL)
    return _Layout(columns, lambda row: _grounds_figures(row, columns[2:]))


def _first_responder_figures(row: _Row, kind: TableKind, period: tuple[int, int]) -> Iterator[Figure]:
    responder_type = row["First responder type"]
    if responder_type not in FIRST_RESPONDER_TYPES[kind]:
        row.refuse("First responder type", f"{responder_type!r} does not belong in this table "
                   f"(it holds {sorted(FIRST_RESPONDER_TYPES[kind])})")
    responder = row.text("First responder")
    if responder.casefold().endswith(" total"):
        responder = TOTAL  # the aggregate first responder: "Police total"
    exploitation = row["Exploitation type"]
    if exploitation != TOTAL and not _is_exploitation_label(exploitation):
        row.refuse("Exploitation type", f"{exploitation!r} is not an exploitation type of the statistics")
    yield Figure(*period, first_responder_type=responder_type, first_responder=responder,
                 exploitation_type=exploitation, age_group=row.label("Age at exploitation", AGE_GROUPS),
                 gender=row.label("Gender", GENDER_LABELS), nationality=row.text("Nationality"),
                 value=row.count("People"))


@cache
def _is_exploitation_label(label: str) -> bool:
    try:
        exploitation_kinds(label)
    except StatisticsFormatError:
        return False
    return True


def _longitudinal_figures(row: _Row) -> Iterator[Figure]:
    yield Figure(row.count("Year"), row.quarter(), age_group=row.label("Age at exploitation", AGE_GROUPS),
                 location=row.label("Location of exploitation", LOCATIONS), value=row.count("NRM referrals"))


def _grounds_figures(row: _Row, columns: Sequence[str]) -> Iterator[Figure]:
    year, quarter = row.count("Year"), row.quarter()
    for column in columns:
        if column == TOTAL:
            age, outcome = TOTAL, TOTAL
        else:
            group, part = column.split(" - ")
            age = AGE_GROUPS[group].value
            outcome = TOTAL if part == TOTAL else (NEGATIVE if part.startswith("Negative") else POSITIVE)
        yield Figure(year, quarter, age_group=age, outcome=outcome, value=row.count(column))


def first_responder_codes(tables: Iterable[PublishedTable]) -> Mapping[str, str]:
    """First responders, as the statistics spell them, that are Lantern organisations: their codes."""
    names = {f.first_responder for t in tables for f in t.figures if f.first_responder not in ("", TOTAL)}
    return match_first_responders(sorted(names)).codes
