"""The network graph: people, organised crime groups, investigations and their phones, addresses,
vehicles, documents and emails as nodes and edges, exactly as far as the viewer may see them.

Every row is read through ``lantern.access.visible`` with the casework capability, so a record the
viewer may not see never appears: not its label, not an edge to it, not a count of it. A phone two
people share is one node (keyed by its normalised value); another force's person who shares it is
simply not there. Opening, expanding and exporting are each one audit event.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Min, Model, Q, QuerySet
from django.urls import reverse
from django.utils.timezone import localtime

from lantern.access.rules import Capability
from lantern.access.scope import NotVisible, require, visible
from lantern.accounts.models import User
from lantern.accounts.queries import organisation_directory
from lantern.accounts.rules import OrganisationKind
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases.models import (
    GroupInvestigation,
    GroupMembership,
    Identifier,
    Investigation,
    Involvement,
    OrganisedCrimeGroup,
    Person,
)
from lantern.cases.rules import GroupRole, IdentifierKind, InvolvementRole
from lantern.csv_export import csv_text
from lantern.linkage import graph_matches
from lantern.linkage.graph_matches import MATCH
from lantern.linkage.models import SuggestedMatch

# Casework reads (cases/queries.py) use SEE_CASES: partner agencies hold none of it.
CAPABILITY = Capability.SEE_CASES
NODE_LIMIT = 200  # nodes in one answer (an opening, an expansion or a refresh)
SHOWN_LIMIT = 5000  # node ids a browser may send as already shown, or ask to export

PERSON, INVESTIGATION, GROUP = "person", "investigation", "group"
IDENTIFIER_KINDS = tuple(k.value for k in IdentifierKind)
KIND_ORDER = (PERSON, INVESTIGATION, GROUP, *IDENTIFIER_KINDS, MATCH)
KIND_LABELS = {PERSON: "Person", INVESTIGATION: "Investigation", GROUP: "Organised crime group",
               MATCH: "Record held by another force",
               **{k.value: k.label for k in IdentifierKind}}
ROLE_EDGES = {InvolvementRole.VICTIM.value: "victim in", InvolvementRole.SUSPECT.value: "suspect in",
              InvolvementRole.WITNESS.value: "witness in",
              InvolvementRole.VICTIM_AND_SUSPECT.value: "victim and suspect in"}
IDENTIFIER_EDGES = {IdentifierKind.PHONE.value: "uses phone", IdentifierKind.ADDRESS.value: "lives at",
                    IdentifierKind.VEHICLE.value: "drives", IdentifierKind.DOCUMENT.value: "holds document",
                    IdentifierKind.EMAIL.value: "uses email"}
_RECORD_TYPES = {PERSON: "cases.person", INVESTIGATION: "cases.investigation",
                 GROUP: "cases.organisedcrimegroup"}
_NODE_ID = re.compile(r"^(person|investigation|group|match):([1-9][0-9]{0,17})$")


class GraphRefused(Exception):
    """A request the graph cannot answer as asked (a malformed node id, too many nodes)."""


@dataclass(frozen=True, order=True)
class NodeRef:
    """Which node: a person, investigation or group by id, or an identifier by normalised value."""

    kind: str
    key: str

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.key}"

    @property
    def pk(self) -> int:
        return int(self.key)

    @classmethod
    def parse(cls, text: object) -> NodeRef:
        text = str(text)
        kind, _, key = str(text).partition(":")
        if _NODE_ID.match(text) or (kind in IDENTIFIER_KINDS and key and len(key) <= 300):
            return cls(kind, key)
        raise GraphRefused(f"{str(text)[:40]!r} is not a node of the graph.")


@dataclass(frozen=True)
class Node:
    ref: NodeRef
    label: str
    force: str  # the owning organisation's name (for an identifier, its holders' forces)
    forces: tuple[str, ...]  # organisation codes the force filter matches on
    recorded: date | None
    record_id: int  # the row behind the node (an identifier: its first visible row), for the audit
    url: str = ""

    @property
    def id(self) -> str:
        return self.ref.id

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.ref.kind]

    @property
    def may_centre(self) -> bool:
        """Whether a page address may name the node (an identifier's value is personal data)."""
        return self.ref.kind in _RECORD_TYPES

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.ref.kind, "kind_label": self.kind_label,
                "label": self.label, "force": self.force, "forces": list(self.forces),
                "recorded": self.recorded.isoformat() if self.recorded else None, "url": self.url}

    @property
    def audit_ref(self) -> str:
        """How the audit trail names the node: never an identifier's value, which is personal data."""
        return self.id if self.ref.kind in _RECORD_TYPES else f"{self.ref.kind}:identifier-{self.record_id}"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str
    detail: str = ""
    on: date | None = None

    @property
    def id(self) -> str:
        return f"{self.source}|{self.kind}|{self.target}"

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "target": self.target, "kind": self.kind,
                "detail": self.detail, "date": self.on.isoformat() if self.on else None}


