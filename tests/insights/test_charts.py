"""Charts as accessible SVG, and the data table always shown beside them."""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from hypothesis import given
from hypothesis import strategies as st

from lantern.insights.charts import (
    PALETTE,
    ChartKind,
    bar_chart,
    chart_view,
    line_chart,
    stacked_bar_chart,
)
from lantern.insights.charts_scale import nice_ticks
from lantern.insights.tables import SUPPRESSED, Cell, Row, Table

SVG = "{http://www.w3.org/2000/svg}"


def _svg(markup: str) -> ET.Element:
    """Parsed as XML: a label that was not escaped would break the parse or add elements."""
    return ET.fromstring(markup)  # noqa: S314  (our own output, not untrusted input)


def _marks(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if "mark" in (e.get("class") or "").split()]


def _texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]


def _monthly(values: dict[str, list[Cell]], months: int = 12) -> Table:
    return Table(key="nrm-referrals-monthly", title="NRM referrals by month", label_heading="Month",
                 columns=tuple(values),
                 rows=tuple(Row(f"Month {i + 1}", tuple(v[i] for v in values.values()))
                            for i in range(months)))


def _contrast_with_white(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_every_palette_colour_has_3_to_1_contrast_against_white() -> None:
    """WCAG 1.4.11: graphical objects need 3:1 against what is next to them (the white page)."""
    assert len(set(PALETTE)) == len(PALETTE) >= 6
    for colour in PALETTE:
        assert _contrast_with_white(colour) >= 3, colour


def test_a_line_chart_is_an_image_named_by_its_title_and_description() -> None:
    root = _svg(line_chart(_monthly({"Police": list(range(10, 130, 10)), "All": list(range(20, 260, 20))})))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    assert root.find(f"{SVG}title").get("id") == title_id  # type: ignore[union-attr]
    assert root.find(f"{SVG}title").text == "NRM referrals by month"  # type: ignore[union-attr]
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.get("id") == desc_id
    assert "Police, All" in (desc.text or "") and "Month 1 to Month 12" in (desc.text or "")
    assert re.fullmatch(r"0 0 \d+ \d+(\.\d+)?", root.get("viewBox", ""))
    assert root.get("width") == "100%" and root.get("height") is None  # scales with its column


def test_every_point_is_a_mark_with_its_label_series_and_value() -> None:
    root = _svg(line_chart(_monthly({"Police": list(range(10, 130, 10)), "All": list(range(20, 260, 20))})))
    marks = _marks(root)
    assert len(marks) == 24
    titles = {m.find(f"{SVG}title").text for m in marks}  # type: ignore[union-attr]
    assert "Month 3, Police: 30" in titles and "Month 12, All: 240" in titles
    assert {m.get("data-series") for m in marks} == {"Police", "All"}


def test_two_series_differ_by_more_than_colour_and_have_a_legend() -> None:
    root = _svg(line_chart(_monthly({"Police": [1] * 12, "All": [2] * 12})))
    shapes = {m.get("data-series"): m.tag for m in _marks(root)}
    assert shapes["Police"] != shapes["All"]  # a different marker shape per series
    dashes = [p.get("stroke-dasharray") for p in root.iter(f"{SVG}path") if p.get("class") == "series-line"]
    assert len(set(dashes)) == 2
    assert {"Police", "All"} <= set(_texts(root))


def test_points_sit_higher_for_larger_values_and_ticks_are_round() -> None:
    root = _svg(line_chart(_monthly({"Police": [0, 37, 112, 5, 5, 5, 5, 5, 5, 5, 5, 5]})))
    ys = [float(m.get("cy") or 0) for m in _marks(root)]
    assert ys[2] < ys[1] < ys[0]
    ticks = [t for t in _texts(root) if t.replace(",", "").isdigit()]
    assert ticks[0] == "0" and int(ticks[-1]) >= 112
    step = int(ticks[1]) - int(ticks[0])
    assert step in (1, 2, 5, 10, 20, 25, 50, 100) and all(int(t) % step == 0 for t in ticks)


def test_a_single_legend_is_not_drawn_for_one_series() -> None:
    root = _svg(line_chart(_monthly({"Police": [4] * 12})))
    assert root.find(f".//{SVG}g[@class='legend']") is None


def test_suppressed_and_missing_cells_are_gaps_with_a_note() -> None:
    values: list[Cell] = [10, 20, SUPPRESSED, 40, 50, None, 70, 80, 90, 100, 110, 120]
    root = _svg(line_chart(_monthly({"Police": values})))
    assert len(_marks(root)) == 10
    segments = [p for p in root.iter(f"{SVG}path") if p.get("class") == "series-line"]
    assert len(segments) == 3  # 1-2, 4-5, 7-12
    notes = [t for t in _texts(root) if t.startswith("[")]
    assert any(n.startswith("[c] suppressed") for n in notes)
    assert any(n.startswith("[x] not available") for n in notes)


def test_one_point_is_a_mark_without_a_line() -> None:
    root = _svg(line_chart(_monthly({"Police": [7]}, months=1)))
    assert len(_marks(root)) == 1
    assert not [p for p in root.iter(f"{SVG}path") if p.get("class") == "series-line"]
    assert "for Month 1" in (root.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]


def test_all_zeros_draw_a_flat_line_on_a_zero_to_one_axis() -> None:
    root = _svg(line_chart(_monthly({"Police": [0] * 12})))
    marks = _marks(root)
    assert len(marks) == 12 and {m.get("data-value") for m in marks} == {"0"}
    assert len({m.get("cy") for m in marks}) == 1
    assert [t for t in _texts(root) if t.isdigit()][:2] == ["0", "1"]


def test_many_points_label_every_nth_month_without_overlap() -> None:
    root = _svg(line_chart(_monthly({"Police": list(range(132))}, months=132)))
    labels = [e for e in root.iter(f"{SVG}text")
              if e.get("class") == "tick" and (e.text or "").startswith("Month")]
    assert 2 <= len(labels) < 20
    assert labels[0].text == "Month 1"
    xs = [float(e.get("x") or 0) for e in labels]
    gaps = {round(b - a, 1) for a, b in itertools.pairwise(xs)}
    assert min(gaps) > len("Month 132") * 15 * 0.55  # wider than the longest label
    assert len(_marks(root)) == 132


@pytest.mark.parametrize("chart", [line_chart, bar_chart, stacked_bar_chart])
def test_an_empty_table_says_there_is_nothing_to_show(chart: object) -> None:
    table = Table(key="empty", title="Nothing yet", columns=("Count",), rows=())
    root = _svg(chart(table))  # type: ignore[operator]
    assert root.get("role") == "img" and _marks(root) == []
    assert "No figures to show" in _texts(root)


@pytest.mark.parametrize("chart", [line_chart, bar_chart, stacked_bar_chart])
def test_labels_from_data_are_escaped(chart: object) -> None:
    hostile = '<script>alert("x")</script> & "quoted"'
    table = Table(key="k", title=f"Title {hostile}", columns=(f"Series {hostile}", "Other"),
                  rows=(Row(hostile, (5, 6)), Row("Two", (7, 8))), description=hostile)
    markup = chart(table)  # type: ignore[operator]
    assert "<script" not in markup
    root = _svg(markup)
    assert root.find(f"{SVG}title").text == f"Title {hostile}"  # type: ignore[union-attr]
    assert not list(root.iter(f"{SVG}script"))
    titles = [m.find(f"{SVG}title").text or "" for m in _marks(root)]  # type: ignore[union-attr]
    assert any(t.startswith(hostile) for t in titles)


def _mix() -> Table:
    return Table(key="exploitation-mix", title="Investigations by exploitation type", label_heading="Type",
                 columns=("Investigations",), total_row=True,
                 rows=(Row("Sexual", (120,)), Row("Labour", (60,)),
                       Row("Criminal: county lines", (SUPPRESSED,)), Row("Domestic servitude", (30,)),
                       Row("Total", (213,))))


def test_bars_are_proportional_and_carry_their_values_and_the_total_row_is_not_drawn() -> None:
    root = _svg(bar_chart(_mix()))
    marks = _marks(root)
    assert [m.get("data-value") for m in marks] == ["120", "60", "30"]
    widths = [float(m.get("width") or 0) for m in marks]
    assert widths[0] == pytest.approx(2 * widths[1], rel=0.01) == pytest.approx(4 * widths[2], rel=0.01)
    texts = _texts(root)
    assert {"120", "60", "30", "[c]"} <= set(texts)  # direct labels: the value beside each bar
    assert "Total" not in texts and "213" not in texts
    assert any(t.startswith("[c] suppressed") for t in texts)


def _outcomes(total_column: bool = True) -> Table:
    parts = [[3, 2, 5, 9], [6, SUPPRESSED, 10, 8], [9, 2, 15, 7], [0, 2, 20, 6]]
    rows = []
    for q, values in enumerate(parts, start=1):
        total = sum(v for v in values if isinstance(v, int)) + (2 if q == 2 else 0)
        rows.append(Row(f"Q{q} 2020", (*values, total) if total_column else tuple(values)))
    columns = ("Charged", "Cautioned", "Evidential difficulties", "Not yet assigned")
    return Table(key="outcomes-by-quarter", title="Crime outcomes by quarter", label_heading="Quarter",
                 columns=(*columns, "Total") if total_column else columns, rows=tuple(rows),
                 total_column=total_column)


def test_stacked_bars_have_one_patterned_segment_per_non_zero_part() -> None:
    root = _svg(stacked_bar_chart(_outcomes()))
    marks = _marks(root)
    assert len(marks) == 14  # 16 parts, less the suppressed one and the zero
    fills = {m.get("data-series"): m.get("fill") for m in marks}
    assert len(set(fills.values())) == 4
    pattern_ids = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    assert {f"url(#{i})" for i in pattern_ids} == set(fills.values())
    q1 = [m for m in marks if (m.find(f"{SVG}title").text or "").startswith("Q1 2020")]  # type: ignore[union-attr]
    heights = {m.get("data-series"): float(m.get("height") or 0) for m in q1}
    assert heights["Not yet assigned"] == pytest.approx(3 * heights["Charged"], abs=0.2)
    texts = _texts(root)
    assert {"19", "26", "33", "28"} <= set(texts)  # the total column above each bar, [c] included
    assert any(t.startswith("[c] suppressed") for t in texts)


def test_without_a_total_column_the_bar_is_labelled_with_the_sum_drawn() -> None:
    texts = _texts(_svg(stacked_bar_chart(_outcomes(total_column=False))))
    assert {"19", "24", "33", "28"} <= set(texts)


def test_a_stacked_bar_chart_refuses_negative_figures() -> None:
    table = Table(key="k", title="T", columns=("A", "B"), rows=(Row("Q1", (3, -1)),))
    with pytest.raises(ValueError, match="negative"):
        stacked_bar_chart(table)


def test_two_charts_on_one_page_have_distinct_ids() -> None:
    one, two = _svg(bar_chart(_mix())), _svg(stacked_bar_chart(_outcomes()))
    ids = [e.get("id") for root in (one, two) for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    custom = _svg(bar_chart(_mix(), element_id="second-mix"))
    assert custom.get("id") == "second-mix"
    assert custom.get("aria-labelledby") == "second-mix-title second-mix-desc"


@given(st.floats(-1e6, 1e6, allow_nan=False), st.floats(-1e6, 1e6, allow_nan=False), st.booleans())
def test_ticks_are_evenly_spaced_round_numbers_covering_the_range(a: float, b: float, integer: bool) -> None:
    low, high = min(a, b), max(a, b)
    ticks = nice_ticks(low, high, integer=integer)
    assert ticks[0] <= low and ticks[-1] >= high
    assert 2 <= len(ticks) <= 12
    steps = [y - x for x, y in itertools.pairwise(ticks)]
    step = steps[0]
    assert all(math.isclose(other, step, rel_tol=1e-6) for other in steps)
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m, rel_tol=1e-6) for m in (1, 2, 2.5, 5, 10))
    if integer:
        assert step >= 1 and float(step).is_integer()


