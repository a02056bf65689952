"""The periods figures are counted over: calendar and financial years, quarters and months.

Plain Python: no Django. The annual report (seed 004, Table 1) compares calendar years; Home
Office statistics also use financial years (April to March, "2020-21") and calendar quarters
(Q1 is January to March, as the NRM quarterly tables number them). A period's ``end`` is its
last day, inclusive, so "closed on the last day of the month" reads as it is written.

How a period is written (``code``, what ``parse_period`` takes), headed (``label``) and described:

| kind | code | label | description |
|---|---|---|---|
| calendar year | ``2020`` | 2020 | January to December 2020 |
| financial year | ``2020-21`` | 2020-21 | April 2020 to March 2021 |
| quarter | ``2020-Q3`` | 2020 Q3 | July to September 2020 |
| month | ``2020-07`` | July 2020 | July 2020 |
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
FINANCIAL_YEAR_FIRST_MONTH = 4  # April: the government's financial year


class PeriodError(ValueError):
    """Text that is not a period Lantern counts over; the message says what would be."""


class PeriodKind(StrEnum):
    CALENDAR_YEAR = "calendar_year"
    FINANCIAL_YEAR = "financial_year"
    QUARTER = "quarter"
    MONTH = "month"

    @property
    def months(self) -> int:
        return _KIND_MONTHS[self]


_KIND_MONTHS = {PeriodKind.CALENDAR_YEAR: 12, PeriodKind.FINANCIAL_YEAR: 12, PeriodKind.QUARTER: 3,
                PeriodKind.MONTH: 1}


def _month_end(year: int, month: int) -> date:
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)


def _add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


@dataclass(frozen=True, order=True)
class Period:
    """A span of whole months, of one kind, from ``start`` to ``end`` (both days included)."""

    start: date
    kind: PeriodKind

    def __post_init__(self) -> None:
        if self.start.day != 1:
            raise PeriodError(f"A period starts on the first of a month, not {self.start.isoformat()}.")
        starts = {PeriodKind.CALENDAR_YEAR: (1,), PeriodKind.FINANCIAL_YEAR: (FINANCIAL_YEAR_FIRST_MONTH,),
                  PeriodKind.QUARTER: (1, 4, 7, 10), PeriodKind.MONTH: tuple(range(1, 13))}[self.kind]
        if self.start.month not in starts:
            raise PeriodError(f"A {self.kind.value.replace('_', ' ')} cannot start in "
                              f"{_MONTH_NAMES[self.start.month - 1]}.")

    @property
    def end(self) -> date:
        year, month = _add_months(self.start.year, self.start.month, self.kind.months - 1)
        return _month_end(year, month)

    @property
    def code(self) -> str:
        """The period as ``parse_period`` reads it back: "2020", "2020-21", "2020-Q3", "2020-07"."""
        year = self.start.year
        if self.kind is PeriodKind.CALENDAR_YEAR:
            return str(year)
        if self.kind is PeriodKind.FINANCIAL_YEAR:
            return f"{year}-{(year + 1) % 100:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{year}-Q{self.quarter}"
        if self.start.month == (year + 1) % 100:  # "2010-11" would read back as a financial year
            return f"{year}-M{self.start.month:02d}"
        return f"{year}-{self.start.month:02d}"

    @property
    def quarter(self) -> int:
        """The calendar quarter the period starts in (1 = January to March)."""
        return (self.start.month - 1) // 3 + 1

    @property
    def label(self) -> str:
        """The short heading for a column or a chart's axis: "2020", "2020-21", "2020 Q3", "July 2020"."""
        if self.kind is PeriodKind.QUARTER:
            return f"{self.start.year} Q{self.quarter}"
        if self.kind is PeriodKind.MONTH:
            return f"{_MONTH_NAMES[self.start.month - 1]} {self.start.year}"
        return self.code

    @property
    def description(self) -> str:
        """The period in words, for a caption: "April 2020 to March 2021"."""
        if self.kind is PeriodKind.MONTH:
            return self.label
        if self.kind is PeriodKind.CALENDAR_YEAR:
            return f"January to December {self.start.year}"
        first = _MONTH_NAMES[self.start.month - 1]
        last = _MONTH_NAMES[self.end.month - 1]
        if self.start.year == self.end.year:
            return f"{first} to {last} {self.start.year}"
        return f"{first} {self.start.year} to {last} {self.end.year}"

    def previous(self) -> Period:
        """The period of the same kind just before: what Table 1 compares this one against."""
        year, month = _add_months(self.start.year, self.start.month, -self.kind.months)
        return Period(date(year, month, 1), self.kind)

    def months(self) -> tuple[Period, ...]:
        """The period's months, in order (one for a month)."""
        return tuple(Period(date(*_add_months(self.start.year, self.start.month, offset), 1),
                            PeriodKind.MONTH) for offset in range(self.kind.months))

    def quarters(self) -> tuple[Period, ...]:
        """The calendar quarters inside the period (none for a month)."""
        return tuple(Period(month.start, PeriodKind.QUARTER) for month in self.months()
                     if month.start.month in (1, 4, 7, 10) and self.kind is not PeriodKind.MONTH)

    def month_ends(self) -> tuple[date, ...]:
        """The last day of each month: where "live at the month end" is counted."""
        return tuple(month.end for month in self.months())

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return self.label