@dataclass(frozen=True)
class GraphFilter:
    """Narrows the neighbours shown: to one force's records, and to investigations recorded in a
    period. The nodes the analyst opened or expanded always show."""

    force: str = ""  # an organisation code
    date_from: date | None = None
    date_to: date | None = None

    def as_detail(self) -> dict[str, str]:
        return {k: str(v) for k, v in (("force", self.force), ("date_from", self.date_from),
                                       ("date_to", self.date_to)) if v}


@dataclass
class Graph:
    nodes: list[Node]
    edges: list[Edge]
    expanded: list[str]
    capped: bool = False
    limit: int = NODE_LIMIT
    not_visible: int = 0
    filters: GraphFilter = field(default_factory=GraphFilter)

    @property
    def message(self) -> str:
        if not self.capped:
            return ""
        return (f"More records connect than the graph shows at once: showing the first {self.limit}. "
                "Filter by force or period to see the rest.")

    def people(self) -> list[int]:
        return sorted(n.record_id for n in self.nodes if n.ref.kind == PERSON)

    def as_dict(self) -> dict[str, Any]:
        return {"nodes": [n.as_dict() for n in self.nodes], "edges": [e.as_dict() for e in self.edges],
                "expanded": self.expanded, "capped": self.capped, "limit": self.limit,
                "message": self.message, "filters": self.filters.as_detail()}


def _seen(user: User, queryset: QuerySet[Any]) -> QuerySet[Any]:
    return visible(user, queryset, CAPABILITY)


def _by_kind(refs: Iterable[NodeRef]) -> dict[str, list[NodeRef]]:
    grouped: dict[str, list[NodeRef]] = defaultdict(list)
    for ref in refs:
        grouped[ref.kind].append(ref)
    return grouped


def _pks(grouped: dict[str, list[NodeRef]], kind: str) -> list[int]:
    return [r.pk for r in grouped.get(kind, [])]


def _identifier_match(grouped: dict[str, list[NodeRef]]) -> Q | None:
    """Identifier rows carrying any of these identifiers (None when there are none)."""
    parts = [Q(kind=kind, normalised__in=[r.key for r in grouped[kind]])
             for kind in IDENTIFIER_KINDS if grouped.get(kind)]
    return reduce(or_, parts) if parts else None


def _record_nodes(user: User, model: type[Model], kind: str, condition: Q, filters: GraphFilter | None,
                  limit: int) -> list[Node]:
    rows = _seen(user, model.objects.filter(condition).select_related("organisation"))  # type: ignore[attr-defined]
    if filters is not None and filters.force:
        if kind == GROUP:
            rows = rows.filter(Q(organisation__code=filters.force) | Q(pk__in=_seen(
                user, GroupInvestigation.objects.filter(investigation__organisation__code=filters.force)
            ).values("group_id")))
        else:
            rows = rows.filter(organisation__code=filters.force)
    if filters is not None and kind == INVESTIGATION:
        if filters.date_from:
            rows = rows.filter(recorded_on__gte=filters.date_from)
        if filters.date_to:
            rows = rows.filter(recorded_on__lte=filters.date_to)
    rows = rows.order_by("pk")[:limit]
    group_forces: dict[int, set[str]] = defaultdict(set)
    if kind == GROUP and rows:
        for group_id, code in _seen(user, GroupInvestigation.objects.filter(
                group__in=[r.pk for r in rows])).values_list("group_id", "investigation__organisation__code"):
            group_forces[group_id].add(code)
    nodes = []
    for row in rows:
        if kind == PERSON:
            label, recorded = str(row), localtime(row.created_at).date()
            url = reverse("cases:person", args=[row.pk])
        elif kind == INVESTIGATION:
            label, recorded = row.crime_reference, row.recorded_on
            url = reverse("cases:investigation", args=[row.pk])
        else:
            label, recorded, url = f"{row.reference} {row.name}", localtime(row.created_at).date(), reverse(
                "cases:group", args=[row.pk])
        forces = tuple(sorted({row.organisation.code} | group_forces[row.pk]))
        nodes.append(Node(NodeRef(kind, str(row.pk)), label, row.organisation.name, forces, recorded,
                          row.pk, url))
    return nodes


