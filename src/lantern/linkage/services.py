"""What people and jobs do in the linkage room: run the national linkage, decide on a match.

A run computes first (the engine, outside any transaction) and then keeps everything in one
transaction: the stable person ids, their history, the suggested matches, the notices to the
officers whose records are joined, and the audit events. A failed run keeps nothing but its error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from lantern.access.rules import Capability
from lantern.access.scope import across_forces, get_visible, require
from lantern.accounts.models import RoleGrant, User
from lantern.accounts.rules import Role
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases.models import Involvement, Person
from lantern.linkage import backends, engine
from lantern.linkage.index import index_missing
from lantern.linkage.models import (
    ClusterChange,
    ClusterMember,
    ConnectionNotice,
    LinkRun,
    MatchDecision,
    SuggestedMatch,
)
from lantern.linkage.rules import DecisionOutcome, NoticeReason, RunStatus, connection_of, pair
from lantern.linkage.run_liveness import run_lock_release, run_lock_take, runs_abandoned_fail
from lantern.linkage.sources import every_person_record, person_id_of
from lantern.problems import Refused

Progress = Callable[[str, float], None]
ENGINES = backends.ENGINES


class LinkageError(Refused):
    """A linkage request that cannot be carried out, with the reason in words."""


def run_request(*, user: User | None, engine_name: str = "duckdb", threshold: float = 0.9) -> LinkRun:
    """Queue a national linkage run (``user`` None: from the command line on the server)."""
    if user is not None:
        require(user, Capability.RUN_LINKAGE)
    if (reason := backends.unavailable(engine_name)) is not None:
        raise LinkageError(reason)
    if not 0.5 <= threshold < 1:
        raise LinkageError("The match threshold must be a probability from 0.5 up to (not including) 1.")
    runs_abandoned_fail()  # a run whose worker died says so, rather than "running" beside the new one
    return LinkRun.objects.create(requested_by=user, engine=engine_name, threshold=threshold)


def run_execute(*, run_id: int, progress: Progress | None = None) -> LinkRun:
    """Carry out a queued run: link every record, then keep the results. Raises on failure."""
    runs_abandoned_fail()
    run = LinkRun.objects.get(pk=run_id)
    if run.status != RunStatus.QUEUED.value:
        raise LinkageError(f"Linkage run {run.pk} is {run.status}, not queued.")
    # Held from before the run is marked running until it has finished or failed: a run marked
    # running whose lock is free was abandoned (``run_liveness``).
    if not run_lock_take(run.pk):
        raise LinkageError(f"Linkage run {run.pk} is already being carried out.")
    try:
        return _carry_out(run, progress)
    finally:
        run_lock_release(run.pk)


def _carry_out(run: LinkRun, progress: Progress | None) -> LinkRun:
    LinkRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING.value, started_at=timezone.now())

    def report(stage: str, fraction: float) -> None:
        LinkRun.objects.filter(pk=run.pk).update(stage=stage, fraction=round(fraction, 3))
        if progress is not None:
            progress(stage, fraction)

    try:
        report("reading records", 0.0)
        records = every_person_record()
        previous = dict(ClusterMember.objects.values_list("person_id", "cluster_id"))
        decisions = [engine.Decision(left=f"p{left}", right=f"p{right}",
                                     same=DecisionOutcome(outcome).same is True)
                     for left, right, outcome in MatchDecision.objects.exclude(
                         outcome=DecisionOutcome.UNSURE.value).values_list("left_id", "right_id", "outcome")]
        earlier = LinkRun.objects.filter(status=RunStatus.FINISHED.value).exclude(model={}).first()
        result = engine.link(records, threshold=run.threshold,
                             previous={f"p{k}": v for k, v in previous.items()}, decisions=decisions,
                             # The last trained model is where training starts (and serves as it is
                             # when there are too few records to train on).
                             model=earlier.model if earlier is not None else None,
                             engine=run.engine, progress=report)
        report("indexing", 0.0)
        index_missing(records)  # the live look-up's index: records the bulk path wrote, not yet filed
    except Exception as error:
        LinkRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED.value,
                                                 error=f"{type(error).__name__}: {error}",
                                                 finished_at=timezone.now())
        raise
    _keep(run, len(records), result, previous)
    run.refresh_from_db()
    return run


@transaction.atomic
def _keep(run: LinkRun, records: int, result: engine.LinkResult, previous: dict[int, str]) -> None:
    clusters = {person_id_of(uid): cid for uid, cid in result.clusters.items()}
    changes = _changes(previous, clusters)
    ClusterMember.objects.filter(person_id__in=[p for p in previous if p not in clusters]).delete()
    ClusterMember.objects.bulk_create(
        [ClusterMember(person_id=p, cluster_id=c, run=run) for p, c in clusters.items()],
        update_conflicts=True, unique_fields=["person"], update_fields=["cluster_id", "run"], batch_size=2000)
    ClusterChange.objects.bulk_create(
        [ClusterChange(run=run, kind=k, cluster_id=c, detail=d) for k, c, d in changes])
    matches = _matches(run, result.matches)
    notices = _notify(matches)
    LinkRun.objects.filter(pk=run.pk).update(
        status=RunStatus.FINISHED.value, stage="finished", fraction=1.0, finished_at=timezone.now(),
        records=records, matches=len(matches), clusters=len(set(clusters.values())),
        merges=sum(1 for k, _, _ in changes if k == "merged"),
        splits=sum(1 for k, _, _ in changes if k == "split"),
        connections=sum(1 for m in matches if m.cross_force or m.cross_investigation),
        model=result.model, seconds=result.seconds)
    event_record(action=Action.COMBINATION, actor=run.requested_by, object_type="linkage.run",
                 object_id=str(run.pk),
                 detail={"records": records, "matches": len(matches), "notices": notices,
                         "purpose": "cross-force linkage (every force's person records read)"})


def _changes(previous: dict[int, str], clusters: dict[int, str]) -> list[tuple[str, str, dict[str, Any]]]:
    """Each stable id's change in this run: made new, split off another, merged away."""
    before: dict[str, set[int]] = defaultdict(set)
    after: dict[str, set[int]] = defaultdict(set)
    for person, cluster in previous.items():
        before[cluster].add(person)
    for person, cluster in clusters.items():
        after[cluster].add(person)
    changes: list[tuple[str, str, dict[str, Any]]] = []
    for cluster, members in sorted(after.items()):
        if cluster in before:
            continue
        came_from = sorted({previous[p] for p in members if p in previous})
        changes.append(("split" if came_from else "new", cluster,
                        {"from": came_from, "records": len(members)}))
    for cluster, members in sorted(before.items()):
        if cluster not in after:
            went_to = sorted({clusters[p] for p in members if p in clusters})
            changes.append(("merged", cluster, {"into": went_to, "records": len(members)}))
    return changes


