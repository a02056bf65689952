"""The dashboards: the nation's, a region's and a force's pages, their periods and downloads.

Given West Yorkshire's police NRM referrals (two submitted in 2025, one in 2026) and, where a
test needs them, a published police table or the long-term series, when people of each role open
the pages, then the national unit sees every page, a force its own, a regional coordinator their
region and its forces, and everyone else is refused as the rest of Lantern refuses (403, or 404
for a place that does not exist); a wrong period is a GOV.UK error, not a failure; each CSV and
XLSX download is in the audit trail; and a difference between the published and held referrals
is flagged on the force's page.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from openpyxl import load_workbook

from lantern.accounts.models import User
from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.insights.dashboards import trend_span
from lantern.insights.periods import parse_period
from lantern.insights.published_import import published_statistics_import
from lantern.safeguarding.models import Referral
from lantern.safeguarding.rules.nrm import Route
from tests import factories
from tests.insights.published_data import REFERENCE, police_table, write_tables

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
WY = "/insights/forces/west-yorkshire/"


def _referral(owner: User, at: datetime) -> Referral:
    case = factories.investigation(owner)
    involvement = factories.victim(owner, case, first_name="Testperson")
    return Referral.objects.create(
        organisation=owner.organisation, involvement=involvement, route=Route.NRM_REFERRAL.value,
        state=Referral.State.SUBMITTED, age_answer="no", exploitation_types=["sexual"],
        nationality="Albanian", created_by=owner, submitted_by=owner, submitted_at=at)


@pytest.fixture
def investigator() -> User:
    """West Yorkshire's investigator, whose force made two NRM referrals in 2025 and one in 2026."""
    person = factories.user(Role.INVESTIGATOR, org="west-yorkshire")
    _referral(person, datetime(2025, 3, 3, 10, 0, tzinfo=LONDON))
    _referral(person, datetime(2025, 9, 9, 10, 0, tzinfo=LONDON))
    _referral(person, datetime(2026, 2, 2, 10, 0, tzinfo=LONDON))
    return person


def _client(*roles: Role, org: str) -> Client:
    return factories.signed_in_client(factories.user(*roles, org=org))


@pytest.fixture
def national(investigator: User) -> Client:
    return _client(Role.NATIONAL_UNIT, org="msoicu")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_national_unit_sees_every_page_with_key_figures_charts_and_downloads(national: Client) -> None:
    pages = (("/insights/?period=2026", "England and Wales: 2026"),
             ("/insights/regions/yorkshire_humber/?period=2026", "Yorkshire and the Humber: 2026"),
             (f"{WY}?period=2026", "West Yorkshire Police: 2026"))
    for url, heading in pages:
        response = national.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert heading in _text(html)
        assert response["Cache-Control"] == "no-store"
        # Police NRM referrals 2026 (1) beside 2025 (2), said in words.
        row = re.search(r'id="key-nrm-police-referrals">(.*?)</div>', html, re.S)
        assert row is not None
        assert "down 50.0% from 2025 (2)" in _text(row[1]) and ">1<" in row[1]
        for chart in ("live-investigations", "nrm-referrals", "investigations-by-exploitation-type",
                      "children", "outcomes-by-quarter", "justice-by-quarter"):
            assert re.search(f'<svg[^>]+id="chart-{chart}', html), (url, chart)
        assert html.count('class="mark"') > 20
        assert "tables/key-figures.csv?period=2026" in html
        assert "tables/nrm-referrals.xlsx?period=2026" in html
    region = national.get("/insights/regions/yorkshire_humber/?period=2026").content.decode()
    assert f'href="{WY}?period=2026"' in region and "Kent Police" not in region


def test_the_monthly_charts_show_a_year_and_the_year_before_and_never_fewer_than_twelve_months() -> None:
    assert len(trend_span(parse_period("2026")).months()) == 24
    assert trend_span(parse_period("2026-Q3")).label == "October 2025 to September 2026"
    assert trend_span(parse_period("2026-07")).label == "August 2025 to July 2026"


def test_a_force_sees_its_own_page_and_is_sent_there_from_the_national_page(investigator: User) -> None:
    client = factories.signed_in_client(investigator)
    assert client.get("/insights/?period=2026-Q1")["Location"] == f"{WY}?period=2026-Q1"
    assert client.get("/insights/")["Location"] == WY
    own = client.get(WY)
    assert own.status_code == 200 and "West Yorkshire Police: 2025" in _text(own.content.decode())
    assert 'href="/insights/"' in client.get("/", follow=True).content.decode()  # the navigation link
    assert client.get("/insights/forces/kent/?period=2026").status_code == 403
    assert client.get("/insights/regions/yorkshire_humber/").status_code == 403
    assert client.get("/insights/tables/key-figures.csv?period=2026").status_code == 403
    assert client.get("/insights/forces/kent/tables/key-figures.csv?period=2026").status_code == 403
    assert client.get("/insights/forces/no-such-force/").status_code == 404


def test_a_regional_coordinator_sees_their_region_and_its_forces_only(investigator: User) -> None:
    client = _client(Role.REGIONAL_COORDINATOR, org="rocu-yorkshire-humber")
    assert client.get("/insights/")["Location"] == "/insights/regions/yorkshire_humber/"
    assert client.get("/insights/regions/yorkshire_humber/?period=2026").status_code == 200
    force = client.get(f"{WY}?period=2026")
    assert force.status_code == 200
    # The force's published figures come with its counts (none are imported here).
    assert "lantern import-nrm-statistics" in force.content.decode()
    assert client.get("/insights/regions/south_east/").status_code == 403
    assert client.get("/insights/forces/kent/").status_code == 403
    assert client.get("/insights/regions/atlantis/").status_code == 404


