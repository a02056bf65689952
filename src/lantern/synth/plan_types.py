"""The plan's shapes: one investigation, its people and what happens to each, as plain dataclasses.

Plain Python: no Django. The planner (``planner.py``) makes them; either writer (``writer.py``
through the services, ``bulk.py`` by ``bulk_create``) turns them into rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lantern.cases.rules import ExploitationType, Industry, InvolvementRole, OutcomeType
from lantern.synth.identities import TrueIdentity
from lantern.synth.variants import RecordedIdentity


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
    verdict: str = ""  # a suspect charged: their verdict, on the case's ``verdict_on``


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
    # The organisation code of the first responder (not the police) whose NRM referral the SCA
    # passed to the force, which recorded the crime from it (Home Office Counting Rules); "" when
    # the force itself found the victim.
    first_responder: str = ""

    @property
    def victims(self) -> tuple[PersonPlan, ...]:
        return tuple(p for p in self.people if p.role.is_victim)

    @property
    def suspects(self) -> tuple[PersonPlan, ...]:
        return tuple(p for p in self.people if p.role is InvolvementRole.SUSPECT)


