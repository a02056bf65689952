"""Bank holidays in England and Wales and working-day arithmetic, against the GOV.UK lists."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantern.safeguarding.rules.working_days import (
    FIRST_SUPPORTED_YEAR,
    ONE_OFF_CHANGES,
    add_working_days,
    bank_holidays,
    easter_sunday,
    is_working_day,
    working_days_between,
)

# The GOV.UK list for England and Wales (www.gov.uk/bank-holidays), substitute days included.
GOV_UK: dict[int, list[str]] = {
    2019: ["01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2020: ["01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"],
    2021: ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"],
    2022: ["01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27"],
    2023: ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"],
    2024: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
    2026: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
    2027: ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"],
}

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
counts = st.integers(min_value=0, max_value=400)


@pytest.mark.parametrize("year", sorted(GOV_UK))
def test_bank_holidays_match_the_gov_uk_list(year: int) -> None:
    expected = {date.fromisoformat(f"{year}-{md}") for md in GOV_UK[year]}
    assert bank_holidays(year) == expected


def test_the_2012_diamond_jubilee_moved_spring_and_added_a_day() -> None:
    holidays = bank_holidays(2012)
    assert date(2012, 5, 28) not in holidays
    assert {date(2012, 6, 4), date(2012, 6, 5)} <= holidays


def test_the_2011_royal_wedding_and_the_millennium_were_extra_days() -> None:
    assert date(2011, 4, 29) in bank_holidays(2011)
    assert date(1999, 12, 31) in bank_holidays(1999)


def test_new_year_on_a_sunday_moves_to_monday_2nd() -> None:
    assert date(2017, 1, 2) in bank_holidays(2017)
    assert date(2017, 1, 1) not in bank_holidays(2017)


def test_christmas_on_a_sunday_gives_monday_and_tuesday() -> None:
    """Given Christmas Day 2016 on a Sunday, Then the holidays are Monday 26th and Tuesday 27th."""
    assert {d for d in bank_holidays(2016) if d.month == 12} == {date(2016, 12, 26), date(2016, 12, 27)}


def test_every_one_off_change_is_on_a_weekday_and_replaces_its_regular_day() -> None:
    for change in ONE_OFF_CHANGES:
        holidays = bank_holidays(change.to.year)
        assert change.to.weekday() < 5
        assert change.to in holidays
        if change.moved_from is not None:
            assert change.moved_from not in holidays


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2000, date(2000, 4, 23)),
        (2011, date(2011, 4, 24)),
        (2019, date(2019, 4, 21)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter_sunday(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_years_before_the_early_may_holiday_are_refused() -> None:
    with pytest.raises(ValueError, match="from 1978 onwards, not for 1977"):
        bank_holidays(FIRST_SUPPORTED_YEAR - 1)


@given(st.integers(min_value=FIRST_SUPPORTED_YEAR, max_value=2200))
def test_every_year_has_at_least_eight_weekday_holidays(year: int) -> None:
    holidays = bank_holidays(year)
    assert len(holidays) >= 8
    assert all(d.weekday() < 5 and d.year == year for d in holidays)


def test_working_days() -> None:
    assert is_working_day(date(2026, 12, 24))  # Thursday
    assert not is_working_day(date(2026, 12, 26))  # Saturday
    assert not is_working_day(date(2026, 12, 28))  # Monday, Boxing Day substitute


def test_friday_event_with_one_day_is_due_monday() -> None:
    assert add_working_days(date(2026, 11, 6), 1) == date(2026, 11, 9)


def test_friday_event_before_a_bank_holiday_monday_is_due_tuesday() -> None:
    """Given an arrest on Friday 22 May 2026, When 1 working day is allowed, Then it is due Tuesday 26th."""
    assert add_working_days(date(2026, 5, 22), 1) == date(2026, 5, 26)


def test_saturday_event_with_one_day_is_due_monday() -> None:
    assert add_working_days(date(2026, 11, 7), 1) == date(2026, 11, 9)


def test_christmas_and_new_year_are_skipped() -> None:
    """Given Thursday 24 December 2026, When 5 working days are allowed, Then it is due Tuesday 5 January."""
    assert add_working_days(date(2026, 12, 24), 5) == date(2027, 1, 5)


def test_zero_days_is_the_day_itself_or_the_next_working_day() -> None:
    assert add_working_days(date(2026, 11, 4), 0) == date(2026, 11, 4)
    assert add_working_days(date(2026, 12, 25), 0) == date(2026, 12, 29)


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        add_working_days(date(2026, 1, 5), -1)


def test_working_days_between_over_christmas() -> None:
    assert working_days_between(date(2026, 12, 24), date(2027, 1, 5)) == 5
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 24)) == 0
    assert working_days_between(date(2027, 1, 5), date(2026, 12, 24)) == -5


@given(days, st.integers(min_value=1, max_value=400))
def test_the_due_day_is_a_working_day(start: date, n: int) -> None:
    assert is_working_day(add_working_days(start, n))


@given(days, st.integers(min_value=1, max_value=400))
def test_more_days_is_always_later(start: date, n: int) -> None:
    assert add_working_days(start, n) < add_working_days(start, n + 1)


@given(days)
def test_zero_and_one_day_coincide_only_from_a_non_working_day(start: date) -> None:
    """From a weekend or holiday, the next working day is both "0 days" and "1 day" after it."""
    same = add_working_days(start, 0) == add_working_days(start, 1)
    assert same is (not is_working_day(start))


@given(days, counts)
def test_between_undoes_add_from_a_working_day(start: date, n: int) -> None:
    start = add_working_days(start, 0)
    assert working_days_between(start, add_working_days(start, n)) == n


@given(days, st.integers(min_value=0, max_value=60))
def test_between_counts_the_working_days_one_by_one(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    one_by_one = sum(is_working_day(start + timedelta(days=i)) for i in range(1, span + 1))
    assert working_days_between(start, end) == one_by_one
