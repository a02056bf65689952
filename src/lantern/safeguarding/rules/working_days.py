"""Bank holidays and working days in England and Wales, for deadlines counted in working days.

Plain Python: no Django, and nothing fetched. The Victims' Code counts its deadlines in working days
(seed 002 §12.29; DOMAIN.md "The victim's path" point 6): Monday to Friday, not a bank holiday.

The regular bank holidays are computed from the rules in force since 1978 (Banking and Financial
Dealings Act 1971 and the royal proclamations under it): New Year's Day, Good Friday, Easter Monday,
the first Monday of May, the last Monday of May, the last Monday of August, Christmas Day and
Boxing Day, with substitute weekdays when a fixed-date holiday falls at a weekend. One-off changes
made by proclamation (jubilees, a coronation, a state funeral, VE Day) are a dated table,
``ONE_OFF_CHANGES``: when the next one is proclaimed, add a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

FIRST_SUPPORTED_YEAR = 1978  # the first year with the Early May bank holiday
SATURDAY = 5
_MONDAY = 0


@dataclass(frozen=True)
class OneOffChange:
    """A bank holiday moved or added by royal proclamation.

    ``moved_from`` is the regular holiday that no longer applies (None for an extra holiday);
    ``to`` is the day that is a bank holiday instead.
    """

    moved_from: date | None
    to: date
    reason: str


ONE_OFF_CHANGES: tuple[OneOffChange, ...] = (
    OneOffChange(
        date(1995, 5, 1), date(1995, 5, 8), "Early May bank holiday moved for VE Day's 50th anniversary"
    ),
    OneOffChange(None, date(1999, 12, 31), "Millennium"),
    OneOffChange(date(2002, 5, 27), date(2002, 6, 4), "Spring bank holiday moved for the Golden Jubilee"),
    OneOffChange(None, date(2002, 6, 3), "Golden Jubilee of Queen Elizabeth II"),
    OneOffChange(None, date(2011, 4, 29), "Wedding of Prince William and Catherine Middleton"),
    OneOffChange(date(2012, 5, 28), date(2012, 6, 4), "Spring bank holiday moved for the Diamond Jubilee"),
    OneOffChange(None, date(2012, 6, 5), "Diamond Jubilee of Queen Elizabeth II"),
    OneOffChange(
        date(2020, 5, 4), date(2020, 5, 8), "Early May bank holiday moved for VE Day's 75th anniversary"
    ),
    OneOffChange(date(2022, 5, 30), date(2022, 6, 2), "Spring bank holiday moved for the Platinum Jubilee"),
    OneOffChange(None, date(2022, 6, 3), "Platinum Jubilee of Queen Elizabeth II"),
    OneOffChange(None, date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
    OneOffChange(None, date(2023, 5, 8), "Coronation of King Charles III"),
)


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(_MONDAY - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - _MONDAY) % 7)


def _new_year(year: int) -> date:
    """1 January, or the Monday after when it falls at a weekend."""
    day = date(year, 1, 1)
    while day.weekday() >= SATURDAY:
        day += timedelta(days=1)
    return day


def _christmas_and_boxing_day(year: int) -> tuple[date, date]:
    """Christmas Day and Boxing Day, each moved to the next weekday not already a holiday.

    Christmas on a Friday: Friday 25th and Monday 28th. On a Saturday: Monday 27th and Tuesday 28th.
    On a Sunday: Monday 26th and Tuesday 27th.
    """
    days: list[date] = []
    for fixed in (date(year, 12, 25), date(year, 12, 26)):
        day = fixed
        while day.weekday() >= SATURDAY or day in days:
            day += timedelta(days=1)
        days.append(day)
    return days[0], days[1]


def _regular(year: int) -> set[date]:
    easter = easter_sunday(year)
    christmas, boxing = _christmas_and_boxing_day(year)
    return {
        _new_year(year),
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        _first_monday(year, 5),
        _last_monday(year, 5),
        _last_monday(year, 8),
        christmas,
        boxing,
    }


@lru_cache(maxsize=256)
def bank_holidays(year: int) -> frozenset[date]:
    """Every bank holiday in England and Wales in ``year``: the days off, substitutes included.

    A fixed-date holiday that falls at a weekend appears only as its substitute weekday (as on the
    GOV.UK list), so every day returned is a Monday to Friday.
    """
    if year < FIRST_SUPPORTED_YEAR:
        raise ValueError(f"Bank holidays are computed from {FIRST_SUPPORTED_YEAR} onwards, not for {year}.")
    days = _regular(year)
    for change in ONE_OFF_CHANGES:
        if change.to.year != year:
            continue
        if change.moved_from is not None:
            days.discard(change.moved_from)
        days.add(change.to)
    return frozenset(days)


def is_working_day(d: date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales."""
    return d.weekday() < SATURDAY and d not in bank_holidays(d.year)


def add_working_days(start: date, n: int) -> date:
    """The ``n``th working day after ``start``: the day a deadline of ``n`` working days falls due.

    The day of the event is day zero and does not count, whatever day it is. So an event on a
    Friday with a 1-working-day deadline is due on the Monday, or on the Tuesday if that Monday is a
    bank holiday; an event on a Saturday with a 1-working-day deadline is also due on the Monday.
    ``n == 0`` gives ``start`` itself if it is a working day, else the next working day.
    """
    if n < 0:
        raise ValueError(f"A number of working days cannot be negative ({n}).")
    day = start
    if n == 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    remaining = n
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def _weekdays_up_to(ordinal: int) -> int:
    # date.fromordinal(1) is a Monday, so every 7 ordinals hold 5 weekdays.
    weeks, rest = divmod(ordinal, 7)
    return 5 * weeks + min(rest, 5)


def working_days_between(start: date, end: date) -> int:
    """How many working days fall after ``start`` up to and including ``end``.

    The inverse of ``add_working_days``: ``working_days_between(d, add_working_days(d, n)) == n``
    for n >= 1 (and for n == 0 when ``d`` is a working day). Negative when ``end`` is before
    ``start``; zero when they are the same day.
    """
    if end < start:
        return -working_days_between(end, start)
    weekdays = _weekdays_up_to(end.toordinal()) - _weekdays_up_to(start.toordinal())
    holidays = sum(
        1
        for year in range(start.year, end.year + 1)
        for holiday in bank_holidays(year)
        if start < holiday <= end and holiday.weekday() < SATURDAY
    )
    return weekdays - holidays
