"""The annual report as HTML: the same sections, charts and tables on the page and in the file.

``report_sections(report)`` gives what the templates lay out: each section with its charts
(``charts.chart_view``, the SVG drawn on the server beside its data table) and tables
(``charts_table.table_view``). The page (``report_views``) includes ``insights/report_body.html``
inside Lantern's layout; ``report_document(report)`` renders the same body as one self-contained
HTML file (``insights/report_document.html``: its styles inline, no scripts, nothing fetched), for
``lantern report --format html``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string

from lantern.insights.charts import ChartView, chart_view
from lantern.insights.charts_table import TableView, table_view
from lantern.insights.report import Report, published_beside


@dataclass(frozen=True)
class ItemView:
    name: str
    chart: ChartView | None
    table: TableView


@dataclass(frozen=True)
class SectionView:
    key: str
    title: str
    summary: str
    items: tuple[ItemView, ...]


def report_sections(report: Report) -> tuple[SectionView, ...]:
    """Every section ready for the template, with the published figures beside Lantern's last."""
    sections = []
    for section in report.sections:
        items = []
        for item in section.items:
            element_id = f"report-{item.name.replace('_', '-')}"
            if item.chart is None:
                items.append(ItemView(item.name, None, table_view(item.table, element_id=element_id)))
            else:
                chart = chart_view(item.table, item.chart, y_label=item.y_label, column=item.column,
                                   element_id=element_id)
                items.append(ItemView(item.name, chart, chart.table))
        sections.append(SectionView(section.key, section.title, section.summary, tuple(items)))
    beside = published_beside(report)
    if beside is not None:
        sections.append(SectionView(
            "published", "Published NRM statistics beside Lantern's",
            "The Home Office's published figures held for the year, beside Lantern's own.",
            (ItemView("published_beside", None, table_view(beside, element_id="report-published-beside")),)))
    return tuple(sections)


def report_context(report: Report) -> dict[str, object]:
    return {"report": report, "sections": report_sections(report)}


def report_document(report: Report) -> str:
    """The whole report as one HTML document."""
    return render_to_string("insights/report_document.html", report_context(report))
