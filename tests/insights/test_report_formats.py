"""The annual report as HTML, JSON and PDF: the same figures in each.

Given the hand-made dataset (``test_metrics_handmade``), when the national unit's 2020 report is
written out, then the HTML has each section and a chart with marks for every chart in the report;
the JSON reads back with its stable keys, Table 1's rows and Lantern's NRM figures beside the
published ones (null until imported, the Home Office's own once imported); and the PDF is a PDF
of a sensible number of pages whose text holds the marking and every Table 1 row's figures.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lantern.insights import report as annual
from lantern.insights.charts_table import table_view
from lantern.insights.places import nation
from lantern.insights.published_import import published_statistics_import
from lantern.insights.report_html import report_document
from lantern.insights.report_json import report_data, report_json
from lantern.insights.report_pdf import report_pdf
from tests.insights.published_data import REFERENCE
from tests.insights.test_metrics_handmade import Handmade, build_handmade

TABLE_NAMES = {"table1", "live_by_month", "nrm_referrals_by_year", "nrm_by_first_responder_and_age",
               "nrm_by_quarter", "victims_by_nationality", "suspects_by_nationality",
               "investigations_by_exploitation_type", "outcomes_by_type", "outcomes_by_quarter",
               "justice_by_quarter", "s45_results", "orders_by_kind", "disruptions_by_threat", "figures"}


@pytest.fixture
def report(db: None) -> annual.Report:
    handmade: Handmade = build_handmade()
    return annual.report_build(user=handmade.national, year=2020, place=nation())


def test_the_html_has_every_section_and_every_chart_with_marks(report: annual.Report) -> None:
    html = report_document(report)
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html
    for section in report.sections:
        assert f'id="{section.key}-heading"' in html and section.title in html
    charts = [item for item in report.items() if item.chart is not None]
    svgs = re.findall(r'<svg[^>]*id="(report-[a-z0-9-]+)"[^>]*>(.*?)</svg>', html, re.S)
    assert [cid for cid, _ in svgs] == [f"report-{item.name.replace('_', '-')}" for item in charts]
    assert all('class="mark"' in body for _, body in svgs)
    victims = dict(svgs)["report-victims-by-nationality"]
    assert victims.count('class="mark"') == 6  # six nationalities and "Not known"; the total is not drawn
    assert "Internal: not for publication" in html
    assert "Police referrals to the NRM" in html


def test_the_json_reads_back_with_its_stable_keys(report: annual.Report) -> None:
    data = json.loads(report_json(report))
    assert data == json.loads(json.dumps(report_data(report)))
    assert {"schema", "year", "place", "generated_at", "for_publication", "marking", "disclosure", "notes",
            "table1", "figures", "sections", "tables", "nrm"} <= set(data)
    assert data["year"] == 2020 and data["place"] == {"kind": "nation", "code": "england-and-wales",
                                                      "name": "England and Wales"}
    assert datetime.fromisoformat(data["generated_at"]).tzinfo == UTC and data["generated_at"].endswith("Z")
    assert data["disclosure"] is None and data["for_publication"] is False
    police = next(row for row in data["table1"] if row["key"] == "nrm.police_referrals")
    assert police == {"key": "nrm.police_referrals", "label": "Police referrals to the NRM", "unit": "count",
                      "previous": 1, "value": 2, "change": 1, "change_percent": 100.0}
    assert data["table1"][0]["key"] == "investigations.live_monthly_average"
    assert data["figures"]["cps.conviction_rate"]["value"] == 0.5
    assert set(data["tables"]) == TABLE_NAMES
    responders = data["tables"]["nrm_by_first_responder_and_age"]
    assert responders["rows"][-1] == {"label": "Total", "values": [3, 1, 1, 5]} and responders["total_row"]
    assert data["nrm"]["published"] is None
    assert data["nrm"]["lantern"]["referrals"]["total"] == 5
    assert data["nrm"]["lantern"]["referrals_by_first_responder_type"]["by_type"]["Police"] == 2


def test_the_json_for_publication_says_so_and_hides_small_counts(db: None) -> None:
    handmade = build_handmade()
    data = report_data(annual.report_build(user=handmade.national, year=2020, place=nation(),
                                           for_publication=True))
    assert data["disclosure"]["threshold"] == 5 and data["disclosure"]["cells_suppressed"] > 0
    assert data["figures"]["nrm.referrals"] == {"title": "NRM referrals, all first responders",
                                                "unit": "count", "previous": "[c]", "value": 5}
    assert data["nrm"]["lantern"]["referrals"]["by_quarter"] == {"Q1": "[c]", "Q2": "[c]", "Q3": "[c]",
                                                                 "Q4": "[c]"}
    assert data["marking"].startswith("For publication")


def test_the_published_figures_held_stand_beside_lanterns(db: None, tmp_path: Path) -> None:
    handmade = build_handmade()
    for name in ("nrm_referrals_longitudinal.csv", "nrm_duty_to_notify_longitudinal.csv"):
        shutil.copy(REFERENCE / name, tmp_path / name)
    published_statistics_import(directory=tmp_path, username="test")
    report = annual.report_build(user=handmade.national, year=2020, place=nation())
    data = report_data(report)
    published = data["nrm"]["published"]
    assert published["referrals"]["total"] == 10582  # the longitudinal table, as revised to 2023 Q4
    assert set(published["referrals"]["by_quarter"]) == {"Q1", "Q2", "Q3", "Q4"}
    assert published["duty_to_notify"]["total"] is not None
    series = data["tables"]["published_referrals_series"]
    assert series["rows"][0]["label"] == "2009 Q2" and series["rows"][-1]["label"] == "2020 Q4"
    html = report_document(report)
    assert 'id="report-published-referrals-series"' in html and 'id="published-heading"' in html
    assert "10,582" in html  # the published total beside Lantern's 5


def _pdf_strings(pdf: bytes) -> list[str]:
    """The text shown on the pages of an uncompressed PDF, one string per text run."""
    text = pdf.decode("latin-1")
    runs = re.findall(r"\(((?:\\.|[^\\)])*)\)\s*Tj", text)
    return [re.sub(r"\\(.)", r"\1", run) for run in runs]


def test_the_pdf_is_a_pdf_holding_the_key_figures(report: annual.Report) -> None:
    pdf = report_pdf(report, page_compression=False)
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type /Page\b(?!s)", pdf))
    assert 6 <= pages <= 30
    strings = _pdf_strings(pdf)
    joined = "\n".join(strings)
    assert "Internal: not for publication" in joined and report.title in joined
    for row in table_view(report.table1).rows:
        at = strings.index(row.label)
        assert strings[at + 1:at + 5] == [cell.text for cell in row.cells]
    assert len(report_pdf(report)) < len(pdf)  # compressed by default