def _matches(run: LinkRun, found: Iterable[engine.Match]) -> list[SuggestedMatch]:
    """Keep this run's suggestions (replacing earlier scores of the same pairs), with their connection."""
    pairs = [(pair(person_id_of(m.left), person_id_of(m.right)), m) for m in found]
    people = {p for (left, right), _ in pairs for p in (left, right)}
    force = dict(across_forces(Person.objects.filter(pk__in=people), purpose="linkage")
                 .values_list("pk", "organisation_id"))
    cases: dict[int, set[int]] = defaultdict(set)
    for person_id, investigation_id in across_forces(Involvement.objects.filter(person_id__in=people),
                                                     purpose="linkage").values_list(
            "person_id", "investigation_id"):
        cases[person_id].add(investigation_id)
    rows = []
    for (left, right), match in pairs:
        joined = connection_of(force[left], force[right], cases[left], cases[right])
        rows.append(SuggestedMatch(
            left_id=left, right_id=right, run=run, probability=match.probability,
            match_weight=match.match_weight,
            parts=[{"comparison": p.comparison, "level": p.level, "match_weight": round(p.match_weight, 3)}
                   for p in match.parts],
            cross_force=joined.cross_force, cross_investigation=joined.cross_investigation))
    SuggestedMatch.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["left", "right"], batch_size=2000,
        update_fields=["run", "probability", "match_weight", "parts", "cross_force", "cross_investigation"])
    return list(SuggestedMatch.objects.filter(run=run))


