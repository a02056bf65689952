"""The generator's plan: what happens in each force, case by case, before anything is written.

Plain Python: no Django. ``plan_cases`` streams ``CasePlan``s in the order they were recorded,
deterministic for a request and a day (``today``: nothing is planned after it). Either writer
(the services writer now, the bulk writer later) turns the same plan into rows.

Where a force has NRM statistics (the police first-responder tables, 2022 Q2 to Q4), its victims
are drawn from its own joint distribution of nationality, gender, age group and exploitation type;
other forces draw from all police in England and Wales. Suspects are mostly British (seed 004 §6:
"over 50%"). Proportions that no seed gives (how many cases go to the CPS, how many decisions
follow a referral) are judgement, set in ``RATES`` so calibration can tune them in one place.

People: every recording is ``variants.record_of`` the person's true identity, so the same person
recorded twice differs the way real records do. A share of victims and suspects turn up again in
another force (``RATES["reappearance"]``), and every organised crime group spans two forces: its
principal, recorded in the founding force, is recorded again in the second, whose victims may give
his phone as theirs.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from lantern.cases.rules import (
    ExploitationType,
    Industry,
    InvolvementRole,
    OutcomeType,
    age_on,
    age_uncertain,
    is_child,
)
from lantern.synth.identities import NumberPool, TrueIdentity, make_identity
from lantern.synth.name_pools import MAIN_ORIGINS, NATIONALITY_ORIGINS, Origin
from lantern.synth.nrm_statistics import (
    ORGANISATIONS_FILE,
    AgeGroup,
    JointDistribution,
    QuarterTable,
    VictimProfile,
    joint_distribution,
    match_first_responders,
    read_police_quarter,
    sampler,
)
from lantern.synth.request import GenerateRequest
from lantern.synth.variants import RecordedIdentity, record_of

STATISTICS_QUARTERS = ((2022, 2), (2022, 3), (2022, 4))
POLICE_KINDS = ("territorial_force", "special_force")
ALL_POLICE = ""  # the distribution key for a force without statistics of its own

RATES = {
    "victims_2": 0.25, "victims_3": 0.12,  # cases with two or three victims; the rest have one
    "suspects_0": 0.2, "suspects_2": 0.3,  # cases with no suspect identified, or two
    "witness": 0.3,
    "victim_and_suspect_criminal": 0.3, "victim_and_suspect_other": 0.04,
    "suspect_british": 0.62,
    "reappearance": 0.08,  # a victim or suspect already recorded in another force
    "messiness": 0.4,
    "consent": 0.75,  # adults who agree to an NRM referral; the rest get a duty-to-notify notice
    "referred": 0.92, "rg": 0.85, "rg_positive": 0.88, "cg": 0.7, "cg_positive": 0.9,
    "safe_place": 0.8, "interpreter": 0.9, "vlo": 0.5, "ictg": 0.6, "contact": 0.7,
    "triaged": 0.95, "allocated": 0.95, "cps": 0.18, "charge": 0.75, "verdict": 0.85,
    "conviction": 0.72, "guilty_plea": 0.5, "stpo": 0.35, "stro": 0.03, "granted": 0.75,
    "disruption": 0.2, "closed": 0.75, "organised": 0.12, "s45_applies": 0.7,
}

LANGUAGES = {Origin.ALBANIAN: "Albanian", Origin.VIETNAMESE: "Vietnamese", Origin.ROMANIAN: "Romanian",
             Origin.POLISH: "Polish", Origin.NIGERIAN: "English", Origin.CHINESE: "Mandarin",
             Origin.ARABIC: "Arabic", Origin.BRITISH: "English", Origin.ERITREAN: "Tigrinya",
             Origin.SUDANESE: "Arabic", Origin.INDIAN: "Hindi", Origin.LITHUANIAN: "Lithuanian"}
INDUSTRIES = {
    ExploitationType.SEXUAL: (Industry.BROTHEL_SEX_INDUSTRY,),
    ExploitationType.LABOUR: (Industry.CAR_WASH, Industry.NAIL_BAR, Industry.AGRICULTURE,
                              Industry.CONSTRUCTION, Industry.FOOD_PROCESSING, Industry.CLEANING,
                              Industry.HOSPITALITY, Industry.TEXTILES, Industry.CARE),
    ExploitationType.DOMESTIC_SERVITUDE: (Industry.DOMESTIC_HOUSEHOLD,),
    ExploitationType.CRIMINAL_COUNTY_LINES: (Industry.DRUG_SUPPLY,),
    ExploitationType.CRIMINAL_CANNABIS: (Industry.DRUG_SUPPLY,),
    ExploitationType.CRIMINAL_OTHER: (Industry.OTHER,),
}
SAFE_PLACES = ("safe_house", "hotel_or_bb", "local_authority", "family_or_friends", "hospital")
SUSPECT_NATIONALITIES = ("Albanian", "Romanian", "Vietnamese", "Chinese", "Nigerian", "Polish", "Iraqi")
_MAX_PHONES_FROM_POOL = 900  # Ofcom has 1,000 drama mobiles; after these, numbers may repeat


@dataclass(frozen=True, slots=True)
class VictimPlan:
    """What happens for one victim: safety, support, the NRM route and the decisions."""

    child: bool  # treated as a child by the rules on the day, so always on the NRM route
    route: str  # "nrm_referral", "duty_to_notify" or "" (not referred)
    consent: bool | None  # an adult's answer; None for a child or someone whose age is not sure
    referred_on: date | None
    rg: tuple[date, bool] | None  # reasonable grounds: decided on, positive
    cg: tuple[date, bool] | None  # conclusive grounds
    safe_place: str
    interpreter: str  # the language, or "" when none is needed
    vlo_on: date | None
    ictg_on: date | None
    contact_on: date | None


@dataclass(frozen=True, slots=True)
class PersonPlan:
    """One person as this force records them, with what really is (``truth``)."""

    truth: TrueIdentity
    recorded: RecordedIdentity
    role: InvolvementRole
    gender: str  # as recorded: "not-known" when the statistics do not say
    nationality: str  # as recorded: "" not known
    second_nationality: str
    languages: tuple[str, ...]
    age_disputed: bool
    reason_to_believe_child: bool
    reappearance: bool  # the same person was recorded before in another force
    victim: VictimPlan | None = None
    s45_on: date | None = None  # a suspect who may be a victim: when the s45 defence was considered
    s45_applies: bool = False
    group_role: str = ""  # "principal" or "lieutenant" in the case's group


@dataclass(frozen=True, slots=True)
class GroupPlan:
    key: str
    name: str
    founding: bool  # this case records the group; otherwise it links to it


@dataclass(frozen=True, slots=True)
class CasePlan:
    """One investigation in one force, from recording to its outcome (as far as ``today``)."""

    number: int
    force: str  # organisation code
    crime_reference: str
    recorded_on: date
    exploitation_types: tuple[ExploitationType, ...]
    offences: tuple[str, ...]
    industry: Industry
    overseas: bool
    organised: bool
    people: tuple[PersonPlan, ...]
    triaged_on: date | None = None
    allocated_on: date | None = None
    cps_referred_on: date | None = None
    charged_on: date | None = None  # None after a referral: no further action
    cps_decided_on: date | None = None
    verdict: str = ""
    verdict_on: date | None = None
    order_kind: str = ""  # "stpo" or "stro"
    order_applied_on: date | None = None
    order_granted_on: date | None = None
    disruption_on: date | None = None
    closed_on: date | None = None
    outcome: OutcomeType | None = None
    group: GroupPlan | None = None

    @property
    def victims(self) -> tuple[PersonPlan, ...]:
        return tuple(p for p in self.people if p.role.is_victim)

    @property
    def suspects(self) -> tuple[PersonPlan, ...]:
        return tuple(p for p in self.people if p.role is InvolvementRole.SUSPECT)


@cache
def police_forces(organisations: str = str(ORGANISATIONS_FILE)) -> tuple[str, ...]:
    """The 43 territorial forces and BTP, by organisation code."""
    with open(organisations, encoding="utf-8") as handle:
        return tuple(o["code"] for o in json.load(handle) if o.get("kind") in POLICE_KINDS)


def _merged(tables: list[QuarterTable]) -> QuarterTable:
    totals: dict[str, int] = {}
    for table in tables:
        for name, count in table.published_totals.items():
            totals[name] = totals.get(name, 0) + count
    return QuarterTable("+".join(t.source for t in tables),
                        tuple(c for t in tables for c in t.cells), totals)


@cache
def force_distributions() -> dict[str, JointDistribution]:
    """Each police force's joint distribution where it has statistics, and all police under ""."""
    table = _merged([read_police_quarter(y, q) for y, q in STATISTICS_QUARTERS])
    matched = match_first_responders(table.first_responders())
    forces = set(police_forces())
    by_force = {code: joint_distribution(table, name) for name, code in matched.codes.items()
                if code in forces and table.total(name) > 0}
    by_force[ALL_POLICE] = joint_distribution(table, [n for n, c in matched.codes.items() if c in forces])
    return by_force


