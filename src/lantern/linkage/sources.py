"""Lantern's person records as the engine reads them (``PersonRecord``), from every force.

Read in a handful of flat queries (values, not model instances), so a million records fit in the
national run's time and memory: the people, their identifiers, and who appears with whom (the
same investigation or organised crime group: "associates").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from django.db.models import QuerySet

from lantern.access.scope import across_forces
from lantern.cases.models import GroupMembership, Identifier, Involvement, Person
from lantern.cases.rules import IdentifierKind
from lantern.linkage.records import PersonRecord

ASSOCIATES_KEPT = 20  # a big operation's investigation holds hundreds: the nearest few are enough
_FIELDS = {
    IdentifierKind.PHONE.value: "phones",
    IdentifierKind.EMAIL.value: "emails",
    IdentifierKind.ADDRESS.value: "addresses",
    IdentifierKind.VEHICLE.value: "vehicles",
    IdentifierKind.DOCUMENT.value: "documents",
}


def record_id(person_id: int) -> str:
    return f"p{person_id}"


def person_id_of(unique_id: str) -> int:
    """The Person's key behind an engine record id ("p123")."""
    if not unique_id.startswith("p") or not unique_id[1:].isdigit():
        raise ValueError(f"{unique_id!r} is not a Lantern person record.")
    return int(unique_id[1:])


def every_person_record() -> list[PersonRecord]:
    """Every person record in every force (the national run's read; the caller audits it)."""
    return records_for(across_forces(Person.objects.all(), purpose="linkage").values_list("pk", flat=True))


def records_for(person_ids: Iterable[int], *, associates: bool = True) -> list[PersonRecord]:
    """These people's records (ids the caller has already scoped), in id order.

    ``associates=False`` leaves out who appears with whom, for a caller that scores records
    without their associates' names (the live look-up, the blocking index): two fewer queries.
    """
    wanted = sorted(set(person_ids))
    people = across_forces(
        Person.objects.filter(pk__in=wanted) if len(wanted) < 5000 else Person.objects.all(),
        purpose="linkage")
    chosen = set(wanted)
    extras: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for person_id, kind, value in across_forces(Identifier.objects.all(), purpose="linkage").filter(
            person_id__in=people.values("pk")).order_by("person_id", "pk").values_list(
                "person_id", "kind", "value"):
        if person_id in chosen and kind in _FIELDS:
            extras[person_id][_FIELDS[kind]].append(value)
    together = _associates(chosen, people) if associates else {}
    records = []
    for row in people.order_by("pk").values_list(
            "pk", "organisation__code", "first_name", "last_name", "aliases", "date_of_birth",
            "estimated_age", "created_at", "gender", "nationality"):
        pk, force, first, last, aliases, born, estimated, created, gender, nationality = row
        if pk not in chosen:
            continue
        found = extras.get(pk, {})
        records.append(PersonRecord(
            unique_id=record_id(pk), source=force, given_name=first, family_name=last,
            aliases=tuple(a for a in (aliases or []) if isinstance(a, str) and a.strip()),
            date_of_birth=born, estimated_age=estimated,
            age_on=_day(created) if estimated is not None else None,
            sex=gender, nationality=nationality,
            phones=tuple(found.get("phones", ())), emails=tuple(found.get("emails", ())),
            addresses=tuple(found.get("addresses", ())), vehicles=tuple(found.get("vehicles", ())),
            documents=tuple(found.get("documents", ())),
            associates=tuple(record_id(a) for a in together.get(pk, ())),
        ))
    return records


def _day(moment: object) -> date | None:
    return moment.date() if hasattr(moment, "date") else None


def _associates(chosen: set[int], people: QuerySet[Person]) -> Mapping[int, Sequence[int]]:
    """Who appears with each person: in the same investigation or the same organised crime group."""
    together: dict[tuple[str, int], list[int]] = defaultdict(list)
    for investigation_id, person_id in across_forces(Involvement.objects.all(), purpose="linkage").filter(
            person_id__in=people.values("pk")).values_list("investigation_id", "person_id"):
        together[("investigation", investigation_id)].append(person_id)
    for group_id, person_id in across_forces(GroupMembership.objects.all(), purpose="linkage").filter(
            person_id__in=people.values("pk")).values_list("group_id", "person_id"):
        together[("group", group_id)].append(person_id)
    found: dict[int, list[int]] = defaultdict(list)
    for members in together.values():
        for person_id in members:
            if person_id in chosen:
                mine = found[person_id]
                for other in members:
                    if other != person_id and other not in mine and len(mine) < ASSOCIATES_KEPT:
                        mine.append(other)
    return found
