"""The annual report as PDF, drawn with ReportLab: the same sections, charts and tables as the page.

Pure Python (``reportlab``, and ``svglib`` to draw the charts), so ``pip`` installs it anywhere.
Each chart is the very SVG the page shows (``charts.chart_view``), turned into ReportLab shapes by
svglib, so the PDF and the page cannot disagree. Two things svglib does not draw are given their
plain equivalent first: the SVG's ``width="100%"`` becomes its ``viewBox`` width, and a stacked
segment's fill pattern becomes the pattern's own colour (the white lines between segments and the
legend's order still tell them apart, and the table under each chart gives every figure). Every
page carries the report's marking ("Internal: not for publication" unless built for
publication) and its number. ``page_compression=False`` writes the text uncompressed, which is
what the tests read.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable
from svglib.svglib import svg2rlg

from lantern.insights.charts_svg import PALETTE
from lantern.insights.charts_table import TableView
from lantern.insights.report import Report
from lantern.insights.report_html import SectionView, report_sections

_MARGIN = 18 * mm
_FRAME_WIDTH = A4[0] - 2 * _MARGIN
_STYLES = getSampleStyleSheet()
_BODY = ParagraphStyle("body", parent=_STYLES["BodyText"], fontName="Helvetica", fontSize=9.5, leading=12.5)
_SMALL = ParagraphStyle("small", parent=_BODY, fontSize=8, leading=10, textColor=colors.HexColor("#505a5f"))
_CELL = ParagraphStyle("cell", parent=_BODY, fontSize=8, leading=9.5)
_NUMBER = ParagraphStyle("number", parent=_CELL, alignment=TA_RIGHT)
_H1 = ParagraphStyle("h1", parent=_STYLES["Title"], fontName="Helvetica-Bold", fontSize=20, leading=24,
                     alignment=0)
_H2 = ParagraphStyle("h2", parent=_STYLES["Heading2"], fontName="Helvetica-Bold", fontSize=15, leading=18)
_H3 = ParagraphStyle("h3", parent=_STYLES["Heading3"], fontName="Helvetica-Bold", fontSize=11, leading=14)
_MARKING = ParagraphStyle("marking", parent=_BODY, fontName="Helvetica-Bold", fontSize=11, borderWidth=1.5,
                          borderColor=colors.black, borderPadding=6, spaceBefore=6, spaceAfter=10)
_FILL = re.compile(r'fill="url\(#[^)]*-fill-(\d+)\)"')


def _text(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def chart_drawing(svg: str, width: float = _FRAME_WIDTH * 0.9, height: float = 170 * mm) -> Flowable | None:
    """The chart's SVG as a ReportLab drawing at most ``width`` wide and ``height`` high (a bar
    chart of fifty nationalities is tall); None if svglib cannot read it."""
    viewbox = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    if viewbox is None:
        return None
    box_width, box_height = float(viewbox[1]), float(viewbox[2])
    plain = svg.replace('width="100%"', f'width="{box_width:g}" height="{box_height:g}"', 1)
    plain = _FILL.sub(lambda m: f'fill="{PALETTE[int(m[1]) % len(PALETTE)]}"', plain)
    drawing = svg2rlg(io.BytesIO(plain.encode("utf-8")))
    if drawing is None:
        return None
    # svglib sizes the drawing in points from the SVG's pixels: scale from what it made.
    scale = min(width / drawing.width, height / drawing.height)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    return drawing


def _table(view: TableView) -> list[Flowable]:
    header = [_text(view.label_heading or "", _CELL), *(_text(h, _NUMBER) for h in view.headings)]
    body = [[_text(row.label, _CELL), *(_text(cell.text, _NUMBER) for cell in row.cells)]
            for row in view.rows]
    if not body:
        body = [[_text("No figures for this period and place.", _CELL), *([""] * len(view.headings))]]
    columns = len(view.headings)
    label_width = min(_FRAME_WIDTH * 0.45, max(_FRAME_WIDTH * 0.25, _FRAME_WIDTH - 22 * mm * columns))
    value_width = (_FRAME_WIDTH - label_width) / max(1, len(view.headings))
    grid = PdfTable([header, *body], colWidths=[label_width, *([value_width] * len(view.headings))],
                    repeatRows=1, hAlign="LEFT")
    style = [("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#b1b4b6")),
             ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    if view.rows and view.rows[-1].is_total:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 1, colors.black))
    grid.setStyle(TableStyle(style))
    parts: list[Flowable] = [_text(view.title, _H3), grid]
    if view.source:
        parts.append(_text(f"Source: {view.source}", _SMALL))
    parts += [_text(note, _SMALL) for note in view.notes]
    return parts


def _section(number: int, section: SectionView) -> list[Flowable]:
    parts: list[Flowable] = [PageBreak(), _text(f"{number}. {section.title}", _H2),
                             _text(section.summary, _BODY)]
    for item in section.items:
        parts.append(CondPageBreak(60 * mm))
        drawing = chart_drawing(item.chart.svg) if item.chart is not None else None
        table = _table(item.table)
        if drawing is not None:
            parts += [KeepTogether([table[0], drawing]), *table[1:]]
        else:
            parts += table
        parts.append(Spacer(1, 6 * mm))
    return parts


def report_pdf(report: Report, *, page_compression: bool = True) -> bytes:
    """The whole report as a PDF document."""
    buffer = io.BytesIO()

    def page(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica-Bold", 8)
        canvas.drawString(_MARGIN, A4[1] - 10 * mm, report.marking)
        canvas.setFont("Helvetica", 8)
        canvas.drawRightString(A4[0] - _MARGIN, A4[1] - 10 * mm, report.title)
        canvas.drawRightString(A4[0] - _MARGIN, 10 * mm, f"Page {document.page}")
        canvas.restoreState()

    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=_MARGIN, rightMargin=_MARGIN,
                                 topMargin=_MARGIN, bottomMargin=_MARGIN, title=report.title,
                                 author="Lantern", subject=report.marking,
                                 pageCompression=1 if page_compression else 0)
    story: list[Flowable] = [
        _text(report.title, _H1), _text(report.marking, _MARKING),
        _text(f"{report.place.name}, {report.period.description}. Generated "
              f"{report.generated_at:%d %B %Y, %H:%M} UTC.", _BODY),
        Spacer(1, 4 * mm), *(_text(note, _BODY) for note in report.notes), Spacer(1, 4 * mm),
        _text("Contents", _H3),
    ]
    sections = report_sections(report)
    story += [_text(f"{i}. {section.title}", _BODY) for i, section in enumerate(sections, 1)]
    for i, section in enumerate(sections, 1):
        story += _section(i, section)
    document.build(story, onFirstPage=page, onLaterPages=page)
    return buffer.getvalue()
