"""Stable cluster ids: a person keeps their id from one linkage run to the next.

Officers and other forces quote a cluster id ("L0000412") as the id of a person; a re-run must
not renumber everyone. Given the previous run's ``unique_id -> cluster id`` and the new groups of
records, each group takes the previous id most of its members had, and the rest get new ids.
Pure Python.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

ID_PREFIX = "L"
ID_DIGITS = 7
_NUMBERED = re.compile(rf"^{ID_PREFIX}(\d+)$")


@dataclass(frozen=True)
class ClusterChange:
    """A change between runs an officer may need to know about.

    ``kind`` is "merged" (``cluster_id`` now holds records that had the ``previous_ids``) or
    "split" (the records of ``previous_ids[0]`` are now in ``cluster_id`` and the
    ``other_ids``).
    """

    kind: str
    cluster_id: str
    previous_ids: tuple[str, ...]
    other_ids: tuple[str, ...] = ()


def _id_order(cluster_id: str) -> tuple[int, int, str]:
    """Older ids first: Lantern's numbered ids by number, anything else after, by text."""
    match = _NUMBERED.match(cluster_id)
    return (0, int(match[1]), "") if match else (1, 0, cluster_id)


def stable_ids(
    previous: Mapping[str, str] | None, groups: Iterable[Iterable[str]]
) -> tuple[dict[str, str], list[ClusterChange]]:
    """Give each new group of unique_ids a cluster id, keeping the previous run's ids.

    - A group takes the previous id most of its members had (ties: the oldest, lowest id).
    - When two groups want one previous id (the old cluster split), the group with more of that
      id's records keeps it (then the larger group, then the one whose first member sorts
      first); the other group takes its next most common previous id, if that is free, or else
      a new id. So a merge keeps the id held by most members and a split's largest part keeps
      the id.
    - New ids are ``L`` and a 7-digit counter above the highest id seen before, handed out in
      the order of each group's first member, so the same input always gets the same ids.

    Returns ``unique_id -> cluster id`` for every member, and the merges and splits.
    """
    before = dict(previous or {})
    members = [sorted(set(group)) for group in groups]
    members = [group for group in members if group]
    members.sort(key=lambda group: group[0])
    counts = [Counter(before[uid] for uid in group if uid in before) for group in members]

    # Greedy assignment, strongest claims first: (records holding the id, group size, id age).
    claims = sorted(
        ((n, len(members[g]), cid, g) for g, counter in enumerate(counts) for cid, n in counter.items()),
        key=lambda claim: (-claim[0], -claim[1], _id_order(claim[2]), members[claim[3]][0]),
    )
    assigned: dict[int, str] = {}
    taken: set[str] = set()
    for _, _, cluster_id, g in claims:
        if g not in assigned and cluster_id not in taken:
            assigned[g] = cluster_id
            taken.add(cluster_id)

    numbers = [int(m[1]) for cid in {*before.values()} if (m := _NUMBERED.match(cid))]
    counter = max(numbers, default=0)
    for g in range(len(members)):
        if g not in assigned:
            counter += 1
            assigned[g] = f"{ID_PREFIX}{counter:0{ID_DIGITS}d}"

    ids = {uid: assigned[g] for g, group in enumerate(members) for uid in group}
    return ids, _changes(before, counts, assigned)


def _changes(
    before: Mapping[str, str], counts: list[Counter[str]], assigned: Mapping[int, str]
) -> list[ClusterChange]:
    """The merges (a group holding records of several previous ids) and splits (a previous id's
    records now in several groups), in a stable order."""
    changes: list[ClusterChange] = []
    spread: dict[str, set[str]] = {}
    for g, counter in enumerate(counts):
        for cid in counter:
            spread.setdefault(cid, set()).add(assigned[g])
        if len(counter) > 1:
            changes.append(ClusterChange("merged", assigned[g], tuple(sorted(counter, key=_id_order))))
    for cid in sorted(spread, key=_id_order):
        now = spread[cid]
        if len(now) > 1:
            keeper = cid if cid in now else min(now, key=_id_order)
            others = tuple(sorted(now - {keeper}, key=_id_order))
            changes.append(ClusterChange("split", keeper, (cid,), others))
    return changes


@dataclass(frozen=True)
class Edge:
    """A link between two records in the graph that is clustered: scored, or confirmed by an officer."""

    probability: float
    confirmed: bool = False


def separate_rejected(
    groups: Iterable[Iterable[str]],
    edges: Mapping[tuple[str, str], Edge],
    rejected: Iterable[tuple[str, str]],
) -> list[list[str]]:
    """Split any group that still joins a pair an officer rejected, through other records.

    The rejected pair's own edge is already gone; if the two are still connected, the weakest
    unconfirmed edge on a shortest path between them is cut, and again, until no path is left.
    The group then falls apart into its connected parts. A path made only of confirmed edges is
    never cut: officers' confirmations win over their rejections, and the pair stays together.
    """
    out = [sorted(set(group)) for group in groups]
    home = {uid: g for g, group in enumerate(out) for uid in group}
    conflicts: dict[int, list[tuple[str, str]]] = {}
    for a, b in sorted(rejected):
        if a in home and home.get(a) == home.get(b):
            conflicts.setdefault(home[a], []).append((a, b))
    if not conflicts:
        return out
    result = [group for g, group in enumerate(out) if g not in conflicts]
    for g, pairs in sorted(conflicts.items()):
        members = set(out[g])
        graph: dict[str, dict[str, Edge]] = {uid: {} for uid in members}
        for (a, b), edge in edges.items():
            if a in members and b in members:
                graph[a][b] = edge
                graph[b][a] = edge
        for a, b in pairs:
            while (path := _shortest_path(graph, a, b)) is not None:
                steps = [(x, y) for x, y in pairwise(path) if not graph[x][y].confirmed]
                if not steps:
                    break
                x, y = min(steps, key=lambda step: (graph[step[0]][step[1]].probability, step))
                del graph[x][y], graph[y][x]
        result.extend(_components(graph))
    return result


def _shortest_path(graph: Mapping[str, Mapping[str, Edge]], start: str, goal: str) -> list[str] | None:
    """Breadth-first, neighbours in sorted order, so the cut is the same on every run."""
    came_from: dict[str, str | None] = {start: None}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for neighbour in sorted(graph[node]):
                if neighbour not in came_from:
                    came_from[neighbour] = node
                    if neighbour == goal:
                        path = [goal]
                        while (step := came_from[path[-1]]) is not None:
                            path.append(step)
                        return path[::-1]
                    following.append(neighbour)
        frontier = following
    return None


def _components(graph: Mapping[str, Mapping[str, Edge]]) -> list[list[str]]:
    seen: set[str] = set()
    parts = []
    for start in sorted(graph):
        if start in seen:
            continue
        seen.add(start)
        stack, part = [start], []
        while stack:
            node = stack.pop()
            part.append(node)
            for neighbour in graph[node]:
                if neighbour not in seen:
                    seen.add(neighbour)
                    stack.append(neighbour)
        parts.append(sorted(part))
    return parts
