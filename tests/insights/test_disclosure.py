"""Statistical disclosure control: small counts hidden, and no hidden count recoverable from a total."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from lantern.insights.disclosure import DEFAULT_THRESHOLD, additive_lines, table_suppress
from lantern.insights.tables import SUPPRESSED, Cell, Row, Table


def _table(grid: list[list[Cell]], *, total_row: bool = False, total_column: bool = False,
           notes: tuple[str, ...] = ()) -> Table:
    columns = tuple(f"c{i}" for i in range(len(grid[0]))) if grid else ()
    rows = tuple(Row(f"r{i}", tuple(v)) for i, v in enumerate(grid))
    return Table(key="t", title="T", columns=columns, rows=rows, total_row=total_row,
                 total_column=total_column, notes=notes)


def _grid(table: Table) -> list[list[Cell]]:
    return [list(row.values) for row in table.rows]


def _with_totals(parts: list[list[int]], total_row: bool, total_column: bool) -> list[list[Cell]]:
    grid: list[list[Cell]] = [[*row, sum(row)] if total_column else list(row) for row in parts]
    if total_row:
        grid.append([sum(row[c] for row in grid) for c in range(len(grid[0]))])  # type: ignore[misc]
    return grid


def test_counts_below_the_threshold_are_hidden_but_zeros_and_the_threshold_itself_are_not() -> None:
    result, hidden = table_suppress(_table([[0, 1, 4, 5, 120]]))
    assert _grid(result) == [[0, SUPPRESSED, SUPPRESSED, 5, 120]]
    assert hidden == 2


def test_the_threshold_is_the_callers_and_defaults_to_five() -> None:
    assert DEFAULT_THRESHOLD == 5
    assert _grid(table_suppress(_table([[7, 10]]), threshold=10).table) == [[SUPPRESSED, 10]]
    assert _grid(table_suppress(_table([[7, 10]])).table) == [[7, 10]]


def test_rates_averages_and_changes_are_left_to_the_caller() -> None:
    """Only whole counts are suppressed: a share, an average or a fall of three are not counts."""
    result, hidden = table_suppress(_table([[0.25, 3.5, -3, None]]))
    assert _grid(result) == [[0.25, 3.5, -3, None]]
    assert hidden == 0


def test_a_lone_hidden_cell_in_a_row_with_a_total_hides_the_next_smallest() -> None:
    """Given a row 3, 10, 20 with total 33, hiding 3 alone would leave 33 - 10 - 20 = 3 plain."""
    result, hidden = table_suppress(_table([[3, 10, 20, 33]], total_column=True))
    assert _grid(result) == [[SUPPRESSED, SUPPRESSED, 20, 33]]
    assert hidden == 2


def test_a_column_with_a_total_row_is_protected_too() -> None:
    result, _ = table_suppress(_table([[2], [9], [30], [41]], total_row=True))
    assert _grid(result) == [[SUPPRESSED], [SUPPRESSED], [30], [41]]


def test_the_cell_hidden_next_is_the_smallest_non_zero_one_first_in_reading_order() -> None:
    result, _ = table_suppress(_table([[2, 0, 40, 9, 51], [2, 7, 7, 0, 16]], total_column=True))
    assert _grid(result) == [[SUPPRESSED, 0, 40, SUPPRESSED, 51], [SUPPRESSED, SUPPRESSED, 7, 0, 16]]


def test_secondary_suppression_repeats_until_no_line_has_a_lone_hidden_cell() -> None:
    """Hiding 6 to protect the 2 in row 0 leaves column 1 with one hidden cell (8 is hidden), and
    column 0 with the lone 2 (30 is hidden)."""
    grid = _with_totals([[2, 6, 50], [30, 8, 40]], total_row=True, total_column=True)
    result, hidden = table_suppress(_table(grid, total_row=True, total_column=True))
    out = _grid(result)
    assert out[0][:2] == [SUPPRESSED, SUPPRESSED]
    assert out[1][1] is SUPPRESSED  # column 1's other part, for the 6
    assert out[1][0] is SUPPRESSED  # column 0's other part, for the 2
    for parts, total in additive_lines(result):
        assert sum(out[r][c] is SUPPRESSED for r, c in [*parts, total]) != 1
    assert hidden == sum(cell is SUPPRESSED for row in out for cell in row)


def test_the_input_is_unchanged_and_a_note_explains_the_c() -> None:
    table = _table([[3, 10, 13]], total_column=True, notes=("Counted by the year recorded.",))
    result, _ = table_suppress(table)
    assert _grid(table) == [[3, 10, 13]]
    assert result.notes[0] == "Counted by the year recorded."
    assert result.notes[1].startswith("[c] Suppressed") and "1 to 4" in result.notes[1]
    again, more = table_suppress(result)
    assert more == 0 and again.notes == result.notes  # idempotent: no second note


def test_nothing_hidden_means_no_note() -> None:
    assert table_suppress(_table([[0, 50]])).table.notes == ()


@pytest.mark.parametrize("threshold", [0, -5, 2.5, True])
def test_a_threshold_that_is_not_a_whole_number_of_one_or_more_is_refused(threshold: object) -> None:
    with pytest.raises(ValueError, match="threshold"):
        table_suppress(_table([[3]]), threshold=threshold)  # type: ignore[arg-type]


def test_the_setting_defaults_to_five_and_refuses_a_threshold_that_hides_nothing() -> None:
    assert settings.LANTERN_DISCLOSURE_THRESHOLD == 5
    env = {**os.environ, "LANTERN_ENV": "test", "LANTERN_DISCLOSURE_THRESHOLD": "1"}
    run = subprocess.run([sys.executable, "-c", "import lantern.settings"], env=env, capture_output=True,
                         text=True, check=False)
    assert run.returncode != 0
    assert "LANTERN_DISCLOSURE_THRESHOLD must be at least 2" in run.stderr


# Counts as tables hold them: many small ones (the cells that matter), zeros, and some large.
_counts = st.one_of(st.integers(0, 9), st.integers(0, 9), st.integers(10, 500))


@st.composite
def _tables(draw: st.DrawFn) -> tuple[Table, int]:
    height, width = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    parts = draw(st.lists(st.lists(_counts, min_size=width, max_size=width),
                          min_size=height, max_size=height))
    total_row, total_column = draw(st.booleans()), draw(st.booleans())
    grid = _with_totals(parts, total_row, total_column)
    return _table(grid, total_row=total_row, total_column=total_column), draw(st.integers(2, 10))


def _derivable(grid: list[list[Cell]], table: Table) -> list[tuple[int, int]]:
    """Every hidden cell that one row or column gives away: its total less its other cells, all visible."""
    found = []
    for parts, total in additive_lines(table):
        line = [*parts, total]
        for hidden in line:
            if grid[hidden[0]][hidden[1]] is not SUPPRESSED:
                continue
            others = [grid[r][c] for r, c in line if (r, c) != hidden]
            if all(isinstance(v, int) for v in others):
                found.append(hidden)
    return found


@hypothesis_settings(max_examples=300, deadline=None)
@given(_tables())
def test_no_hidden_cell_can_be_worked_out_and_no_small_count_is_visible(drawn: tuple[Table, int]) -> None:
    table, threshold = drawn
    before = _grid(table)
    result, hidden = table_suppress(table, threshold=threshold)
    after = _grid(result)
    assert _grid(table) == before  # the input is unchanged
    assert _derivable(after, result) == []
    visible = [v for row in after for v in row if v is not SUPPRESSED]
    assert not [v for v in visible if isinstance(v, int) and 0 < v < threshold]
    for r, row in enumerate(after):
        for c, cell in enumerate(row):
            if cell is not SUPPRESSED:
                assert cell == before[r][c]  # what is shown is the exact figure
            else:
                assert before[r][c] != 0  # zeros stay visible in a table whose totals add up
    assert hidden == sum(cell is SUPPRESSED for row in after for cell in row)