def _mean_persons() -> float:
    victims = 1 + RATES["victims_2"] + 2 * RATES["victims_3"]
    suspects = 1 - RATES["suspects_0"] + RATES["suspects_2"]
    return victims + suspects + RATES["witness"]


def _after(rng: random.Random, day: date | None, low: int, high: int, today: date) -> date | None:
    """A day ``low`` to ``high`` days after ``day``, or None when that is after today."""
    if day is None:
        return None
    later = day + timedelta(days=rng.randint(low, high))
    return later if later <= today else None


class _Planner:
    """The state one plan carries from case to case: the forces' samplers, people seen, groups."""

    def __init__(self, request: GenerateRequest, today: date) -> None:
        self.request, self.today = request, today
        self.rng = random.Random(request.seed)  # noqa: S311 - synthetic data, not security
        self.numbers, self.phones_drawn = NumberPool(), 0
        distributions = force_distributions()
        self.forces = police_forces()
        floor = min(d.total() for d in distributions.values())
        self.force_weights = [distributions[f].total() if f in distributions else floor for f in self.forces]
        self.samplers = {key: sampler(d, request.seed * 1_000_003 + i)
                         for i, (key, d) in enumerate(sorted(distributions.items()))}
        self.seen: dict[str, list[tuple[str, TrueIdentity]]] = {"victim": [], "suspect": []}
        self.pending_group: tuple[GroupPlan, str, TrueIdentity] | None = None
        self.groups = 0

    def profile(self, force: str) -> VictimProfile:
        return next(self.samplers.get(force) or self.samplers[ALL_POLICE])

    # People ----------------------------------------------------------------------------
    def identity(self, nationality: str, gender: str, age: int, on: date) -> TrueIdentity:
        rng = self.rng
        nationality = nationality or rng.choice(SUSPECT_NATIONALITIES)  # not known to the force, but real
        origin = NATIONALITY_ORIGINS.get(nationality) or rng.choice(sorted(MAIN_ORIGINS - {Origin.BRITISH}))
        pool = self.numbers if self.phones_drawn < _MAX_PHONES_FROM_POOL else None
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
        self.seen["victim" if role.is_victim else "suspect"].append((force, truth))
        return PersonPlan(truth=truth, recorded=recorded, role=role,
                          gender=gender if gender in ("female", "male", "other") else "not-known",
                          nationality=nationality, second_nationality="", languages=languages,
                          age_disputed=disputed, reason_to_believe_child=believe_child,
                          reappearance=reappearance)

    def again(self, kind: str, force: str) -> TrueIdentity | None:
        """Someone already recorded in another force, now and then."""
        elsewhere = [truth for f, truth in self.seen[kind] if f != force]
        if elsewhere and self.rng.random() < RATES["reappearance"]:
            return self.rng.choice(elsewhere)
        return None

    def victim_plan(self, person: PersonPlan, on: date) -> VictimPlan:
        rng, today = self.rng, self.today
        rec = person.recorded
        child = is_child(on=on, date_of_birth=rec.date_of_birth, estimated_age=rec.estimated_age,
                         age_disputed=person.age_disputed,
                         reason_to_believe_child=person.reason_to_believe_child)
        uncertain = not child and age_uncertain(date_of_birth=rec.date_of_birth,
                                                estimated_age=rec.estimated_age,
                                                age_disputed=person.age_disputed)
        referred_on = _after(rng, on, 0, 3, today) if rng.random() < RATES["referred"] else None
        consent = None if child or uncertain else rng.random() < RATES["consent"]
        route = "" if referred_on is None else "duty_to_notify" if consent is False else "nrm_referral"
        rg = cg = None
        if route == "nrm_referral" and rng.random() < RATES["rg"]:
            rg_on = _after(rng, referred_on, 2, 40, today)
            rg = None if rg_on is None else (rg_on, rng.random() < RATES["rg_positive"])
            if rg is not None and rg[1] and rng.random() < RATES["cg"]:
                cg_on = _after(rng, rg[0], 60, 500, today)
                cg = None if cg_on is None else (cg_on, rng.random() < RATES["cg_positive"])
        foreign = person.languages[0] != "English"
        return VictimPlan(
            child=child, route=route, consent=consent, referred_on=referred_on, rg=rg, cg=cg,
            safe_place=rng.choice(SAFE_PLACES) if rng.random() < RATES["safe_place"] else "",
            interpreter=person.languages[0] if foreign and rng.random() < RATES["interpreter"] else "",
            vlo_on=_after(rng, on, 1, 20, today) if rng.random() < RATES["vlo"] else None,
            ictg_on=on if child and rng.random() < RATES["ictg"] else None,
            contact_on=_after(rng, on, 1, 30, today) if rng.random() < RATES["contact"] else None)

    # Cases -----------------------------------------------------------------------------
    def case(self, number: int, recorded_on: date) -> CasePlan:
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
        types = (tuple(sorted(first.exploitation, key=list(ExploitationType).index))
                 or (ExploitationType.LABOUR,))
        criminal = any(t.is_criminal for t in types)
        n_suspects = (0 if rng.random() < RATES["suspects_0"] else
                      2 if rng.random() < RATES["suspects_2"] else 1)
        if linking:
            n_suspects = max(n_suspects, 1)
        people: list[PersonPlan] = []
        for i in range(n_suspects):
            truth = linking[2] if linking and i == 0 else self.again("suspect", force)
            british = rng.random() < RATES["suspect_british"]
            nationality = (truth.nationality if truth else "British" if british else
                           first.nationality if first.nationality not in ("", "British")
                           else rng.choice(SUSPECT_NATIONALITIES))
            gender = truth.gender if truth else ("male" if rng.random() < 0.75 else "female")
            people.append(self.person(force=force, role=InvolvementRole.SUSPECT, on=recorded_on, truth=truth,
                                      nationality=nationality, gender=gender, age_group=AgeGroup.ADULT,
                                      reappearance=truth is not None))
        controller = people[0].truth.phones[0] if people and people[0].truth.phones else None
        both_rate = RATES["victim_and_suspect_criminal" if criminal else "victim_and_suspect_other"]
        for profile in profiles:
            truth = self.again("victim", force)
            role = InvolvementRole.VICTIM_AND_SUSPECT if rng.random() < both_rate else InvolvementRole.VICTIM
            person = self.person(force=force, role=role, on=recorded_on, truth=truth,
                                 nationality=profile.nationality, gender=profile.gender,
                                 age_group=profile.age_group, shared_phone=controller,
                                 reappearance=truth is not None)
            s45_on = _after(rng, recorded_on, 5, 60, today) if role.is_suspect else None
            people.append(replace(person, second_nationality=profile.second_nationality,
                                  victim=self.victim_plan(person, recorded_on), s45_on=s45_on,
                                  s45_applies=s45_on is not None and rng.random() < RATES["s45_applies"]))
        if rng.random() < RATES["witness"]:
            people.append(self.person(force=force, role=InvolvementRole.WITNESS, on=recorded_on, truth=None,
                                      nationality="British", gender=rng.choice(("female", "male")),
                                      age_group=AgeGroup.ADULT))
        group = None
        if linking:
            group, self.pending_group = linking[0], None
            group = replace(group, founding=False)
            people[0] = replace(people[0], group_role="lieutenant")
        elif n_suspects and self.pending_group is None and rng.random() < RATES["organised"]:
            self.groups += 1
            group = GroupPlan(f"G{self.request.seed}-{self.groups}",
                              f"Synthetic group {self.request.seed}-{self.groups:03d}", True)
            self.pending_group = (group, force, people[0].truth)
            people[0] = replace(people[0], group_role="principal")
        plan = CasePlan(
            number=number, force=force,
            crime_reference=f"{reference_prefix(self.request.seed)}{recorded_on:%y}-{number:06d}",
            recorded_on=recorded_on, exploitation_types=types,
            offences=(("msa_2015_s1", "msa_2015_s2") if first.nationality not in ("British", "")
                      or rng.random() < 0.3 else ("msa_2015_s1",)),
            industry=rng.choice(INDUSTRIES.get(types[0], (Industry.OTHER,))),
            overseas=first.nationality not in ("British", "") and rng.random() < 0.1,
            organised=group is not None, people=tuple(people), group=group)
        return self.stages(plan)

    def stages(self, plan: CasePlan) -> CasePlan:
        """How far the case has gone by today: triage to closure, the CPS and the courts."""
        rng, today, on = self.rng, self.today, plan.recorded_on
        triaged = _after(rng, on, 0, 10, today) if rng.random() < RATES["triaged"] else None
        allocated = _after(rng, triaged, 0, 14, today) if rng.random() < RATES["allocated"] else None
        if allocated is None:
            return replace(plan, triaged_on=triaged)
        stages: dict[str, object] = {"triaged_on": triaged, "allocated_on": allocated}
        suspects = plan.suspects
        end = None
        if suspects and rng.random() < RATES["cps"]:
            referred = _after(rng, allocated, 60, 400, today)
            decided = _after(rng, referred, 14, 120, today)
            stages.update(cps_referred_on=referred, cps_decided_on=decided)
            if decided is not None and rng.random() < RATES["charge"]:
                stages["charged_on"] = decided
                verdict_on = (_after(rng, decided, 120, 500, today) if rng.random() < RATES["verdict"]
                              else None)
                if verdict_on is not None:
                    convicted = rng.random() < RATES["conviction"]
                    plea = rng.random() < RATES["guilty_plea"]
                    verdict = (("guilty_plea" if plea else "convicted_after_trial") if convicted
                               else rng.choice(("acquitted", "discontinued")))
                    stages.update(verdict=verdict, verdict_on=verdict_on, outcome=OutcomeType.CHARGED)
                    end = verdict_on
                    if convicted and rng.random() < RATES["stpo"]:
                        stages.update(order_kind="stpo", order_applied_on=verdict_on,
                                      order_granted_on=_after(rng, verdict_on, 0, 30, today)
                                      if rng.random() < RATES["granted"] else None)
            elif decided is not None:
                stages["outcome"] = OutcomeType.SUSPECT_EVIDENTIAL_DIFFICULTIES_VICTIM_SUPPORTS
                end = decided
        elif rng.random() < RATES["closed"]:
            end = _after(rng, allocated, 90, 600, today)
            declined = all(v.victim and v.victim.route == "duty_to_notify" for v in plan.victims)
            stages["outcome"] = (OutcomeType.NO_SUSPECT_IDENTIFIED if not suspects else
                                 OutcomeType.SUSPECT_EVIDENTIAL_DIFFICULTIES_VICTIM_DECLINES if declined else
                                 OutcomeType.SUSPECT_EVIDENTIAL_DIFFICULTIES_VICTIM_SUPPORTS)
        if suspects and not stages.get("order_kind") and rng.random() < RATES["stro"]:
            applied = _after(rng, allocated, 30, 200, today)
            stages.update(order_kind="stro", order_applied_on=applied,
                          order_granted_on=_after(rng, applied, 7, 60, today)
                          if rng.random() < RATES["granted"] else None)
        if rng.random() < RATES["disruption"] or plan.group is not None:
            stages["disruption_on"] = _after(rng, allocated, 10, 300, today)
        closed = _after(rng, end, 5, 60, today)
        if closed is None or any(isinstance(d, date) and d > closed for d in (stages.get("order_applied_on"),
                                                             stages.get("order_granted_on"),
                                                             stages.get("disruption_on"))):
            stages.pop("outcome", None)
        else:
            stages["closed_on"] = closed
        return replace(plan, **stages)  # type: ignore[arg-type]


