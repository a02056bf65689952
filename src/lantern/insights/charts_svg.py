"""The pieces every chart is drawn with: the SVG's opening with its title and description,
axes with round ticks, legends, markers, fill patterns and the notes under a chart.

Plain Python: no Django. Every text written here is escaped with ``html.escape``; see ``charts``
for what makes the charts accessible.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape

from lantern.insights.charts_scale import (
    NOT_AVAILABLE_TEXT,
    SUPPRESSED_TEXT,
    cell_text,
    is_number,
    label_every,
    nice_ticks,
    number_text,
    text_fit,
    text_width,
)
from lantern.insights.tables import SUPPRESSED, Cell, Row, Table

# GOV.UK Frontend colours, each at least 3:1 against white (tests check it), ordered so that
# neighbours differ in lightness as well as hue.
PALETTE = ("#1d70b8", "#d53880", "#00703c", "#b58840", "#4c2c92", "#28a197", "#003078", "#d4351c")
TEXT_COLOUR = "#0b0c0c"
SECONDARY_TEXT_COLOUR = "#505a5f"
GRID_COLOUR = "#b1b4b6"
FONT = 'font-family="GDS Transport, arial, sans-serif"'

WIDTH = 600
FONT_SIZE = 15
NOTE_SIZE = 13
MARKERS = ("circle", "square", "triangle", "diamond")
DASHES = ("", "8 4", "2 4", "10 4 2 4")
PATTERNS = ("solid", "diagonal", "dots", "horizontal", "crosshatch", "vertical")


def chart_id(table: Table) -> str:
    """An element id from the table's key: letters, digits and hyphens only."""
    return "chart-" + (re.sub(r"[^a-z0-9]+", "-", table.key.lower()).strip("-") or "table")


def figure(cell: Cell) -> float | None:
    """The cell's figure as a float, or None for a cell with nothing to draw."""
    return float(cell) if is_number(cell) else None  # type: ignore[arg-type]


def drawn_parts(table: Table) -> tuple[tuple[Row, ...], tuple[int, ...]]:
    """The rows and column indexes to draw: everything but the total row and total column."""
    rows = table.rows[:-1] if table.total_row and table.rows else table.rows
    count = len(table.columns) - (1 if table.total_column and table.columns else 0)
    return rows, tuple(range(count))


def attr(text: str) -> str:
    return escape(text, quote=True)


def svg_open(table: Table, cid: str, height: float, summary: str) -> list[str]:
    desc = " ".join(part for part in (summary, table.description,
                                      "The figures are in the table beside the chart.") if part)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lantern-chart" id="{cid}" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" viewBox="0 0 {WIDTH} {height:g}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" {FONT} '
        f'font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}">',
        f'<title id="{cid}-title">{escape(table.title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
    ]


def svg_empty(table: Table, cid: str) -> str:
    height = 120
    parts = svg_open(table, cid, height, "No figures to show.")
    parts.append(f'<text x="{WIDTH / 2:g}" y="{height / 2:g}" text-anchor="middle" '
                 f'fill="{SECONDARY_TEXT_COLOUR}">No figures to show</text></svg>')
    return "".join(parts)


def mark_title(label: str, series: str, value: Cell) -> str:
    name = f"{label}, {series}" if series else label
    return f"<title>{escape(name)}: {escape(cell_text(value))}</title>"


def notes_for(cells: Sequence[Cell]) -> list[str]:
    notes = []
    if any(cell is SUPPRESSED for cell in cells):
        notes.append(f"{SUPPRESSED_TEXT} suppressed to protect confidentiality: not drawn")
    if any(not is_number(cell) and cell is not SUPPRESSED for cell in cells):
        notes.append(f"{NOT_AVAILABLE_TEXT} not available: not drawn")
    return notes


def notes_svg(notes: Sequence[str], top: float) -> str:
    return "".join(f'<text class="chart-note" x="0" y="{top + (i + 1) * (NOTE_SIZE + 6):g}" '
                   f'font-size="{NOTE_SIZE}" fill="{SECONDARY_TEXT_COLOUR}">{escape(note)}</text>'
                   for i, note in enumerate(notes))


def marker(shape: str, x: float, y: float, r: float, colour: str, inner: str = "", cls: str = "") -> str:
    common = f'{cls}fill="{colour}" stroke="#ffffff" stroke-width="1"'
    if shape == "circle":
        return f'<circle {common} cx="{x:.1f}" cy="{y:.1f}" r="{r:g}">{inner}</circle>'
    if shape == "square":
        return (f'<rect {common} x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:g}" '
                f'height="{2 * r:g}">{inner}</rect>')
    if shape == "triangle":
        corners = [(x, y - r * 1.2), (x + r * 1.1, y + r), (x - r * 1.1, y + r)]
    else:  # diamond
        corners = [(x, y - r * 1.3), (x + r * 1.3, y), (x, y + r * 1.3), (x - r * 1.3, y)]
    points = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in corners)
    return f'<polygon {common} points="{points}">{inner}</polygon>'


