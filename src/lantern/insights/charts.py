"""Charts drawn on the server as accessible SVG: a line chart, a bar chart and a stacked bar chart.

Plain Python: no Django, no JavaScript. Each function takes a ``tables.Table`` and returns SVG
markup in which every piece of text has been escaped (labels come from data), so a template may
mark it safe. The same table is always shown beside the chart (``_chart.html``): it is the
accessible alternative, and the chart only draws what the table says.

What makes them accessible (WCAG 2.2 1.1.1, 1.4.1, 1.4.11):
- ``role="img"`` with ``aria-labelledby`` naming the ``<title>`` (the table's title) and the
  ``<desc>`` (what is drawn, from which to which, and the table's description);
- colours from the GOV.UK palette with at least 3:1 contrast against white, and never colour
  alone: each line series has its own marker shape and dash, each stacked segment its own pattern,
  every bar its value written beside it, and a legend whenever there is more than one series;
- every mark (a point, a bar, a segment) has ``class="mark"``, ``data-value`` and a ``<title>``
  saying its label, series and value, for a pointer's tooltip and for tests;
- sized by ``viewBox`` with ``width="100%"``, so it scales down on a phone.

Missing figures: a suppressed cell (``SUPPRESSED``) or one not available (``None``) is a gap in a
line and no bar, and the chart says so underneath ("[c] suppressed", "[x] not available"). A
table's total row and total column are not drawn: they would dwarf their parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from html import escape

from lantern.insights.charts_scale import cell_text, is_number, nice_ticks, number_text, text_fit, text_width
from lantern.insights.charts_svg import (
    DASHES,
    FONT_SIZE,
    GRID_COLOUR,
    MARKERS,
    NOTE_SIZE,
    PALETTE,
    SECONDARY_TEXT_COLOUR,
    TEXT_COLOUR,
    WIDTH,
    attr,
    chart_id,
    drawn_parts,
    figure,
    left_margin,
    legend_svg,
    mark_title,
    marker,
    notes_for,
    notes_svg,
    pattern_defs,
    summary,
    svg_empty,
    svg_open,
    x_labels,
    y_axis,
    y_label_svg,
    y_scale,
)
from lantern.insights.charts_table import TableView, table_view
from lantern.insights.tables import Cell, Table


@dataclass(frozen=True)
class _Series:
    name: str
    values: tuple[Cell, ...]


def line_chart(table: Table, *, y_label: str = "", element_id: str = "") -> str:
    """Trends: one line per value column (a series), one point per row (a month, a year)."""
    cid = element_id or chart_id(table)
    rows, columns = drawn_parts(table)
    series = [_Series(table.columns[c], tuple(row.values[c] for row in rows)) for c in columns]
    cells = [cell for s in series for cell in s.values]
    numbers = [n for n in map(figure, cells) if n is not None]
    if not numbers:
        return svg_empty(table, cid)
    labels = [row.label for row in rows]
    legend, legend_height = legend_svg([s.name for s in series], _line_swatch, 0)
    top = legend_height + (FONT_SIZE + 22 if y_label else 12)
    notes = notes_for(cells)
    plot_bottom = 300 + top
    height = plot_bottom + FONT_SIZE + 16 + len(notes) * (NOTE_SIZE + 6) + 4
    ticks, scale = y_scale(numbers, top, plot_bottom)
    # The first and last labels are centred on their points: room for half of each, or they clip.
    left = max(left_margin(ticks), text_width(labels[0], FONT_SIZE) / 2 + 4)
    right = WIDTH - max(16.0, text_width(labels[-1], FONT_SIZE) / 2 + 4)
    band = (right - left) / len(labels)
    xs = [left + band * (i + 0.5) for i in range(len(labels))]
    radius = 4.5 if len(labels) <= 24 else 3.0
    parts = svg_open(table, cid, height, summary("Line chart", table, [s.name for s in series], labels))
    parts += [legend, y_label_svg(y_label, legend_height), y_axis(ticks, scale, left, right),
              x_labels(labels, xs, plot_bottom, band)]
    for i, one in enumerate(series):
        colour, shape = PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)]
        dash = DASHES[i % len(DASHES)]
        for run in _runs(one.values):
            if len(run) > 1:
                points = [(xs[j], scale(figure(one.values[j]) or 0.0)) for j in run]
                path = " ".join(f"{'M' if k == 0 else 'L'}{x:.1f},{y:.1f}" for k, (x, y) in enumerate(points))
                dashes = f' stroke-dasharray="{dash}"' if dash else ""
                parts.append(f'<path class="series-line" aria-hidden="true" d="{path}" fill="none" '
                             f'stroke="{colour}" stroke-width="2.5"{dashes}/>')
        for j, value in enumerate(one.values):
            number = figure(value)
            if number is not None:
                inner = mark_title(labels[j], one.name if len(series) > 1 else "", value)
                cls = f'class="mark" data-series="{attr(one.name)}" data-value="{attr(str(value))}" '
                parts.append(marker(shape, xs[j], scale(number), radius, colour, inner, cls))
    parts += [notes_svg(notes, plot_bottom + FONT_SIZE + 12), "</svg>"]
    return "".join(parts)


def _runs(values: Sequence[Cell]) -> list[list[int]]:
    """The indexes of unbroken stretches of figures: a missing cell is a gap in the line."""
    runs: list[list[int]] = [[]]
    for i, value in enumerate(values):
        if is_number(value):
            runs[-1].append(i)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _line_swatch(i: int, x: float, y: float) -> str:
    colour, dash = PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    mid = y + FONT_SIZE * 0.5
    return (f'<line x1="{x:g}" x2="{x + 22:g}" y1="{mid:g}" y2="{mid:g}" stroke="{colour}" '
            f'stroke-width="2.5"{dashes}/>' + marker(MARKERS[i % len(MARKERS)], x + 11, mid, 4, colour))


def bar_chart(table: Table, *, column: str = "", element_id: str = "") -> str:
    """A mix (exploitation types, nationalities): one horizontal bar per row, its value beside it.

    Horizontal so that long category names stay readable; ``column`` chooses the value column
    (the first, if not given).
    """
    cid = element_id or chart_id(table)
    rows, columns = drawn_parts(table)
    if not rows or not columns:
        return svg_empty(table, cid)
    index = table.columns.index(column) if column else columns[0]
    values = [row.values[index] for row in rows]
    numbers = [n for n in map(figure, values) if n is not None]
    if not numbers:
        return svg_empty(table, cid)
    notes = notes_for(values)
    bar, gap, top = 24, 12, 8
    plot_bottom = top + len(rows) * (bar + gap)
    height = plot_bottom + FONT_SIZE + 16 + len(notes) * (NOTE_SIZE + 6) + 4
    integer = all(float(v).is_integer() for v in numbers)
    ticks = nice_ticks(min(0.0, *numbers), max(0.0, *numbers), integer=integer)
    labels = [row.label for row in rows]
    label_room = min(WIDTH * 0.4, max(text_width(label, FONT_SIZE) for label in labels) + 10)
    left, right = label_room, WIDTH - 16 - text_width(max((cell_text(v) for v in values), key=len), FONT_SIZE)

    def scale(value: float) -> float:
        return left + (value - ticks[0]) / (ticks[-1] - ticks[0]) * (right - left)

    name = table.columns[index]
    parts = svg_open(table, cid, height, summary("Bar chart", table, [name], labels))
    parts.append('<g class="axis axis-x">')
    for tick in ticks:
        x = scale(tick)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top:g}" y2="{plot_bottom:g}" '
                     f'stroke="{TEXT_COLOUR if tick == 0 else GRID_COLOUR}"/>'
                     f'<text class="tick" x="{x:.1f}" y="{plot_bottom + 8 + FONT_SIZE:g}" '
                     f'text-anchor="middle">{escape(number_text(tick))}</text>')
    parts.append("</g>")
    zero = scale(0.0)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * (bar + gap) + gap / 2
        middle = y + bar / 2 + FONT_SIZE * 0.35
        parts.append(f'<text class="category" x="{left - 8:g}" y="{middle:.1f}" text-anchor="end">'
                     f'{escape(text_fit(label, left - 10, FONT_SIZE))}</text>')
        number = figure(value)
        if number is None:
            parts.append(f'<text class="missing" x="{zero + 6:.1f}" y="{middle:.1f}" '
                         f'fill="{SECONDARY_TEXT_COLOUR}">{escape(cell_text(value))}</text>')
            continue
        end = scale(number)
        x, width = min(zero, end), abs(end - zero)
        parts.append(f'<rect class="mark" data-value="{attr(str(value))}" x="{x:.1f}" y="{y:.1f}" '
                     f'width="{width:.1f}" height="{bar}" fill="{PALETTE[0]}">'
                     f'{mark_title(label, "", value)}</rect>')
        anchor, at = ("end", end - 6) if end < zero else ("start", end + 6)
        parts.append(f'<text class="value" x="{at:.1f}" y="{middle:.1f}" text-anchor="{anchor}">'
                     f'{escape(cell_text(value))}</text>')
    parts += [notes_svg(notes, plot_bottom + FONT_SIZE + 12), "</svg>"]
    return "".join(parts)


def stacked_bar_chart(table: Table, *, y_label: str = "", element_id: str = "") -> str:
    """Parts of a whole over time (outcomes by quarter): one bar per row, one segment per column.

    Counts only: a negative figure cannot be a segment of a whole, so it is refused. The figure
    above each bar is the table's total column if it has one (which includes any suppressed
    segment), otherwise the sum of the segments drawn.
    """
    cid = element_id or chart_id(table)
    rows, columns = drawn_parts(table)
    cells = [row.values[c] for row in rows for c in columns]
    if any((figure(c) or 0.0) < 0 for c in cells):
        raise ValueError(f"Table {table.key!r}: a stacked bar chart draws counts, not negative figures.")
    if not any(is_number(c) for c in cells):
        return svg_empty(table, cid)
    names = [table.columns[c] for c in columns]
    labels = [row.label for row in rows]
    drawn = [sum(figure(row.values[c]) or 0.0 for c in columns) for row in rows]
    totals: list[Cell] = [row.values[-1] if table.total_column else drawn[i] for i, row in enumerate(rows)]
    legend, legend_height = legend_svg(names, lambda i, x, y: (
        f'<rect x="{x:g}" y="{y:g}" width="22" height="{FONT_SIZE}" fill="url(#{cid}-fill-{i})" '
        f'stroke="{TEXT_COLOUR}" stroke-width="0.5"/>'), 0)
    top = legend_height + (FONT_SIZE + 22 if y_label else 12) + FONT_SIZE + 4  # room for the totals
    notes = notes_for(cells)
    plot_bottom = top + 280
    height = plot_bottom + FONT_SIZE + 16 + len(notes) * (NOTE_SIZE + 6) + 4
    ticks, scale = y_scale([*drawn, *(n for n in map(figure, totals) if n is not None)], top, plot_bottom)
    left = left_margin(ticks)
    right = WIDTH - 16
    band = (right - left) / len(labels)
    xs = [left + band * (i + 0.5) for i in range(len(labels))]
    width = band * 0.6
    parts = svg_open(table, cid, height, summary("Stacked bar chart", table, names, labels))
    parts += [pattern_defs(cid, len(names)), legend, y_label_svg(y_label, legend_height),
              y_axis(ticks, scale, left, right), x_labels(labels, xs, plot_bottom, band)]
    for i, row in enumerate(rows):
        base = 0.0
        for k, c in enumerate(columns):
            value, number = row.values[c], figure(row.values[c])
            if not number:  # nothing to draw: missing, suppressed or zero
                continue
            y_top, y_bottom = scale(base + number), scale(base)
            parts.append(f'<rect class="mark" data-series="{attr(names[k])}" '
                         f'data-value="{attr(str(value))}" x="{xs[i] - width / 2:.1f}" y="{y_top:.1f}" '
                         f'width="{width:.1f}" '
                         f'height="{y_bottom - y_top:.1f}" fill="url(#{cid}-fill-{k})" stroke="#ffffff" '
                         f'stroke-width="1">{mark_title(labels[i], names[k], value)}</rect>')
            base += number
        total = totals[i]
        top_of_bar = scale(max(base, figure(total) or 0.0))
        parts.append(f'<text class="value" x="{xs[i]:.1f}" y="{top_of_bar - 6:.1f}" text-anchor="middle">'
                     f'{escape(cell_text(total))}</text>')
    parts += [notes_svg(notes, plot_bottom + FONT_SIZE + 12), "</svg>"]
    return "".join(parts)


class ChartKind(StrEnum):
    LINE = "line"
    BAR = "bar"
    STACKED_BAR = "stacked_bar"


@dataclass(frozen=True)
class ChartView:
    """What ``insights/_chart.html`` shows: the chart and, always, its data table."""

    kind: ChartKind
    svg: str  # escaped markup: the template marks it safe
    table: TableView
    beside: bool  # a narrow table sits beside the chart on a wide screen; a wide one goes below


def chart_view(table: Table, kind: ChartKind | str, *, y_label: str = "", column: str = "",
               element_id: str = "") -> ChartView:
    """The chart of ``kind`` for the table, with the table itself, for a page or a report."""
    kind = ChartKind(kind)
    cid = element_id or chart_id(table)
    if kind is ChartKind.LINE:
        svg = line_chart(table, y_label=y_label, element_id=cid)
    elif kind is ChartKind.BAR:
        svg = bar_chart(table, column=column, element_id=cid)
    else:
        svg = stacked_bar_chart(table, y_label=y_label, element_id=cid)
    return ChartView(kind=kind, svg=svg, table=table_view(table, element_id=cid),
                     beside=len(table.columns) <= 3)
