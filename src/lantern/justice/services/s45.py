"""Recording a consideration of the s45 defence, and the modern slavery crime it may oblige."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.db import transaction

from lantern.accounts.models import User
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases import services as cases
from lantern.cases.models import Investigation, Involvement
from lantern.cases.rules import ExploitationLocation, ExploitationType, Industry, InvolvementRole, Offence
from lantern.justice.models import S45Consideration
from lantern.justice.rules.s45 import (
    AgeGroup,
    S45Assessment,
    assessment_problems,
    consideration_due,
    defence_applies,
    excluded_offence_problem,
    exploiter_crime_problem,
    tests_for,
)
from lantern.justice.rules.schedule4 import excluded
from lantern.justice.services.common import JusticeRefused, suspect_involvement, today

_MODERN_SLAVERY_OFFENCES = {Offence.MSA_S1.value, Offence.MSA_S2.value, Offence.MSA_S4.value}


def age_group_of(involvement: Involvement, on: date) -> AgeGroup:
    return AgeGroup.UNDER_18 if involvement.person.is_child_on(on) else AgeGroup.ADULT


def is_due(involvement: Involvement) -> bool:
    """Is a consideration due for this person? A victim who is also a suspect, always."""
    role = involvement.role_enum
    return consideration_due(is_victim=role.is_victim, is_suspect=role.is_suspect,
                             slavery_indicators=role.is_victim)


def _records_modern_slavery(investigation: Investigation) -> bool:
    return investigation.offences.filter(offence__in=_MODERN_SLAVERY_OFFENCES).exists()


@transaction.atomic
def s45_consider(*, user: User, involvement_id: int, offence: str, answers: Mapping[str, bool | None],
                 offence_pursued: bool, rationale: str, schedule4_code: str = "",
                 decided_on: date | None = None, act_done_on: date | None = None) -> S45Consideration:
    """Record whether the s45 defence applies to this suspect for this offence, and why.

    The tests are those for the person's age when they did the act. A Schedule 4 offence is
    refused the defence. Where the defence applies and the offence is not pursued, a modern slavery
    crime must stand against the exploiter: this investigation if it records one, else a new one
    is recorded with the person as its victim (seed 002 §12.20).
    """
    involvement = suspect_involvement(user, involvement_id)
    day = decided_on or today()
    problems = []
    if not offence.strip():
        problems.append("Say which offence the person is suspected of.")
    if not rationale.strip():
        problems.append("Give your reasons, on the evidence: the consideration is a record for the CPS.")
    if day > today():
        problems.append("The date of the decision must be today or in the past.")
    excluded_offence = excluded(schedule4_code) if schedule4_code else None
    if schedule4_code and excluded_offence is None:
        problems.append(f"{schedule4_code!r} is not an offence in Schedule 4: choose from the list or "
                        "leave it blank.")
    age_group = age_group_of(involvement, act_done_on or day)
    keys = {test.key for test in tests_for(age_group)}
    assessment = S45Assessment(age_group=age_group,
                               answers={k: v for k, v in answers.items() if k in keys},
                               offence_excluded=excluded_offence)
    applies = defence_applies(assessment)
    if excluded_offence is None:
        problems.extend(assessment_problems(assessment))
    elif defence_applies(S45Assessment(age_group, assessment.answers, None)):
        # Every test met, but for an offence the defence does not cover: refused, not recorded.
        problems.append(excluded_offence_problem(excluded_offence))
    JusticeRefused.unless_empty(problems)
    investigation = involvement.investigation
    exploiter_crime = None
    if applies and not offence_pursued:
        exploiter_crime = (investigation if _records_modern_slavery(investigation)
                           else _record_exploiter_crime(user, involvement))
    missing = exploiter_crime_problem(defence_applies=applies, offence_pursued=offence_pursued,
                                      exploiter_crime_recorded=exploiter_crime is not None)
    JusticeRefused.unless_empty([missing or ""])
    consideration = S45Consideration.objects.create(
        involvement=involvement, offence=offence.strip(), schedule4_code=schedule4_code,
        age_group=age_group.value, answers=dict(assessment.answers), defence_applies=applies,
        offence_pursued=offence_pursued, rationale=rationale, exploiter_crime=exploiter_crime,
        decided_by=user, decided_on=day)
    event_record(action=Action.ALTERATION, actor=user, obj=involvement.person,
                 detail={"fields": ["s45_consideration"], "defence_applies": applies,
                         "schedule4": bool(excluded_offence)})
    return consideration


def _record_exploiter_crime(user: User, involvement: Involvement) -> Investigation:
    """A new modern slavery crime against the (possibly unknown) exploiter, the person its victim."""
    investigation = involvement.investigation
    types = [ExploitationType(e) for e in
             investigation.exploitation_types.values_list("exploitation_type", flat=True)]
    crime = cases.investigation_record(
        user=user, crime_reference=f"{investigation.crime_reference}-S45", recorded_on=today(),
        offences=[Offence.MSA_S1, Offence.MSA_S2],
        exploitation_types=types or [ExploitationType.CRIMINAL_OTHER],
        summary=f"Recorded against the exploiter after the s45 defence was found to apply to a suspect "
                f"in {investigation.crime_reference}, whose offence is not being pursued.",
        exploitation_location=ExploitationLocation(investigation.exploitation_location),
        industry=Industry(investigation.industry),
    )
    cases.involvement_add(user=user, investigation_id=crime.pk, person_id=involvement.person_id,
                          role=InvolvementRole.VICTIM)
    return crime
