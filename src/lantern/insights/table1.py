"""The annual report's Table 1: each key figure for a period beside the period before, and the change.

As seed 004 prints it: the figure for each of the two periods, the change as a percentage of the
earlier one ("+20.4%"), and "n/a" for the conviction rate, whose change is a difference of two
rates (shown here in percentage points) rather than a growth. Any period kind works: a financial
year is compared with the financial year before, a quarter with the quarter before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lantern.insights.figures import Figure, figures_for_periods
from lantern.insights.figures_breakdowns import table_key
from lantern.insights.figures_counting import Counting
from lantern.insights.metrics import BY_KEY, TABLE_1, TABLE_1_KEYS, Unit
from lantern.insights.periods import Period
from lantern.insights.tables import Cell, Row, Table


@dataclass(frozen=True)
class KeyFigure:
    """One row of Table 1, unrounded."""

    key: str
    previous: Figure
    current: Figure

    @property
    def is_rate(self) -> bool:
        return BY_KEY[self.key].unit is Unit.RATE

    @property
    def change(self) -> float | None:
        """Current less previous; for a rate, in percentage points."""
        if self.current.value is None or self.previous.value is None:
            return None
        difference = self.current.value - self.previous.value
        return difference * 100 if self.is_rate else difference

    @property
    def percent_change(self) -> float | None:
        """The change as a percentage of the previous figure; None for a rate or from nothing."""
        if self.is_rate or self.current.value is None or not self.previous.value:
            return None
        return (self.current.value - self.previous.value) / self.previous.value * 100


def key_figures(c: Counting, period: Period, keys: Sequence[str] = TABLE_1_KEYS) -> tuple[KeyFigure, ...]:
    """Table 1's figures for ``period`` and ``period.previous()``, unrounded."""
    current, previous = figures_for_periods(c, [period, period.previous()], keys)
    return tuple(KeyFigure(key, previous[key], current[key]) for key in keys)


def _shown(figure: KeyFigure, value: float | int | None) -> Cell:
    """The value as Table 1 prints it: rates as percentages to one place, averages whole."""
    if value is None:
        return None
    unit = BY_KEY[figure.key].unit
    if unit is Unit.RATE:
        return round(value * 100, 1)
    if unit is Unit.MONTHLY_AVERAGE:
        return round(value)
    return value


def format_change(percent: float | None) -> str:
    """A percentage change as Table 1 prints it: "+20.4%", "-23.5%", "n/a"."""
    if percent is None:
        return "n/a"
    return f"{percent:+.1f}%"


def table1(c: Counting, period: Period, keys: Sequence[str] = TABLE_1_KEYS) -> Table:
    """Table 1 for the counted place: a row per key figure, the two periods, change and change (%)."""
    rows = []
    for figure in key_figures(c, period, keys):
        change = figure.change
        percent = figure.percent_change
        rows.append(Row(BY_KEY[figure.key].title + (" (%)" if figure.is_rate else ""), (
            _shown(figure, figure.previous.value), _shown(figure, figure.current.value),
            None if change is None else round(change, 1), None if percent is None else round(percent, 1))))
    return Table(key=table_key("table-1", c, period), title=f"Key data, {c.place.name}, {period.label}",
                 columns=(period.previous().label, period.label, "Change", "Change (%)"), rows=tuple(rows),
                 label_heading="Key data",
                 description=(f"Each key figure for {period.description} beside "
                              f"{period.previous().description}, with the change; a rate's change is in "
                              "percentage points."),
                 source=TABLE_1,
                 notes=("Live investigations: the average of the month-end counts.",
                        "Change (%) is not given for a rate (n/a), as in the published table."))
