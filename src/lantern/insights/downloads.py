"""Every figure table as a CSV or XLSX download, each download recorded in the audit trail.

The file is written from the same ``Table`` the page shows, so the two cannot disagree. Neither
format lets a spreadsheet run a cell as a formula: labels come from data (a force's or a
category's name), and a label such as ``=HYPERLINK(...)`` must arrive as text.

- CSV: one header row then one row per table row, nothing else, as GOV.UK's guidance on CSV files
  asks (a title or notes above or below the data break the programs that read it). Text goes
  through ``csv_export.safe_cell`` (a leading apostrophe before ``=``, ``+``, ``-``, ``@``...);
  numbers are written as numbers, so a change of ``-5`` stays ``-5`` rather than ``'-5``, which is
  why this does not call ``csv_text`` (that escapes every cell as text). ``[c]`` and ``[x]`` as in
  the table.
- XLSX: the title, the place and period, the table, then the source and notes (the key to
  ``[c]`` among them), on one sheet. Every text cell is stored as a string, never a formula,
  and those that begin like a formula carry Excel's quote prefix too, so editing the cell does not
  turn it into one. Counts are stored as numbers with a thousands separator.

``table_download`` is what a view calls: it builds the response and records a disclosure (to the
person downloading, as Lantern's other exports do) naming the table, place, period and format.
With ``for_publication`` it applies disclosure control first (``disclosure.table_suppress`` at
``settings.LANTERN_DISCLOSURE_THRESHOLD``); the caller must already have built the table through
the queries that scope figures to the user.
"""

from __future__ import annotations

import csv
import io
import math
import re
from enum import StrEnum
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.csv_export import safe_cell
from lantern.insights.charts_scale import NOT_AVAILABLE_TEXT
from lantern.insights.disclosure import table_suppress
from lantern.insights.tables import SUPPRESSED, Cell, Table

if TYPE_CHECKING:
    from lantern.accounts.models import User


class DownloadFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


