"""A frontline officer's encounter with a possible victim: safety first, then the right route."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date

from django.db import transaction

from lantern.accounts.models import User
from lantern.cases import services as cases
from lantern.cases.models import Involvement
from lantern.cases.rules import ExploitationLocation, ExploitationType, InvolvementRole, Offence
from lantern.safeguarding.rules.victims_code import UpdateKind
from lantern.safeguarding.services.common import today
from lantern.safeguarding.services.support import safety_arrangement_record, victim_update_owed


def provisional_reference() -> str:
    """A reference for a crime recorded at the roadside, before the force's system gives one."""
    return f"ENC-{today():%y%m%d}-{secrets.token_hex(3).upper()}"


@transaction.atomic
def encounter_record(
    *,
    user: User,
    place_of_safety: str,
    why_police_station: str = "",
    exploitation_types: Iterable[ExploitationType],
    exploitation_location: ExploitationLocation = ExploitationLocation.UK,
    what_was_seen: str = "",
    crime_reference: str = "",
    first_name: str = "",
    last_name: str = "",
    date_of_birth: date | None = None,
    estimated_age: int | None = None,
    age_disputed: bool = False,
    reason_to_believe_child: bool = False,
    gender: str = "not-known",
    nationality: str = "",
    languages: Iterable[str] = (),
) -> Involvement:
    """Record the crime, the person as a victim spoken to today, where they were made safe, and
    the Victims' Code referral to support services now owed. All of it, or none of it."""
    investigation = cases.investigation_record(
        user=user, crime_reference=crime_reference or provisional_reference(), recorded_on=today(),
        offences=[Offence.MSA_S1], exploitation_types=exploitation_types,
        exploitation_location=exploitation_location,
        summary=what_was_seen,
    )
    involvement = cases.person_add_to_investigation(
        user=user, investigation_id=investigation.pk, role=InvolvementRole.VICTIM,
        first_name=first_name, last_name=last_name, date_of_birth=date_of_birth,
        estimated_age=estimated_age, age_disputed=age_disputed,
        reason_to_believe_child=reason_to_believe_child, gender=gender, nationality=nationality,
        languages=languages)
    cases.victim_spoken_to_record(user=user, involvement_id=involvement.pk, on=today())
    safety_arrangement_record(user=user, involvement_id=involvement.pk, place=place_of_safety,
                              why_police_station=why_police_station)
    victim_update_owed(user=user, involvement_id=involvement.pk,
                       kind=UpdateKind.REFERRAL_TO_SUPPORT_SERVICES, event_on=today())
    involvement.refresh_from_db()
    return involvement
