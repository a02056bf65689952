"""The annual report as JSON: machine-readable, with keys that stay the same from year to year.

Plain Python over ``report.Report``. Top-level keys: ``schema`` (this layout's version), ``title``,
``year``, ``period``, ``place`` (kind, code, name), ``generated_at`` (UTC, ISO 8601 with "Z"),
``for_publication``, ``marking``, ``disclosure`` (threshold and cells suppressed, or null when
internal), ``notes``; ``table1`` (a row per key figure: key, label, unit, previous, value, change,
change_percent, as the published table prints them: rates in per cent, change in percentage
points); ``figures`` (every single figure by its metric key: title, unit, previous, value,
unrounded, rates as fractions from 0 to 1); ``sections`` (key, title, summary and the names of
their tables); ``tables`` (every table by a stable name such as ``victims_by_nationality``: its
own key, title, columns, rows of label and values, totals, source and notes); and ``nrm``:
``published`` (``published_queries.published_year``: total, per quarter, by age group, by first
responder type, duty to notify; null when no published statistics are imported) beside
``lantern`` (the same figures from Lantern's records).

A cell is a number, ``null`` (not available: ``[x]``) or the string ``"[c]"`` (suppressed).
"""

from __future__ import annotations

import json
from typing import Any

from lantern.insights.metrics import BY_KEY, TABLE_1_KEYS
from lantern.insights.report import Report
from lantern.insights.tables import SUPPRESSED, Cell, Table

SCHEMA = "lantern.annual-report/1"


def cell(value: Cell) -> int | float | str | None:
    """A table cell as JSON holds it."""
    if value is SUPPRESSED:
        return str(SUPPRESSED)
    return value  # type: ignore[return-value]


def _cells(values: tuple[Cell, ...]) -> list[int | float | str | None]:
    return [cell(v) for v in values]


def table_json(table: Table) -> dict[str, Any]:
    return {
        "key": table.key, "title": table.title, "description": table.description,
        "label_heading": table.label_heading, "columns": list(table.columns),
        "rows": [{"label": row.label, "values": _cells(row.values)} for row in table.rows],
        "total_row": table.total_row, "total_column": table.total_column,
        "source": table.source, "notes": list(table.notes),
    }


def report_data(report: Report) -> dict[str, Any]:
    """The report as plain data for ``json.dumps``."""
    table1 = [
        {"key": key, "label": row.label, "unit": BY_KEY[key].unit.value,
         **dict(zip(("previous", "value", "change", "change_percent"), _cells(row.values), strict=True))}
        for key, row in zip(TABLE_1_KEYS, report.table1.rows, strict=True)]
    return {
        "schema": SCHEMA,
        "title": report.title,
        "year": report.year,
        "period": {"code": report.period.code, "label": report.period.label,
                   "start": report.period.start.isoformat(), "end": report.period.end.isoformat(),
                   "previous": report.period.previous().code},
        "place": {"kind": report.place.kind.value, "code": report.place.code, "name": report.place.name},
        "generated_at": report.generated_at.isoformat().replace("+00:00", "Z"),
        "for_publication": report.for_publication,
        "marking": report.marking,
        "disclosure": (None if report.threshold is None
                       else {"threshold": report.threshold, "cells_suppressed": report.cells_suppressed}),
        "notes": list(report.notes),
        "table1": table1,
        "figures": {key: {"title": BY_KEY[key].title, "unit": BY_KEY[key].unit.value,
                          "previous": cell(previous), "value": cell(value)}
                    for key, (previous, value) in report.figures.items()},
        "sections": [{"key": s.key, "title": s.title, "summary": s.summary,
                      "tables": [item.name for item in s.items]} for s in report.sections],
        "tables": {item.name: table_json(item.table) for item in report.items()},
        "nrm": {"published": report.nrm_published, "lantern": _plain(report.nrm_lantern)},
    }


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(inner) for key, inner in value.items()}
    return cell(value)


def report_json(report: Report) -> str:
    """The report as a JSON document (UTF-8 text, indented, keys in a stable order)."""
    return json.dumps(report_data(report), indent=2, ensure_ascii=False) + "\n"
