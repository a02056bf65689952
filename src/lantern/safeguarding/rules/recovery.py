"""NRM decisions and the recovery period, applied as the law stood on each decision's date.

Plain Python: no Django. Source: seed 002 §5.2 ("Following a positive reasonable grounds decision,
adult victims enter the recovery period. The recovery period is provided for a minimum of 45
days, or until the conclusive grounds decision is made, whichever is the longer."). The minimum
and what else the law allows are dated rules (``lantern.legal.rules``): 45 days before
13 December 2022 and 30 days from then; further recovery periods, disqualification (public order,
bad faith) and the Immigration Enforcement Competent Authority from 30 January 2023.

Children: the recovery period is the adult one. A child's support is led by local authority
children's services (seed 002 §5.2 and Annex H; DOMAIN.md point 3), so ``recovery_period``
returns None for a child rather than a period that does not apply to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from lantern.legal.rules import DatedRule, NoRuleInForce, RuleKey, long_date, rule_in_force


class DecisionStage(StrEnum):
    REASONABLE_GROUNDS = "reasonable_grounds"
    CONCLUSIVE_GROUNDS = "conclusive_grounds"

    @property
    def label(self) -> str:
        return _LABELS[type(self)][self.value]


class DecisionResult(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"

    @property
    def label(self) -> str:
        return _LABELS[type(self)][self.value]


class CompetentAuthority(StrEnum):
    """Who decided: the Home Office Single Competent Authority, or Immigration Enforcement's."""

    SCA = "single_competent_authority"
    IECA = "immigration_enforcement_competent_authority"

    @property
    def label(self) -> str:
        return _LABELS[type(self)][self.value]


class DisqualificationGround(StrEnum):
    """Why someone may lose the protection a positive reasonable grounds decision gives."""

    PUBLIC_ORDER = "public_order"
    BAD_FAITH = "bad_faith"

    @property
    def label(self) -> str:
        return _LABELS[type(self)][self.value]


_LABELS: dict[type, dict[str, str]] = {
    DecisionStage: {
        DecisionStage.REASONABLE_GROUNDS.value: "Reasonable grounds",
        DecisionStage.CONCLUSIVE_GROUNDS.value: "Conclusive grounds",
    },
    DecisionResult: {
        DecisionResult.POSITIVE.value: "Positive",
        DecisionResult.NEGATIVE.value: "Negative",
    },
    CompetentAuthority: {
        CompetentAuthority.SCA.value: "Single Competent Authority",
        CompetentAuthority.IECA.value: "Immigration Enforcement Competent Authority",
    },
    DisqualificationGround: {
        DisqualificationGround.PUBLIC_ORDER.value: "Public order",
        DisqualificationGround.BAD_FAITH.value: "Bad faith",
    },
}


@dataclass(frozen=True)
class Decision:
    """One decision on one referral."""

    stage: DecisionStage
    result: DecisionResult
    decided_on: date
    authority: CompetentAuthority = CompetentAuthority.SCA

    @property
    def positive(self) -> bool:
        return self.result is DecisionResult.POSITIVE

    def describe(self) -> str:
        return f"{self.stage.label.lower()}, {self.result.label.lower()}, {long_date(self.decided_on)}"


def _not_allowed_problem(rules: Iterable[DatedRule], key: RuleKey, on: date, what: str) -> str | None:
    """Why the law in force on ``on`` did not allow ``what`` (a true/false rule), or None if it did."""
    try:
        rule = rule_in_force(rules, key, on)
    except NoRuleInForce:
        return (
            f"No rule in force on {long_date(on)} says whether the law allowed {what}: "
            "an administrator must add it."
        )
    if rule.as_bool():
        return None
    return (
        f"The law in force on {long_date(on)} did not allow {what} "
        f"(the rule in force from {long_date(rule.in_force_from)})."
    )


def decision_problems(
    decisions_so_far: Sequence[Decision],
    new: Decision,
    rules: Iterable[DatedRule],
    *,
    reconsideration: bool = False,
) -> list[str]:
    """Why ``new`` cannot be recorded after ``decisions_so_far`` (in the order recorded), if it can't.

    Conclusive grounds follow a positive reasonable grounds decision (seed 002 §5.2); decisions
    are recorded in date order; a second decision at a stage is only a reconsideration; the
    Immigration Enforcement Competent Authority decides only where the rule in force allows it.
    """
    problems: list[str] = []
    ordered = sorted(decisions_so_far, key=lambda d: d.decided_on)
    same_stage = [d for d in ordered if d.stage is new.stage]
    reasonable = [d for d in ordered if d.stage is DecisionStage.REASONABLE_GROUNDS]
    conclusive = [d for d in ordered if d.stage is DecisionStage.CONCLUSIVE_GROUNDS]
    if new.stage is DecisionStage.CONCLUSIVE_GROUNDS:
        if not reasonable:
            problems.append(
                "A conclusive grounds decision needs a positive reasonable grounds decision first."
            )
        elif not reasonable[-1].positive:
            problems.append(
                "The reasonable grounds decision was negative: a conclusive grounds decision follows "
                "only a positive one (record a reconsidered reasonable grounds decision first)."
            )
    elif conclusive:
        problems.append(
            "A conclusive grounds decision has been made: a reasonable grounds decision cannot follow it."
        )
    if ordered and new.decided_on < ordered[-1].decided_on:
        problems.append(
            f"The decision date, {long_date(new.decided_on)}, is before the previous decision "
            f"({ordered[-1].describe()}): record decisions in the order they were made."
        )
    if same_stage and not reconsideration:
        problems.append(
            f"There is already a {same_stage[-1].describe()} decision: "
            "record another only as a reconsideration."
        )
    if reconsideration and not same_stage:
        problems.append(f"There is no {new.stage.label.lower()} decision to reconsider.")
    if new.authority is CompetentAuthority.IECA:
        problem = _not_allowed_problem(
            rules, RuleKey.NRM_IE_COMPETENT_AUTHORITY, new.decided_on,
            "the Immigration Enforcement Competent Authority to make NRM decisions",
        )
        if problem:
            problems.append(problem)
    return problems


