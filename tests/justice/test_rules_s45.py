"""The s45 defence: the tests by age, assessment records, when it must be considered, what follows."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantern.justice.rules.s45 import (
    ADULT_TESTS,
    UNDER_18_TESTS,
    AgeGroup,
    S45Assessment,
    assessment_problems,
    charging_blocked_problem,
    consideration_due,
    defence_applies,
    exploiter_crime_problem,
    referral_problem,
)
from lantern.justice.rules.s45 import tests_for as questions_for  # pytest would collect test*-named imports
from lantern.justice.rules.schedule4 import excluded

MURDER = excluded("common_law_murder")
GBH_WITH_INTENT = excluded("oapa_1861_s18")
ANSWERS = st.sampled_from([True, False, None])


def all_yes(group: AgeGroup) -> dict[str, bool | None]:
    return {test.key: True for test in questions_for(group)}


def test_adults_face_three_tests_including_compulsion() -> None:
    assert [t.key for t in questions_for(AgeGroup.ADULT)] == [
        "compelled",
        "compulsion_attributable_to_slavery_or_exploitation",
        "no_realistic_alternative",
    ]
    assert questions_for(AgeGroup.ADULT) is ADULT_TESTS
    assert "no realistic alternative" in ADULT_TESTS[2].question
    assert "relevant characteristics" in ADULT_TESTS[2].question


def test_children_face_no_compulsion_test_and_a_lower_reasonable_person_bar() -> None:
    assert [t.key for t in questions_for(AgeGroup.UNDER_18)] == [
        "direct_consequence_of_being_a_victim",
        "reasonable_person_would_do_the_act",
    ]
    assert questions_for(AgeGroup.UNDER_18) is UNDER_18_TESTS
    assert "including their age" in UNDER_18_TESTS[1].question
    assert not any("compelled" in t.question for t in UNDER_18_TESTS)


def test_every_question_is_a_question_citing_section_45() -> None:
    for test in ADULT_TESTS + UNDER_18_TESTS:
        assert test.question.endswith("?")
        assert test.provision.startswith("s45(")


def test_age_groups_have_labels_for_the_form() -> None:
    assert AgeGroup.choices() == [
        ("adult", "18 or over when they did the act"),
        ("under_18", "Under 18 when they did the act"),
    ]


@pytest.mark.parametrize("group", list(AgeGroup))
def test_a_complete_assessment_has_no_problems(group: AgeGroup) -> None:
    assessment = S45Assessment(age_group=group, answers=all_yes(group), offence_excluded=None)
    assert assessment_problems(assessment) == []
    no_everywhere = {key: False for key in all_yes(group)}
    assert assessment_problems(S45Assessment(group, no_everywhere, None)) == []


def test_every_test_must_be_answered() -> None:
    answers: dict[str, bool | None] = {"compelled": True, "no_realistic_alternative": None}
    problems = assessment_problems(S45Assessment(AgeGroup.ADULT, answers, None))
    assert problems == [
        f"Answer yes or no (s45(1)(c) and (3)): {ADULT_TESTS[1].question}",
        f"Answer yes or no (s45(1)(d) and (5)): {ADULT_TESTS[2].question}",
    ]


def test_an_answer_left_from_the_other_age_group_must_be_cleared() -> None:
    answers = {**all_yes(AgeGroup.UNDER_18), "compelled": False}
    assert assessment_problems(S45Assessment(AgeGroup.UNDER_18, answers, None)) == [
        "An answer is recorded to a test for someone 18 or over when they did the act (s45(1)(b) and (2)): "
        "clear it, or correct the person's age."
    ]
    cleared = {**all_yes(AgeGroup.ADULT), "reasonable_person_would_do_the_act": None}
    assert assessment_problems(S45Assessment(AgeGroup.ADULT, cleared, None)) == []


def test_the_defence_cannot_be_relied_on_for_a_schedule_4_offence() -> None:
    assert MURDER is not None and GBH_WITH_INTENT is not None
    assessment = S45Assessment(AgeGroup.ADULT, {}, GBH_WITH_INTENT)
    assert assessment_problems(assessment) == [
        "The s45 defence cannot be relied on for wounding with intent to cause grievous bodily harm "
        "(Offences against the Person Act 1861 s18): it is listed in Schedule 4 to the Modern Slavery Act "
        "2015, offences to which the defence does not apply (s45(7))."
    ]
    child_murder = S45Assessment(AgeGroup.UNDER_18, {}, MURDER)
    assert assessment_problems(child_murder)[0].startswith(
        "The s45 defence cannot be relied on for murder (common law):"
    )
    assert not defence_applies(S45Assessment(AgeGroup.ADULT, all_yes(AgeGroup.ADULT), MURDER))


@given(st.sampled_from(list(AgeGroup)), st.lists(ANSWERS, min_size=3, max_size=3), st.booleans())
def test_the_defence_applies_only_when_every_test_is_met_for_an_offence_it_covers(
    group: AgeGroup, values: list[bool | None], is_excluded: bool
) -> None:
    tests = questions_for(group)
    answers = {test.key: value for test, value in zip(tests, values, strict=False)}
    assessment = S45Assessment(group, answers, MURDER if is_excluded else None)
    expected = not is_excluded and all(answers[test.key] is True for test in tests)
    assert defence_applies(assessment) is expected
    if not is_excluded:
        unanswered = sum(answers[test.key] is None for test in tests)
        assert len(assessment_problems(assessment)) == unanswered


@pytest.mark.parametrize(
    ("is_victim", "is_suspect", "slavery_indicators", "due"),
    [
        (True, True, False, True),
        (True, True, True, True),
        (False, True, True, True),
        (False, True, False, False),
        (True, False, True, False),
        (True, False, False, False),
        (False, False, True, False),
        (False, False, False, False),
    ],
)
def test_consideration_is_due_for_a_suspect_who_is_a_victim_or_shows_signs_of_slavery(
    is_victim: bool, is_suspect: bool, slavery_indicators: bool, due: bool
) -> None:
    facts = {"is_victim": is_victim, "is_suspect": is_suspect, "slavery_indicators": slavery_indicators}
    assert consideration_due(**facts) is due


def test_charging_waits_for_a_recorded_consideration() -> None:
    assert charging_blocked_problem(consideration_due=True, consideration_recorded=False) == (
        "This person may be a victim of modern slavery: record your consideration of the s45 defence before "
        "a charging decision (Modern Slavery Act 2015 s45)."
    )
    assert charging_blocked_problem(consideration_due=True, consideration_recorded=True) is None
    assert charging_blocked_problem(consideration_due=False, consideration_recorded=False) is None
    assert charging_blocked_problem(consideration_due=False, consideration_recorded=True) is None


@given(st.booleans(), st.booleans(), st.booleans())
def test_a_crime_against_the_exploiter_is_owed_when_the_defence_stops_a_prosecution(
    applies: bool, pursued: bool, recorded: bool
) -> None:
    problem = exploiter_crime_problem(
        defence_applies=applies, offence_pursued=pursued, exploiter_crime_recorded=recorded
    )
    if applies and not pursued and not recorded:
        assert problem == (
            "The s45 defence applies and the offence is not being pursued: record a modern slavery crime "
            "against the exploiter so that it can be investigated."
        )
    else:
        assert problem is None


def test_raising_the_defence_needs_an_nrm_referral_or_a_notice() -> None:
    problem = referral_problem(defence_raised=True, referral_or_notice_recorded=False)
    assert problem is not None and "National Referral Mechanism" in problem and "duty to notify" in problem
    assert referral_problem(defence_raised=True, referral_or_notice_recorded=True) is None
    assert referral_problem(defence_raised=False, referral_or_notice_recorded=False) is None
