"""Statistical disclosure control for figures marked for publication.

Plain Python: no Django. Internal views show the exact figures; anything that leaves for
publication (a published report, a download marked for publication) goes through
``table_suppress`` first, with the threshold from the ``LANTERN_DISCLOSURE_THRESHOLD`` setting
(default 5) passed in by the caller.

Why: a count of two victims in one force, one quarter and one exploitation type can identify
them to anyone who knows the area. The rules follow the ONS's practice for published tables:

1. **Primary suppression.** Every count from 1 up to the threshold less one (1 to 4 by default)
   is hidden as ``[c]``, totals included. Zeros are not suppressed: a zero discloses nothing about
   any person, and hiding zeros would also make the remaining cells easier to guess (ONS practice
   likewise publishes zeros).
2. **Secondary suppression.** Where the table has a total row or a total column, a hidden cell
   could be recovered by subtracting the cells beside it from their total. So in every row (when
   there is a total column) and every column (when there is a total row) holding exactly one
   hidden cell among its parts and total, the next smallest non-zero visible cell is hidden too
   (a part before the total on a tie); this repeats until no row or column has exactly one.

What counts: only ``int`` cells are counts. Floats (rates, shares, averages) and negative
integers (changes against the previous period) are left as they are: a rate or average derived
from a suppressed count is the caller's concern (suppress it, or derive it from unsuppressed
counts only). ``None`` (not available) neither protects a hidden cell nor is hidden: treating
it as known is the cautious reading.

Cells already ``SUPPRESSED`` stay so. The input table is never changed: a new ``Table`` comes back
with the number of cells newly suppressed, and a note explaining ``[c]`` when any cell is hidden.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import NamedTuple

from lantern.insights.tables import SUPPRESSED, Cell, Row, Table

DEFAULT_THRESHOLD = 5
SUPPRESSION_NOTE = ("[c] Suppressed to protect confidentiality: counts from 1 to {below} are not "
                    "shown, nor further figures that would let them be worked out from a total.")

Position = tuple[int, int]  # (row index, value column index)


class Suppression(NamedTuple):
    table: Table
    cells_suppressed: int


def additive_lines(table: Table) -> Iterator[tuple[list[Position], Position]]:
    """Each row and column whose parts add up to a total in the table: (parts, total).

    Rows add up when the table has a total column (the last); columns when it has a total row
    (the last). The total row's own row and the total column's own column are lines too.
    """
    height, width = len(table.rows), len(table.columns)
    if table.total_column and width > 1:
        for r in range(height):
            yield [(r, c) for c in range(width - 1)], (r, width - 1)
    if table.total_row and height > 1:
        for c in range(width):
            yield [(r, c) for r in range(height - 1)], (height - 1, c)


def table_suppress(table: Table, *, threshold: int = DEFAULT_THRESHOLD) -> Suppression:
    """The table with small counts hidden and no hidden count recoverable from a total."""
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ValueError(f"The disclosure threshold must be a whole number of at least 1, not {threshold!r}.")
    grid: list[list[Cell]] = [list(row.values) for row in table.rows]
    already = sum(cell is SUPPRESSED for row in grid for cell in row)

    for row in grid:
        for c, cell in enumerate(row):
            if isinstance(cell, int) and not isinstance(cell, bool) and 0 < cell < threshold:
                row[c] = SUPPRESSED

    lines = list(additive_lines(table))
    changed = True
    while changed:  # each pass hides at least one more cell, so this ends
        changed = False
        for parts, total in lines:
            cells = [*parts, total]
            if sum(grid[r][c] is SUPPRESSED for r, c in cells) != 1:
                continue
            candidate = _next_smallest(grid, parts, total)
            if candidate is not None:
                grid[candidate[0]][candidate[1]] = SUPPRESSED
                changed = True

    hidden = sum(cell is SUPPRESSED for row in grid for cell in row) - already
    rows = tuple(Row(row.label, tuple(values)) for row, values in zip(table.rows, grid, strict=True))
    notes = table.notes
    if hidden and not any(note.startswith("[c]") for note in notes):
        notes = (*notes, SUPPRESSION_NOTE.format(below=threshold - 1))
    return Suppression(replace(table, rows=rows, notes=notes), hidden)


def _next_smallest(grid: list[list[Cell]], parts: list[Position], total: Position) -> Position | None:
    """The visible cell to hide beside a lone hidden one: the smallest non-zero figure, a part
    before the total on a tie, the first in reading order after that.

    A zero is taken only when nothing else is visible (a table whose total is not the sum of its
    parts); a missing (``None``) cell never, since hiding it would protect nothing.
    """
    def figure(position: Position) -> float | None:
        cell = grid[position[0]][position[1]]
        return float(cell) if isinstance(cell, int | float) and not isinstance(cell, bool) else None

    visible = [(abs(v), position == total, i, position) for i, position in enumerate([*parts, total])
               if (v := figure(position)) is not None]
    if not visible:
        return None
    non_zero = [entry for entry in visible if entry[0] != 0]
    return min(non_zero or visible)[3]