@dataclass(frozen=True)
class RecoveryPeriod:
    """An adult's recovery period after a positive reasonable grounds decision.

    It starts on the reasonable grounds decision and lasts at least ``minimum_days`` (the rule in
    force on that date), ending on ``minimum_ends_on``, ``minimum_days`` after the start, or on
    the conclusive grounds decision, whichever is later. The victim is in the period on both its
    first and last day. Until the conclusive grounds decision, ``ends_on`` is None and the
    period is open-ended: at least until ``minimum_ends_on`` and until that decision.
    """

    starts_on: date
    minimum_days: int
    minimum_ends_on: date
    ends_on: date | None
    rule: DatedRule

    @property
    def open_ended(self) -> bool:
        return self.ends_on is None


def recovery_period(
    rg: Decision, cg: Decision | None, rules: Iterable[DatedRule], *, child: bool
) -> RecoveryPeriod | None:
    """The recovery period a reasonable grounds decision gives, or None if it gives none.

    None for a negative reasonable grounds decision, and for a child (their support is led by
    local authority children's services). The minimum is the one in force on the reasonable
    grounds decision's date: a later change to the law does not shorten a period already begun.
    Raises ValueError if the decisions are at the wrong stages or out of order, and
    NoRuleInForce if no minimum was in force on the decision's date.
    """
    if rg.stage is not DecisionStage.REASONABLE_GROUNDS:
        raise ValueError(f"A recovery period starts from a reasonable grounds decision, not {rg.describe()}.")
    if cg is not None:
        if cg.stage is not DecisionStage.CONCLUSIVE_GROUNDS:
            raise ValueError(f"A recovery period ends at a conclusive grounds decision, not {cg.describe()}.")
        if cg.decided_on < rg.decided_on:
            raise ValueError(
                f"The conclusive grounds decision ({long_date(cg.decided_on)}) is before the "
                f"reasonable grounds decision ({long_date(rg.decided_on)})."
            )
    if not rg.positive or child:
        return None
    rule = rule_in_force(rules, RuleKey.NRM_MIN_RECOVERY_DAYS, rg.decided_on)
    minimum_days = rule.as_int()
    minimum_ends_on = rg.decided_on + timedelta(days=minimum_days)
    ends_on = None if cg is None else max(minimum_ends_on, cg.decided_on)
    return RecoveryPeriod(
        starts_on=rg.decided_on,
        minimum_days=minimum_days,
        minimum_ends_on=minimum_ends_on,
        ends_on=ends_on,
        rule=rule,
    )


def in_recovery_period(period: RecoveryPeriod | None, on: date) -> bool:
    """Is the victim in their recovery period on ``on``? Open-ended periods run until the decision."""
    if period is None or on < period.starts_on:
        return False
    return period.ends_on is None or on <= period.ends_on


def further_recovery_problems(
    *, requested_on: date, earlier_period: RecoveryPeriod | None, rules: Iterable[DatedRule]
) -> list[str]:
    """Why a further recovery period cannot be recorded on ``requested_on``, if it can't.

    Only where the rule in force on that date provides for further periods (from 30 January
    2023), and only after a recovery period has begun.
    """
    problems: list[str] = []
    if earlier_period is None:
        problems.append(
            "A further recovery period follows an earlier one: there is no recovery period recorded."
        )
    elif requested_on < earlier_period.starts_on:
        problems.append(
            f"A further recovery period cannot start before the first one began "
            f"({long_date(earlier_period.starts_on)})."
        )
    problem = _not_allowed_problem(
        rules, RuleKey.NRM_FURTHER_RECOVERY_ALLOWED, requested_on, "further recovery periods"
    )
    if problem:
        problems.append(problem)
    return problems


def disqualification_problems(
    *,
    ground: DisqualificationGround,
    decided_on: date,
    reasons: str,
    rg: Decision | None,
    rules: Iterable[DatedRule],
) -> list[str]:
    """Why a disqualification from NRM protection cannot be recorded, if it can't.

    Only where the rule in force on ``decided_on`` provides for it (from 30 January 2023), only
    for someone with a positive reasonable grounds decision, and never without written reasons.
    """
    problems: list[str] = []
    if rg is None or rg.stage is not DecisionStage.REASONABLE_GROUNDS or not rg.positive:
        problems.append(
            "Only someone with a positive reasonable grounds decision can be disqualified "
            "from its protection."
        )
    elif decided_on < rg.decided_on:
        problems.append(
            "A disqualification cannot come before the reasonable grounds decision "
            f"({long_date(rg.decided_on)})."
        )
    if not reasons.strip():
        problems.append(f"Record the reasons for disqualifying them on {ground.label.lower()} grounds.")
    problem = _not_allowed_problem(
        rules, RuleKey.NRM_DISQUALIFICATION_ALLOWED, decided_on,
        f"disqualification on {ground.label.lower()} grounds",
    )
    if problem:
        problems.append(problem)
    return problems
