"""Dated legal rules: the rule in force on a date, and what an administrator may add."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantern.legal.rules import (
    DEFAULT_RULES,
    DatedRule,
    NoRuleInForce,
    RuleKey,
    ValueKind,
    long_date,
    new_rule_problems,
    rule_in_force,
    table_problems,
    value_problem,
)

TODAY = date(2026, 11, 1)
CUT = date(2022, 12, 13)
NABA = date(2023, 1, 30)


def row(key: RuleKey = RuleKey.NRM_MIN_RECOVERY_DAYS, value: str = "30",
        on: date = date(2024, 1, 1), source: str = "An Act 2024 s1") -> DatedRule:
    return DatedRule(key, value, on, source)


def test_every_key_has_its_value_and_a_label_and_a_kind() -> None:
    assert [k.value for k in RuleKey] == [
        "nrm_min_recovery_days", "nrm_reasonable_grounds_test", "nrm_further_recovery_allowed",
        "nrm_disqualification_allowed", "nrm_ie_competent_authority",
    ]
    for key in RuleKey:
        assert key.label
        assert key.kind in ValueKind
    assert {kind.label for kind in ValueKind} == {"A whole number of days", "true or false", "Text"}


def test_long_date_reads_as_people_write_it() -> None:
    assert long_date(date(2022, 12, 13)) == "13 December 2022"
    assert long_date(date(2023, 1, 3)) == "3 January 2023"


def test_the_default_table_is_clean_and_every_row_has_a_source() -> None:
    assert table_problems(DEFAULT_RULES) == []
    assert all(rule.source.strip() for rule in DEFAULT_RULES)
    assert {rule.key for rule in DEFAULT_RULES} == set(RuleKey)


@pytest.mark.parametrize(("key", "on", "expected"), [
    (RuleKey.NRM_MIN_RECOVERY_DAYS, date(2009, 4, 1), "45"),
    (RuleKey.NRM_MIN_RECOVERY_DAYS, date(2022, 12, 12), "45"),
    (RuleKey.NRM_MIN_RECOVERY_DAYS, date(2022, 12, 13), "30"),
    (RuleKey.NRM_REASONABLE_GROUNDS_TEST, date(2023, 1, 29), "suspects but cannot prove"),
    (RuleKey.NRM_REASONABLE_GROUNDS_TEST, NABA, "reasonable grounds to believe, based on objective factors"),
    (RuleKey.NRM_FURTHER_RECOVERY_ALLOWED, date(2023, 1, 29), "false"),
    (RuleKey.NRM_FURTHER_RECOVERY_ALLOWED, NABA, "true"),
    (RuleKey.NRM_DISQUALIFICATION_ALLOWED, date(2023, 1, 29), "false"),
    (RuleKey.NRM_DISQUALIFICATION_ALLOWED, NABA, "true"),
    (RuleKey.NRM_IE_COMPETENT_AUTHORITY, date(2023, 1, 29), "false"),
    (RuleKey.NRM_IE_COMPETENT_AUTHORITY, TODAY, "true"),
])
def test_the_default_table_gives_the_law_as_it_stood(key: RuleKey, on: date, expected: str) -> None:
    assert rule_in_force(DEFAULT_RULES, key, on).value == expected


def test_the_default_rows_cite_their_sources() -> None:
    forty_five = rule_in_force(DEFAULT_RULES, RuleKey.NRM_MIN_RECOVERY_DAYS, date(2020, 1, 1))
    assert "seed 002 §5.2" in forty_five.source
    thirty = rule_in_force(DEFAULT_RULES, RuleKey.NRM_MIN_RECOVERY_DAYS, TODAY)
    assert thirty.source == (
        "Hansard HC 13 December 2022, Modern Slavery Statutory Guidance; Nationality and Borders Act 2022 s60"
    )
    test = rule_in_force(DEFAULT_RULES, RuleKey.NRM_REASONABLE_GROUNDS_TEST, TODAY)
    assert "Nationality and Borders Act 2022 Part 5" in test.source


def test_no_rule_in_force_before_the_first_row_names_the_key_and_date() -> None:
    with pytest.raises(NoRuleInForce, match=r"nrm_min_recovery_days .* 2009-03-31"):
        rule_in_force(DEFAULT_RULES, RuleKey.NRM_MIN_RECOVERY_DAYS, date(2009, 3, 31))


def test_no_rule_in_force_for_a_key_with_no_rows() -> None:
    with pytest.raises(NoRuleInForce, match="nrm_ie_competent_authority"):
        rule_in_force([row()], RuleKey.NRM_IE_COMPETENT_AUTHORITY, TODAY)


def test_two_rows_for_one_key_and_date_are_an_error_naming_them() -> None:
    """Given two rows for the minimum from one date, when asked for the rule, then it refuses."""
    rules = [row(value="30"), row(value="28"), row(RuleKey.NRM_IE_COMPETENT_AUTHORITY, "true")]
    duplicate = r"more than one row for 'Minimum recovery period in days'.*1 January 2024"
    with pytest.raises(ValueError, match=duplicate):
        rule_in_force(rules, RuleKey.NRM_MIN_RECOVERY_DAYS, TODAY)
    # Another key in the same table is unaffected.
    assert rule_in_force(rules, RuleKey.NRM_IE_COMPETENT_AUTHORITY, TODAY).as_bool() is True


def test_table_problems_report_duplicates_and_values_of_the_wrong_kind() -> None:
    rules = [row(value="30"), row(value="30"), row(RuleKey.NRM_FURTHER_RECOVERY_ALLOWED, "yes")]
    assert table_problems(rules) == [
        "There is more than one row for 'Minimum recovery period in days' in force from 1 January 2024: "
        "a rule can say only one thing on a date.",
        "The value for 'Further recovery periods allowed' must be 'true' or 'false' "
        "(the row in force from 1 January 2024).",
    ]


@st.composite
def tables(draw: st.DrawFn) -> list[DatedRule]:
    days = draw(st.lists(st.dates(date(2000, 1, 1), date(2030, 12, 31)), min_size=1, max_size=8, unique=True))
    return [row(value=str(n + 1), on=day) for n, day in enumerate(days)]


@given(tables(), st.dates(date(1999, 1, 1), date(2031, 12, 31)))
def test_rule_in_force_is_the_latest_row_not_after_the_date(rules: list[DatedRule], on: date) -> None:
    earlier = [r for r in rules if r.in_force_from <= on]
    if not earlier:
        with pytest.raises(NoRuleInForce):
            rule_in_force(rules, RuleKey.NRM_MIN_RECOVERY_DAYS, on)
        return
    chosen = rule_in_force(reversed(rules), RuleKey.NRM_MIN_RECOVERY_DAYS, on)
    assert chosen.in_force_from <= on
    assert all(r.in_force_from <= chosen.in_force_from for r in earlier)


def test_as_int_reads_whole_numbers_and_names_the_rule_otherwise() -> None:
    assert row(value="30").as_int() == 30
    assert row(value=" 45 ").as_int() == 45
    assert row(value="-1").as_int() == -1
    for bad in ("thirty", "3.5", "", "4_5", "٣٠"):
        with pytest.raises(ValueError, match=r"nrm_min_recovery_days in force from 2024-01-01 .* whole"):
            row(value=bad).as_int()


def test_as_bool_reads_true_and_false_only_and_names_the_rule_otherwise() -> None:
    assert row(RuleKey.NRM_DISQUALIFICATION_ALLOWED, "true").as_bool() is True
    assert row(RuleKey.NRM_DISQUALIFICATION_ALLOWED, "false").as_bool() is False
    for bad in ("True", "yes", "1", ""):
        with pytest.raises(ValueError, match=r"nrm_disqualification_allowed .* not 'true' or 'false'"):
            row(RuleKey.NRM_DISQUALIFICATION_ALLOWED, bad).as_bool()


@pytest.mark.parametrize(("key", "value", "problem"), [
    (RuleKey.NRM_MIN_RECOVERY_DAYS, "30", None),
    (RuleKey.NRM_MIN_RECOVERY_DAYS, "0",
     "The value for 'Minimum recovery period in days' must be a whole number of days, such as 30."),
    (RuleKey.NRM_MIN_RECOVERY_DAYS, "thirty",
     "The value for 'Minimum recovery period in days' must be a whole number of days, such as 30."),
    (RuleKey.NRM_IE_COMPETENT_AUTHORITY, "true", None),
    (RuleKey.NRM_IE_COMPETENT_AUTHORITY, "maybe",
     "The value for 'Immigration Enforcement Competent Authority may decide NRM cases' must be "
     "'true' or 'false'."),
    (RuleKey.NRM_REASONABLE_GROUNDS_TEST, "a new test", None),
    (RuleKey.NRM_REASONABLE_GROUNDS_TEST, "  ",
     "The value for 'Reasonable grounds test' must be written out: it cannot be empty."),
])
def test_value_problem_checks_the_kind_of_value_each_key_needs(
    key: RuleKey, value: str, problem: str | None
) -> None:
    assert value_problem(key, value) == problem


def test_a_well_formed_new_row_after_the_latest_is_accepted() -> None:
    candidate = row(value="60", on=date(2026, 12, 1), source="Modern Slavery (Amendment) Act 2026 s1")
    assert new_rule_problems(DEFAULT_RULES, candidate, TODAY) == []


def test_a_new_row_for_a_key_with_no_rows_yet_is_accepted() -> None:
    assert new_rule_problems([], row(on=date(2020, 1, 1)), TODAY) == []


def test_a_new_row_needs_a_source() -> None:
    assert new_rule_problems([], row(source="  "), TODAY) == [
        "Give the source: the Act, section or guidance that makes this the law."]


def test_a_new_row_needs_a_value_of_the_right_kind() -> None:
    candidate = row(RuleKey.NRM_FURTHER_RECOVERY_ALLOWED, "allowed", date(2026, 12, 1))
    assert new_rule_problems(DEFAULT_RULES, candidate, TODAY) == [
        "The value for 'Further recovery periods allowed' must be 'true' or 'false'."]


def test_a_new_row_may_not_repeat_a_key_and_date() -> None:
    candidate = row(value="28", on=CUT)
    assert new_rule_problems(DEFAULT_RULES, candidate, TODAY) == [
        "There is already a row for 'Minimum recovery period in days' in force from 13 December 2022: "
        "change the law by adding a row with a new date."]


def test_a_new_row_may_not_come_before_the_latest_row_for_its_key() -> None:
    """Given the 30-day row from 13 December 2022, when someone adds a row dated 2020, then it is refused."""
    candidate = row(value="40", on=date(2020, 6, 1))
    assert new_rule_problems(DEFAULT_RULES, candidate, TODAY) == [
        "The latest row for 'Minimum recovery period in days' is in force from 13 December 2022; a new row "
        "cannot come before it, because records decided under the old rule must keep it."]


def test_a_new_row_more_than_ten_years_back_is_refused() -> None:
    on_the_limit = row(on=date(2016, 11, 1))
    assert new_rule_problems([], on_the_limit, TODAY) == []
    too_old = row(on=date(2016, 10, 31))
    assert new_rule_problems([], too_old, TODAY) == [
        "The date in force, 31 October 2016, is more than 10 years ago: rules are added as the law "
        "changes, not rewritten backwards."]


def test_the_ten_year_limit_from_a_leap_day() -> None:
    leap_day = date(2028, 2, 29)
    assert new_rule_problems([], row(on=date(2018, 2, 28)), leap_day) == []
    assert len(new_rule_problems([], row(on=date(2018, 2, 27)), leap_day)) == 1


def test_every_reason_is_given_at_once() -> None:
    candidate = row(RuleKey.NRM_MIN_RECOVERY_DAYS, "", date(2009, 4, 1), "")
    problems = new_rule_problems(DEFAULT_RULES, candidate, TODAY)
    assert [p.split(" ")[0:3] for p in problems] == [
        ["Give", "the", "source:"],
        ["The", "value", "for"],
        ["There", "is", "already"],
        ["The", "date", "in"],
        ["The", "latest", "row"],
    ]


@given(st.integers(min_value=-3650, max_value=3650))
def test_new_rows_dated_after_the_latest_and_within_ten_years_are_accepted(offset: int) -> None:
    on = TODAY + timedelta(days=offset)
    problems = new_rule_problems(DEFAULT_RULES, row(on=on), TODAY)
    assert (problems == []) == (on > CUT)
