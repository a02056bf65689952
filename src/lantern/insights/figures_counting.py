"""Whose records a figure counts, and over which days: the scope every figure's query starts from.

A ``Counting`` is a place resolved to its organisations after ``lantern.access`` has agreed that
the user may count them (``counting``). Every figure's query starts from ``scoped``, so no figure
can count outside what was agreed. Counts hold no personal data, so making them writes no audit
event; refusing them is ``access``'s ``AccessDenied`` (403).

``calibration_counting`` is the one Counting made without a user: the synthetic generator's check
of what it wrote (``synth.figures``), which has always counted every organisation's records and
shows them to nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from lantern.access.scope import countable
from lantern.accounts.models import Organisation
from lantern.insights.periods import Period, Span
from lantern.insights.places import Place, nation, place_organisations

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Counting:
    """A place and the organisations whose records it counts, as agreed by ``lantern.access``.

    ``other_ids`` are every other organisation's: for a place holding most organisations (the
    nation) a query excludes those instead of listing the counted ones, which is the same rows
    (every record belongs to exactly one organisation) but lets the database scan the table once
    rather than look up each organisation's rows through an index, five times slower on SQLite.
    """

    place: Place
    organisation_ids: frozenset[int]  # police organisations only: places count police records
    other_ids: frozenset[int] = frozenset()


def _counting(place: Place, ids: frozenset[int]) -> Counting:
    every = frozenset(Organisation.objects.values_list("pk", flat=True))
    return Counting(place, ids, every - ids)


def counting(*, user: Any, place: Place) -> Counting:
    """The place's organisations, if ``user`` may count them; ``AccessDenied`` if not."""
    return _counting(place, countable(user, place_organisations(place)))


def calibration_counting() -> Counting:
    """The nation's records with no user: for the generator's calibration check alone."""
    place = nation()
    return _counting(place, frozenset(place_organisations(place).values_list("pk", flat=True)))


def scoped(queryset: models.QuerySet[M], organisation_path: str, counting: Counting) -> models.QuerySet[M]:
    """The rows of ``queryset`` owned (through ``organisation_path``) by the counted organisations."""
    column = f"{organisation_path}_id__in"
    if len(counting.other_ids) < len(counting.organisation_ids):
        return queryset.exclude(**{column: sorted(counting.other_ids)})
    return queryset.filter(**{column: sorted(counting.organisation_ids)})


def days(field: str, period: Period | Span) -> Q:
    """A date field inside the period (both ends included)."""
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def moments(field: str, period: Period | Span) -> Q:
    """A date-and-time field on one of the period's days in Lantern's time zone.

    Written as a half-open range of aware moments rather than ``__date`` so that the database can
    use an index on the column; a moment at 23:59 on New Year's Eve, London time, is in that year.
    """
    zone = timezone.get_current_timezone()
    start = datetime.combine(period.start, time.min, tzinfo=zone)
    after = datetime.combine(period.end + timedelta(days=1), time.min, tzinfo=zone)
    return Q(**{f"{field}__gte": start, f"{field}__lt": after})


def live_on(day: date) -> Q:
    """An investigation live at the end of ``day``: allocated by then and not closed by then."""
    return Q(allocated_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def share(part: int, whole: int) -> float | None:
    """``part / whole``, or None when there is nothing to divide by (shown as "not available")."""
    return part / whole if whole else None
