"""Referral, charge, hearing and verdict: the order of events, what each outcome needs, the rate."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantern.justice.rules.prosecution import (
    ChargeDecision,
    NonConvictionReason,
    ProsecutionFacts,
    ReferralKind,
    Verdict,
    conviction_rate,
    decision_problems,
    is_conviction,
    prosecution_problems,
)

REFERRED = date(2025, 1, 6)
CHARGED = date(2025, 3, 3)
HEARING = date(2025, 3, 31)
VERDICT_ON = date(2026, 11, 2)
CONVICTED = {
    "referred_on": REFERRED,
    "charged_on": CHARGED,
    "first_hearing_on": HEARING,
    "verdict_on": VERDICT_ON,
    "verdict": Verdict.CONVICTED_AFTER_TRIAL,
    "non_conviction_reason": None,
    "sentence": "7 years' imprisonment and a slavery and trafficking prevention order",
}
NOTHING_YET = dict.fromkeys(CONVICTED)
OTHER = NonConvictionReason.OTHER
NEEDS_A_CHARGE = "needs a prosecution: enter the date the person was charged or summonsed."


def problems(**changes: object) -> list[str]:
    return prosecution_problems(**{**CONVICTED, **changes})


def test_every_vocabulary_has_labels() -> None:
    for vocabulary in (ReferralKind, ChargeDecision, Verdict, NonConvictionReason):
        choices = vocabulary.choices()
        assert [value for value, _ in choices] == [m.value for m in vocabulary]
        assert all(label and label[0].isupper() for _, label in choices)


def test_the_victim_issues_are_told_apart_from_other_reasons() -> None:
    assert {r for r in NonConvictionReason if r.victim_issue} == {
        NonConvictionReason.VICTIM_RETRACTION,
        NonConvictionReason.VICTIM_NON_ATTENDANCE,
        NonConvictionReason.VICTIM_NOT_SUPPORTING,
    }


def test_a_guilty_plea_and_a_conviction_after_trial_are_convictions() -> None:
    assert {v for v in Verdict if is_conviction(v)} == {Verdict.GUILTY_PLEA, Verdict.CONVICTED_AFTER_TRIAL}
    assert is_conviction(None) is False


def test_a_complete_conviction_has_no_problems() -> None:
    assert problems() == []
    assert problems(verdict=Verdict.GUILTY_PLEA, first_hearing_on=VERDICT_ON) == []


def test_nothing_recorded_yet_is_not_a_problem() -> None:
    assert prosecution_problems(**NOTHING_YET) == []
    assert problems(verdict_on=None, verdict=None, sentence=None, first_hearing_on=None) == []


def test_a_verdict_before_a_charge_is_refused() -> None:
    assert problems(first_hearing_on=None, verdict_on=date(2025, 2, 1)) == [
        "The verdict (1 February 2025) cannot come before the charge (3 March 2025)."
    ]


def test_each_step_is_checked_against_the_last_one_reached() -> None:
    assert problems(referred_on=date(2025, 3, 4)) == [
        "The charge (3 March 2025) cannot come before the referral to the CPS (4 March 2025)."
    ]
    assert problems(first_hearing_on=date(2025, 3, 1)) == [
        "The first hearing (1 March 2025) cannot come before the charge (3 March 2025)."
    ]
    assert problems(verdict_on=date(2025, 3, 30)) == [
        "The verdict (30 March 2025) cannot come before the first hearing (31 March 2025)."
    ]
    assert problems(referred_on=None, charged_on=CHARGED, first_hearing_on=CHARGED) == []


@given(st.lists(st.integers(min_value=0, max_value=2000), min_size=4, max_size=4))
def test_dates_in_order_are_never_refused_and_any_step_backwards_is(gaps: list[int]) -> None:
    days = [REFERRED]
    for gap in gaps[1:]:
        days.append(days[-1] + timedelta(days=gap))
    in_order = problems(referred_on=days[0], charged_on=days[1], first_hearing_on=days[2], verdict_on=days[3])
    assert in_order == []
    backwards = problems(referred_on=days[0], charged_on=days[0] - timedelta(days=gaps[0] + 1),
                         first_hearing_on=None, verdict_on=None, verdict=None, sentence=None)
    assert len(backwards) == 1 and "cannot come before the referral" in backwards[0]


def test_a_verdict_and_its_date_go_together() -> None:
    assert problems(verdict_on=None) == ["Enter the date of the verdict."]
    assert problems(verdict=None, sentence=None) == ["Choose the verdict given on that date."]


def test_a_conviction_needs_a_prosecution() -> None:
    assert problems(charged_on=None) == [f"A conviction {NEEDS_A_CHARGE}"]
    acquitted = {"verdict": Verdict.ACQUITTED, "non_conviction_reason": OTHER, "sentence": None}
    assert problems(charged_on=None, **acquitted) == [f"A court hearing or outcome {NEEDS_A_CHARGE}"]
    assert problems(charged_on=None, verdict=None, verdict_on=None, sentence=None) == [
        f"A court hearing or outcome {NEEDS_A_CHARGE}"
    ]


@pytest.mark.parametrize("verdict", [v for v in Verdict if not v.is_conviction])
def test_a_case_ending_without_a_conviction_needs_its_reason(verdict: Verdict) -> None:
    assert problems(verdict=verdict, sentence="") == [
        f"Choose why the case ended without a conviction ({verdict.label.lower()})."
    ]
    retraction = NonConvictionReason.VICTIM_RETRACTION
    assert problems(verdict=verdict, sentence="", non_conviction_reason=retraction) == []


def test_a_reason_for_non_conviction_needs_a_non_conviction() -> None:
    message = "A reason for non-conviction is only recorded when the case ended without a conviction."
    assert problems(non_conviction_reason=NonConvictionReason.CONFLICT_OF_EVIDENCE) == [message]
    assert problems(verdict=None, verdict_on=None, sentence=None, non_conviction_reason=OTHER) == [message]


def test_a_sentence_only_follows_a_conviction() -> None:
    message = "A sentence can only follow a conviction: record the verdict first."
    assert problems(verdict=Verdict.ACQUITTED, non_conviction_reason=OTHER) == [message]
    assert problems(verdict=None, verdict_on=None) == [message]
    assert problems(verdict=Verdict.DISMISSED, non_conviction_reason=OTHER, sentence="  ") == []


def test_the_facts_dataclass_asks_the_same_questions() -> None:
    facts = ProsecutionFacts(**{**CONVICTED, "charged_on": None})
    assert facts.problems() == problems(charged_on=None)
    assert ProsecutionFacts(**CONVICTED).problems() == []


def test_a_sound_charging_decision_has_no_problems() -> None:
    assert decision_problems(referral_kind=ReferralKind.CHARGING_DECISION, referred_on=REFERRED,
                             decision=ChargeDecision.CHARGE, decided_on=CHARGED, charged_on=CHARGED) == []
    assert decision_problems(referral_kind=ReferralKind.EARLY_INVESTIGATIVE_ADVICE, referred_on=REFERRED,
                             decision=None, decided_on=None, charged_on=None) == []


def test_early_advice_is_not_a_charging_decision() -> None:
    assert decision_problems(
        referral_kind=ReferralKind.EARLY_INVESTIGATIVE_ADVICE, referred_on=REFERRED,
        decision=ChargeDecision.NO_FURTHER_ACTION, decided_on=CHARGED, charged_on=None,
    ) == [
        "Early investigative advice is not a charging decision: record a referral for a charging decision "
        "and put the decision on that."
    ]


def test_a_decision_and_its_date_go_together_after_the_referral() -> None:
    kind = ReferralKind.CHARGING_DECISION
    assert decision_problems(referral_kind=kind, referred_on=REFERRED, decision=ChargeDecision.CAUTION,
                             decided_on=None, charged_on=None) == ["Enter the date of the CPS decision."]
    assert decision_problems(referral_kind=kind, referred_on=REFERRED, decision=None,
                             decided_on=CHARGED, charged_on=None) == [
        "Choose the CPS decision made on that date."
    ]
    assert decision_problems(
        referral_kind=kind, referred_on=CHARGED, decision=ChargeDecision.FURTHER_EVIDENCE_REQUIRED,
        decided_on=REFERRED, charged_on=None,
    ) == ["The CPS decision (6 January 2025) cannot come before the referral (3 March 2025)."]


def test_a_charge_needs_a_decision_to_charge_made_before_it() -> None:
    kind = ReferralKind.CHARGING_DECISION
    assert decision_problems(
        referral_kind=kind, referred_on=REFERRED, decision=ChargeDecision.NO_FURTHER_ACTION,
        decided_on=CHARGED, charged_on=CHARGED,
    ) == ["A charge date needs a CPS decision to charge: record the decision first."]
    assert decision_problems(
        referral_kind=kind, referred_on=REFERRED, decision=ChargeDecision.CHARGE,
        decided_on=CHARGED, charged_on=REFERRED,
    ) == ["The charge (6 January 2025) cannot come before the decision to charge (3 March 2025)."]


def test_the_conviction_rate_is_convictions_over_completed_prosecutions() -> None:
    rate = conviction_rate(219, 322)  # seed 002 §12.31: 68 percent
    assert rate is not None and f"{rate:.0%}" == "68%"
    assert conviction_rate(0, 5) == 0.0
    assert conviction_rate(5, 5) == 1.0


def test_no_completed_prosecutions_has_no_rate() -> None:
    assert conviction_rate(0, 0) is None


def test_impossible_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        conviction_rate(-1, 3)
    with pytest.raises(ValueError, match="cannot be negative"):
        conviction_rate(0, -3)
    with pytest.raises(ValueError, match="4 convictions cannot come from 3 completed prosecutions"):
        conviction_rate(4, 3)


@given(st.integers(min_value=1, max_value=10_000).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))))
def test_a_rate_is_a_share(counts: tuple[int, int]) -> None:
    convicted, prosecuted = counts
    rate = conviction_rate(convicted, prosecuted)
    assert rate is not None and 0 <= rate <= 1
    assert rate == convicted / prosecuted
