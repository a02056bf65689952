"""How far a planned case has gone by today: triage to closure, the CPS and the courts, orders.

Plain Python: no Django. Every planned day is drawn after the one it follows (``DAYS`` in
``rates.py``) and dropped when it would fall after today, so a recent case is still open. Every
case closes in the end: an open case is one whose closing day has not come yet, never one the
plan forgot, so the live investigations of a past month are what Table 1 counts.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from lantern.cases.rules import InvolvementRole, OutcomeType
from lantern.synth.plan_types import CasePlan
from lantern.synth.rates import CONVICTION_RATE, DAYS, DEFAULT_CONVICTION_RATE, FIRST_LOCKDOWN, RATES

# The courts' backlog after the first lockdown: verdicts due in this window were put back.
_BACKLOG_ENDS = date(2021, 6, 30)
_LOCKDOWNS_END = date(2020, 12, 31)  # investigations slowed by the 2020 lockdowns


_GOLDEN = 0.6180339887498949


class Quotas:
    """Events drawn with a probability, but each kind's running count kept within one of its
    expectation (systematic sampling from a random start). The published counts the plan is
    calibrated to (CPS referrals, defendants, convictions) are a few hundred a year, where
    independent draws would wander by 6% either way; this keeps them on the figure while which
    case it falls on stays random, because the cases arrive in a random order."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.credit: dict[str, float] = {}
        self.points: dict[str, float] = {}

    def take(self, kind: str, probability: float) -> bool:
        credit = self.credit.get(kind)
        if credit is None:
            credit = self.rng.random()
        credit += probability
        taken = credit >= 1
        self.credit[kind] = credit - 1 if taken else credit
        return taken

    def days(self, kind: str, span: tuple[int, int]) -> int:
        """A span of days spread evenly over the range case after case (a golden-ratio sequence
        from a random start), so how many of a kind fall in a calendar year does not wander."""
        point = self.points.get(kind)
        point = self.rng.random() if point is None else (point + _GOLDEN) % 1.0
        self.points[kind] = point
        return span[0] + int(point * (span[1] - span[0] + 1))


def after(rng: random.Random, day: date | None, span: tuple[int, int], today: date) -> date | None:
    """A day ``span[0]`` to ``span[1]`` days after ``day``, or None when that is after today."""
    if day is None:
        return None
    later = day + timedelta(days=rng.randint(*span))
    return later if later <= today else None


def verdict_day(rng: random.Random, quotas: Quotas, charged: date, today: date) -> date | None:
    """When the trial ends: later for trials due while the courts were closed or catching up."""
    day = charged + timedelta(days=quotas.days("trial", DAYS["trial"]))
    if FIRST_LOCKDOWN <= day <= _BACKLOG_ENDS and quotas.take("court_delay", RATES["court_delay_2020"]):
        day += timedelta(days=rng.randint(*DAYS["court_delay_2020"]))
    return day if day <= today else None


def _verdict(rng: random.Random, quotas: Quotas, on: date) -> str:
    if quotas.take(f"conviction:{on.year}", CONVICTION_RATE.get(on.year, DEFAULT_CONVICTION_RATE)):
        return "guilty_plea" if rng.random() < RATES["guilty_plea"] else "convicted_after_trial"
    return rng.choice(("acquitted", "discontinued"))


def _close(rng: random.Random, plan: CasePlan, stages: dict[str, object], end: date | None,
           today: date, closing: str = "closing") -> CasePlan:
    """Close the case a little after its last planned step, or leave it open (no outcome) until then."""
    later = [d for d in (stages.get("order_applied_on"), stages.get("order_granted_on"),
                         stages.get("disruption_on")) if isinstance(d, date)]
    last = max([end, *later]) if end is not None else None
    closed = after(rng, last, DAYS[closing], today)
    if closed is None:
        stages.pop("outcome", None)
    else:
        stages["closed_on"] = closed
    return replace(plan, **stages)  # type: ignore[arg-type]