def _notify(matches: list[SuggestedMatch]) -> int:
    """Tell each owning officer and force lead of a match that joins investigations or forces."""
    joining = [m for m in matches if m.cross_force or m.cross_investigation]
    if not joining:
        return 0
    people = {p for m in joining for p in (m.left_id, m.right_id)}
    officers: dict[int, set[int]] = defaultdict(set)
    for person_id, officer_id in across_forces(Involvement.objects.filter(person_id__in=people),
                                               purpose="linkage").exclude(
            investigation__officer_in_charge=None).values_list(
                "person_id", "investigation__officer_in_charge_id"):
        officers[person_id].add(officer_id)
    force = dict(across_forces(Person.objects.filter(pk__in=people), purpose="linkage")
                 .values_list("pk", "organisation_id"))
    leads: dict[int, set[int]] = defaultdict(set)
    for user_id, organisation_id in RoleGrant.objects.filter(
            role=Role.FORCE_LEAD.value, user__is_active=True,
            user__organisation_id__in=set(force.values())).values_list("user_id", "user__organisation_id"):
        leads[organisation_id].add(user_id)
    notices = []
    for match in joining:
        told: dict[int, str] = {}
        for person in (match.left_id, match.right_id):
            for lead in leads[force[person]]:
                told.setdefault(lead, NoticeReason.FORCE_LEAD.value)
            for officer in officers[person]:
                told[officer] = NoticeReason.OFFICER_IN_CHARGE.value
        notices += [ConnectionNotice(match=match, recipient_id=user, reason=reason)
                    for user, reason in told.items()]
    made = ConnectionNotice.objects.bulk_create(notices, ignore_conflicts=True, batch_size=2000)
    return len(made)


@transaction.atomic
def match_decide(*, user: User, match_id: int, outcome: DecisionOutcome, reason: str) -> MatchDecision:
    """An officer's decision on a suggested match; the next run obeys it. Audited as a combination."""
    require(user, Capability.DECIDE_MATCHES)
    match = get_visible(user, SuggestedMatch.objects.all(), Capability.SEE_CASES, pk=match_id)
    if not reason.strip():
        raise LinkageError("Say why you decided this: another officer will read it.")
    decision, made = MatchDecision.objects.select_for_update().get_or_create(
        left_id=match.left_id, right_id=match.right_id,
        defaults={"outcome": outcome.value, "reason": reason.strip(), "decided_by": user})
    if not made:
        decision.outcome, decision.reason, decision.decided_by = outcome.value, reason.strip(), user
        decision.version += 1
        decision.save()
    if outcome is DecisionOutcome.CONFIRMED:
        _join(match)
    ConnectionNotice.objects.filter(match=match, recipient=user, done_at=None).update(done_at=timezone.now())
    event_record(action=Action.COMBINATION, actor=user, obj=decision, justification=decision.reason,
                 detail={"match": match.pk, "outcome": outcome.value, "left": match.left_id,
                         "right": match.right_id})
    return decision


def _join(match: SuggestedMatch) -> None:
    """A confirmed match puts both records under one stable id now, not only at the next run."""
    members = dict(ClusterMember.objects.filter(person_id__in=[match.left_id, match.right_id])
                   .values_list("person_id", "cluster_id"))
    left, right = members.get(match.left_id), members.get(match.right_id)
    if left is None or right is None or left == right:
        return
    keep, gone = sorted((left, right))
    ClusterMember.objects.filter(cluster_id=gone).update(cluster_id=keep)
    if match.run_id is not None:
        ClusterChange.objects.create(run_id=match.run_id, kind="merged", cluster_id=gone,
                                     detail={"into": [keep], "by": "officer's decision"})
