"""Reading an XLSX workbook people hand over: its zip checked before openpyxl opens it.

Plain Python (openpyxl, no Django). An XLSX file is a zip of XML parts, and a hostile one (a zip
bomb) declares parts that unpack to gigabytes from a few kilobytes. Before openpyxl sees the
file, its zip directory is read with ``zipfile`` and the file refused when it holds more than
``MAX_MEMBERS`` parts, a part that unpacks past ``MAX_MEMBER_BYTES``, parts that together unpack
past ``MAX_TOTAL_BYTES``, or a part over ``RATIO_FROM`` bytes that unpacks to more than
``MAX_RATIO`` times its packed size (a real sheet packs about 10 to 25 times; a bomb a thousand).
``zipfile`` never unpacks a part past the size its directory declares, so the sizes checked here
bound what openpyxl can read. XML entity expansion ("billion laughs") is stopped by the XML
parser itself (expat's amplification limit) and refused here as an unreadable workbook.

The first worksheet is read (``read_only`` and ``data_only``: a formula gives the value Excel last
worked out for it, never the formula), each cell as text: whole numbers without ".0", a date or
date-time at midnight as 2001-03-04, empty cells as "". Rows are numbered as Excel numbers them,
and a fault names the row and the column (the header's name for it, else its letter).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import load_workbook

from lantern.csv_import import FIELD_LIMIT, ImportFileError

MAX_MEMBERS = 1_000
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 100
RATIO_FROM = 1024 * 1024
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# Spreadsheet files openpyxl cannot read: refused with what to save them as.
OTHER_SPREADSHEETS = (".xls", ".xlsb", ".ods", ".numbers")


def check_zip(path: Path) -> None:
    """Refuse a workbook whose zip is not one, or would unpack past the limits above."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ImportFileError("is not an XLSX workbook (it is not a readable zip file): save it from "
                              "Excel as an .xlsx workbook or as CSV UTF-8") from None
    if len(members) > MAX_MEMBERS:
        raise ImportFileError(f"the workbook holds {len(members):,} parts, more than the {MAX_MEMBERS:,} "
                              "a workbook needs: refused unopened (a zip bomb?)")
    total = 0
    for member in members:
        if member.file_size > MAX_MEMBER_BYTES:
            raise ImportFileError(f"the workbook's part {member.filename!r} unpacks to {member.file_size:,} "
                                  f"bytes, more than {MAX_MEMBER_BYTES:,}: refused unopened (a zip bomb?)")
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise ImportFileError(f"the workbook's part {member.filename!r} unpacks to {ratio:,.0f} times "
                                  f"its packed size, more than {MAX_RATIO}: refused unopened (a zip bomb?)")
        total += member.file_size
    if total > MAX_TOTAL_BYTES:
        raise ImportFileError(f"the workbook unpacks to {total:,} bytes, more than {MAX_TOTAL_BYTES:,}: "
                              "refused unopened (a zip bomb?)")


def cell_text(value: object) -> str:
    """A cell's value as the text a CSV file would hold for it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def worksheet_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """The first worksheet's rows, each with its row number, every cell as text (``cell_text``).

    ``ImportFileError`` (unit "row") when the zip is refused, openpyxl cannot read the workbook,
    or a cell holds more than csv's field limit.
    """
    check_zip(path)
    row_number = 0
    header: list[str] | None = None
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # whatever a malformed workbook makes openpyxl raise
        raise _unreadable(error, None) from None
    try:
        if not book.worksheets:
            raise ImportFileError("the workbook holds no worksheet")
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # a wrong <dimension> must not cut rows or columns off
        for cells in sheet.iter_rows():
            numbered = next((c.row for c in cells if getattr(c, "row", None)), None)
            row_number = numbered if isinstance(numbered, int) else row_number + 1
            texts = [cell_text(c.value) for c in cells]
            for index, text in enumerate(texts):
                if len(text) > FIELD_LIMIT:
                    named = header[index].strip() if header is not None and index < len(header) else ""
                    raise ImportFileError(f"a value longer than {FIELD_LIMIT:,} characters", line=row_number,
                                          column=named or index + 1, unit="row")
            header = texts if header is None and any(texts) else header
            yield row_number, texts
    except ImportFileError:
        raise
    except Exception as error:  # the same, met while reading its rows
        raise _unreadable(error, row_number + 1 if row_number else None) from None
    finally:
        book.close()


def _unreadable(error: Exception, row: int | None) -> ImportFileError:
    detail = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
    return ImportFileError(f"the workbook cannot be read ({detail}): save it again from Excel as .xlsx, or "
                           "as CSV UTF-8", line=row, unit="row")
