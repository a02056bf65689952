"""The dashboards in real Chromium. On two years of the generator's cases and the Home Office's
long-term series (with a small published police table for West Yorkshire), a national-unit user
signs in, opens the national page and West Yorkshire's page for last year, and every chart on
them is drawn, visible and has marks; each page is photographed (under the test's tmp_path and
/tmp/insights-national.png, /tmp/insights-force.png) and passes axe-core with no serious
violations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from lantern.accounts.rules import Role
from lantern.insights.published_import import published_statistics_import
from lantern.synth.plan import plan_cases
from lantern.synth.request import GenerateRequest
from lantern.synth.writer import write_plan
from tests import factories
from tests.browser.conftest import AccessibilityLog, sign_in
from tests.insights.published_data import REFERENCE, police_table, write_tables

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _charts_drawn(page: Page) -> int:
    """Every chart on the page is visible and has marks; the number of charts."""
    charts = page.locator("svg.lantern-chart")
    count = charts.count()
    for i in range(count):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        expect(chart).to_be_visible()
        box = chart.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100
        assert chart.locator(".mark").count() > 0, chart.get_attribute("id")
    return count


def _photograph(page: Page, tmp_path: Path, name: str) -> None:
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    shutil.copyfile(shot, Path("/tmp") / name)  # noqa: S108 (where the lead looks; no personal data)


def test_the_national_unit_sees_the_national_and_a_force_dashboard_drawn(
        live_server: object, page: Page, axe: AccessibilityLog, tmp_path: Path) -> None:
    base = str(live_server.url)  # type: ignore[attr-defined]
    factories.reference_organisations()
    today = timezone.localdate()
    last_year = today.year - 1
    write_plan(plan_cases(GenerateRequest("demo", 1, last_year - 1, last_year, persons=120), today=today),
               batch_size=25)
    published = write_tables(tmp_path / "published", police_table(3, year=last_year, quarter=2))
    series = "nrm_referrals_longitudinal.csv"
    shutil.copyfile(REFERENCE / series, published / series)
    published_statistics_import(directory=published)
    person = factories.user(Role.NATIONAL_UNIT, org="msoicu")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, person)

    page.get_by_role("link", name="Figures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"England and Wales: {last_year}")
    expect(page.get_by_text("up ").or_(page.get_by_text("down ")).first).to_be_visible()
    assert _charts_drawn(page) == 7  # six of Lantern's figures and the published series
    expect(page.locator("#chart-published-referrals-series-table")).to_contain_text("2009 Q2")
    _photograph(page, tmp_path, "insights-national.png")
    axe.check(page)

    page.get_by_role("link", name="Yorkshire and the Humber").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Yorkshire and the Humber: {last_year}")
    page.get_by_role("link", name="West Yorkshire Police").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"West Yorkshire Police: {last_year}")
    assert _charts_drawn(page) == 7  # six of Lantern's figures and the published referrals by quarter
    expect(page.locator("#reconcile")).to_be_visible()
    expect(page.get_by_text(f"{last_year} Q2: published 3, held in Lantern")).to_be_visible()
    _photograph(page, tmp_path, "insights-force.png")
    axe.check(page)

    page.get_by_role("textbox", name="Period").fill("last year")
    page.get_by_role("button", name="Show figures").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("'last year' is not a period")
    axe.check(page)
    assert not axe.failures(), axe.failures()