def _identifier_nodes(user: User, condition: Q | None, filters: GraphFilter | None,
                      limit: int) -> list[Node]:
    """One node per identifier value the viewer may see, whoever among their people holds it."""
    if condition is None:
        return []
    rows = _seen(user, Identifier.objects.filter(condition))
    if filters is not None and filters.force:
        rows = rows.filter(person__organisation__code=filters.force)
    keys = list(rows.values("kind", "normalised").annotate(first=Min("pk"), recorded=Min("recorded_at"))
                .order_by("kind", "normalised")[:limit])
    if not keys:
        return []
    holders: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    matched = _identifier_match(_by_kind(NodeRef(k["kind"], k["normalised"]) for k in keys))
    held = _seen(user, Identifier.objects.filter(matched)).order_by().values_list(
        "kind", "normalised", "person__organisation__code", "person__organisation__name").distinct()
    for kind, normalised, code, name in held:
        holders[(kind, normalised)].add((code, name))
    values = dict(_seen(user, Identifier.objects.filter(pk__in=[k["first"] for k in keys]))
                  .values_list("pk", "value"))
    nodes = []
    for k in keys:
        held_by = sorted(holders[(k["kind"], k["normalised"])])
        nodes.append(Node(NodeRef(k["kind"], k["normalised"]), values.get(k["first"], k["normalised"]),
                          ", ".join(name for _, name in held_by), tuple(code for code, _ in held_by),
                          localtime(k["recorded"]).date() if k["recorded"] else None, k["first"]))
    return nodes


def _nodes(user: User, *, person: Q | None, investigation: Q | None, group: Q | None,
           identifier: Q | None, filters: GraphFilter | None, limit: int) -> list[Node]:
    """The visible nodes meeting each kind's condition (None: no nodes of that kind)."""
    found: list[Node] = []
    for model, kind, condition in ((Person, PERSON, person), (Investigation, INVESTIGATION, investigation),
                                   (OrganisedCrimeGroup, GROUP, group)):
        if condition is not None:
            found += _record_nodes(user, model, kind, condition, filters, limit)
    return found + _identifier_nodes(user, identifier, filters, limit)


def _resolve(user: User, refs: Iterable[NodeRef]) -> list[Node]:
    """The nodes among ``refs`` this user may see, unfiltered; the others are silently dropped."""
    grouped = _by_kind(refs)
    return _nodes(
        user, person=Q(pk__in=_pks(grouped, PERSON)) if grouped.get(PERSON) else None,
        investigation=Q(pk__in=_pks(grouped, INVESTIGATION)) if grouped.get(INVESTIGATION) else None,
        group=Q(pk__in=_pks(grouped, GROUP)) if grouped.get(GROUP) else None,
        identifier=_identifier_match(grouped), filters=None, limit=SHOWN_LIMIT) + _match_nodes(
        user, people=None, match_ids=set(_pks(grouped, MATCH)))


def _match_nodes(user: User, *, people: Sequence[int] | None, match_ids: set[int] | None) -> list[Node]:
    """Nodes for matches with a record the viewer may not see: around ``people``, or these matches."""
    if people is None:
        if not match_ids:
            return []
        mine = visible(user, Person.objects.all(), CAPABILITY).filter(
            Q(pk__in=SuggestedMatch.objects.filter(pk__in=match_ids).values("left_id"))
            | Q(pk__in=SuggestedMatch.objects.filter(pk__in=match_ids).values("right_id")))
        people = list(mine.values_list("pk", flat=True))
    nodes = []
    for match_id, label, force, _own in graph_matches.withheld_sides(user, people):
        if match_ids is None or match_id in match_ids:
            nodes.append(Node(NodeRef(MATCH, str(match_id)), label, force, (), None, match_id,
                              graph_matches.match_url(match_id)))
    return list({n.id: n for n in nodes}.values())


def _any(*conditions: Q | None) -> Q | None:
    present = [c for c in conditions if c is not None]
    return reduce(or_, present) if present else None