def calendar_year(year: int) -> Period:
    return Period(date(year, 1, 1), PeriodKind.CALENDAR_YEAR)


def financial_year(first_year: int) -> Period:
    """The financial year that starts in April of ``first_year`` ("2020-21" is ``financial_year(2020)``)."""
    return Period(date(first_year, FINANCIAL_YEAR_FIRST_MONTH, 1), PeriodKind.FINANCIAL_YEAR)


def quarter(year: int, number: int) -> Period:
    if not 1 <= number <= 4:
        raise PeriodError(f"A quarter is numbered 1 to 4, not {number}.")
    return Period(date(year, 3 * number - 2, 1), PeriodKind.QUARTER)


def month(year: int, number: int) -> Period:
    if not 1 <= number <= 12:
        raise PeriodError(f"A month is numbered 01 to 12, not {number:02d}.")
    return Period(date(year, number, 1), PeriodKind.MONTH)


_FORMS = (
    (re.compile(r"(\d{4})"), lambda m: calendar_year(int(m[1]))),
    (re.compile(r"(\d{4})-(\d{2})"), None),  # a financial year or a month: told apart below
    (re.compile(r"(\d{4})-?Q(\d)", re.IGNORECASE), lambda m: quarter(int(m[1]), int(m[2]))),
    (re.compile(r"(\d{4})-M(\d{2})", re.IGNORECASE), lambda m: month(int(m[1]), int(m[2]))),
)
_EXPECTED = ('a calendar year ("2020"), a financial year ("2020-21"), a quarter ("2020-Q3") '
             'or a month ("2020-07")')


def _year_dash_two(first: int, second: int) -> Period:
    """ "2020-21" is a financial year (21 follows 20); "2020-07" is a month; "2020-19" is neither."""
    if second == (first + 1) % 100:
        return financial_year(first)
    if 1 <= second <= 12:
        return month(first, second)
    raise PeriodError(f"{first}-{second:02d} is not a period: a financial year's second part is the year "
                      f"after ({first}-{(first + 1) % 100:02d}) and a month is 01 to 12.")


def parse_period(text: str) -> Period:
    """The period ``text`` names, or ``PeriodError`` saying which forms are understood.

    "YYYY-NN" is a financial year when NN is the next year's last two digits, else a month. For
    the years 2000-2011 both readings exist ("2010-11"): the financial year wins, as the
    published series write it; November 2010 is then "2010-M11".
    """
    cleaned = text.strip()
    for pattern, build in _FORMS:
        matched = pattern.fullmatch(cleaned)
        if matched is None:
            continue
        if build is None:
            return _year_dash_two(int(matched[1]), int(matched[2]))
        return build(matched)
    raise PeriodError(f"{text!r} is not a period: write {_EXPECTED}.")


@dataclass(frozen=True)
class Span:
    """The whole months from one period's start to another's end: the axis of a trend chart."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(f"A span cannot end ({self.end.isoformat()}) before it starts "
                              f"({self.start.isoformat()}).")

    @property
    def label(self) -> str:
        first, last = month(self.start.year, self.start.month), month(self.end.year, self.end.month)
        return first.label if first == last else f"{first.label} to {last.label}"

    def months(self) -> tuple[Period, ...]:
        found, year, number = [], self.start.year, self.start.month
        while date(year, number, 1) <= self.end:
            found.append(month(year, number))
            year, number = _add_months(year, number, 1)
        return tuple(found)

    def quarters(self) -> tuple[Period, ...]:
        """The calendar quarters that start inside the span."""
        return tuple(quarter(m.start.year, m.quarter) for m in self.months()
                     if m.start.month in (1, 4, 7, 10))


def span(first: Period, last: Period | None = None) -> Span:
    """From the start of ``first`` to the end of ``last`` (or of ``first``)."""
    return Span(first.start, (last or first).end)