def test_the_template_shows_the_chart_with_its_table_and_download_links() -> None:
    view = chart_view(_outcomes(), ChartKind.STACKED_BAR)
    html = render_to_string("insights/_chart.html", {"chart": view, "csv_url": "/insights/t.csv?x=1&y=2",
                                                     "xlsx_url": "/insights/t.xlsx"})
    assert html.count("<svg") == 1 and 'class="mark"' in html  # the SVG, not escaped
    assert '<table class="govuk-table"' in html
    assert html.count('<tr class="govuk-table__row">') == 5  # heading row and four quarters
    assert '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Charged</th>' in html
    assert '[c]<span class="govuk-visually-hidden"> suppressed</span>' in html
    assert "[c] Suppressed to protect confidentiality." in html
    assert 'href="/insights/t.csv?x=1&amp;y=2"' in html and 'href="/insights/t.xlsx"' in html
    assert "govuk-grid-column-full" in html  # five columns do not fit beside the chart


def test_the_table_escapes_labels_and_says_when_it_is_empty() -> None:
    table = Table(key="k", title="<b>Title</b>", columns=("A",), rows=(Row("<i>x</i>", (1234567,)),))
    html = render_to_string("insights/_chart.html", {"chart": chart_view(table, "bar")})
    assert "<i>x</i>" not in html.split("<svg")[0] + html.split("</svg>")[1]
    assert "&lt;i&gt;x&lt;/i&gt;" in html and "1,234,567" in html
    assert "Download this table" not in html  # no links without their addresses
    assert "govuk-grid-column-two-thirds" in html  # one column sits beside the chart
    empty = Table(key="e", title="Empty", columns=("A", "B"), rows=())
    html = render_to_string("insights/_table.html", {"table": chart_view(empty, "line").table})
    assert "No figures for this period and place." in html and 'colspan="3"' in html