def _court(rng: random.Random, quotas: Quotas, plan: CasePlan, stages: dict[str, object],
           allocated: date, today: date) -> date | None:
    """The CPS referral of every suspect, the decision and, when charged, the verdicts; the end day."""
    due = allocated + timedelta(days=quotas.days("cps_referral", DAYS["cps_referral"]))
    referred: date | None = due if due <= today else None
    if referred is not None and FIRST_LOCKDOWN <= referred <= _LOCKDOWNS_END \
            and quotas.take("cps_delay", RATES["cps_delay_2020"]):
        referred = after(rng, referred, DAYS["cps_delay_2020"], today)
    decided = after(rng, referred, DAYS["cps_decision"], today)
    stages.update(cps_referred_on=referred, cps_decided_on=decided)
    if decided is None:
        return None
    if not quotas.take("charge", RATES["charge"]):
        stages["outcome"] = OutcomeType.SUSPECT_EVIDENTIAL_DIFFICULTIES_VICTIM_SUPPORTS
        return decided
    stages["charged_on"] = decided
    verdict_on = verdict_day(rng, quotas, decided, today)
    if verdict_on is None:
        return None
    people = list(plan.people)
    verdicts = []
    for index, person in enumerate(people):
        if person.role is InvolvementRole.SUSPECT:
            people[index] = replace(person, verdict=_verdict(rng, quotas, verdict_on))
            verdicts.append(people[index].verdict)
    stages.update(people=tuple(people), verdict=verdicts[0], verdict_on=verdict_on,
                  outcome=OutcomeType.CHARGED)
    # A prevention order on the first suspect (the case's principal), when convicted.
    if verdicts[0] in ("guilty_plea", "convicted_after_trial") and rng.random() < RATES["stpo"]:
        stages.update(order_kind="stpo", order_applied_on=verdict_on,
                      order_granted_on=after(rng, verdict_on, (0, 30), today)
                      if rng.random() < RATES["granted"] else None)
    return verdict_on


def police_stages(rng: random.Random, quotas: Quotas, plan: CasePlan, today: date) -> CasePlan:
    """A case the force found itself: investigated, sometimes to the CPS, closed in the end."""
    triaged = after(rng, plan.recorded_on, (0, 10), today)
    allocated = after(rng, triaged, (0, 14), today)
    if allocated is None:
        return replace(plan, triaged_on=triaged)
    stages: dict[str, object] = {"triaged_on": triaged, "allocated_on": allocated}
    suspects = plan.suspects
    if suspects and quotas.take("cps", min(0.9, RATES["cps"] * len(suspects) ** 2)):
        end = _court(rng, quotas, plan, stages, allocated, today)
    else:
        end = after(rng, allocated, DAYS["investigation"], today)
        declined = all(v.victim and v.victim.route == "duty_to_notify" for v in plan.victims)
        stages["outcome"] = (OutcomeType.NO_SUSPECT_IDENTIFIED if not suspects else
                             OutcomeType.SUSPECT_EVIDENTIAL_DIFFICULTIES_VICTIM_DECLINES if declined else
                             OutcomeType.SUSPECT_EVIDENTIAL_DIFFICULTIES_VICTIM_SUPPORTS)
    if suspects and not stages.get("order_kind") and rng.random() < RATES["stro"]:
        applied = after(rng, allocated, (30, 200), today)
        stages.update(order_kind="stro", order_applied_on=applied,
                      order_granted_on=after(rng, applied, (7, 60), today)
                      if rng.random() < RATES["granted"] else None)
    if rng.random() < RATES["disruption"] or plan.group is not None:  # during the investigation
        span = (1, max(1, (end - allocated).days - 1)) if end is not None else (10, 300)
        stages["disruption_on"] = after(rng, allocated, span, today)
    return _close(rng, plan, stages, end, today)


def referred_stages(rng: random.Random, quotas: Quotas, plan: CasePlan, today: date) -> CasePlan:
    """A crime recorded from another first responder's referral: enquiries, then closed, mostly
    with no suspect found (the victim's account is often of exploitation long ago or far away)."""
    if plan.suspects:
        return police_stages(rng, quotas, plan, today)
    triaged = after(rng, plan.recorded_on, (0, 3), today)
    allocated = after(rng, triaged, (0, 5), today)
    if allocated is None:
        return replace(plan, triaged_on=triaged)
    outcome = (OutcomeType.NO_SUSPECT_VICTIM_DECLINES if rng.random() < 0.4
               else OutcomeType.NO_SUSPECT_IDENTIFIED)
    stages: dict[str, object] = {"triaged_on": triaged, "allocated_on": allocated, "outcome": outcome}
    return _close(rng, plan, stages, after(rng, allocated, DAYS["other_investigation"], today), today,
                  "other_closing")