def _neighbours(user: User, expanded: list[Node], filters: GraphFilter, limit: int) -> list[Node]:
    """The visible nodes one hop from ``expanded``, through visible links only."""
    grouped = _by_kind(n.ref for n in expanded)
    people, cases, groups = (_pks(grouped, k) for k in (PERSON, INVESTIGATION, GROUP))
    held = _identifier_match(grouped)

    def via(model: type[Model], column: str, **lookup: Any) -> Q:
        return Q(pk__in=_seen(user, model.objects.filter(**lookup)).values(column))  # type: ignore[attr-defined]

    person = _any(
        Q(pk__in=graph_matches.shown_partners(user, people)) if people else None,
        via(Involvement, "person_id", investigation__in=cases) if cases else None,
        via(GroupMembership, "person_id", group__in=groups) if groups else None,
        Q(pk__in=_seen(user, Identifier.objects.filter(held)).values("person_id")) if held else None)
    investigation = _any(
        via(Involvement, "investigation_id", person__in=people) if people else None,
        via(GroupInvestigation, "investigation_id", group__in=groups) if groups else None)
    group = _any(
        via(GroupMembership, "group_id", person__in=people) if people else None,
        via(GroupInvestigation, "group_id", investigation__in=cases) if cases else None)
    identifier = None
    if people:
        pairs = _seen(user, Identifier.objects.filter(person__in=people)).order_by().values_list(
            "kind", "normalised").distinct()
        identifier = _identifier_match(_by_kind(NodeRef(k, n) for k, n in pairs))
    opened = {n.id for n in expanded}
    # One more than asked for, beyond the opened nodes themselves, tells whether any were held back.
    found = _nodes(user, person=person, investigation=investigation, group=group,
                   identifier=identifier, filters=filters, limit=limit + 1 + len(opened))
    if people:
        found += _match_nodes(user, people=people, match_ids=None)
    return [n for n in found if n.id not in opened]


def _edges(user: User, nodes: Sequence[Node]) -> list[Edge]:
    """Every visible link between two of these (already visible) nodes."""
    grouped = _by_kind(n.ref for n in nodes)
    people, cases, groups = (_pks(grouped, k) for k in (PERSON, INVESTIGATION, GROUP))
    edges: list[Edge] = []
    if people and cases:
        for person_id, case_id, role, recorded_on in _seen(user, Involvement.objects.filter(
                person__in=people, investigation__in=cases)).values_list(
                "person_id", "investigation_id", "role", "investigation__recorded_on"):
            edges.append(Edge(f"{PERSON}:{person_id}", f"{INVESTIGATION}:{case_id}",
                              ROLE_EDGES.get(role, "involved in"), InvolvementRole(role).label,
                              recorded_on))
    if people and groups:
        for person_id, group_id, role, added_at in _seen(user, GroupMembership.objects.filter(
                person__in=people, group__in=groups)).values_list(
                "person_id", "group_id", "role", "added_at"):
            edges.append(Edge(f"{PERSON}:{person_id}", f"{GROUP}:{group_id}", "member of",
                              GroupRole(role).label, localtime(added_at).date()))
    if cases and groups:
        for case_id, group_id, linked_at in _seen(user, GroupInvestigation.objects.filter(
                investigation__in=cases, group__in=groups)).values_list(
                "investigation_id", "group_id", "linked_at"):
            edges.append(Edge(f"{INVESTIGATION}:{case_id}", f"{GROUP}:{group_id}", "linked to", "",
                              localtime(linked_at).date()))
    held = _identifier_match(grouped)
    if people and held is not None:
        for person_id, kind, normalised, recorded_at in _seen(user, Identifier.objects.filter(
                held, person__in=people)).values_list("person_id", "kind", "normalised", "recorded_at"):
            edges.append(Edge(f"{PERSON}:{person_id}", f"{kind}:{normalised}", IDENTIFIER_EDGES[kind],
                              "", localtime(recorded_at).date()))
    for source, target, kind, detail in graph_matches.match_edges(user, people, _pks(grouped, MATCH)):
        edges.append(Edge(source, target, kind, detail))
    return sorted(edges, key=lambda e: e.id)


def _refs(texts: Iterable[str], *, most: int = SHOWN_LIMIT) -> list[NodeRef]:
    refs = list(dict.fromkeys(NodeRef.parse(t) for t in texts))
    if len(refs) > most:
        raise GraphRefused(f"The graph can work on at most {most} records at once.")
    return refs


def _sort_key(node: Node) -> tuple[int, str, str]:
    return KIND_ORDER.index(node.ref.kind), node.label.lower(), node.id


def _consultation_record(user: User, graph: Graph, expanded: list[Node]) -> None:
    """One event: which records the graph opened from, and whose personal data it showed.

    Opened from one person, investigation or group, the event is filed under that record, so a
    search of the trail for it finds the graph too.
    """
    single = expanded[0] if len(expanded) == 1 and expanded[0].ref.kind in _RECORD_TYPES else None
    event_record(
        action=Action.CONSULTATION, actor=user,
        object_type=_RECORD_TYPES[single.ref.kind] if single else "linkage.graph",
        object_id=str(single.record_id) if single else "",
        detail={"view": "network graph", "expanded": [n.audit_ref for n in expanded],
                "nodes_shown": len(graph.nodes), "edges_shown": len(graph.edges),
                "people_shown": graph.people(), "capped": graph.capped, **graph.filters.as_detail()})


