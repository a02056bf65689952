"""The one shape every figure takes on its way out: a titled table of labelled rows.

Plain Python: no Django. Metrics (``metrics``) produce tables; charts (``charts``) draw them with
the same table beside the chart; downloads (``downloads``) write them as CSV and XLSX; disclosure
control (``disclosure``) suppresses their small cells before anything marked for publication
leaves. Because all four take the same ``Table``, a page, its download and the PDF report cannot
disagree.

A table's first column holds the row labels; every other column holds numbers (``int`` or
``float``), ``None`` for "not available", or ``SUPPRESSED`` once disclosure control has hidden
the cell. ``total_row`` / ``total_column`` say that the last row / column is the sum of the
others, which is what secondary suppression needs to know.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Final


class _Suppressed:
    """A cell hidden by statistical disclosure control, shown as "[c]" (the ONS convention)."""

    _instance: _Suppressed | None = None

    def __new__(cls) -> _Suppressed:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __str__(self) -> str:
        return "[c]"

    def __repr__(self) -> str:
        return "SUPPRESSED"


SUPPRESSED: Final = _Suppressed()

Number = int | float
Cell = Number | None | _Suppressed


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    key: str  # a slug: the download's file name and the chart's element id
    title: str
    columns: tuple[str, ...]  # the headings of the value columns (the label column is ``label_heading``)
    rows: tuple[Row, ...]
    label_heading: str = ""
    description: str = ""  # one sentence saying what the table counts, for screen readers and captions
    # The definition's source, e.g. "Modern Slavery Police Transformation Programme annual report, Table 1".
    source: str = ""
    total_row: bool = False
    total_column: bool = False
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row.values) != len(self.columns):
                raise ValueError(f"Row {row.label!r} of table {self.key!r} has {len(row.values)} values "
                                 f"for {len(self.columns)} columns.")

    def column(self, heading: str) -> tuple[Cell, ...]:
        index = self.columns.index(heading)
        return tuple(row.values[index] for row in self.rows)

    def with_rows(self, rows: tuple[Row, ...]) -> Table:
        return replace(self, rows=rows)
