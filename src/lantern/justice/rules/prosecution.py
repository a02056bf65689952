"""From referral to the CPS to verdict and sentence: vocabularies, the order of events, the rate.

Plain Python: no Django. Sources: the Hestia super-complaint report (seed 002 §12.31): referrals
for pre-charge advice stay low (321, 190 and 275 in 2017-2019); early CPS involvement in proactive
cases helps; trials take up to three years; of 322 people prosecuted in the year to March 2019,
219 (68%) were convicted, 22 prosecutions failed on victim issues (retraction, non-attendance,
evidence that the complainant did not support the case) and 46 for other reasons (conflict of
evidence, a missing legal element). The MSOIC Programme report (seed 004 Table 1): police
referrals to the CPS and the CPS conviction rate (71.9% in 2019, 73.8% in 2020) as national
measures. DOMAIN.md "The victim's path" point 9.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from lantern.legal.rules import long_date
from lantern.vocabulary import LabelledEnum


class ReferralKind(LabelledEnum):
    """Why the police sent the case to the CPS."""

    EARLY_INVESTIGATIVE_ADVICE = "early_investigative_advice"
    CHARGING_DECISION = "charging_decision"


class ChargeDecision(LabelledEnum):
    """What the CPS decided on a referral for a charging decision."""

    CHARGE = "charge"
    NO_FURTHER_ACTION = "no_further_action"
    CAUTION = "caution"
    FURTHER_EVIDENCE_REQUIRED = "further_evidence_required"


class Verdict(LabelledEnum):
    """How a prosecution ended."""

    GUILTY_PLEA = "guilty_plea"
    CONVICTED_AFTER_TRIAL = "convicted_after_trial"
    ACQUITTED = "acquitted"
    DISCONTINUED = "discontinued"
    DISMISSED = "dismissed"

    @property
    def is_conviction(self) -> bool:
        return self in (Verdict.GUILTY_PLEA, Verdict.CONVICTED_AFTER_TRIAL)


class NonConvictionReason(LabelledEnum):
    """Why a prosecution did not end in a conviction (seed 002 §12.31, Figure 4)."""

    VICTIM_RETRACTION = "victim_retraction"
    VICTIM_NON_ATTENDANCE = "victim_non_attendance"
    VICTIM_NOT_SUPPORTING = "victim_not_supporting"
    CONFLICT_OF_EVIDENCE = "conflict_of_evidence"
    MISSING_LEGAL_ELEMENT = "missing_legal_element"
    OTHER = "other"

    @property
    def victim_issue(self) -> bool:
        """A failure tied to the victim's engagement, which support through the case can prevent."""
        return self.value.startswith("victim_")


_LABELS: dict[type, dict[str, str]] = {
    ReferralKind: {
        ReferralKind.EARLY_INVESTIGATIVE_ADVICE.value: "Early investigative advice",
        ReferralKind.CHARGING_DECISION.value: "Charging decision",
    },
    ChargeDecision: {
        ChargeDecision.CHARGE.value: "Charge",
        ChargeDecision.NO_FURTHER_ACTION.value: "No further action",
        ChargeDecision.CAUTION.value: "Caution",
        ChargeDecision.FURTHER_EVIDENCE_REQUIRED.value: "Further evidence required (action plan)",
    },
    Verdict: {
        Verdict.GUILTY_PLEA.value: "Guilty plea",
        Verdict.CONVICTED_AFTER_TRIAL.value: "Convicted after trial",
        Verdict.ACQUITTED.value: "Acquitted",
        Verdict.DISCONTINUED.value: "Discontinued",
        Verdict.DISMISSED.value: "Dismissed",
    },
    NonConvictionReason: {
        NonConvictionReason.VICTIM_RETRACTION.value: "Victim retracted",
        NonConvictionReason.VICTIM_NON_ATTENDANCE.value: "Victim did not attend",
        NonConvictionReason.VICTIM_NOT_SUPPORTING.value: "Evidence that the victim does not support the case",
        NonConvictionReason.CONFLICT_OF_EVIDENCE.value: "Conflict of evidence",
        NonConvictionReason.MISSING_LEGAL_ELEMENT.value: "An essential legal element is missing",
        NonConvictionReason.OTHER.value: "Another reason",
    },
}


def is_conviction(verdict: Verdict | None) -> bool:
    """Did this prosecution end in a conviction? No verdict yet is not one."""
    return verdict is not None and verdict.is_conviction


