"""The Victims' Code: enhanced rights, updates owed and their deadlines, and interpreters."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantern.safeguarding.rules.victims_code import (
    CODE_2021,
    DEFAULT_DEADLINES,
    CodeDeadline,
    NoDeadlineInForce,
    UpdateKind,
    UpdateOwed,
    days_overdue,
    deadline_in_force,
    entitled_to_enhanced_rights,
    given_late,
    interpreter_problems,
    is_overdue,
    update_due,
    updates_owed_for,
)
from lantern.safeguarding.rules.working_days import is_working_day, working_days_between

IN_FORCE = date(2021, 4, 1)
FRIDAY = date(2026, 11, 6)
MONDAY_AFTER = date(2026, 11, 9)

NOTIFICATIONS = [
    UpdateKind.SUSPECT_ARRESTED,
    UpdateKind.SUSPECT_INTERVIEWED_UNDER_CAUTION,
    UpdateKind.SUSPECT_RELEASED_WITHOUT_CHARGE,
    UpdateKind.SUSPECT_RELEASED_ON_BAIL_OR_RUI,
    UpdateKind.BAIL_CONDITIONS_CHANGED,
    UpdateKind.DECISION_NOT_TO_INVESTIGATE,
    UpdateKind.INVESTIGATION_CLOSED,
    UpdateKind.SUSPECT_CHARGED,
    UpdateKind.CPS_DECISION_NOT_TO_CHARGE_OR_ALTER,
    UpdateKind.CASE_OUTCOME_AND_SENTENCE,
]


def test_every_kind_has_a_label_and_a_choice() -> None:
    assert (
        UpdateKind.SUSPECT_RELEASED_ON_BAIL_OR_RUI.label == "Suspect released on bail or under investigation"
    )
    assert all(label for _, label in UpdateKind.choices())
    assert len(UpdateKind.choices()) == len(UpdateKind)


def test_the_table_has_one_row_per_kind_for_each_code_citing_it() -> None:
    for in_force_from, source in ((date(2015, 11, 16), "Code of Practice for Victims of Crime, October 2015"),
                                  (IN_FORCE, "Code of Practice for Victims of Crime in England and Wales, "
                                             "April 2021")):
        rows = [row for row in DEFAULT_DEADLINES if row.in_force_from == in_force_from]
        assert sorted(row.kind for row in rows) == sorted(UpdateKind)
        assert all(row.source.startswith(source) for row in rows)
    assert len(DEFAULT_DEADLINES) == 2 * len(UpdateKind)


def test_referral_to_support_is_two_working_days_for_everyone() -> None:
    row = deadline_in_force(UpdateKind.REFERRAL_TO_SUPPORT_SERVICES, date(2026, 1, 1))
    assert (row.enhanced_days, row.standard_days) == (2, 2)


@pytest.mark.parametrize("kind", NOTIFICATIONS)
def test_notifications_are_one_working_day_enhanced_five_otherwise(kind: UpdateKind) -> None:
    row = deadline_in_force(kind, date(2026, 1, 1))
    assert (row.enhanced_days, row.standard_days) == (1, 5)
    assert row.days(enhanced=True) == 1
    assert row.days(enhanced=False) == 5


def test_the_latest_row_in_force_on_the_day_applies() -> None:
    """Given a later Code cutting arrests to 0 days from 2027, Then events keep the rule of their own day."""
    later = CodeDeadline(UpdateKind.SUSPECT_ARRESTED, 0, 3, date(2027, 1, 1), "A later Code")
    table = (*DEFAULT_DEADLINES, later)
    assert deadline_in_force(UpdateKind.SUSPECT_ARRESTED, date(2026, 12, 31), table).source == CODE_2021
    assert deadline_in_force(UpdateKind.SUSPECT_ARRESTED, date(2027, 1, 1), table) == later
    assert update_due(UpdateKind.SUSPECT_ARRESTED, date(2027, 1, 4), enhanced=False, table=table) == date(
        2027, 1, 7
    )


def test_a_correction_on_the_same_day_wins() -> None:
    original = deadline_in_force(UpdateKind.SUSPECT_CHARGED, IN_FORCE)
    corrected = replace(original, standard_days=4, source="Correction")
    table = (*DEFAULT_DEADLINES, corrected)
    assert deadline_in_force(UpdateKind.SUSPECT_CHARGED, IN_FORCE, table) == corrected


def test_events_before_the_table_starts_are_refused_clearly() -> None:
    with pytest.raises(NoDeadlineInForce, match=r"suspect arrested was in force on 15 November 2015"):
        deadline_in_force(UpdateKind.SUSPECT_ARRESTED, date(2015, 11, 15))


def test_events_under_the_2015_code_use_its_row() -> None:
    from lantern.safeguarding.rules.victims_code import CODE_2015

    row = deadline_in_force(UpdateKind.SUSPECT_CHARGED, date(2021, 3, 31))
    assert row.source == CODE_2015 and (row.enhanced_days, row.standard_days) == (1, 5)


@pytest.mark.parametrize(
    "category",
    [
        "modern_slavery_victim",
        "child",
        "vulnerable_or_intimidated",
        "persistently_targeted",
        "serious_crime_bereaved",
    ],
)
def test_any_one_category_gives_enhanced_rights(category: str) -> None:
    flags = dict.fromkeys(
        [
            "modern_slavery_victim",
            "child",
            "vulnerable_or_intimidated",
            "persistently_targeted",
            "serious_crime_bereaved",
        ],
        False,
    )
    assert not entitled_to_enhanced_rights(**flags)
    assert entitled_to_enhanced_rights(**{**flags, category: True})


def test_an_arrest_on_friday_is_due_monday_for_enhanced_rights() -> None:
    assert update_due(UpdateKind.SUSPECT_ARRESTED, FRIDAY, enhanced=True) == MONDAY_AFTER


def test_an_arrest_on_friday_is_due_the_next_friday_for_standard_rights() -> None:
    assert update_due(UpdateKind.SUSPECT_ARRESTED, FRIDAY, enhanced=False) == date(2026, 11, 13)


def test_an_arrest_before_the_spring_bank_holiday_is_due_tuesday() -> None:
    assert update_due(UpdateKind.SUSPECT_ARRESTED, date(2026, 5, 22), enhanced=True) == date(2026, 5, 26)


@given(
    st.sampled_from(list(UpdateKind)),
    st.dates(min_value=IN_FORCE, max_value=date(2040, 12, 31)),
    st.booleans(),
)
def test_the_due_day_is_the_allowed_number_of_working_days_later(
    kind: UpdateKind, event_on: date, enhanced: bool
) -> None:
    due = update_due(kind, event_on, enhanced=enhanced)
    assert is_working_day(due)
    assert working_days_between(event_on, due) == deadline_in_force(kind, event_on).days(enhanced=enhanced)


def test_an_update_owed_starts_not_given() -> None:
    owed = updates_owed_for(UpdateKind.INVESTIGATION_CLOSED, FRIDAY, enhanced=True)
    assert owed == UpdateOwed(UpdateKind.INVESTIGATION_CLOSED, FRIDAY, MONDAY_AFTER, None)


def test_not_overdue_on_the_due_day() -> None:
    owed = updates_owed_for(UpdateKind.SUSPECT_ARRESTED, FRIDAY, enhanced=True)
    assert not is_overdue(owed, MONDAY_AFTER)
    assert days_overdue(owed, MONDAY_AFTER) == 0
    assert days_overdue(owed, FRIDAY) == 0


def test_overdue_the_day_after_counting_calendar_days() -> None:
    owed = updates_owed_for(UpdateKind.SUSPECT_ARRESTED, FRIDAY, enhanced=True)
    assert is_overdue(owed, MONDAY_AFTER + timedelta(days=1))
    assert days_overdue(owed, MONDAY_AFTER + timedelta(days=6)) == 6


def test_given_late_is_not_overdue_but_counts_the_days_it_was_late() -> None:
    """Given an update due Monday and given Wednesday, Then it was late by 2 days however long ago."""
    owed = replace(
        updates_owed_for(UpdateKind.SUSPECT_ARRESTED, FRIDAY, enhanced=True), given_on=date(2026, 11, 11)
    )
    assert given_late(owed)
    assert not is_overdue(owed, date(2027, 1, 1))
    assert days_overdue(owed, date(2027, 1, 1)) == 2


def test_given_on_time() -> None:
    owed = replace(updates_owed_for(UpdateKind.SUSPECT_ARRESTED, FRIDAY, enhanced=True), given_on=FRIDAY)
    assert not given_late(owed)
    assert not is_overdue(owed, date(2027, 1, 1))
    assert days_overdue(owed, date(2027, 1, 1)) == 0


def test_not_given_is_not_given_late() -> None:
    assert not given_late(updates_owed_for(UpdateKind.SUSPECT_ARRESTED, FRIDAY, enhanced=True))


GOOD_INTERPRETER = {
    "language": "Albanian",
    "preferred_sex": "Female",
    "interpreter_sex": "female ",
    "same_as_before": True,
    "brought_by_someone_present": False,
}


def test_an_independent_interpreter_of_the_preferred_sex_seen_before_is_fine() -> None:
    assert interpreter_problems(**GOOD_INTERPRETER) == []


def test_a_first_interview_with_no_preference_is_fine() -> None:
    problems = interpreter_problems(
        **{**GOOD_INTERPRETER, "preferred_sex": None, "interpreter_sex": None, "same_as_before": None}
    )
    assert problems == []


def test_an_interpreter_brought_by_someone_present_is_flagged_first() -> None:
    problems = interpreter_problems(
        **{**GOOD_INTERPRETER, "brought_by_someone_present": True, "same_as_before": False}
    )
    assert problems[0] == (
        "The Albanian interpreter was brought by someone present with the victim: they may be known to "
        "the exploiter. Use an independent interpreter (an interpreting service, by telephone if need be) "
        "and do not continue with this one."
    )
    assert len(problems) == 2


def test_an_interpreter_of_the_wrong_sex() -> None:
    assert interpreter_problems(**{**GOOD_INTERPRETER, "interpreter_sex": "Male"}) == [
        "The victim asked for a female interpreter but the Albanian interpreter is male: find a female "
        "interpreter, or record why none could be found and that the victim agreed to continue."
    ]


@pytest.mark.parametrize("unrecorded", [None, "  "])
def test_a_preference_with_the_interpreters_sex_unrecorded(unrecorded: str | None) -> None:
    assert interpreter_problems(**{**GOOD_INTERPRETER, "interpreter_sex": unrecorded}) == [
        "The victim asked for a female interpreter: record the interpreter's sex."
    ]


def test_a_different_interpreter_from_last_time() -> None:
    assert interpreter_problems(**{**GOOD_INTERPRETER, "same_as_before": False}) == [
        "This is a different Albanian interpreter from last time: use the same interpreter for further "
        "interviews where possible, and record why it was not."
    ]


def test_a_missing_language() -> None:
    problems = interpreter_problems(**{**GOOD_INTERPRETER, "language": " ", "same_as_before": False})
    assert problems == [
        "Record the language the victim needs interpreting.",
        "This is a different interpreter from last time: use the same interpreter for further "
        "interviews where possible, and record why it was not.",
    ]
