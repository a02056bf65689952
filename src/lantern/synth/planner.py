"""The planner: the state one plan carries from case to case, and how each case is composed.

Plain Python: no Django. One ``random.Random(seed)`` drives everything in order, so a seed
gives the same plan every time. People: every recording is ``variants.record_of`` the person's
true identity, so the same person recorded twice differs the way real records do. A share of
victims and suspects turn up again in another force (``RATES["reappearance"]``, drawn from the
last ``SEEN_KEPT`` of each kind, so memory stays flat), and every organised crime group spans
two forces: its principal, recorded in the founding force, is recorded again in the second,
whose victims may give his phone as theirs.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from lantern.cases.rules import ExploitationType, Industry, InvolvementRole, age_on, age_uncertain, is_child
from lantern.synth.forces import ALL_POLICE, force_distributions, police_forces, regions
from lantern.synth.identities import NumberPool, SpareNumbers, TrueIdentity, make_identity
from lantern.synth.name_pools import MAIN_ORIGINS, NATIONALITY_ORIGINS, Origin
from lantern.synth.nrm_statistics import AgeGroup, VictimProfile, sampler
from lantern.synth.plan_types import CasePlan, GroupPlan, PersonPlan, VictimPlan
from lantern.synth.rates import (
    ADULT_FIRST_RESPONDERS,
    CHILD_FIRST_RESPONDER_ELSEWHERE,
    CHILD_FIRST_RESPONDERS,
    INDUSTRIES,
    LANGUAGES,
    MAX_PHONES_FROM_POOL,
    RATES,
    SAFE_PLACES,
    SEEN_KEPT,
    SUSPECT_NATIONALITIES,
)
from lantern.synth.request import GenerateRequest
from lantern.synth.stages import Quotas, after, police_stages, referred_stages
from lantern.synth.variants import record_of

_ALL_TYPES = list(ExploitationType)


def reference_prefix(seed: int) -> str:
    """How every crime reference a seed generates starts, e.g. "SYN1-" (then year and number)."""
    return f"SYN{seed}-"


class _Seen:
    """The last ``SEEN_KEPT`` people of one kind and the force that recorded each: a ring."""

    def __init__(self) -> None:
        self.items: list[tuple[str, TrueIdentity]] = []
        self.next = 0

    def add(self, force: str, truth: TrueIdentity) -> None:
        if len(self.items) < SEEN_KEPT:
            self.items.append((force, truth))
        else:
            self.items[self.next] = (force, truth)
            self.next = (self.next + 1) % SEEN_KEPT

    def elsewhere(self, rng: random.Random, force: str) -> TrueIdentity | None:
        """Someone recorded by another force (a few draws; None if only this force's come up)."""
        for _ in range(4):
            if not self.items:
                return None
            other, truth = self.items[rng.randrange(len(self.items))]
            if other != force:
                return truth
        return None


class Planner:
    """Composes one case after another: the forces' samplers, people seen, groups pending."""

    def __init__(self, request: GenerateRequest, today: date) -> None:
        self.request, self.today = request, today
        self.rng = random.Random(request.seed)  # noqa: S311 - synthetic data, not security
        self.numbers, self.phones_drawn = NumberPool(), 0
        self.spare = SpareNumbers(random.Random(request.seed + 1))  # noqa: S311 - synthetic data
        distributions = force_distributions()
        self.forces = police_forces()
        self.regions = regions()
        floor = min(d.total() for d in distributions.values())
        self.force_weights = [distributions[f].total() if f in distributions else floor for f in self.forces]
        self.samplers = {key: sampler(d, request.seed * 1_000_003 + i)
                         for i, (key, d) in enumerate(sorted(distributions.items()))}
        self.seen = {"victim": _Seen(), "suspect": _Seen()}
        self.pending_group: tuple[GroupPlan, str, TrueIdentity] | None = None
        self.groups = 0
        self.quotas = Quotas(self.rng)

    def profile(self, force: str) -> VictimProfile:
        return next(self.samplers.get(force) or self.samplers[ALL_POLICE])

    # People ----------------------------------------------------------------------------
    def identity(self, nationality: str, gender: str, age: int, on: date) -> TrueIdentity:
        rng = self.rng
        nationality = nationality or rng.choice(SUSPECT_NATIONALITIES)  # not known to the force, but real
        origin = NATIONALITY_ORIGINS.get(nationality) or rng.choice(sorted(MAIN_ORIGINS - {Origin.BRITISH}))
        pool = self.numbers if self.phones_drawn < MAX_PHONES_FROM_POOL else self.spare
        truth = make_identity(rng, nationality=nationality, gender=gender, age=age, on=on,
                              origin=origin, numbers=pool)
        self.phones_drawn += len(truth.phones)
        return truth

    def person(self, *, force: str, role: InvolvementRole, on: date, truth: TrueIdentity | None,
               nationality: str, gender: str, age_group: AgeGroup, shared_phone: str | None = None,
               reappearance: bool = False) -> PersonPlan:
        rng = self.rng
        if truth is None:
            age = (rng.randint(12, 17) if age_group is AgeGroup.CHILD else
                   rng.randint(16, 40) if age_group is AgeGroup.NOT_SPECIFIED else rng.randint(18, 58))
            true_gender = gender if gender in ("female", "male") else rng.choice(("female", "male"))
            truth = self.identity(nationality, true_gender, age, on)
        recorded = record_of(rng, truth, on=on, messiness=RATES["messiness"], shared_phone=shared_phone)
        true_age = age_on(truth.date_of_birth, on) if truth.date_of_birth else 30
        disputed = believe_child = False
        if age_group is AgeGroup.NOT_SPECIFIED and not reappearance:
            recorded = replace(recorded, date_of_birth=None, estimated_age=None)
        elif true_age < 18 and not is_child(on=on, date_of_birth=recorded.date_of_birth,
                                            estimated_age=recorded.estimated_age):
            disputed = believe_child = True  # looks or says 18: the presumption of age (s51)
        language = LANGUAGES[truth.name_origin]
        languages = tuple(dict.fromkeys((language, "English"))) if language != "English" else ("English",)
        if role is not InvolvementRole.WITNESS:
            self.seen["victim" if role.is_victim else "suspect"].add(force, truth)
        return PersonPlan(truth=truth, recorded=recorded, role=role,
                          gender=gender if gender in ("female", "male", "other") else "not-known",
                          nationality=nationality, second_nationality="", languages=languages,
                          age_disputed=disputed, reason_to_believe_child=believe_child,
                          reappearance=reappearance)

    def again(self, kind: str, force: str) -> TrueIdentity | None:
        """Someone already recorded in another force, now and then."""
        if self.rng.random() < RATES["reappearance"]:
            return self.seen[kind].elsewhere(self.rng, force)
        return None

    def victim_plan(self, person: PersonPlan, on: date, *, referred_on: date | None = None) -> VictimPlan:
        """Safety, support and the NRM route; ``referred_on`` when another first responder referred them."""
        rng, today = self.rng, self.today
        rec = person.recorded
        child = is_child(on=on, date_of_birth=rec.date_of_birth, estimated_age=rec.estimated_age,
                         age_disputed=person.age_disputed,
                         reason_to_believe_child=person.reason_to_believe_child)
        uncertain = not child and age_uncertain(date_of_birth=rec.date_of_birth,
                                                estimated_age=rec.estimated_age,
                                                age_disputed=person.age_disputed)
        if referred_on is None:
            referred_on = after(rng, on, (0, 3), today) if rng.random() < RATES["referred"] else None
            consent = None if child or uncertain else rng.random() < RATES["consent"]
        else:  # the first responder asked; an adult they referred had agreed
            consent = None if child or uncertain else True
        route = "" if referred_on is None else "duty_to_notify" if consent is False else "nrm_referral"
        rg = cg = None
        if route == "nrm_referral" and rng.random() < RATES["rg"]:
            rg_on = after(rng, referred_on, (2, 40), today)
            rg = None if rg_on is None else (rg_on, rng.random() < RATES["rg_positive"])
            if rg is not None and rg[1] and rng.random() < RATES["cg"]:
                cg_on = after(rng, rg[0], (60, 500), today)
                cg = None if cg_on is None else (cg_on, rng.random() < RATES["cg_positive"])
        foreign = person.languages[0] != "English"
        return VictimPlan(
            child=child, route=route, consent=consent, referred_on=referred_on, rg=rg, cg=cg,
            safe_place=rng.choice(SAFE_PLACES) if rng.random() < RATES["safe_place"] else "",
            interpreter=person.languages[0] if foreign and rng.random() < RATES["interpreter"] else "",
            vlo_on=after(rng, on, (1, 20), today) if rng.random() < RATES["vlo"] else None,
            ictg_on=on if child and rng.random() < RATES["ictg"] else None,
            contact_on=after(rng, on, (1, 30), today) if rng.random() < RATES["contact"] else None)

    def _suspects(self, force: str, on: date, first: VictimProfile, count: int,
                  linking: tuple[GroupPlan, str, TrueIdentity] | None) -> list[PersonPlan]:
        rng, people = self.rng, []
        for i in range(count):
            truth = linking[2] if linking and i == 0 else self.again("suspect", force)
            british = rng.random() < RATES["suspect_british"]
            nationality = (truth.nationality if truth else "British" if british else
                           first.nationality if first.nationality not in ("", "British")
                           else rng.choice(SUSPECT_NATIONALITIES))
            gender = truth.gender if truth else ("male" if rng.random() < 0.75 else "female")
            people.append(self.person(force=force, role=InvolvementRole.SUSPECT, on=on, truth=truth,
                                      nationality=nationality, gender=gender, age_group=AgeGroup.ADULT,
                                      reappearance=truth is not None))
        return people

    def _suspect_count(self) -> int:
        roll = self.rng.random()
        none, two, three = RATES["suspects_0"], RATES["suspects_2"], RATES["suspects_3"]
        return 0 if roll < none else 2 if roll < none + two else 3 if roll < none + two + three else 1

    def _plan(self, number: int, force: str, on: date, first: VictimProfile, people: list[PersonPlan],
              group: GroupPlan | None, *, overseas_rate: float, first_responder: str = "") -> CasePlan:
        rng = self.rng
        types = tuple(sorted(first.exploitation, key=_ALL_TYPES.index)) or (ExploitationType.LABOUR,)
        foreign = first.nationality not in ("British", "")
        return CasePlan(
            number=number, force=force,
            crime_reference=f"{reference_prefix(self.request.seed)}{on:%y}-{number:06d}",
            recorded_on=on, exploitation_types=types,
            offences=(("msa_2015_s1", "msa_2015_s2") if foreign or rng.random() < 0.3 else ("msa_2015_s1",)),
            industry=rng.choice(INDUSTRIES.get(types[0], (Industry.OTHER,))),
            overseas=foreign and rng.random() < overseas_rate,
            organised=group is not None, people=tuple(people), group=group, first_responder=first_responder)

    # Cases -----------------------------------------------------------------------------
    def case(self, number: int, recorded_on: date) -> CasePlan:
        """A case the force found itself: its victims, suspects, any witness and group."""
        rng, today = self.rng, self.today
        force = rng.choices(self.forces, weights=self.force_weights)[0]
        linking = self.pending_group if self.pending_group and self.pending_group[1] != force else None
        first = self.profile(force)
        profiles = [first]
        several = RATES["victims_2"] + RATES["victims_3"]
        extra = 0 if rng.random() >= several else 1 if rng.random() < RATES["victims_2"] / several else 2
        for _ in range(extra):  # more victims of the same exploitation, where the force has them
            profiles.append(next((p for p in (self.profile(force) for _ in range(20))
                                  if p.exploitation == first.exploitation), first))
        criminal = any(t.is_criminal for t in first.exploitation)
        n_suspects = max(self._suspect_count(), 1 if linking else 0)
        people = self._suspects(force, recorded_on, first, n_suspects, linking)
        controller = people[0].truth.phones[0] if people and people[0].truth.phones else None
        both_rate = RATES["victim_and_suspect_criminal" if criminal else "victim_and_suspect_other"]
        for profile in profiles:
            truth = self.again("victim", force)
            role = InvolvementRole.VICTIM_AND_SUSPECT if rng.random() < both_rate else InvolvementRole.VICTIM
            person = self.person(force=force, role=role, on=recorded_on, truth=truth,
                                 nationality=profile.nationality, gender=profile.gender,
                                 age_group=profile.age_group, shared_phone=controller,
                                 reappearance=truth is not None)
            s45_on = after(rng, recorded_on, (5, 60), today) if role.is_suspect else None
            people.append(replace(person, second_nationality=profile.second_nationality,
                                  victim=self.victim_plan(person, recorded_on), s45_on=s45_on,
                                  s45_applies=s45_on is not None and rng.random() < RATES["s45_applies"]))
        if rng.random() < RATES["witness"]:
            people.append(self.person(force=force, role=InvolvementRole.WITNESS, on=recorded_on, truth=None,
                                      nationality="British", gender=rng.choice(("female", "male")),
                                      age_group=AgeGroup.ADULT))
        group = None
        if linking:
            group, self.pending_group = replace(linking[0], founding=False), None
            people[0] = replace(people[0], group_role="lieutenant")
        elif n_suspects and self.pending_group is None and rng.random() < RATES["organised"]:
            self.groups += 1
            group = GroupPlan(f"G{self.request.seed}-{self.groups}",
                              f"Synthetic group {self.request.seed}-{self.groups:03d}", True)
            self.pending_group = (group, force, people[0].truth)
            people[0] = replace(people[0], group_role="principal")
        plan = self._plan(number, force, recorded_on, first, people, group, overseas_rate=0.1)
        return police_stages(rng, self.quotas, plan, today)

    def referred_case(self, number: int, recorded_on: date, *, child: bool) -> CasePlan:
        """A crime the force recorded from another first responder's NRM referral (one victim)."""
        rng, today = self.rng, self.today
        force = rng.choices(self.forces, weights=self.force_weights)[0]
        wanted = AgeGroup.CHILD if child else AgeGroup.ADULT
        first = next((p for p in (self.profile(force) for _ in range(20)) if p.age_group is wanted),
                     self.profile(force))
        responder = (CHILD_FIRST_RESPONDERS.get(self.regions.get(force, ""), CHILD_FIRST_RESPONDER_ELSEWHERE)
                     if first.age_group is AgeGroup.CHILD
                     else rng.choices(list(ADULT_FIRST_RESPONDERS), list(ADULT_FIRST_RESPONDERS.values()))[0])
        people = self._suspects(force, recorded_on, first, 1, None) if rng.random() < RATES["other_suspect"] \
            else []
        truth = self.again("victim", force)
        person = self.person(force=force, role=InvolvementRole.VICTIM, on=recorded_on, truth=truth,
                             nationality=first.nationality, gender=first.gender, age_group=first.age_group,
                             reappearance=truth is not None)
        referred_on = recorded_on - timedelta(days=rng.randint(0, 10))
        people.append(replace(person, second_nationality=first.second_nationality,
                              victim=self.victim_plan(person, recorded_on, referred_on=referred_on)))
        plan = self._plan(number, force, recorded_on, first, people, None, overseas_rate=0.3,
                          first_responder=responder)
        return referred_stages(rng, self.quotas, plan, today)
