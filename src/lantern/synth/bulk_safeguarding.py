"""The safeguarding room's part of the bulk writer: safety, support and Victims' Code updates.

The rows ``write_safeguarding._support`` makes through ``safeguarding.services.support``, for each
planned victim of the batch: the ``SafetyArrangement`` (made safe at noon on the day recorded),
the ``VictimUpdate`` for the referral to support services (owed from the day recorded when the
Victims' Code table covers it, given the next day), the ``InterpreterNeed``, the
``SupportAssignment``s (victim liaison officer, and a child's independent guardian) and the
``Contact``. ``owe`` and ``give`` make and give an update as ``victim_update_owed`` and
``write_safeguarding.give_owed`` do; the justice part uses them at charge and verdict.

Due dates and enhanced rights come from ``safeguarding.rules.victims_code``; what a service would
refuse stops the batch (``BulkPlanMismatch``) rather than being written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from lantern.safeguarding.models import (
    Contact,
    InterpreterNeed,
    SafetyArrangement,
    SupportAssignment,
    VictimUpdate,
)
from lantern.safeguarding.rules.victims_code import (
    UpdateKind,
    entitled_to_enhanced_rights,
    update_due,
)
from lantern.synth.bulk_cases import BuiltCase, BuiltPerson, Insert, refuse_unless_empty
from lantern.synth.fast_model import make
from lantern.synth.write_cases import at
from lantern.synth.write_safeguarding import code_covers

CONTACT_SUMMARY = "Checked on their safety and support."
ICTG_NAME = "Independent child trafficking guardian"


def vlo_name(force: str) -> str:
    return f"Victim liaison officer ({force})"


def owe(case: BuiltCase, victim: BuiltPerson, kind: UpdateKind, event_on: date, today: date) -> VictimUpdate:
    """The update a victim is owed for an event, as ``victim_update_owed`` records it."""
    refuse_unless_empty(case.plan, [
        "" if victim.plan.role.is_victim else f"{victim.person} is not a victim: no update is owed.",
        "The date it happened must be today or in the past." if event_on > today else ""])
    enhanced = entitled_to_enhanced_rights(
        modern_slavery_victim=True, child=victim.person.is_child_on(event_on),
        vulnerable_or_intimidated=False, persistently_targeted=False, serious_crime_bereaved=False)
    return make(VictimUpdate, involvement_id=victim.involvement.pk, kind=kind.value, event_on=event_on,
                        due_on=update_due(kind, event_on, enhanced=enhanced), enhanced=enhanced)


def give(case: BuiltCase, update: VictimUpdate, given_on: date, how: str, today: date) -> None:
    """Given on ``given_on``, as ``victim_update_given`` records it."""
    refuse_unless_empty(case.plan, [
        "The date given must be between the event and today."
        if given_on > today or given_on < update.event_on else "",
        "" if how.strip() else "Say how they were told."])
    update.given_on, update.given_by_id, update.how_given = given_on, case.staff.investigator.pk, how


def give_owed(case: BuiltCase, updates: Sequence[VictimUpdate], on: date, how: str, today: date) -> None:
    """The case's updates just owed, given as ``write_safeguarding.give_owed`` gives them."""
    for update in updates:
        give(case, update, max(update.event_on, min(on, today)), how, today)


class _Support:
    """The support rows of one batch, built before any is inserted."""

    def __init__(self) -> None:
        self.safety: list[SafetyArrangement] = []
        self.updates: list[VictimUpdate] = []
        self.interpreters: list[InterpreterNeed] = []
        self.assignments: list[SupportAssignment] = []
        self.contacts: list[Contact] = []


def _victim(case: BuiltCase, victim: BuiltPerson, today: date, rows: _Support) -> None:
    plan, planned, user_id = case.plan, victim.plan.victim, case.staff.investigator.pk
    if planned is None:
        return
    refuse_unless_empty(plan, ["" if victim.plan.role.is_victim else f"{victim.person} is not a victim."])
    on, involvement_id = plan.recorded_on, victim.involvement.pk
    if planned.safe_place:
        refuse_unless_empty(plan, [
            "" if planned.safe_place in SafetyArrangement.Place.values
            else "Choose where they were made safe.",
            "A police station is a last resort: say why nowhere else was possible."
            if planned.safe_place == SafetyArrangement.Place.POLICE_STATION else ""])
        rows.safety.append(make(SafetyArrangement, involvement_id=involvement_id, place=planned.safe_place,
                                             arranged_at=at(on, 12), recorded_by_id=user_id))
    if code_covers(UpdateKind.REFERRAL_TO_SUPPORT_SERVICES, on):
        update = owe(case, victim, UpdateKind.REFERRAL_TO_SUPPORT_SERVICES, on, today)
        how = "In person, with an interpreter" if planned.interpreter else "In person"
        give(case, update, min(on + timedelta(days=1), today), how, today)
        rows.updates.append(update)
    if planned.interpreter:
        refuse_unless_empty(plan, ["" if planned.interpreter.strip() else
                                   "Record the language the victim needs interpreting."])
        rows.interpreters.append(make(InterpreterNeed, involvement_id=involvement_id,
                                      language=planned.interpreter))
    if planned.vlo_on:
        rows.assignments.append(make(SupportAssignment,
            involvement_id=involvement_id, kind=SupportAssignment.Kind.VLO, name=vlo_name(plan.force),
            assigned_on=planned.vlo_on, recorded_by_id=user_id))
    if planned.ictg_on:
        refuse_unless_empty(plan, [
            "" if victim.person.is_child_on(planned.ictg_on) else
            "Independent child trafficking guardians are for children."])
        rows.assignments.append(make(SupportAssignment,
            involvement_id=involvement_id, kind=SupportAssignment.Kind.ICTG, name=ICTG_NAME,
            assigned_on=planned.ictg_on, recorded_by_id=user_id))
    if planned.contact_on:
        rows.contacts.append(make(Contact, involvement_id=involvement_id, at=at(planned.contact_on, 11),
                                     method=Contact.Method.PHONE, summary=CONTACT_SUMMARY,
                                     interpreter_used=bool(planned.interpreter), recorded_by_id=user_id))


def support(cases: Sequence[BuiltCase], today: date, insert: Insert) -> dict[str, int]:
    """Each planned victim's safety and support, as ``write_safeguarding._support`` leaves them."""
    rows = _Support()
    for case in cases:
        for person in case.people:
            _victim(case, person, today, rows)
    insert(SafetyArrangement, rows.safety)
    insert(VictimUpdate, rows.updates)
    insert(InterpreterNeed, rows.interpreters)
    insert(SupportAssignment, rows.assignments)
    insert(Contact, rows.contacts)
    return {"safety_arrangements": len(rows.safety), "victim_updates": len(rows.updates),
            "interpreter_needs": len(rows.interpreters), "support_assignments": len(rows.assignments),
            "contacts": len(rows.contacts)}