@pytest.mark.parametrize(("role", "org"), [(Role.PARTNER_AGENCY, "sca"), (Role.INVESTIGATOR, "nca"),
                                           (Role.AUDITOR, "west-yorkshire")])
def test_people_without_a_place_to_count_are_told_plainly_and_refused(investigator: User, role: Role,
                                                                      org: str) -> None:
    client = _client(role, org=org)
    response = client.get("/insights/")
    assert response.status_code == 403
    assert "The national picture is not open to you" in response.content.decode()
    assert client.get("/insights/regions/yorkshire_humber/").status_code == 403
    if role is not Role.AUDITOR:
        assert client.get(f"{WY}?period=2026").status_code == 403
    if role is Role.PARTNER_AGENCY:
        assert 'href="/insights/"' not in client.get("/", follow=True).content.decode()


@pytest.mark.parametrize(("period", "message"), [
    ("soon", "'soon' is not a period: write a calendar year"),
    ("2020-19", "2020-19 is not a period: a financial year's second part is the year after"),
    ("2020-Q5", "A quarter is numbered 1 to 4, not 5."),
    ("0000", "'0000' is not a period Lantern counts: choose one from 2000"),
    ("1999", "1999 is outside the figures Lantern counts"),
    ("2099-Q1", "2099 Q1 is outside the figures Lantern counts"),
])
def test_a_wrong_period_is_a_govuk_error_not_a_failure(national: Client, period: str, message: str) -> None:
    for url in ("/insights/", WY, f"{WY}tables/key-figures.csv"):
        response = national.get(url, {"period": period})
        html = response.content.decode()
        assert response.status_code == 400, (url, period)
        assert "govuk-error-summary" in html and "There is a problem" in html
        assert message in html.replace("&#x27;", "'")
        assert 'href="#id_period"' in html and "govuk-input--error" in html
        assert "Key figures" not in html


def test_each_download_is_the_table_and_is_recorded_in_the_audit_trail(national: Client) -> None:
    before = AuditEvent.objects.filter(object_type="insights.table").count()
    csv = national.get(f"{WY}tables/nrm-referrals.csv", {"period": "2026"})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert csv["Cache-Control"] == "no-store"
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Month,Police NRM referrals,All NRM referrals"
    assert "February 2026,1,1" in lines and "March 2025,1,1" in lines and len(lines) == 25
    xlsx = national.get("/insights/tables/key-figures.xlsx", {"period": "2026"})
    assert xlsx.status_code == 200 and 'filename="lantern-table-1' in xlsx["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "Police referrals to the NRM" in cells
    events = AuditEvent.objects.filter(object_type="insights.table").order_by("sequence")
    assert events.count() == before + 2
    first, second = events[before], events[before + 1]
    assert (first.detail["format"], first.detail["place"], first.detail["period"]) == \
        ("csv", "West Yorkshire Police", "2026")
    assert (second.detail["format"], second.detail["place"]) == ("xlsx", "England and Wales")
    assert national.get(f"{WY}tables/no-such-table.csv", {"period": "2026"}).status_code == 404
    assert national.get(f"{WY}tables/nrm-referrals.pdf", {"period": "2026"}).status_code == 404
    assert AuditEvent.objects.filter(object_type="insights.table").count() == before + 2


def test_the_force_page_flags_a_difference_between_published_and_held(investigator: User,
                                                                       tmp_path: Path) -> None:
    """Published: 3 West Yorkshire referrals in 2026 Q1. Held: 1 (February). The force is told."""
    client = factories.signed_in_client(investigator)
    before = client.get(f"{WY}?period=2026-Q1").content.decode()
    assert "No published statistics for West Yorkshire Police have been imported" in before
    assert "lantern import-nrm-statistics DIR" in before
    published_statistics_import(directory=write_tables(tmp_path, police_table(3, year=2026, quarter=1)))
    html = client.get(f"{WY}?period=2026-Q1").content.decode()
    text = _text(html)
    assert "2026 Q1: published 3, held in Lantern 1" in text
    assert "The published figures and Lantern's records differ for 2026 Q1" in text
    total = re.search(r'id="chart-reconcile-2026-q1-age-group-table">.*?(<tr[^>]*lantern-differs[^>]*>'
                      r'\s*<th[^>]*>Total</th>.*?</tr>)', html, re.S)
    assert total is not None and "-2" in total[1] and "Differs" in total[1]
    assert "NRM referrals, as published" in html
    assert re.search(r'<svg[^>]+id="chart-published-referrals', html)
    download = client.get(f"{WY}tables/reconcile-2026-q1-nationality.csv", {"period": "2026-Q1"})
    assert download.status_code == 200
    header = download.content.decode("utf-8-sig").splitlines()[0]
    assert header == "Nationality,Published,Held in Lantern,Difference"
    other = client.get(f"{WY}?period=2025").content.decode()
    assert "No published table has been imported for 2025 Q1, 2025 Q2, 2025 Q3, 2025 Q4" in other
    assert f'href="{WY}?period=2026-Q1"' in other


def test_the_national_page_shows_the_published_series_once_imported(national: Client, tmp_path: Path) -> None:
    assert "lantern import-nrm-statistics DIR" in national.get("/insights/?period=2026").content.decode()
    source = REFERENCE / "nrm_referrals_longitudinal.csv"
    (tmp_path / source.name).write_bytes(source.read_bytes())
    published_statistics_import(directory=tmp_path)
    html = national.get("/insights/?period=2026").content.decode()
    assert "lantern import-nrm-statistics DIR" not in html
    chart = re.search(r'<svg[^>]+id="chart-published-referrals-series".*?</svg>', html, re.S)
    assert chart is not None and chart[0].count('class="mark"') > 100
    assert ">2009 Q2<" in html
