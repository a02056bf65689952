"""The linkage room's part of the network graph: records suggested (or confirmed) to be one person.

A match between two people the viewer may both see is an edge between them. A match with a record
the viewer may not see (another force's) is a node of its own, "A record held by <force>": the
officer learns that the connection exists and whose it is, never the record's details, as on the
match page. Matches are read through ``lantern.access.visible`` (either side's force sees them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.urls import reverse

from lantern.access.rules import Capability
from lantern.access.scope import visible
from lantern.accounts.models import User
from lantern.linkage.models import MatchDecision, SuggestedMatch
from lantern.linkage.rules import DecisionOutcome

MATCH = "match"


def _matches(user: User, people: Iterable[int]) -> list[SuggestedMatch]:
    wanted = list(people)
    if not wanted:
        return []
    rows = visible(user, SuggestedMatch.objects.filter(left__in=wanted) | SuggestedMatch.objects.filter(
        right__in=wanted), Capability.SEE_CASES).select_related("left__organisation", "right__organisation")
    rejected = set(MatchDecision.objects.filter(outcome=DecisionOutcome.REJECTED.value).values_list(
        "left_id", "right_id"))
    return [m for m in rows.order_by("pk") if (m.left_id, m.right_id) not in rejected]


def _shown(user: User, organisation_id: int) -> bool:
    """Whether the graph shows that side as a person: the viewer's own force's (the graph's own rule;
    the match page shows more to a role that sees linked records)."""
    return organisation_id == user.organisation_id


def _confirmed(matches: Sequence[SuggestedMatch]) -> set[tuple[int, int]]:
    return set(MatchDecision.objects.filter(
        outcome=DecisionOutcome.CONFIRMED.value, left__in=[m.left_id for m in matches],
        right__in=[m.right_id for m in matches]).values_list("left_id", "right_id"))


def withheld_sides(user: User, people: Iterable[int]) -> list[tuple[int, str, str, int]]:
    """(match id, label, force name, own person id) for each match whose other side is withheld."""
    found = []
    for match in _matches(user, people):
        for own, other in ((match.left, match.right), (match.right, match.left)):
            if _shown(user, own.organisation_id) and not _shown(user, other.organisation_id):
                found.append((match.pk, f"A record held by {other.organisation.name}",
                              other.organisation.name, own.pk))
    return found


def match_edges(user: User, people: Sequence[int],
                shown_matches: Sequence[int]) -> list[tuple[str, str, str, str]]:
    """(source, target, kind, detail) for matches between shown people, or to a shown match node."""
    matches = _matches(user, people)
    confirmed = _confirmed(matches)
    on_screen, nodes = set(people), set(shown_matches)
    edges = []
    for match in matches:
        kind = ("the same person as" if (match.left_id, match.right_id) in confirmed
                else "possibly the same person as")
        detail = f"match probability {match.probability:.2f}"
        if match.left_id in on_screen and match.right_id in on_screen:
            edges.append((f"person:{match.left_id}", f"person:{match.right_id}", kind, detail))
        elif match.pk in nodes:
            own = match.left_id if match.left_id in on_screen else match.right_id
            edges.append((f"person:{own}", f"{MATCH}:{match.pk}", kind, detail))
    return edges


def match_url(match_id: int) -> str:
    return reverse("linkage:match", args=[match_id])




def shown_partners(user: User, people: Iterable[int]) -> list[int]:
    """The people the viewer may see who are matched with any of ``people``."""
    found = []
    for match in _matches(user, people):
        for other in (match.left, match.right):
            if _shown(user, other.organisation_id):
                found.append(other.pk)
    return found
