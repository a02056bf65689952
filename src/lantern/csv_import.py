"""Reading the CSV files people hand over, so that a hostile or mis-saved one is refused, never a crash.

Plain Python: no Django. Every importer (``lantern link-file``'s spreadsheets, the published NRM
statistics, the generator's reference tables) reads its bytes through here, so each refuses the
same things the same way, naming the line and column at fault:

- a workbook saved under a ``.csv`` name (XLSX is a zip; XLS an OLE2 file): "save it as CSV";
- UTF-16 or UTF-32 text (a byte-order mark, or NUL bytes: Excel's "Unicode text"), and bytes that
  are not UTF-8 (a Latin-1 or Windows-1252 file);
- a file larger than the importer's limit, refused before it is read, and a gzip file that
  unpacks past it, refused after unpacking no more than the limit;
- a value longer than ``csv``'s field limit (131,072 characters: an unclosed quote runs on to the
  end of the file).

A UTF-8 byte-order mark (one or several) is taken off; a bare carriage return ends a line as
``\\n`` and ``\\r\\n`` do. Lines are counted as an editor shows them, so a value quoted across
lines moves the count on, and a record is named by the line it starts on.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import zlib
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

FIELD_LIMIT = 131_072  # csv's own default, which this module never changes (it is process-wide)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_WORKBOOKS = ((b"PK\x03\x04", "an Excel workbook (XLSX) or another zip file"),
              (b"\xd0\xcf\x11\xe0", "an old Excel workbook (XLS)"))
_WIDE_TEXT = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
              (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))
SAVE_AS = "save it as CSV UTF-8"


class ImportFileError(ValueError):
    """A file that cannot be read as a table: why, and where (``line``, or a workbook's ``row``).

    ``column`` is the header's name for the column when the header was read, else its number
    (1 for the first; a workbook's shows as its letters), else None when the fault is the whole file's.
    """

    def __init__(self, reason: str, *, line: int | None = None, column: str | int | None = None,
                 unit: str = "line") -> None:
        self.reason, self.line, self.column, self.unit = reason, line, column, unit
        super().__init__(f"{self.where}: {reason}" if self.where else reason)

    @property
    def where(self) -> str:
        """"line 3, column 'Name'", "line 1, column 2", "row 5, column C", "line 4" or "" (the whole file)."""
        parts = [] if self.line is None else [f"{self.unit} {self.line}"]
        if isinstance(self.column, int):
            parts.append(f"column {_letters(self.column) if self.unit == 'row' else self.column}")
        elif self.column:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)


def _letters(number: int) -> str:
    """A column's number as a spreadsheet's letters: 1 is A, 27 is AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_limited(path: Path, limit: int) -> bytes:
    """The file's bytes, refused unread when it is larger than ``limit``; FileNotFoundError passes."""
    size = path.stat().st_size
    if size > limit:
        raise ImportFileError(f"the file is {size:,} bytes, more than the {limit:,} this import reads; "
                              "split it into smaller files")
    return path.read_bytes()


def gunzip_limited(raw: bytes, limit: int) -> bytes:
    """Gzip-compressed bytes unpacked, refused once they pass ``limit`` (a gzip bomb unpacks no further)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as packed:
            unpacked = packed.read(limit + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise ImportFileError(f"is not a readable gzip file ({error})") from None
    if len(unpacked) > limit:
        raise ImportFileError(f"unpacks to more than {limit:,} bytes, more than this import reads "
                              "(a gzip bomb?); split the table into smaller files")
    return unpacked


def decode(raw: bytes) -> str:
    """The bytes as UTF-8 text; ``ImportFileError`` naming the line and column of the first bad byte."""
    for magic, kind in _WORKBOOKS:
        if raw.startswith(magic):
            raise ImportFileError(f"the file is {kind}, not CSV text: {SAVE_AS}")
    for bom, encoding in _WIDE_TEXT:
        if raw.startswith(bom):
            raise ImportFileError(f"the file is {encoding} text (it starts with a {encoding} byte-order "
                                  f"mark), not UTF-8: {SAVE_AS}", line=1, column=1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        nul = raw.find(b"\x00", 0, error.start)
        if nul >= 0:
            raise _nul_byte(raw[:nul].decode("utf-8-sig")) from None
        line, column = locate(raw[: error.start].decode("utf-8-sig"))
        raise ImportFileError(f"byte 0x{raw[error.start]:02X} is not UTF-8 text (a Latin-1 or Windows "
                              f"file?): {SAVE_AS}", line=line, column=column) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise _nul_byte(text[:nul])
    return text.lstrip("\ufeff")


def _nul_byte(before: str) -> ImportFileError:
    line, column = locate(before)
    return ImportFileError(f"a NUL byte (0x00), which CSV text never holds (UTF-16 text, or not text at "
                           f"all?): {SAVE_AS}", line=line, column=column)


def locate(before: str) -> tuple[int, str | int]:
    """The line, and the column (the header's name when known, else its number), where the text
    that follows ``before`` begins: the place of a fault found at ``len(before)``."""
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    first: list[str] | None = None
    last: list[str] = []
    # A sentinel at the fault, parsed by csv itself, lands in the field the fault is in.
    for row in csv.reader(io.StringIO(before.lstrip("\ufeff") + "\x00", newline="")):
        first = row if first is None else first
        last = row
    field = max(len(last) - 1, 0)
    header = first if first is not None and last is not first else None
    if header is not None and field < len(header) and header[field].strip():
        return line, header[field].strip()
    return line, field + 1


def records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each record of the CSV text with the line it starts on; the header is the first.

    A csv error (a value past the field limit) is an ``ImportFileError`` naming the record's
    line and the column of the value at fault.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _csv_error(text, start, header, error) from None
        header = [cell.strip() for cell in row] if header is None else header
        yield start, row


def _csv_error(text: str, line: int, header: list[str] | None, error: csv.Error) -> ImportFileError:
    field = _oversized_field(text, _line_start(text, line))
    column: str | int = field + 1
    if header is not None and field < len(header) and header[field]:
        column = header[field]
    if "field larger than field limit" in str(error):
        return ImportFileError(f"a value longer than {FIELD_LIMIT:,} characters (a quote opened and never "
                               "closed?)", line=line, column=column)
    return ImportFileError(f"not CSV as written ({error})", line=line, column=column)


def _line_start(text: str, line: int) -> int:
    if line <= 1:
        return 0
    for count, match in enumerate(_LINE_BREAK.finditer(text), start=2):
        if count == line:
            return match.end()
    return len(text)


def _oversized_field(text: str, start: int) -> int:
    """Which field (0 for the first) of the record at ``start`` first grows past the field limit.

    csv's own reading rules, by hand: a quote opens a field only at its start, two quotes inside
    one are a quote, and a line break ends the record unless quoted.
    """
    field, length, quoted, at_start, after_quote = 0, 0, False, True, False
    for char in islice(text, start, None):
        if quoted and not after_quote:
            if char == '"':
                after_quote = True
            else:
                length += 1
        elif char == ",":
            field, length, quoted, at_start, after_quote = field + 1, 0, False, True, False
            continue
        elif char in "\r\n":
            break
        elif char == '"' and (at_start or after_quote):
            quoted, after_quote = True, False
            length += 0 if at_start else 1
        else:
            length, quoted, after_quote = length + 1, False, False
        at_start = False
        if length > FIELD_LIMIT:
            return field
    return field


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # as lantern.csv_export's: cells are not stripped


def looks_like_formula(value: str) -> bool:
    """Whether a spreadsheet would run this cell: it begins like a formula and is not a number
    ("-5" is a count, "=cmd|..." an attack). Importers refuse such cells where no formula belongs."""
    if not value.startswith(FORMULA_STARTS):
        return False
    try:
        float(value)
    except ValueError:
        return True
    return False