def decision_problems(
    *,
    referral_kind: ReferralKind,
    referred_on: date,
    decision: ChargeDecision | None,
    decided_on: date | None,
    charged_on: date | None,
) -> list[str]:
    """What is wrong with a CPS referral and the decision recorded on it."""
    problems: list[str] = []
    if decision is not None and referral_kind is ReferralKind.EARLY_INVESTIGATIVE_ADVICE:
        problems.append(
            "Early investigative advice is not a charging decision: record a referral for a charging "
            "decision and put the decision on that."
        )
    if decision is not None and decided_on is None:
        problems.append("Enter the date of the CPS decision.")
    if decision is None and decided_on is not None:
        problems.append("Choose the CPS decision made on that date.")
    if decided_on is not None and decided_on < referred_on:
        problems.append(
            f"The CPS decision ({long_date(decided_on)}) cannot come before the referral "
            f"({long_date(referred_on)})."
        )
    if charged_on is not None and decision is not ChargeDecision.CHARGE:
        problems.append("A charge date needs a CPS decision to charge: record the decision first.")
    if charged_on is not None and decided_on is not None and charged_on < decided_on:
        problems.append(
            f"The charge ({long_date(charged_on)}) cannot come before the decision to charge "
            f"({long_date(decided_on)})."
        )
    return problems


@dataclass(frozen=True)
class ProsecutionFacts:
    """One defendant's path from referral to outcome. Any step not reached yet is None."""

    referred_on: date | None
    charged_on: date | None
    first_hearing_on: date | None
    verdict_on: date | None
    verdict: Verdict | None
    non_conviction_reason: NonConvictionReason | None
    sentence: str | None

    def problems(self) -> list[str]:
        return prosecution_problems(
            referred_on=self.referred_on,
            charged_on=self.charged_on,
            first_hearing_on=self.first_hearing_on,
            verdict_on=self.verdict_on,
            verdict=self.verdict,
            non_conviction_reason=self.non_conviction_reason,
            sentence=self.sentence,
        )


def prosecution_problems(
    *,
    referred_on: date | None,
    charged_on: date | None,
    first_hearing_on: date | None,
    verdict_on: date | None,
    verdict: Verdict | None,
    non_conviction_reason: NonConvictionReason | None,
    sentence: str | None,
) -> list[str]:
    """What is wrong with one defendant's record of prosecution, in words an officer can act on.

    Events come in order: referral, charge, first hearing, verdict (each may be on the same day as
    the one before). A hearing or a verdict needs a prosecution, which starts with a charge. A
    verdict other than a conviction needs its reason, so the failures on victim issues can be
    counted (seed 002 §12.31); a sentence needs a conviction.
    """
    problems: list[str] = []
    steps = [
        ("referral to the CPS", referred_on),
        ("charge", charged_on),
        ("first hearing", first_hearing_on),
        ("verdict", verdict_on),
    ]
    reached = [(name, day) for name, day in steps if day is not None]
    for (earlier, earlier_on), (later, later_on) in pairwise(reached):
        if later_on < earlier_on:
            problems.append(
                f"The {later} ({long_date(later_on)}) cannot come before the {earlier} "
                f"({long_date(earlier_on)})."
            )
    if verdict is not None and verdict_on is None:
        problems.append("Enter the date of the verdict.")
    if verdict is None and verdict_on is not None:
        problems.append("Choose the verdict given on that date.")
    if charged_on is None and (first_hearing_on is not None or verdict is not None):
        what = "A conviction" if is_conviction(verdict) else "A court hearing or outcome"
        problems.append(f"{what} needs a prosecution: enter the date the person was charged or summonsed.")
    if verdict is not None and not verdict.is_conviction and non_conviction_reason is None:
        problems.append(f"Choose why the case ended without a conviction ({verdict.label.lower()}).")
    if non_conviction_reason is not None and (verdict is None or verdict.is_conviction):
        problems.append(
            "A reason for non-conviction is only recorded when the case ended without a conviction."
        )
    if sentence and sentence.strip() and not is_conviction(verdict):
        problems.append("A sentence can only follow a conviction: record the verdict first.")
    return problems


def conviction_rate(convicted: int, prosecuted: int) -> float | None:
    """Convictions as a share of completed prosecutions (the CPS measure in seed 004 Table 1).

    A fraction from 0 to 1, for display as a percentage; None when no prosecution has completed,
    because a rate of nothing is not 0%. Seed 002 §12.31: 219 convicted of 322 is 68%.
    """
    if convicted < 0 or prosecuted < 0:
        raise ValueError("Counts of convictions and prosecutions cannot be negative.")
    if convicted > prosecuted:
        raise ValueError(f"{convicted} convictions cannot come from {prosecuted} completed prosecutions.")
    if prosecuted == 0:
        return None
    return convicted / prosecuted
