"""Linking a spreadsheet: an analyst's CSV or XLSX read into person records, and the matches written back.

Plain Python: no Django (``lantern link-file`` adds Lantern's own records when asked). A partner
hands over a list (an operation's names, an NGO's list): its columns are mapped onto Lantern's
person fields (``--map column=field``), every unmapped column is kept and written through, and a
file that cannot be read is refused with the line (a workbook's row) and column at fault, before
anything is linked. The bytes are read through ``lantern.csv_import`` and ``lantern.xlsx_import``,
which refuse wrong encodings, workbooks saved as .csv and zip bombs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from lantern.csv_import import ImportFileError, decode, read_limited, records
from lantern.linkage.records import PersonRecord
from lantern.xlsx_import import OTHER_SPREADSHEETS, WORKBOOK_SUFFIXES, worksheet_rows

# Lantern's person fields a column can map to, and the record attribute each fills.
FIELDS: dict[str, str] = {
    "given_name": "given_name", "surname": "family_name", "family_name": "family_name",
    "full_name": "full_name", "alias": "aliases", "date_of_birth": "date_of_birth", "sex": "sex",
    "nationality": "nationality", "phone": "phones", "email": "emails", "address": "addresses",
    "postcode": "postcodes", "town": "towns", "vehicle": "vehicles", "document": "documents",
}
_MANY = {"aliases", "phones", "emails", "addresses", "postcodes", "towns", "vehicles", "documents"}
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y%m%d", "%d/%m/%y")
MAX_ROWS = 2_000_000
MAX_BYTES = 1024 * 1024 * 1024  # a CSV file of MAX_ROWS rows of a few hundred characters each
MAX_VALUE = 2_000  # characters in one mapped cell
SHOWN_COLUMNS = 30  # of a header, in the message that a mapped column is missing


class SpreadsheetError(ValueError):
    """A file or mapping that cannot be used, with what is wrong and where."""


@dataclass
class Sheet:
    """One CSV file or worksheet as read: its header, its rows (as text) and the records made from them."""

    name: str
    header: list[str]
    rows: list[list[str]]
    records: list[PersonRecord] = field(default_factory=list)


def parse_mapping(pairs: Sequence[str]) -> dict[str, str]:
    """``column=field`` arguments as {column: field}; an unknown field is refused by name."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        column, target = column.strip(), target.strip().lower()
        if not sep or not column or not target:
            raise SpreadsheetError(f"--map {pair!r}: write it as column=field, "
                                   "for example --map 'First name=given_name'.")
        if target not in FIELDS:
            raise SpreadsheetError(f"--map {pair!r}: {target!r} is not a person field. "
                                   f"Use one of: {', '.join(sorted(FIELDS))}.")
        mapping[column] = target
    if not mapping:
        raise SpreadsheetError("Map at least one column to a person field with --map column=field.")
    return mapping


def read_sheet(path: Path, mapping: Mapping[str, str], *, id_prefix: str = "r") -> Sheet:
    """The file's rows and a person record per row; ``SpreadsheetError`` naming the line at fault.

    A CSV file (UTF-8) or an XLSX workbook's first worksheet; its lines (a workbook's rows) are
    named as the analyst's editor numbers them.
    """
    suffix = path.suffix.lower()
    if suffix in OTHER_SPREADSHEETS:
        raise SpreadsheetError(f"{path}: a {suffix} spreadsheet cannot be read: save it as an .xlsx "
                               "workbook, or as CSV UTF-8.")
    unit = "row" if suffix in WORKBOOK_SUFFIXES else "line"
    try:
        return _read_rows(path, _rows(path, unit), unit, mapping, id_prefix)
    except FileNotFoundError:
        raise SpreadsheetError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise SpreadsheetError(f"{path}: is a directory, not a file.") from None
    except ImportFileError as error:
        raise SpreadsheetError(f"{path}, {error}." if error.where else f"{path}: {error}.") from None


def _rows(path: Path, unit: str) -> Iterator[tuple[int, list[str]]]:
    if unit == "row":
        yield from worksheet_rows(path)
    else:
        yield from records(decode(read_limited(path, MAX_BYTES)))


