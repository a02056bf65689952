"""Periods: how they are written, read back, described, and which period comes before each."""

from __future__ import annotations

from datetime import date

import pytest

from lantern.insights.periods import (
    Period,
    PeriodError,
    PeriodKind,
    calendar_year,
    financial_year,
    month,
    parse_period,
    quarter,
    span,
)


@pytest.mark.parametrize(("text", "start", "end", "kind", "label"), [
    ("2020", date(2020, 1, 1), date(2020, 12, 31), PeriodKind.CALENDAR_YEAR, "2020"),
    ("2020-21", date(2020, 4, 1), date(2021, 3, 31), PeriodKind.FINANCIAL_YEAR, "2020-21"),
    ("1999-00", date(1999, 4, 1), date(2000, 3, 31), PeriodKind.FINANCIAL_YEAR, "1999-00"),
    ("2020-Q3", date(2020, 7, 1), date(2020, 9, 30), PeriodKind.QUARTER, "2020 Q3"),
    ("2020q1", date(2020, 1, 1), date(2020, 3, 31), PeriodKind.QUARTER, "2020 Q1"),
    ("2020-07", date(2020, 7, 1), date(2020, 7, 31), PeriodKind.MONTH, "July 2020"),
    ("2020-02", date(2020, 2, 1), date(2020, 2, 29), PeriodKind.MONTH, "February 2020"),
    ("2010-11", date(2010, 4, 1), date(2011, 3, 31), PeriodKind.FINANCIAL_YEAR, "2010-11"),
    ("2010-M11", date(2010, 11, 1), date(2010, 11, 30), PeriodKind.MONTH, "November 2010"),
    (" 2019 ", date(2019, 1, 1), date(2019, 12, 31), PeriodKind.CALENDAR_YEAR, "2019"),
])
def test_each_form_reads_as_its_period(text: str, start: date, end: date, kind: PeriodKind,
                                       label: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.kind, period.label) == (start, end, kind, label)
    assert parse_period(period.code) == period


@pytest.mark.parametrize("text", ["", "20", "2020-13", "2020-19", "2020-Q5", "2020-Q0", "last year",
                                  "2020/21", "2020-7", "2020-M00"])
def test_anything_else_is_refused_with_the_forms_that_are_understood(text: str) -> None:
    with pytest.raises(PeriodError) as refused:
        parse_period(text)
    message = str(refused.value)
    assert "2020" in message or "month" in message or "quarter" in message


def test_the_period_before_is_the_same_kind_immediately_before() -> None:
    assert calendar_year(2020).previous() == calendar_year(2019)
    assert financial_year(2020).previous() == financial_year(2019)
    assert quarter(2020, 1).previous() == quarter(2019, 4)
    assert quarter(2020, 3).previous() == quarter(2020, 2)
    assert month(2020, 1).previous() == month(2019, 12)
    assert month(2020, 3).previous().end == date(2020, 2, 29)


def test_months_quarters_and_month_ends() -> None:
    year = financial_year(2020)
    assert [m.label for m in year.months()][:2] == ["April 2020", "May 2020"]
    assert year.months()[-1] == month(2021, 3)
    assert year.month_ends()[0] == date(2020, 4, 30) and year.month_ends()[-1] == date(2021, 3, 31)
    assert len(calendar_year(2020).month_ends()) == 12
    assert calendar_year(2020).month_ends()[1] == date(2020, 2, 29)
    assert [q.label for q in year.quarters()] == ["2020 Q2", "2020 Q3", "2020 Q4", "2021 Q1"]
    assert quarter(2020, 4).months() == (month(2020, 10), month(2020, 11), month(2020, 12))
    assert month(2020, 5).quarters() == ()
    assert date(2020, 12, 31) in calendar_year(2020) and date(2021, 1, 1) not in calendar_year(2020)


def test_descriptions_say_the_months_in_words() -> None:
    assert financial_year(2020).description == "April 2020 to March 2021"
    assert quarter(2020, 3).description == "July to September 2020"
    assert calendar_year(2019).description == "January to December 2019"
    assert month(2020, 7).description == "July 2020"


def test_a_period_cannot_start_where_its_kind_does_not() -> None:
    with pytest.raises(PeriodError, match="quarter cannot start in February"):
        Period(date(2020, 2, 1), PeriodKind.QUARTER)
    with pytest.raises(PeriodError, match="first of a month"):
        Period(date(2020, 1, 2), PeriodKind.MONTH)
    with pytest.raises(PeriodError, match="1 to 4"):
        quarter(2020, 5)


def test_a_span_runs_from_one_period_to_another() -> None:
    years = span(calendar_year(2015), calendar_year(2025))
    assert len(years.months()) == 132 and len(years.quarters()) == 44
    assert years.label == "January 2015 to December 2025"
    assert span(month(2020, 7)).label == "July 2020"
    with pytest.raises(PeriodError, match="before it starts"):
        span(calendar_year(2021), calendar_year(2020))