CONTENT_TYPES = {
    DownloadFormat.CSV: "text/csv; charset=utf-8",
    DownloadFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What XML 1.0 (and so a workbook) cannot hold: control characters but tab and line breaks,
# U+FFFE and U+FFFF, and lone surrogates. openpyxl's own ILLEGAL_CHARACTERS_RE misses the last
# two, and a label holding one made the download fail.
_NOT_IN_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _figure(cell: Cell) -> int | float | None:
    """The cell as a number to write, or None when it is written as text ([c], [x])."""
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        return None
    return cell if math.isfinite(cell) else None


def _cell_out(cell: Cell) -> int | float | str:
    number = _figure(cell)
    if number is not None:
        return number
    return str(SUPPRESSED) if cell is SUPPRESSED else NOT_AVAILABLE_TEXT


def table_csv(table: Table) -> str:
    """The table as CSV: the header row, then each row's label and figures."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(table.label_heading), *(safe_cell(h) for h in table.columns)])
    for row in table.rows:
        writer.writerow([safe_cell(row.label), *(_csv_cell(cell) for cell in row.values)])
    return buffer.getvalue()


def _csv_cell(cell: Cell) -> str:
    value = _cell_out(cell)
    return safe_cell(value) if isinstance(value, str) else repr(value)


def _text(sheet_cell: SheetCell, text: str) -> None:
    """Store text as text: never a formula, with the quote prefix where it looks like one."""
    text = _NOT_IN_XML.sub("", text)
    sheet_cell.value = text
    sheet_cell.data_type = "s"
    if text.startswith(_FORMULA_STARTS):
        sheet_cell.quotePrefix = True


def _put(sheet: Worksheet, row: int, column: int, value: int | float | str, *, bold: bool = False) -> None:
    target = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        _text(target, value)
    else:
        target.value = value
        target.number_format = "#,##0" if isinstance(value, int) else "#,##0.0##"
    if bold:
        target.font = Font(bold=True)


def table_xlsx(table: Table, *, subtitle: str = "") -> bytes:
    """The table as a one-sheet workbook: title, subtitle, the table, then source and notes."""
    book = Workbook()
    sheet = book.active
    sheet.title = re.sub(r"[\[\]:*?/\\]", "-", table.key)[:31] or "Table"
    book.properties.creator = "Lantern"
    book.properties.title = _NOT_IN_XML.sub("", table.title)
    _put(sheet, 1, 1, table.title, bold=True)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    line = 2
    for text in (subtitle, table.description):
        if text:
            _put(sheet, line, 1, text)
            line += 1
    header = line + 1
    for c, heading in enumerate((table.label_heading, *table.columns), start=1):
        _put(sheet, header, c, heading, bold=True)
    last = len(table.rows) - 1
    for r, row in enumerate(table.rows, start=header + 1):
        total = table.total_row and r - header - 1 == last
        _put(sheet, r, 1, row.label, bold=total)
        for c, cell in enumerate(row.values, start=2):
            _put(sheet, r, c, _cell_out(cell), bold=total)
    line = header + len(table.rows) + 2
    for text in ((f"Source: {table.source}",) if table.source else ()) + table.notes:
        _put(sheet, line, 1, text)
        line += 1
    sheet.freeze_panes = sheet.cell(row=header + 1, column=2)
    widest = max([len(table.label_heading), *(len(row.label) for row in table.rows)], default=10)
    sheet.column_dimensions["A"].width = min(60, max(12, widest + 2))
    for c, heading in enumerate(table.columns, start=2):
        sheet.column_dimensions[get_column_letter(c)].width = min(30, max(10, len(heading) + 2))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def download_filename(table: Table, period_label: str, file_format: DownloadFormat | str) -> str:
    """``lantern-<table key>-<period>.<format>``: letters, digits and hyphens only, so the name is
    safe in a ``Content-Disposition`` header and on any file system."""
    file_format = DownloadFormat(file_format)
    stem = "-".join(part for part in ("lantern", _slug(table.key), _slug(period_label)) if part)
    return f"{stem}.{file_format.value}"


def download_response(table: Table, *, period_label: str, file_format: DownloadFormat | str,
                      subtitle: str = "") -> HttpResponse:
    """The table as an attachment in the format asked for. Records nothing: see ``table_download``."""
    file_format = DownloadFormat(file_format)
    body: str | bytes = (table_csv(table) if file_format is DownloadFormat.CSV
                         else table_xlsx(table, subtitle=subtitle))
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    name = download_filename(table, period_label, file_format)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@transaction.atomic
def table_download(*, user: User, table: Table, place: str, period: str,
                   file_format: DownloadFormat | str, for_publication: bool = False,
                   reason: str = "") -> HttpResponse:
    """A table's download, recorded in the audit trail as a disclosure to the person downloading.

    ``place`` and ``period`` are their labels as the page shows them ("West Yorkshire Police",
    "2020-21"). With ``for_publication``, disclosure control is applied before the file is written
    and the event says how many cells it hid.
    """
    file_format = DownloadFormat(file_format)
    suppressed = 0
    threshold = settings.LANTERN_DISCLOSURE_THRESHOLD
    if for_publication:
        table, suppressed = table_suppress(table, threshold=threshold)
    response = download_response(table, period_label=period, file_format=file_format,
                                 subtitle=", ".join(part for part in (place, period) if part))
    detail: dict[str, object] = {
        "table": table.key, "place": place, "period": period, "format": file_format.value,
        "rows": len(table.rows), "for_publication": for_publication,
    }
    if for_publication:
        detail |= {"disclosure_threshold": threshold, "cells_suppressed": suppressed}
    event_record(action=Action.DISCLOSURE, actor=user, object_type="insights.table",
                 object_id=table.key, justification=reason,
                 recipient=f"{user.get_full_name() or user.username} (download file)", detail=detail)
    return response
