"""The published figures as people read them: a force's, the nation's series, a year's for the report.

Given the real reference tables imported, when a force's own lead or a national user asks, then
the tables hold the figures read by hand from the CSV files; a force's people cannot read another
force's, and the national series and year need the national picture.
"""

from __future__ import annotations

import pytest

from lantern.access.scope import AccessDenied, NotVisible
from lantern.accounts.rules import Role
from lantern.insights.published_import import published_statistics_write
from lantern.insights.published_queries import (
    force_quarters,
    force_referrals_by,
    force_referrals_by_quarter,
    national_duty_to_notify_series,
    national_referrals_series,
    published_year,
)
from lantern.insights.tables import Cell, Table
from tests import factories
from tests.insights.published_data import REFERENCE, reference_read


@pytest.fixture
def imported(db: None) -> None:
    factories.reference_organisations()
    published_statistics_write(read=reference_read(), directory=REFERENCE)


def _row(table: Table, label: str) -> tuple[Cell, ...]:
    return next(row.values for row in table.rows if row.label == label)


def test_a_force_reads_its_published_referrals(imported: None) -> None:
    lead = factories.user(Role.FORCE_LEAD, org="west-yorkshire")
    assert force_quarters(user=lead, force="west-yorkshire") == [(2022, 2), (2022, 3), (2022, 4)]
    by_quarter = force_referrals_by_quarter(user=lead, force="west-yorkshire")
    assert [(r.label, r.values) for r in by_quarter.rows] == [("2022 Q2", (49,)), ("2022 Q3", (44,)),
                                                             ("2022 Q4", (78,))]
    exploitation = force_referrals_by(user=lead, force="west-yorkshire", dimension="exploitation_type")
    assert exploitation.columns == ("2022 Q2", "2022 Q3", "2022 Q4") and exploitation.total_row
    assert _row(exploitation, "Criminal")[2] == 23 and _row(exploitation, "Labour & Criminal")[2] == 22
    assert exploitation.rows[-1].values == (49, 44, 78)  # the published Total row
    parts = zip(*(r.values for r in exploitation.rows[:-1]), strict=True)
    assert [sum(column) for column in parts] == [49, 44, 78]
    ages = force_referrals_by(user=lead, force="west-yorkshire", dimension="age_group")
    # The table's eight "<exploitation type>, Child (17 or under), Total, Total" rows: 4+1+2+1+1+2+3+4.
    assert _row(ages, "Child (17 or under)")[2] == 18
    nationality = force_referrals_by(user=lead, force="west-yorkshire", dimension="nationality")
    assert _row(nationality, "UK")[2] == 17 and _row(nationality, "Albanian")[2] == 22


def test_a_force_cannot_read_another_forces_figures_and_the_nation_reads_any(imported: None) -> None:
    lead = factories.user(Role.FORCE_LEAD, org="west-yorkshire")
    with pytest.raises(NotVisible):
        force_referrals_by_quarter(user=lead, force="met")
    with pytest.raises(AccessDenied):
        force_referrals_by_quarter(user=factories.user(Role.ADMINISTRATOR), force="west-yorkshire")
    national = factories.user(Role.NATIONAL_UNIT, org="msoicu")
    assert _row(force_referrals_by_quarter(user=national, force="met"), "2022 Q4") == (161,)
    with pytest.raises(NotVisible):
        force_referrals_by_quarter(user=national, force="no-such-force")
    for read in (national_referrals_series, national_duty_to_notify_series):
        with pytest.raises(AccessDenied):
            read(user=lead)
    with pytest.raises(AccessDenied):
        published_year(user=lead, year=2022)


def test_the_nation_reads_the_long_term_series(imported: None) -> None:
    national = factories.user(Role.NATIONAL_UNIT, org="msoicu")
    series = national_referrals_series(user=national)
    assert series.rows[0].label == "2009 Q2" and series.rows[-1].label == "2023 Q4"
    assert series.columns == ("Adult (18 or over)", "Child (17 or under)", "Not specified or unknown",
                              "Total")
    assert series.rows[0].values == (127, 47, 0, 174)
    assert _row(series, "2022 Q4") == (2234, 1939, 240, 4413)
    assert len(series.rows) == 59
    notices = national_duty_to_notify_series(user=national)
    assert notices.rows[0].label == "2015 Q4" and _row(notices, "2022 Q4") == (1307,)


def test_a_years_published_figures_for_the_report(imported: None) -> None:
    national = factories.user(Role.NATIONAL_UNIT, org="msoicu")
    year = published_year(user=national, year=2022)
    assert year["referrals"]["by_quarter"] == {"Q1": 3773, "Q2": 4157, "Q3": 4578, "Q4": 4413}
    assert year["referrals"]["total"] == 16921 and year["referrals"]["quarters"] == [1, 2, 3, 4]
    assert year["referrals"]["by_age_group"] == {"adult": 2052 + 2261 + 2301 + 2234,
                                                 "child": 1466 + 1624 + 1975 + 1939,
                                                 "not_specified": 255 + 272 + 302 + 240}
    by_type = year["referrals_by_first_responder_type"]
    assert by_type["quarters"] == [2, 3, 4]
    assert by_type["by_quarter"]["Q4"] == {"Police": 1034, "Government agency": 2140,
                                           "NGO and third sector": 231, "Local Authority": 1012}
    assert year["duty_to_notify"] == {"quarters": [1, 2, 3, 4], "total": 4580,
                                      "by_quarter": {"Q1": 987, "Q2": 1126, "Q3": 1160, "Q4": 1307}}
    assert len(year["imports"]) == 1
    nothing = published_year(user=national, year=2030)
    assert nothing["referrals"]["total"] is None and nothing["duty_to_notify"]["total"] is None
