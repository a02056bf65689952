"""The API for auditors: search the trail and check its chain."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from lantern.access.rules import Capability
from lantern.access.scope import require
from lantern.api.schemas import ErrorOut
from lantern.audit import queries
from lantern.audit.rules import Action
from lantern.audit.services import chain_check
from lantern.request_user import api_caller

router = Router(tags=["audit"])


class EventOut(Schema):
    sequence: int
    occurred_at: datetime
    action: str
    username: str
    organisation_name: str
    object_type: str
    object_id: str
    justification: str
    recipient: str
    detail: dict[str, Any]


class EventFilter(Schema):
    action: Action | None = None
    username: str = ""
    object_type: str = ""
    object_id: str = ""
    date_from: date | None = None
    date_to: date | None = None
    limit: int = 100


class VerdictOut(Schema):
    intact: bool
    events_checked: int
    problem: str



@router.get("/events", response={200: list[EventOut], 403: ErrorOut},
            summary="Search your organisation's audit events, newest first")
def event_search(request: HttpRequest, filters: Query[EventFilter]) -> Any:
    user = api_caller(request)
    search = queries.EventSearch(
        action=filters.action.value if filters.action else "", username=filters.username,
        object_type=filters.object_type, object_id=filters.object_id,
        date_from=filters.date_from, date_to=filters.date_to,
    )
    events = list(queries.events_search(user=user, search=search)[: max(1, min(filters.limit, 1000))])
    queries.events_search_record(user=user, search=search)
    return events


@router.get("/verify", response={200: VerdictOut, 403: ErrorOut},
            summary="Check the whole hash chain")
def verify(request: HttpRequest) -> VerdictOut:
    require(api_caller(request), Capability.SEARCH_AUDIT)
    verdict = chain_check()
    return VerdictOut(intact=verdict.intact, events_checked=verdict.events_checked,
                      problem=verdict.problem)