def _read_rows(path: Path, rows: Iterator[tuple[int, list[str]]], unit: str, mapping: Mapping[str, str],
               id_prefix: str) -> Sheet:
    first = next(rows, None)
    if first is None:
        raise SpreadsheetError(
            f"{path}: the file is empty; it needs a header line naming its columns.")
    header_line, header = first[0], [h.strip() for h in first[1]]
    if unit == "row":
        while header and not header[-1]:
            header.pop()  # a workbook's row runs on with empty cells; they are no columns
    counts = Counter(header)
    duplicated = sorted(h for h, n in counts.items() if n > 1)
    if duplicated:
        raise SpreadsheetError(
            f"{path}, {unit} {header_line}: the column {duplicated[0]!r} appears more than once.")
    missing = [c for c in mapping if c not in counts]
    if missing:
        shown = ", ".join(header[:SHOWN_COLUMNS]) + (", ..." if len(header) > SHOWN_COLUMNS else "")
        raise SpreadsheetError(
            f"{path}, {unit} {header_line}: no column {missing[0]!r}; the columns are: {shown}.")
    where = {column: header.index(column) for column in mapping}
    sheet = Sheet(name=path.name, header=header, rows=[])
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if unit == "row":
            row = _fitted(path, line, row, len(header))
        elif len(row) != len(header):
            raise SpreadsheetError(
                f"{path}, line {line}: {len(row)} values where the header has {len(header)} columns "
                "(a missing comma, or a comma inside a value without quotes?).")
        if len(sheet.rows) >= MAX_ROWS:
            raise SpreadsheetError(f"{path}: more than {MAX_ROWS:,} rows; split the file.")
        sheet.rows.append(row)
        sheet.records.append(_record(f"{id_prefix}{len(sheet.rows)}", sheet.name, row, where, mapping,
                                     f"{path}, {unit} {line}"))
    if not sheet.rows:
        raise SpreadsheetError(f"{path}: no rows under the header.")
    return sheet


def _fitted(path: Path, line: int, row: list[str], width: int) -> list[str]:
    """A workbook row cut or padded to the header's width: its empty cells past the end are no values."""
    beyond = next((i for i in range(width, len(row)) if row[i].strip()), None)
    if beyond is not None:
        raise SpreadsheetError(
            f"{path}, row {line}, column {get_column_letter(beyond + 1)}: a value beyond the header's "
            f"{width} columns (a column without a heading?).")
    return row[:width] + [""] * (width - len(row))


def _record(unique_id: str, source: str, row: list[str], where: Mapping[str, int], mapping: Mapping[str, str],
            place: str) -> PersonRecord:
    values: dict[str, Any] = {}
    many: dict[str, list[str]] = defaultdict(list)
    for column, target in mapping.items():
        cell = row[where[column]].strip()
        if not cell:
            continue
        if len(cell) > MAX_VALUE:
            # No person field is this long, and the linkage engine's string comparisons grow with it.
            raise SpreadsheetError(f"{place}, column {column!r}: {len(cell):,} characters, more than the "
                                   f"{MAX_VALUE:,} a {target} can hold.")
        attribute = FIELDS[target]
        if attribute == "date_of_birth":
            values[attribute] = parse_date(cell, f"{place}, column {column!r}")
        elif attribute in _MANY:
            many[attribute] += [part.strip() for part in cell.split(";") if part.strip()]
        else:
            values[attribute] = f"{values[attribute]} {cell}" if attribute in values else cell
    values.update((name, tuple(found)) for name, found in many.items())
    return PersonRecord(unique_id=unique_id, source=source, **values)


def parse_date(text: str, place: str) -> date:
    """A date of birth as people write it (2001-03-04, 04/03/2001, 20010304); refused with its place."""
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise SpreadsheetError(f"{place}: {text!r} is not a date. Write dates like 2001-03-04 or 04/03/2001.")


@dataclass(frozen=True)
class Scores:
    """Pairwise precision, recall and F1 against a ground-truth column."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def true_pairs(truth: Mapping[str, str], *, across: Mapping[str, str] | None = None) -> set[tuple[str, str]]:
    """Record pairs with the same truth value; with ``across`` (record -> file), only pairs across files."""
    by_truth: dict[str, list[str]] = defaultdict(list)
    for record, value in truth.items():
        if value.strip():
            by_truth[value.strip()].append(record)
    pairs: set[tuple[str, str]] = set()
    for members in by_truth.values():
        for left, right in combinations(sorted(members), 2):
            if across is None or across[left] != across[right]:
                pairs.add((left, right))
    return pairs


def score(found: Iterable[tuple[str, str]], actual: set[tuple[str, str]]) -> Scores:
    predicted = {tuple(sorted(p)) for p in found}
    hits = len(predicted & actual)
    return Scores(true_positives=hits, false_positives=len(predicted) - hits,
                  false_negatives=len(actual) - hits)