def pattern_defs(cid: str, count: int) -> str:
    """One fill per series: its colour, overlaid from the second on with white lines or dots."""
    overlays = {
        "diagonal": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#ffffff" stroke-width="1.5"/>',
        "dots": '<circle cx="4" cy="4" r="1.6" fill="#ffffff"/>',
        "horizontal": '<path d="M0,4 h8" stroke="#ffffff" stroke-width="1.5"/>',
        "crosshatch": '<path d="M0,0 l8,8 M8,0 l-8,8" stroke="#ffffff" stroke-width="1.2"/>',
        "vertical": '<path d="M4,0 v8" stroke="#ffffff" stroke-width="1.5"/>',
    }
    defs = []
    for i in range(count):
        pattern = PATTERNS[i % len(PATTERNS)]
        defs.append(f'<pattern id="{cid}-fill-{i}" width="8" height="8" patternUnits="userSpaceOnUse">'
                    f'<rect width="8" height="8" fill="{PALETTE[i % len(PALETTE)]}"/>'
                    f'{overlays.get(pattern, "")}</pattern>')
    return "<defs>" + "".join(defs) + "</defs>"


def legend_svg(names: Sequence[str], swatch: Callable[[int, float, float], str], top: float
               ) -> tuple[str, float]:
    """Legend items left to right, wrapping; returns the markup and the height it takes."""
    if len(names) < 2:
        return "", 0.0
    parts, x, y = ['<g class="legend">'], 2.0, top
    for i, name in enumerate(names):
        label = text_fit(name, WIDTH - 40, FONT_SIZE)
        item = 28 + text_width(label, FONT_SIZE) + 18
        if x > 2.0 and x + item > WIDTH:
            x, y = 2.0, y + FONT_SIZE + 10
        parts.append(f'<g class="legend-item">{swatch(i, x, y)}'
                     f'<text x="{x + 28:g}" y="{y + FONT_SIZE * 0.8:g}">{escape(label)}</text></g>')
        x += item
    parts.append("</g>")
    return "".join(parts), y - top + FONT_SIZE + 14


def y_axis(ticks: Sequence[float], scale: Callable[[float], float], left: float, right: float) -> str:
    parts = ['<g class="axis axis-y">']
    for tick in ticks:
        y = scale(tick)
        colour = TEXT_COLOUR if tick == 0 else GRID_COLOUR
        parts.append(f'<line x1="{left:g}" x2="{right:g}" y1="{y:.1f}" y2="{y:.1f}" stroke="{colour}" '
                     f'stroke-width="1"/><text class="tick" x="{left - 8:g}" y="{y + FONT_SIZE * 0.35:.1f}" '
                     f'text-anchor="end">{escape(number_text(tick))}</text>')
    parts.append("</g>")
    return "".join(parts)


def x_labels(labels: Sequence[str], xs: Sequence[float], top: float, band: float) -> str:
    every = label_every(labels, band * len(labels), FONT_SIZE)
    parts = ['<g class="axis axis-x">']
    for i in range(0, len(labels), every):
        text = text_fit(labels[i], band * every - 4, FONT_SIZE)
        parts.append(f'<line x1="{xs[i]:.1f}" x2="{xs[i]:.1f}" y1="{top:g}" y2="{top + 5:g}" '
                     f'stroke="{TEXT_COLOUR}"/><text class="tick" x="{xs[i]:.1f}" '
                     f'y="{top + 8 + FONT_SIZE:g}" text-anchor="middle">{escape(text)}</text>')
    parts.append("</g>")
    return "".join(parts)


def y_scale(values: Sequence[float], top: float, bottom: float, floor: float = 0.0
             ) -> tuple[tuple[float, ...], Callable[[float], float]]:
    integer = all(float(v).is_integer() for v in values)
    ticks = nice_ticks(min([floor, *values]), max([floor, *values]), integer=integer)
    low, high = ticks[0], ticks[-1]

    def scale(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)
    return ticks, scale


def left_margin(ticks: Sequence[float]) -> float:
    return max(text_width(number_text(t), FONT_SIZE) for t in ticks) + 14


def y_label_svg(y_label: str, top: float) -> str:
    if not y_label:
        return ""
    return (f'<text class="axis-label" x="0" y="{top + FONT_SIZE:g}" fill="{SECONDARY_TEXT_COLOUR}">'
            f'{escape(y_label)}</text>')


def summary(kind: str, table: Table, names: Sequence[str], labels: Sequence[str]) -> str:
    if not labels:
        return f"{kind}: no figures to show."
    what = ", ".join(names) if names else table.title
    over = table.label_heading.lower() or "category"
    span = f"from {labels[0]} to {labels[-1]}" if len(labels) > 1 else f"for {labels[0]}"
    return f"{kind} of {what} by {over}, {len(labels)} {'point' if len(labels) == 1 else 'points'} {span}."
