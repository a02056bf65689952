"""A ``Table`` ready for the page: the data table shown beside every chart (``_table.html``).

Plain Python: no Django. The template only places what this module has already written, so the
table says exactly what the chart's labels say (both go through ``charts_scale.cell_text``), and
the template needs no arithmetic or type tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from lantern.insights.charts_scale import cell_text, is_number
from lantern.insights.charts_svg import chart_id
from lantern.insights.tables import SUPPRESSED, Cell, Table

SUPPRESSED_NOTE = "[c] Suppressed to protect confidentiality."
NOT_AVAILABLE_NOTE = "[x] Not available."


@dataclass(frozen=True)
class CellView:
    text: str
    suppressed: bool = False
    missing: bool = False


@dataclass(frozen=True)
class RowView:
    label: str
    cells: tuple[CellView, ...]
    is_total: bool = False


@dataclass(frozen=True)
class TableView:
    element_id: str
    title: str
    description: str
    label_heading: str
    headings: tuple[str, ...]
    rows: tuple[RowView, ...]
    source: str
    notes: tuple[str, ...]  # the table's own notes, then the key to [c] and [x] unless a note gives it

    @property
    def is_empty(self) -> bool:
        return not self.rows


def _cell(cell: Cell) -> CellView:
    return CellView(cell_text(cell), suppressed=cell is SUPPRESSED,
                    missing=cell is not SUPPRESSED and not is_number(cell))


def table_view(table: Table, *, element_id: str = "") -> TableView:
    """The table as the template shows it: every cell written out, totals marked, the keys noted."""
    last = len(table.rows) - 1
    rows = tuple(RowView(row.label, tuple(_cell(v) for v in row.values),
                         is_total=table.total_row and i == last) for i, row in enumerate(table.rows))
    cells = [cell for row in rows for cell in row.cells]
    notes = list(table.notes)
    if any(c.suppressed for c in cells) and not any(n.startswith("[c]") for n in notes):
        notes.append(SUPPRESSED_NOTE)
    if any(c.missing for c in cells) and not any(n.startswith("[x]") for n in notes):
        notes.append(NOT_AVAILABLE_NOTE)
    return TableView(
        element_id=element_id or chart_id(table), title=table.title, description=table.description,
        label_heading=table.label_heading, headings=table.columns, rows=rows, source=table.source,
        notes=tuple(notes))
