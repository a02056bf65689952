"""Numbers as people read them on a chart or in its table: round tick values and cell text.

Plain Python: no Django. The charts (``charts``) and the data table beside them
(``charts_table``) both write numbers through ``number_text`` and ``cell_text``, so a bar's label
and its table cell always say the same thing.

Missing cells follow the ONS conventions for published tables: ``[c]`` for a figure suppressed
to protect confidentiality, ``[x]`` for one that is not available (``None`` or not a number).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from lantern.insights.tables import SUPPRESSED, Cell

SUPPRESSED_TEXT = "[c]"
NOT_AVAILABLE_TEXT = "[x]"

# Steps a reader can count in: 1, 2, 2.5 and 5 times a power of ten.
_NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)


def is_number(cell: Cell) -> bool:
    """True for a cell that holds a figure to draw (not missing, suppressed or not a number)."""
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        return False
    return math.isfinite(cell)


def number_text(value: float) -> str:
    """A figure with thousands separators: whole numbers as such, others to two decimals at most."""
    if not math.isfinite(value):
        return NOT_AVAILABLE_TEXT
    if isinstance(value, int) or value.is_integer():
        return f"{int(value):,}"
    if abs(value) < 1:
        return f"{value:.3g}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def cell_text(cell: Cell) -> str:
    """What a table cell or a chart label shows: the figure, ``[c]`` or ``[x]``."""
    if cell is SUPPRESSED:
        return SUPPRESSED_TEXT
    if is_number(cell):
        return number_text(cell)  # type: ignore[arg-type]
    return NOT_AVAILABLE_TEXT


def _step_decimals(step: float) -> int:
    return max(0, -math.floor(math.log10(step)) + 1) if step < 1 else 0


def nice_ticks(low: float, high: float, *, count: int = 5, integer: bool = False) -> tuple[float, ...]:
    """Round tick values from at or below ``low`` to at or above ``high``, about ``count`` steps.

    Why round values: a reader compares a mark with the nearest tick, which is easy at 0, 250, 500
    and hard at 0, 237, 474. ``integer`` (counts) never gives a step below 1, so a chart of ones
    and twos does not show 0.5 people. An empty range (all zeros) is widened to one step.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    low, high = min(low, high), max(low, high)
    if high == low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in _NICE_STEPS if m * magnitude >= raw * (1 - 1e-9))
    if integer:
        step = 5.0 * magnitude if step == 2.5 * magnitude and magnitude < 10 else step
        step = max(1.0, float(math.ceil(step)))
    decimals = _step_decimals(step)
    # The tolerance keeps float noise (0.30000000000000004) from adding a step; the checks after it
    # keep the ticks covering the range whatever the noise.
    first = math.floor(low / step + 1e-9)
    if round(first * step, decimals) > low:
        first -= 1
    last = max(math.ceil(high / step - 1e-9), first + 1)  # at least one step: an axis, not a point
    if round(last * step, decimals) < high:
        last += 1
    return tuple(round(i * step, decimals) for i in range(first, last + 1))


def text_width(text: str, size: float) -> float:
    """An estimate of the text's width in the chart's units (the sans-serif average, 0.55 em)."""
    return len(text) * size * 0.55


def text_fit(text: str, width: float, size: float) -> str:
    """The text, cut with an ellipsis if it would run wider than ``width``."""
    if text_width(text, size) <= width:
        return text
    keep = max(1, int(width / (size * 0.55)) - 1)
    return text[:keep].rstrip() + "…"


def label_every(labels: Sequence[str], width: float, size: float) -> int:
    """Label every nth category so that the labels along ``width`` do not overlap."""
    if not labels:
        return 1
    widest = max(text_width(label, size) for label in labels) + size
    fits = max(1, int(width // widest))
    return max(1, math.ceil(len(labels) / fits))
