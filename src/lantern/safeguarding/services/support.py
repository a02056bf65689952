"""Making a victim safe and supporting them: place of safety, supporters, interpreter, Victims'
Code updates and the contact log."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from lantern.access.rules import Capability
from lantern.access.scope import get_visible, require
from lantern.accounts.models import User
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.safeguarding.models import (
    Contact,
    InterpreterNeed,
    SafetyArrangement,
    SupportAssignment,
    VictimUpdate,
)
from lantern.safeguarding.rules.victims_code import (
    NoDeadlineInForce,
    UpdateKind,
    entitled_to_enhanced_rights,
    interpreter_problems,
    update_due,
)
from lantern.safeguarding.services.common import SafeguardingRefused, today, victim_involvement


@transaction.atomic
def safety_arrangement_record(*, user: User, involvement_id: int, place: str,
                              arranged_at: datetime | None = None, why_police_station: str = "",
                              notes: str = "") -> SafetyArrangement:
    """Where the victim was made safe. A police station is a last resort and must say why."""
    involvement = victim_involvement(user, involvement_id)
    if place not in SafetyArrangement.Place.values:
        raise SafeguardingRefused("Choose where they were made safe.")
    if place == SafetyArrangement.Place.POLICE_STATION and not why_police_station.strip():
        raise SafeguardingRefused("A police station is a last resort: say why nowhere else was "
                                  "possible.")
    when = arranged_at or timezone.now()
    if when > timezone.now():
        raise SafeguardingRefused("The time they were made safe must not be in the future.")
    arrangement = SafetyArrangement.objects.create(
        involvement=involvement, place=place, arranged_at=when,
        why_police_station=why_police_station, notes=notes, recorded_by=user)
    event_record(action=Action.ALTERATION, actor=user, obj=involvement.person,
                 detail={"fields": ["safety_arrangements"], "place": place})
    return arrangement


@transaction.atomic
def support_assign(*, user: User, involvement_id: int, kind: str, name: str = "", contact: str = "",
                   assigned_on: date | None = None,
                   colleague_id: int | None = None) -> SupportAssignment:
    """Assign a VLO, navigator, guardian or support worker to a victim. A colleague with a Lantern
    account (``colleague_id``) then sees this victim's Victims' Code updates on their task list."""
    involvement = victim_involvement(user, involvement_id)
    colleague = None
    if colleague_id is not None:
        colleague = get_visible(user, User.objects.filter(is_active=True), Capability.SEE_COLLEAGUES,
                                pk=colleague_id)
        name = name.strip() or str(colleague)
    problems = []
    if kind not in SupportAssignment.Kind.values:
        problems.append("Choose who is supporting them.")
    if not name.strip():
        problems.append("Give the supporter's name.")
    on = assigned_on or today()
    if kind == SupportAssignment.Kind.ICTG and not involvement.person.is_child_on(on):
        problems.append("Independent child trafficking guardians are for children: choose another "
                        "kind of support for an adult.")
    SafeguardingRefused.unless_empty(problems)
    assignment = SupportAssignment.objects.create(involvement=involvement, kind=kind, name=name,
                                                  user=colleague, contact=contact, assigned_on=on,
                                                  recorded_by=user)
    event_record(action=Action.ALTERATION, actor=user, obj=involvement.person,
                 detail={"fields": ["supporters"], "kind": kind})
    return assignment


@transaction.atomic
def interpreter_need_set(*, user: User, involvement_id: int, language: str, preferred_sex: str = "",
                         interpreter_name: str = "", interpreter_sex: str = "",
                         brought_by_someone_present: bool = False) -> tuple[InterpreterNeed, list[str]]:
    """Record the victim's interpreter need; returns the warnings an officer must see.

    An interpreter brought by someone present is refused outright (seed 002 §12.7): they may be
    the exploiter's. The wrong sex, or a change of interpreter, is recorded with a warning.
    """
    involvement = victim_involvement(user, involvement_id)
    existing = InterpreterNeed.objects.filter(involvement=involvement).first()
    same = None
    if existing and existing.interpreter_name and interpreter_name:
        same = existing.interpreter_name.strip().lower() == interpreter_name.strip().lower()
    warnings = interpreter_problems(language=language, preferred_sex=preferred_sex or None,
                                    interpreter_sex=interpreter_sex or None, same_as_before=same,
                                    brought_by_someone_present=brought_by_someone_present)
    if brought_by_someone_present or not language.strip():
        raise SafeguardingRefused(*[w for w in warnings if "language" in w.lower()
                                    or "present" in w.lower()] or warnings)
    need, _ = InterpreterNeed.objects.update_or_create(
        involvement=involvement,
        defaults={"language": language, "preferred_sex": preferred_sex,
                  "interpreter_name": interpreter_name, "interpreter_sex": interpreter_sex})
    event_record(action=Action.ALTERATION, actor=user, obj=involvement.person,
                 detail={"fields": ["interpreter_need"], "warnings": len(warnings)})
    return need, warnings


@transaction.atomic
def victim_update_owed(*, user: User, involvement_id: int, kind: UpdateKind,
                       event_on: date) -> VictimUpdate:
    """Something happened that the victim must be told of; the Code sets the working days."""
    involvement = victim_involvement(user, involvement_id)
    if event_on > today():
        raise SafeguardingRefused("The date it happened must be today or in the past.")
    enhanced = entitled_to_enhanced_rights(
        modern_slavery_victim=True, child=involvement.person.is_child_on(event_on),
        vulnerable_or_intimidated=False, persistently_targeted=False, serious_crime_bereaved=False)
    try:
        due_on = update_due(kind, event_on, enhanced=enhanced)
    except NoDeadlineInForce:
        # The Code's deadlines Lantern holds start in November 2015: an earlier day is a mistyped date.
        raise SafeguardingRefused(
            f"No Victims' Code deadline was in force on {event_on:%d %B %Y} for Lantern to count from: "
            "check the date it happened.") from None
    update = VictimUpdate.objects.create(involvement=involvement, kind=kind.value, event_on=event_on,
                                         due_on=due_on, enhanced=enhanced)
    event_record(action=Action.ALTERATION, actor=user, obj=involvement.person,
                 detail={"fields": ["victim_updates"], "kind": kind.value})
    return update


@transaction.atomic
def victim_update_given(*, user: User, update_id: int, given_on: date, how: str) -> VictimUpdate:
    require(user, Capability.SAFEGUARD)
    update = get_visible(user, VictimUpdate.objects.select_for_update().select_related(
        "involvement__person"), Capability.SAFEGUARD, pk=update_id)
    problems = []
    if update.given_on is not None:
        problems.append("This update was already recorded as given.")
    if given_on > today() or given_on < update.event_on:
        problems.append("The date given must be between the event and today.")
    if not how.strip():
        problems.append("Say how they were told (in person, phone, letter, through their supporter).")
    SafeguardingRefused.unless_empty(problems)
    update.given_on, update.given_by, update.how_given = given_on, user, how
    update.save()
    event_record(action=Action.ALTERATION, actor=user, obj=update.involvement.person,
                 detail={"fields": ["victim_updates"], "given": update.kind})
    return update


@transaction.atomic
def contact_record(*, user: User, involvement_id: int, at: datetime, method: str, summary: str,
                   interpreter_used: bool = False) -> Contact:
    involvement = victim_involvement(user, involvement_id)
    problems = []
    if method not in Contact.Method.values:
        problems.append("Choose how you were in contact.")
    if at > timezone.now():
        problems.append("The contact's time must not be in the future.")
    if not summary.strip():
        problems.append("Summarise the contact.")
    SafeguardingRefused.unless_empty(problems)
    contact = Contact.objects.create(involvement=involvement, at=at, method=method, summary=summary,
                                     interpreter_used=interpreter_used, recorded_by=user)
    event_record(action=Action.ALTERATION, actor=user, obj=involvement.person,
                 detail={"fields": ["contacts"]})
    return contact
