"""The live "seen before?" look-up: likely matches for a record as an officer types it, before it is saved.

The candidates come from the persistent blocking index (``BlockingKey``, hashed keys mirroring
the batch run's blocking rules), kept up to date as records are saved (``index_people``) and
rebuilt by each national run; each candidate is scored with the latest run's trained model
(``engine.explain``, pure Python), so the look-up never re-joins the whole index. What the
officer sees of a match in another force is that it exists, its strength and whom to contact,
unless their role sees linked records. Every look-up is a consultation in the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lantern.access.rules import Capability
from lantern.access.scope import across_forces, can, require
from lantern.accounts.models import User
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases.models import Person
from lantern.linkage import engine
from lantern.linkage.blocking import lookup_keys
from lantern.linkage.model import prior_settings
from lantern.linkage.models import BlockingKey, LinkRun
from lantern.linkage.normalise import features
from lantern.linkage.queries import contacts_for_people
from lantern.linkage.records import PersonRecord
from lantern.linkage.rules import RunStatus, strength
from lantern.linkage.sources import person_id_of, records_for

CANDIDATES_SCORED = 200   # a very common name's block is cut here, the most-shared keys first
SHOWN = 5
LIVE_THRESHOLD = 0.5      # below the batch run's 0.9: the officer is asked to look, not told


@dataclass(frozen=True)
class SeenBefore:
    """One likely earlier record of the person being entered, as this officer may see it."""

    probability: float
    strength: str
    force: str
    shown: bool
    person_id: int | None = None       # only when shown
    name: str = ""
    contacts: tuple[str, ...] = ()     # whom to contact when not shown
    agreed: tuple[str, ...] = ()       # which details agreed, in words


def trained_model() -> dict[str, Any]:
    """The latest finished run's model, or the fixed priors before any run."""
    run = LinkRun.objects.filter(status=RunStatus.FINISHED.value).exclude(model={}).only("model").first()
    return run.model if run is not None else prior_settings()


_scorers: dict[int | None, engine.Scorer] = {}


def _scorer() -> engine.Scorer:
    """The latest finished run's model as a ``Scorer``, made once per run (not once per look-up:
    reading and preparing the model cost more than scoring a hundred candidates)."""
    latest = LinkRun.objects.filter(status=RunStatus.FINISHED.value).exclude(model={}).values_list(
        "pk", flat=True).first()
    if latest not in _scorers:
        _scorers.clear()
        _scorers[latest] = engine.Scorer(trained_model())
    return _scorers[latest]


def seen_before(*, user: User, record: PersonRecord, exclude: Iterable[int] = ()) -> list[SeenBefore]:
    """Likely matches for ``record`` anywhere in Lantern, strongest first. Audited as a consultation."""
    require(user, Capability.RECORD_ENCOUNTER)
    keys = lookup_keys(features(record))
    left_out = set(exclude)
    candidates = _candidates(keys, left_out)
    found: list[tuple[engine.Match, PersonRecord]] = []
    if candidates:
        scorer = _scorer()
        # Without associates: the new record is in no investigation yet, so no candidate can list
        # it, and an associate is compared by name only when both records are scored together
        # with the associates' own records (the batch run), never here.
        for other in records_for(candidates, associates=False):
            match = scorer.explain(record, other)
            if match.probability >= LIVE_THRESHOLD:
                found.append((match, other))
    found.sort(key=lambda pair: -pair[0].probability)
    people = {p.pk: p for p in across_forces(Person.objects.filter(
        pk__in=[person_id_of(o.unique_id) for _, o in found[:SHOWN]]),
        purpose="linkage").select_related("organisation")}
    sees_all = can(user, Capability.SEE_LINKED_RECORDS)
    elsewhere = contacts_for_people([p for p in people.values()
                                     if p.organisation_id != user.organisation_id and not sees_all])
    results = []
    for match, other in found[:SHOWN]:
        person = people[person_id_of(other.unique_id)]
        mine = person.organisation_id == user.organisation_id or sees_all
        agreed = tuple(f"{p.comparison}: {p.level}" for p in match.parts if p.match_weight > 0)
        results.append(SeenBefore(
            probability=match.probability, strength=strength(match.probability),
            force=person.organisation.name,
            shown=mine, person_id=person.pk if mine else None, name=str(person) if mine else "",
            contacts=() if mine else elsewhere[person.pk], agreed=agreed))
    event_record(action=Action.CONSULTATION, actor=user, object_type="linkage.seen_before",
                 detail={"view": "seen before", "candidates": len(candidates), "likely": len(found),
                         "shown": sum(1 for r in results if r.shown),
                         "other_forces": sum(1 for r in results if not r.shown)})
    return results


def _candidates(keys: set[int], exclude: set[int]) -> list[int]:
    if not keys:
        return []
    hits: dict[int, int] = {}
    for person_id in across_forces(BlockingKey.objects.filter(key__in=list(keys)),
                                   purpose="linkage").values_list(
            "person_id", flat=True)[:20 * CANDIDATES_SCORED]:
        if person_id not in exclude:
            hits[person_id] = hits.get(person_id, 0) + 1
    return sorted(hits, key=lambda p: (-hits[p], p))[:CANDIDATES_SCORED]