def graph_expand(*, user: User, nodes: Sequence[str], filters: GraphFilter | None = None,
                 shown: Sequence[str] = (), limit: int = NODE_LIMIT) -> Graph:
    """The nodes asked for and their neighbours one hop out, with the links between them and the
    nodes the browser already shows: a logged consultation.

    Nodes the user may not see are dropped as if they did not exist; if none is left, ``NotVisible``.
    At most ``limit`` nodes come back (the graph says when it held some back).
    """
    require(user, CAPABILITY)
    filters = filters or GraphFilter()
    expanded = sorted(_resolve(user, _refs(nodes, most=limit)), key=_sort_key)
    if not expanded:
        raise NotVisible()
    room = max(limit - len(expanded), 0)
    neighbours = sorted(_neighbours(user, expanded, filters, room), key=_sort_key)
    capped = len(neighbours) > room
    returned = expanded + neighbours[:room]
    returned_ids = {n.id for n in returned}
    already = _resolve(user, [r for r in _refs(shown) if r.id not in returned_ids])
    edges = [e for e in _edges(user, returned + already)
             if e.source in returned_ids or e.target in returned_ids]
    graph = Graph(nodes=returned, edges=edges, expanded=[n.id for n in expanded], capped=capped,
                  limit=limit, filters=filters)
    _consultation_record(user, graph, expanded)
    return graph


def graph_export(*, user: User, nodes: Sequence[str], reason: str,
                 file_format: str = "csv") -> Graph:
    """The graph the browser shows, re-read as this user may see it now, for an export file.

    Only the node ids are taken from the browser: every node is checked again (any the user may no
    longer see is left out) and the links between them are read afresh. Recorded as a disclosure to
    the user themselves, with their reason, as the audit trail's own export is.
    """
    require(user, CAPABILITY)
    refs = _refs(nodes)
    if not refs:
        raise GraphRefused("The graph shows nothing to export.")
    exported = sorted(_resolve(user, refs), key=_sort_key)
    graph = Graph(nodes=exported, edges=_edges(user, exported), expanded=[],
                  limit=SHOWN_LIMIT, not_visible=len(refs) - len(exported))
    event_record(
        action=Action.DISCLOSURE, actor=user, object_type="linkage.graph",
        justification=reason, recipient=f"{user.get_full_name() or user.username} (graph export file)",
        detail={"view": "network graph", "format": file_format, "nodes_exported": len(graph.nodes),
                "edges_exported": len(graph.edges), "people_exported": graph.people(),
                "nodes_left_out": graph.not_visible})
    return graph


GRAPH_CSV_HEADER = ("record", "id", "kind", "label", "force", "recorded", "source", "target",
                    "connection", "detail")


def graph_csv(graph: Graph) -> str:
    """Nodes then edges as one CSV, one row each, safe to open in a spreadsheet."""
    rows: list[Sequence[Any]] = [
        ("node", n.id, n.ref.kind, n.label, n.force, n.recorded or "", "", "", "", "")
        for n in graph.nodes]
    rows += [("edge", e.id, "", "", "", e.on or "", e.source, e.target, e.kind, e.detail)
             for e in graph.edges]
    return csv_text(GRAPH_CSV_HEADER, rows)


def graph_json(graph: Graph) -> str:
    return json.dumps({"nodes": [n.as_dict() for n in graph.nodes],
                       "edges": [e.as_dict() for e in graph.edges]}, indent=2)


def graph_start_find(*, user: User, text: str) -> NodeRef | None:
    """Where to open the graph from: a node id (person:12), a crime reference or a group's
    national reference, among the records this user may see. Nothing is shown, so nothing logged."""
    require(user, CAPABILITY)
    term = text.strip()
    if _NODE_ID.match(term):
        return NodeRef.parse(term)
    group = _seen(user, OrganisedCrimeGroup.objects.filter(reference__iexact=term)).first()
    if group is not None:
        return NodeRef(GROUP, str(group.pk))
    case = _seen(user, Investigation.objects.filter(crime_reference__iexact=term)).first()
    return NodeRef(INVESTIGATION, str(case.pk)) if case is not None else None


def graph_forces() -> list[tuple[str, str]]:
    """The forces and units the force filter offers: reference data, nobody's personal data."""
    return [(o.code, o.name) for o in organisation_directory().exclude(kind=OrganisationKind.PARTNER.value)]
