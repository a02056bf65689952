"""The generator's plan: what happens in each force, case by case, before anything is written.

Plain Python: no Django. ``plan_cases`` streams ``CasePlan``s in the order they were recorded,
deterministic for a request and a day (``today``: nothing is planned after it). Either writer
(the services writer, ``writer.py``, or the bulk writer, ``bulk.py``) turns the same plan into rows.

How many: each month holds the NRM referrals the Home Office published for it (``volume.py``),
police and other first responders. The police's become cases the force found itself
(``Planner.case``: about ``POLICE_REFERRALS_PER_CASE`` referrals each, with suspects, witnesses,
notices for adults who decline); each other first responder's referral becomes a crime the force
recorded from it (``Planner.referred_case``). At ``--scale national`` the counts are the
published ones; any other size (a scale's, or ``--persons``) scales the whole curve, so a demo
has the national shape in miniature, and stops at about the persons asked for.

The parts: ``plan_types.py`` (the dataclasses), ``forces.py`` (forces and their published
victims), ``rates.py`` (every proportion and timing), ``planner.py`` (composing a case),
``stages.py`` (how far it has gone by today).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from lantern.synth import volume
from lantern.synth.forces import ALL_POLICE, force_distributions, police_forces
from lantern.synth.nrm_statistics import AgeGroup
from lantern.synth.plan_types import CasePlan, GroupPlan, PersonPlan, VictimPlan
from lantern.synth.planner import Planner, reference_prefix
from lantern.synth.rates import POLICE_REFERRALS_PER_CASE, RATES
from lantern.synth.request import GenerateRequest

__all__ = ["CasePlan", "GroupPlan", "PersonPlan", "VictimPlan", "expected_cases", "plan_cases",
           "police_forces", "reference_prefix"]


def persons_per_police_case() -> float:
    """The mean persons in a case the force found: victims, suspects and witnesses."""
    victims = 1 + RATES["victims_2"] + 2 * RATES["victims_3"]
    one = 1 - RATES["suspects_0"] - RATES["suspects_2"] - RATES["suspects_3"]
    suspects = one + 2 * RATES["suspects_2"] + 3 * RATES["suspects_3"]
    return victims + suspects + RATES["witness"]


def persons_per_referred_case() -> float:
    return 1 + RATES["other_suspect"]


def _months(request: GenerateRequest, today: date) -> list[volume.MonthVolume]:
    children = force_distributions()[ALL_POLICE].share(lambda p: p.age_group is AgeGroup.CHILD)
    return volume.months(request.from_year, request.to_year, today, police_child_share=children)


def _scale(request: GenerateRequest, months: list[volume.MonthVolume]) -> float:
    """1 at national scale; otherwise what shrinks (or grows) the national curve to the size."""
    if request.size is None:
        return 1.0
    national = sum(m.police_referrals / POLICE_REFERRALS_PER_CASE * persons_per_police_case()
                   + m.other_referrals * persons_per_referred_case() for m in months)
    return request.size / national if national else 1.0


def _monthly_counts(request: GenerateRequest, months: list[volume.MonthVolume]) -> list[tuple[int, int]]:
    """(police cases, referred cases) per month, fractions carried so none are lost to rounding."""
    scale, counts = _scale(request, months), []
    police_carry = other_carry = 0.0
    for month in months:
        police = month.police_referrals * scale / POLICE_REFERRALS_PER_CASE + police_carry
        other = month.other_referrals * scale + other_carry
        counts.append((int(police), int(other)))
        police_carry, other_carry = police - int(police), other - int(other)
    return counts


def expected_cases(request: GenerateRequest, *, today: date | None = None) -> int:
    """About how many cases ``plan_cases`` yields: for a progress bar."""
    months = _months(request, today or date.today())
    return max(1, sum(p + o for p, o in _monthly_counts(request, months)))


def plan_cases(request: GenerateRequest, *, today: date | None = None) -> Iterator[CasePlan]:
    """The cases to write, in the order recorded: the national volume, or about ``request.size`` persons."""
    day = today or date.today()
    planner = Planner(request, day)
    rng = planner.rng
    months = _months(request, day)
    persons = number = 0
    for month, (police, other) in zip(months, _monthly_counts(request, months), strict=True):
        children = month.other_children / month.other_referrals if month.other_referrals else 0.0
        span = (month.end - month.start).days
        days = sorted((month.start + timedelta(days=rng.randint(0, span)), kind)
                      for kind in (0,) * police + (1,) * other)
        for recorded_on, kind in days:
            if request.size is not None and persons >= request.size:
                return
            number += 1
            plan = (planner.case(number, recorded_on) if kind == 0
                    else planner.referred_case(number, recorded_on, child=rng.random() < children))
            persons += len(plan.people)
            yield plan
    while months and request.size is not None and persons < request.size:  # the last few, on the last day
        number += 1
        plan = planner.case(number, months[-1].end)
        persons += len(plan.people)
        yield plan