def reference_prefix(seed: int) -> str:
    """How every crime reference a seed generates starts, e.g. "SYN1-" (then year and number)."""
    return f"SYN{seed}-"


def expected_cases(request: GenerateRequest) -> int:
    """About how many cases ``plan_cases`` yields: for a progress bar."""
    return max(1, round(request.size / _mean_persons()))


def _months(request: GenerateRequest, today: date) -> list[tuple[date, date]]:
    months = []
    for year in range(request.from_year, request.to_year + 1):
        for month in range(1, 13):
            start = date(year, month, 1)
            end = (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - timedelta(days=1)
            if start <= today:
                months.append((start, min(end, today)))
    return months


def plan_cases(request: GenerateRequest, *, today: date | None = None) -> Iterator[CasePlan]:
    """The cases to write, in the order recorded, until about ``request.size`` persons are planned."""
    day = today or date.today()
    planner = _Planner(request, day)
    months = _months(request, day)
    mean = _mean_persons()
    persons = number = 0
    for index, (start, end) in enumerate(months):
        # Each month takes the cases that bring the persons planned up to its share of the size.
        wanted = request.size * (index + 1) / len(months) - persons
        count = max(0, round(wanted / mean)) if index < len(months) - 1 else max(1, round(wanted / mean) + 1)
        span = (end - start).days
        days = sorted(start + timedelta(days=planner.rng.randint(0, span)) for _ in range(count))
        for recorded_on in days:
            if persons >= request.size:
                return
            number += 1
            plan = planner.case(number, recorded_on)
            persons += len(plan.people)
            yield plan
