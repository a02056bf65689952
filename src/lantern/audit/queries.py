"""Reading the audit trail: auditors search their own organisation's events."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from lantern.access.rules import Capability
from lantern.access.scope import require, visible
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.csv_export import csv_text

if TYPE_CHECKING:
    from lantern.accounts.models import User


@dataclass(frozen=True)
class EventSearch:
    action: str = ""
    username: str = ""
    object_type: str = ""
    object_id: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def as_detail(self) -> dict[str, str]:
        return {k: str(v) for k, v in asdict(self).items() if v not in ("", None)}


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def events_search(*, user: User, search: EventSearch, capability: Capability =
                  Capability.SEARCH_AUDIT) -> QuerySet[AuditEvent]:
    """The events matching a search, newest first, within what this auditor may see."""
    require(user, capability)
    events = visible(user, AuditEvent.objects.all(), capability)
    if search.action:
        events = events.filter(action=Action(search.action).value)
    if search.username:
        events = events.filter(username__iexact=search.username)
    if search.object_type:
        events = events.filter(object_type=search.object_type)
    if search.object_id:
        events = events.filter(object_id=search.object_id)
    if search.date_from:
        events = events.filter(occurred_at__gte=_day_start(search.date_from))
    if search.date_to:
        events = events.filter(occurred_at__lt=_day_start(search.date_to + timedelta(days=1)))
    return events.order_by("-sequence")


def events_search_record(*, user: User, search: EventSearch) -> None:
    """Searching the trail is itself a consultation: it shows who did what."""
    event_record(action=Action.CONSULTATION, actor=user, object_type="audit.search",
                 detail=search.as_detail())


EXPORT_HEADER = (
    "sequence", "occurred_at_utc", "action", "username", "organisation", "object_type",
    "object_id", "justification", "recipient", "detail", "hash",
)


def events_export(*, user: User, search: EventSearch, reason: str) -> str:
    """The matching events as CSV, oldest first. The export is recorded as a disclosure."""
    events = events_search(user=user, search=search, capability=Capability.EXPORT_AUDIT)
    rows = [
        (
            e.sequence, e.occurred_at.astimezone(UTC).isoformat(), e.action, e.username,
            e.organisation_name, e.object_type, e.object_id, e.justification, e.recipient,
            json.dumps(e.detail, sort_keys=True), e.hash,
        )
        for e in events.order_by("sequence").iterator(chunk_size=5000)
    ]
    event_record(
        action=Action.DISCLOSURE, actor=user, object_type="audit.export",
        justification=reason, recipient=f"{user.get_full_name() or user.username} (auditor, export file)",
        detail={**search.as_detail(), "events_exported": len(rows)},
    )
    return csv_text(EXPORT_HEADER, rows)
