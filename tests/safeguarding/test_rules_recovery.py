"""NRM decisions and the recovery period, applied as the law stood on each decision's date."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantern.legal.rules import DEFAULT_RULES, DatedRule, NoRuleInForce, RuleKey
from lantern.safeguarding.rules.recovery import (
    CompetentAuthority,
    Decision,
    DecisionResult,
    DecisionStage,
    DisqualificationGround,
    RecoveryPeriod,
    decision_problems,
    disqualification_problems,
    further_recovery_problems,
    in_recovery_period,
    recovery_period,
)

RG = DecisionStage.REASONABLE_GROUNDS
CG = DecisionStage.CONCLUSIVE_GROUNDS
POS = DecisionResult.POSITIVE
NEG = DecisionResult.NEGATIVE
IECA = CompetentAuthority.IECA
CUT = date(2022, 12, 13)
NABA = date(2023, 1, 30)


def rg(on: date, result: DecisionResult = POS) -> Decision:
    return Decision(RG, result, on)


def cg(on: date, result: DecisionResult = POS) -> Decision:
    return Decision(CG, result, on)


def test_vocabularies_have_their_values_and_labels() -> None:
    assert CompetentAuthority.SCA.value == "single_competent_authority"
    assert CompetentAuthority.IECA.value == "immigration_enforcement_competent_authority"
    assert CompetentAuthority.IECA.label == "Immigration Enforcement Competent Authority"
    assert CompetentAuthority.SCA.label == "Single Competent Authority"
    assert [s.label for s in DecisionStage] == ["Reasonable grounds", "Conclusive grounds"]
    assert [r.label for r in DecisionResult] == ["Positive", "Negative"]
    assert [g.label for g in DisqualificationGround] == ["Public order", "Bad faith"]


def test_a_decision_is_by_the_single_competent_authority_unless_said_otherwise() -> None:
    assert rg(CUT).authority is CompetentAuthority.SCA
    assert rg(CUT).positive and not rg(CUT, NEG).positive
    assert cg(CUT, NEG).describe() == "conclusive grounds, negative, 13 December 2022"


# Decisions ---------------------------------------------------------------------------------------

def test_a_first_reasonable_grounds_decision_and_a_conclusive_one_after_it_are_fine() -> None:
    assert decision_problems([], rg(date(2023, 3, 1)), DEFAULT_RULES) == []
    assert decision_problems([rg(date(2023, 3, 1))], cg(date(2023, 9, 1)), DEFAULT_RULES) == []


def test_conclusive_grounds_needs_a_reasonable_grounds_decision_first() -> None:
    assert decision_problems([], cg(date(2023, 9, 1)), DEFAULT_RULES) == [
        "A conclusive grounds decision needs a positive reasonable grounds decision first."]


def test_conclusive_grounds_needs_the_reasonable_grounds_decision_to_be_positive() -> None:
    assert decision_problems([rg(date(2023, 3, 1), NEG)], cg(date(2023, 9, 1)), DEFAULT_RULES) == [
        "The reasonable grounds decision was negative: a conclusive grounds decision follows only a "
        "positive one (record a reconsidered reasonable grounds decision first)."]


def test_the_latest_reasonable_grounds_decision_counts_after_a_reconsideration() -> None:
    """Given a negative RG reconsidered to positive, a conclusive grounds decision may follow."""
    so_far = [rg(date(2023, 3, 1), NEG), rg(date(2023, 4, 1))]
    assert decision_problems(so_far, cg(date(2023, 9, 1)), DEFAULT_RULES) == []
    reversed_ = [rg(date(2023, 3, 1)), rg(date(2023, 4, 1), NEG)]
    assert len(decision_problems(reversed_, cg(date(2023, 9, 1)), DEFAULT_RULES)) == 1


def test_a_decision_cannot_be_dated_before_the_previous_one() -> None:
    assert decision_problems([rg(date(2023, 3, 1))], cg(date(2023, 2, 1)), DEFAULT_RULES) == [
        "The decision date, 1 February 2023, is before the previous decision (reasonable grounds, positive, "
        "1 March 2023): record decisions in the order they were made."]
    assert decision_problems([rg(date(2023, 3, 1))], cg(date(2023, 3, 1)), DEFAULT_RULES) == []


def test_a_second_decision_at_a_stage_must_be_a_reconsideration() -> None:
    so_far = [rg(date(2023, 3, 1), NEG)]
    assert decision_problems(so_far, rg(date(2023, 4, 1)), DEFAULT_RULES) == [
        "There is already a reasonable grounds, negative, 1 March 2023 decision: "
        "record another only as a reconsideration."]
    assert decision_problems(so_far, rg(date(2023, 4, 1)), DEFAULT_RULES, reconsideration=True) == []


def test_a_conclusive_decision_can_be_reconsidered() -> None:
    so_far = [rg(date(2023, 3, 1)), cg(date(2023, 9, 1), NEG)]
    assert decision_problems(so_far, cg(date(2023, 12, 1)), DEFAULT_RULES, reconsideration=True) == []


def test_a_reconsideration_needs_something_to_reconsider() -> None:
    assert decision_problems([], rg(date(2023, 3, 1)), DEFAULT_RULES, reconsideration=True) == [
        "There is no reasonable grounds decision to reconsider."]


def test_no_reasonable_grounds_decision_after_a_conclusive_one() -> None:
    so_far = [rg(date(2023, 3, 1)), cg(date(2023, 9, 1))]
    assert decision_problems(so_far, rg(date(2023, 10, 1)), DEFAULT_RULES, reconsideration=True) == [
        "A conclusive grounds decision has been made: a reasonable grounds decision cannot follow it."]


def test_the_immigration_enforcement_authority_decides_only_once_the_rule_allows_it() -> None:
    before = Decision(RG, POS, date(2023, 1, 29), IECA)
    assert decision_problems([], before, DEFAULT_RULES) == [
        "The law in force on 29 January 2023 did not allow the Immigration Enforcement Competent "
        "Authority to make NRM decisions (the rule in force from 1 April 2009)."]
    assert decision_problems([], Decision(RG, POS, NABA, IECA), DEFAULT_RULES) == []


def test_with_no_rule_on_the_authority_an_immigration_enforcement_decision_is_refused() -> None:
    rules = [r for r in DEFAULT_RULES if r.key is not RuleKey.NRM_IE_COMPETENT_AUTHORITY]
    assert decision_problems([], Decision(RG, POS, NABA, IECA), rules) == [
        "No rule in force on 30 January 2023 says whether the law allowed the Immigration Enforcement "
        "Competent Authority to make NRM decisions: an administrator must add it."]


def test_decisions_out_of_order_in_the_list_are_read_by_date() -> None:
    so_far = [cg(date(2023, 9, 1)), rg(date(2023, 3, 1))]
    problems = decision_problems(so_far, cg(date(2023, 8, 1)), DEFAULT_RULES, reconsideration=True)
    assert problems == [
        "The decision date, 1 August 2023, is before the previous decision (conclusive grounds, positive, "
        "1 September 2023): record decisions in the order they were made."]


# The recovery period -----------------------------------------------------------------------------

def test_before_13_december_2022_the_minimum_is_45_days() -> None:
    period = recovery_period(rg(date(2022, 12, 12)), None, DEFAULT_RULES, child=False)
    assert period == RecoveryPeriod(
        starts_on=date(2022, 12, 12), minimum_days=45, minimum_ends_on=date(2023, 1, 26), ends_on=None,
        rule=DEFAULT_RULES[0],
    )
    assert period.open_ended and period.rule.value == "45"


def test_from_13_december_2022_the_minimum_is_30_days() -> None:
    period = recovery_period(rg(CUT), None, DEFAULT_RULES, child=False)
    assert period is not None
    assert (period.minimum_days, period.minimum_ends_on) == (30, date(2023, 1, 12))
    assert "Nationality and Borders Act 2022 s60" in period.rule.source


def test_a_late_conclusive_decision_extends_the_period() -> None:
    period = recovery_period(rg(date(2023, 3, 1)), cg(date(2023, 11, 1), NEG), DEFAULT_RULES, child=False)
    assert period is not None
    assert period.ends_on == date(2023, 11, 1) and not period.open_ended


def test_an_early_conclusive_decision_does_not_shorten_the_minimum() -> None:
    period = recovery_period(rg(date(2023, 3, 1)), cg(date(2023, 3, 10)), DEFAULT_RULES, child=False)
    assert period is not None
    assert period.ends_on == period.minimum_ends_on == date(2023, 3, 31)


def test_no_recovery_period_after_a_negative_reasonable_grounds_decision() -> None:
    assert recovery_period(rg(date(2023, 3, 1), NEG), None, DEFAULT_RULES, child=False) is None


def test_a_child_has_no_adult_recovery_period_their_support_is_led_by_childrens_services() -> None:
    assert recovery_period(rg(date(2023, 3, 1)), None, DEFAULT_RULES, child=True) is None


def test_recovery_period_refuses_decisions_at_the_wrong_stage_or_out_of_order() -> None:
    with pytest.raises(ValueError, match="starts from a reasonable grounds decision, not conclusive grounds"):
        recovery_period(cg(CUT), None, DEFAULT_RULES, child=False)
    with pytest.raises(ValueError, match="ends at a conclusive grounds decision, not reasonable grounds"):
        recovery_period(rg(CUT), rg(CUT), DEFAULT_RULES, child=False)
    with pytest.raises(ValueError, match=r"\(12 December 2022\) is before the reasonable grounds decision"):
        recovery_period(rg(CUT), cg(date(2022, 12, 12)), DEFAULT_RULES, child=False)


def test_recovery_period_with_no_minimum_in_force_says_so() -> None:
    with pytest.raises(NoRuleInForce):
        recovery_period(rg(date(2008, 1, 1)), None, DEFAULT_RULES, child=False)


def test_a_new_minimum_added_by_an_administrator_applies_from_its_date() -> None:
    rules = (*DEFAULT_RULES, DatedRule(RuleKey.NRM_MIN_RECOVERY_DAYS, "60", date(2027, 1, 1), "An Act 2026"))
    later = recovery_period(rg(date(2027, 1, 1)), None, rules, child=False)
    earlier = recovery_period(rg(date(2026, 12, 31)), None, rules, child=False)
    assert later is not None and later.minimum_days == 60
    assert earlier is not None and earlier.minimum_days == 30


rg_dates = st.dates(date(2021, 1, 1), date(2024, 12, 31))


@given(rg_dates, st.none() | st.integers(min_value=0, max_value=800))
def test_the_minimum_is_the_one_in_force_on_the_rg_date_and_the_end_is_never_early(
    rg_on: date, cg_after: int | None
) -> None:
    """A positive RG on or after 13 December 2022 gives 30 days, before it 45; the end never comes before
    the minimum nor before the conclusive grounds decision."""
    cg_decision = None if cg_after is None else cg(rg_on + timedelta(days=cg_after))
    period = recovery_period(rg(rg_on), cg_decision, DEFAULT_RULES, child=False)
    assert period is not None
    assert period.minimum_days == (30 if rg_on >= CUT else 45)
    assert period.minimum_ends_on == rg_on + timedelta(days=period.minimum_days)
    if cg_decision is None:
        assert period.open_ended and period.ends_on is None
    else:
        assert period.ends_on is not None
        assert period.ends_on >= period.minimum_ends_on
        assert period.ends_on >= cg_decision.decided_on
        assert period.ends_on in (period.minimum_ends_on, cg_decision.decided_on)


@given(rg_dates, st.none() | st.integers(0, 400), st.integers(-30, 500))
def test_in_recovery_period_from_the_rg_decision_to_the_end(
    rg_on: date, cg_after: int | None, offset: int
) -> None:
    cg_decision = None if cg_after is None else cg(rg_on + timedelta(days=cg_after))
    period = recovery_period(rg(rg_on), cg_decision, DEFAULT_RULES, child=False)
    assert period is not None
    on = rg_on + timedelta(days=offset)
    inside = in_recovery_period(period, on)
    if offset < 0:
        assert not inside
    elif on <= period.minimum_ends_on:
        assert inside
    else:
        assert inside == (period.ends_on is None or on <= period.ends_on)


def test_in_recovery_period_boundaries_and_no_period() -> None:
    period = recovery_period(rg(CUT), cg(date(2023, 2, 1)), DEFAULT_RULES, child=False)
    assert period is not None
    assert in_recovery_period(period, CUT)
    assert in_recovery_period(period, date(2023, 2, 1))
    assert not in_recovery_period(period, date(2023, 2, 2))
    assert not in_recovery_period(period, date(2022, 12, 12))
    assert not in_recovery_period(None, CUT)


# Further recovery periods and disqualification ---------------------------------------------------

def first_period() -> RecoveryPeriod:
    period = recovery_period(rg(date(2022, 6, 1)), None, DEFAULT_RULES, child=False)
    assert period is not None
    return period


def test_a_further_recovery_period_is_allowed_from_30_january_2023() -> None:
    earlier = first_period()
    assert further_recovery_problems(requested_on=NABA, earlier_period=earlier, rules=DEFAULT_RULES) == []


def test_no_further_recovery_period_before_the_rule_allows_it() -> None:
    problems = further_recovery_problems(
        requested_on=date(2023, 1, 29), earlier_period=first_period(), rules=DEFAULT_RULES)
    assert problems == [
        "The law in force on 29 January 2023 did not allow further recovery periods "
        "(the rule in force from 1 April 2009)."]


def test_a_further_recovery_period_needs_an_earlier_one_and_cannot_start_before_it() -> None:
    assert further_recovery_problems(requested_on=NABA, earlier_period=None, rules=DEFAULT_RULES) == [
        "A further recovery period follows an earlier one: there is no recovery period recorded."]
    later_period = recovery_period(rg(date(2024, 1, 1)), None, DEFAULT_RULES, child=False)
    assert further_recovery_problems(
        requested_on=date(2023, 6, 1), earlier_period=later_period, rules=DEFAULT_RULES) == [
        "A further recovery period cannot start before the first one began (1 January 2024)."]


def test_a_further_recovery_period_with_no_rule_in_force_is_refused() -> None:
    assert further_recovery_problems(requested_on=NABA, earlier_period=first_period(), rules=[]) == [
        "No rule in force on 30 January 2023 says whether the law allowed further recovery periods: "
        "an administrator must add it."]


@pytest.mark.parametrize("ground", list(DisqualificationGround))
def test_disqualification_is_allowed_from_30_january_2023_with_reasons(
    ground: DisqualificationGround,
) -> None:
    assert disqualification_problems(
        ground=ground, decided_on=NABA, reasons="Convicted of a serious offence.",
        rg=rg(date(2022, 11, 1)), rules=DEFAULT_RULES) == []


def test_disqualification_before_the_rule_allows_it_is_refused() -> None:
    problems = disqualification_problems(
        ground=DisqualificationGround.BAD_FAITH, decided_on=date(2023, 1, 29), reasons="Account fabricated.",
        rg=rg(date(2022, 11, 1)), rules=DEFAULT_RULES)
    assert problems == [
        "The law in force on 29 January 2023 did not allow disqualification on bad faith grounds "
        "(the rule in force from 1 April 2009)."]


@pytest.mark.parametrize("decision", [None, rg(date(2023, 3, 1), NEG), cg(date(2023, 3, 1))])
def test_disqualification_needs_a_positive_reasonable_grounds_decision(decision: Decision | None) -> None:
    problems = disqualification_problems(
        ground=DisqualificationGround.PUBLIC_ORDER, decided_on=date(2023, 6, 1), reasons="Reasons.",
        rg=decision, rules=DEFAULT_RULES)
    assert problems == [
        "Only someone with a positive reasonable grounds decision can be disqualified from its protection."]


def test_disqualification_cannot_come_before_the_decision_and_needs_reasons() -> None:
    problems = disqualification_problems(
        ground=DisqualificationGround.PUBLIC_ORDER, decided_on=date(2023, 6, 1), reasons="  ",
        rg=rg(date(2023, 7, 1)), rules=DEFAULT_RULES)
    assert problems == [
        "A disqualification cannot come before the reasonable grounds decision (1 July 2023).",
        "Record the reasons for disqualifying them on public order grounds.",
    ]
