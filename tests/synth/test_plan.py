"""The plan: deterministic for a seed, in plausible proportions, and keeping the routing rules."""

from collections import Counter
from datetime import date

import pytest

from lantern.cases.rules import InvolvementRole
from lantern.synth.background import PlanningFailed, plan_cases_in_background
from lantern.synth.plan import CasePlan, plan_cases, police_forces
from lantern.synth.request import GenerateRequest

TODAY = date(2026, 11, 24)


def _plan(seed: int = 1, persons: int = 300, years: tuple[int, int] = (2019, 2025)) -> list[CasePlan]:
    return list(plan_cases(GenerateRequest("demo", seed, *years, persons=persons), today=TODAY))


@pytest.fixture(scope="module")
def big() -> list[CasePlan]:
    return _plan(seed=7, persons=2000)


def _fingerprint(cases: list[CasePlan]) -> list[tuple[object, ...]]:
    return [(c.force, c.crime_reference, c.recorded_on, c.exploitation_types, c.closed_on,
             tuple((p.truth.person_key, p.recorded.first_name, p.recorded.last_name, p.role)
                   for p in c.people))
            for c in cases]


def test_the_same_seed_gives_the_same_plan_and_another_seed_another() -> None:
    assert _fingerprint(_plan(seed=3)) == _fingerprint(_plan(seed=3))
    assert _fingerprint(_plan(seed=3)) != _fingerprint(_plan(seed=4))


def test_the_plan_holds_about_the_persons_asked_for_in_the_years_asked(big: list[CasePlan]) -> None:
    persons = sum(len(c.people) for c in big)
    assert 1900 <= persons <= 2100
    assert all(date(2019, 1, 1) <= c.recorded_on <= date(2025, 12, 31) for c in big)
    assert [c.recorded_on for c in big] == sorted(c.recorded_on for c in big)
    assert {c.force for c in big} <= set(police_forces())
    assert len(police_forces()) == 44  # the 43 territorial forces and BTP
    assert len({c.force for c in big}) > 30


def test_nothing_is_planned_after_today() -> None:
    cases = list(plan_cases(GenerateRequest("demo", 1, 2026, 2026, persons=200), today=date(2026, 3, 15)))
    days = [d for c in cases for d in (c.recorded_on, c.triaged_on, c.allocated_on, c.closed_on, c.verdict_on,
                                       c.cps_decided_on, c.order_granted_on, c.disruption_on) if d]
    days += [v.victim.rg[0] for c in cases for v in c.victims if v.victim and v.victim.rg]
    assert max(days) <= date(2026, 3, 15)


def test_children_are_always_on_the_nrm_route_and_adults_choose(big: list[CasePlan]) -> None:
    victims = [p.victim for c in big for p in c.victims if p.victim]
    children = [v for v in victims if v.child]
    assert children and all(v.route in ("nrm_referral", "") and v.consent is None for v in children)
    adults = [v for v in victims if v.consent is not None]
    routes = Counter(v.route for v in adults if v.route)
    assert routes["duty_to_notify"] and routes["nrm_referral"] > routes["duty_to_notify"]
    assert all(v.route == "duty_to_notify" for v in adults if v.consent is False and v.route)
    assert all(v.cg is None or (v.rg is not None and v.rg[1] and v.cg[0] >= v.rg[0]) for v in victims)


def test_proportions_are_roughly_as_planned(big: list[CasePlan]) -> None:
    suspects = [p for c in big for p in c.people if p.role is InvolvementRole.SUSPECT]
    assert sum(p.truth.nationality == "British" for p in suspects) / len(suspects) > 0.5
    victims = [p for c in big for p in c.victims]
    assert 0.25 < sum(bool(p.victim and p.victim.child) for p in victims) / len(victims) < 0.6
    assert any(p.role is InvolvementRole.VICTIM_AND_SUSPECT for p in victims)
    with_suspects = [c for c in big if c.suspects and c.allocated_on]
    referred = sum(c.cps_referred_on is not None for c in with_suspects) / len(with_suspects)
    assert 0.08 < referred < 0.3
    verdicts = [c.verdict for c in big if c.verdict]
    convicted = sum(v in ("guilty_plea", "convicted_after_trial") for v in verdicts) / len(verdicts)
    assert 0.5 < convicted < 0.9
    assert all(c.outcome is not None for c in big if c.closed_on)
    assert any(c.order_kind for c in big) and any(c.disruption_on for c in big)


def test_people_reappear_in_other_forces_recorded_differently(big: list[CasePlan]) -> None:
    forces_of: dict[str, set[str]] = {}
    for case in big:
        for person in case.people:
            forces_of.setdefault(person.truth.person_key, set()).add(case.force)
    assert sum(len(forces) > 1 for forces in forces_of.values()) >= 20
    again = [p for c in big for p in c.people if p.reappearance]
    assert any(p.recorded.noise for p in again)


def test_groups_span_two_forces(big: list[CasePlan]) -> None:
    forces: dict[str, set[str]] = {}
    for case in big:
        if case.group:
            forces.setdefault(case.group.key, set()).add(case.force)
    assert forces and sum(len(f) == 2 for f in forces.values()) >= len(forces) - 1


def test_the_background_planner_gives_the_same_plan_in_the_same_order() -> None:
    request = GenerateRequest("demo", 5, 2019, 2021, persons=400)
    drawn = list(plan_cases_in_background(request, today=TODAY, chunk=7))
    assert _fingerprint(drawn) == _fingerprint(list(plan_cases(request, today=TODAY)))


def test_a_failure_in_the_background_planner_is_raised_with_its_message() -> None:
    bad = GenerateRequest("no-such-scale", 1, 2019, 2020)  # the planner cannot size an unknown scale
    with pytest.raises(PlanningFailed, match="no-such-scale"):
        list(plan_cases_in_background(bad, today=TODAY))
