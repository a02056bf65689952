"""The annual report as data: its sections, Table 1, disclosure control and who may build it.

Given the hand-made dataset whose every figure is known (``test_metrics_handmade``), when the
national unit builds the 2020 report for the nation, then Table 1 is ``table1.table1`` exactly,
the trends, the underlying data and the justice outcomes by quarter hold the figures worked out by
hand there, and every single figure is ``figures_for``'s. Built for publication, small counts are
hidden together with the figure that would give them away from a total, and Table 1's changes go
with the figures they are worked from; the internal report shows them all. A force's investigator
may build their own force's report and not the nation's.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import override_settings

from lantern.access.scope import AccessDenied
from lantern.cases.rules import ExploitationType
from lantern.insights import report as annual
from lantern.insights.figures import FIGURE_KEYS, counting, figures_for
from lantern.insights.periods import calendar_year
from lantern.insights.places import force, nation
from lantern.insights.table1 import table1
from lantern.insights.tables import SUPPRESSED, Cell, Row, Table
from lantern.safeguarding.models import Referral
from tests import factories
from tests.insights.test_metrics_handmade import LONDON, Handmade, build_handmade


@pytest.fixture
def handmade(db: None) -> Handmade:
    return build_handmade()


def _table(report: annual.Report, name: str) -> Table:
    return next(item.table for item in report.items() if item.name == name)


def _rows(table: Table) -> dict[str, tuple[Cell, ...]]:
    return {row.label: row.values for row in table.rows}


def test_table_1_is_table1_and_every_figure_is_figures_for(handmade: Handmade) -> None:
    report = annual.report_build(user=handmade.national, year=2020, place=nation())
    c = counting(user=handmade.national, place=nation())
    assert report.table1 == table1(c, calendar_year(2020))
    assert _rows(report.table1)["Police referrals to the NRM"] == (1, 2, 1, 100.0)
    assert [s.key for s in report.sections] == ["key-data", "trends", "underlying-data", "justice", "figures"]
    now, before = figures_for(c, calendar_year(2020)), figures_for(c, calendar_year(2019))
    assert set(report.figures) == set(FIGURE_KEYS)
    assert all(report.figures[key] == (before[key].value, now[key].value) for key in FIGURE_KEYS)
    assert report.figures["nrm.referrals"] == (1, 5) and report.figures["cps.conviction_rate"] == (1.0, 0.5)
    assert not report.for_publication and report.cells_suppressed == 0
    assert report.marking == "Internal: not for publication"
    offset = report.generated_at.utcoffset()
    assert offset is not None and offset.total_seconds() == 0


def test_the_trends_run_over_every_year_held(handmade: Handmade) -> None:
    report = annual.report_build(user=handmade.national, year=2020, place=nation())
    live = _table(report, "live_by_month")
    assert live.rows[0].label == "January 2019" and live.rows[-1].label == "December 2020"  # I1 was 2019's
    by_year = {label: sum(v[0] for m, v in _rows(live).items() if m.endswith(label))  # type: ignore[misc]
               for label in ("2019", "2020")}
    assert by_year == {"2019": 2, "2020": 25}  # the month ends Table 1 averages: 2/12 and 25/12
    assert _rows(_table(report, "nrm_referrals_by_year")) == {"2019": (1, 1), "2020": (2, 5)}
    assert not any(item.published for item in report.items())  # nothing published imported


def test_the_underlying_data_and_the_justice_outcomes(handmade: Handmade) -> None:
    report = annual.report_build(user=handmade.national, year=2020, place=nation())
    assert _rows(_table(report, "nrm_by_first_responder_and_age"))["Total"] == (3, 1, 1, 5)
    assert _rows(_table(report, "victims_by_nationality"))["British"] == (2,)
    types = _rows(_table(report, "investigations_by_exploitation_type"))
    assert types["Criminal exploitation (any type)"] == (4,)
    assert types[ExploitationType.CRIMINAL_COUNTY_LINES.label] == (1,)
    assert types["of which county lines and other drug supply"] == (3,)
    assert _rows(_table(report, "nrm_by_quarter")) == {
        "2020 Q1": (1, 1, 0), "2020 Q2": (2, 0, 0), "2020 Q3": (1, 0, 1), "2020 Q4": (1, 1, 0),
        "Total": (5, 2, 1)}
    justice = _rows(_table(report, "justice_by_quarter"))
    assert list(justice) == [f"{year} Q{q}" for year in (2019, 2020) for q in range(1, 5)]
    # (CPS referrals, charged, flagged defendants finalised, convicted)
    assert justice["2019 Q4"] == (1, 1, 1, 1)  # I1's file; Oscar charged and pleaded guilty
    assert justice["2020 Q1"] == (0, 1, 0, 0)  # November charged
    assert justice["2020 Q2"] == (1, 1, 1, 1)  # I2's first file; Delta charged; November's plea
    assert justice["2020 Q3"] == (0, 1, 0, 0)  # Charlie charged (an unflagged file)
    assert justice["2020 Q4"] == (0, 0, 1, 0)  # Delta acquitted
    assert report.nrm_lantern["referrals"] == {"total": 5, "by_quarter": {"Q1": 1, "Q2": 2, "Q3": 1, "Q4": 1},
                                               "by_age_group": {"child": 3, "adult": 1, "not_specified": 1}}
    assert report.nrm_lantern["duty_to_notify"]["total"] == 1
    assert report.nrm_published is None


def _more_police_referrals(handmade: Handmade, count: int) -> None:
    """``count`` more adult NRM referrals by West Yorkshire in March 2020."""
    case = factories.investigation(handmade.officer)
    for i in range(count):
        involvement = factories.victim(handmade.officer, case, first_name=f"Extra{i}")
        Referral.objects.create(organisation=handmade.officer.organisation, involvement=involvement,
                                route="nrm_referral", state="submitted", age_answer="no",
                                submitted_at=datetime(2020, 3, 20, 12, tzinfo=LONDON),
                                created_by=handmade.officer)


def test_for_publication_a_small_count_and_the_one_revealing_it_are_hidden(handmade: Handmade) -> None:
    _more_police_referrals(handmade, 6)
    internal = annual.report_build(user=handmade.national, year=2020, place=nation())
    published = annual.report_build(user=handmade.national, year=2020, place=nation(), for_publication=True)

    exact = _rows(_table(internal, "nrm_by_first_responder_and_age"))
    assert exact["Police"] == (1, 7, 0, 8)
    hidden = _rows(_table(published, "nrm_by_first_responder_and_age"))
    # The one child referral is below 5; the row's total would give it away, so 7 goes too.
    assert hidden["Police"] == (SUPPRESSED, SUPPRESSED, 0, 8)
    assert hidden["Total"][3] == 11  # 11 referrals: no count below 5 to protect

    key = _rows(published.table1)
    assert key["Police referrals to the NRM"] == (SUPPRESSED, 8, SUPPRESSED, SUPPRESSED)  # 1 in 2019
    assert key["CPS modern slavery conviction rate (%)"][1] is SUPPRESSED  # 1 of 2
    assert _rows(internal.table1)["Police referrals to the NRM"] == (1, 8, 7, 700.0)
    assert published.figures["nrm.police_referrals"] == (SUPPRESSED, 8)
    assert published.figures["nrm.referrals"] == (SUPPRESSED, 11)
    assert published.nrm_lantern["referrals"]["by_quarter"]["Q1"] == 7
    assert published.nrm_lantern["referrals"]["by_quarter"]["Q2"] is SUPPRESSED

    assert published.for_publication and published.threshold == 5 and published.cells_suppressed > 2
    assert published.marking.startswith("For publication")
    assert any("counts from 1 to 4 are suppressed" in note for note in published.notes)
    assert any(note.startswith("[c]") for note in _table(published, "nrm_by_first_responder_and_age").notes)
    assert not any(cell is SUPPRESSED for table in internal.tables() for row in table.rows
                   for cell in row.values)


@override_settings(LANTERN_DISCLOSURE_THRESHOLD=2)
def test_the_threshold_comes_from_the_setting(handmade: Handmade) -> None:
    published = annual.report_build(user=handmade.national, year=2020, place=nation(), for_publication=True)
    assert published.threshold == 2
    assert _rows(_table(published, "victims_by_nationality"))["British"] == (2,)  # 2 is not below 2
    assert _rows(_table(published, "victims_by_nationality"))["Polish"] == (SUPPRESSED,)


def test_a_force_builds_its_own_report_and_not_the_nations(handmade: Handmade) -> None:
    with pytest.raises(AccessDenied):
        annual.report_build(user=handmade.officer, year=2020, place=nation())
    with pytest.raises(AccessDenied):
        annual.report_build(user=handmade.officer, year=2020, place=force("greater-manchester"))
    own = annual.report_build(user=handmade.officer, year=2020, place=force("west-yorkshire"))
    assert _rows(own.table1)["Police referrals to the NRM"][1] == 2
    assert own.nrm_published is None  # the published statistics are the nation's
    assert not any(item.name == "published_referrals_series" for item in own.items())


def test_a_year_outside_what_lantern_counts_is_refused(handmade: Handmade) -> None:
    with pytest.raises(annual.ReportError, match="from 2015"):
        annual.report_build(user=handmade.national, year=2014, place=nation())


def test_the_system_identity_is_the_national_unit_and_never_saved(handmade: Handmade) -> None:
    system = annual.national_unit_system()
    assert system.pk is None and system.organisation.code == "msoicu"
    report = annual.report_build(user=system, year=2020, place=nation())
    assert report.figures["nrm.referrals"] == (1, 5)


def test_a_long_tail_of_nationalities_is_gathered_into_one_row() -> None:
    known = [Row(f"Nationality {n}", (n,)) for n in range(20, 0, -1)]
    total = sum(n for n in range(1, 21)) + 3
    table = Table(key="victims", title="Victims", columns=("People",), total_row=True,
                  rows=(*known, Row("Not known", (3,)), Row("Total", (total,))))
    top = annual._top_nationalities(table)
    assert [row.label for row in top.rows][-4:] == ["Nationality 6", "Other nationalities (5)", "Not known",
                                                     "Total"]
    assert _rows(top)["Other nationalities (5)"] == (15,)  # 5 + 4 + 3 + 2 + 1
    assert sum(row.values[0] for row in top.rows[:-1]) == total  # type: ignore[misc]
    assert annual._top_nationalities(table, keep=19) == table  # one left over is shown as itself
