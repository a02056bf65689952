"""What every room's API shares: error answers, the response table helpers, checked inputs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Annotated, Any, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from ninja import Schema
from ninja import Status as HttpStatus
from pydantic import AfterValidator, AwareDatetime, Field

from lantern.safeguarding.nrm_vocabulary import list_values


class ErrorOut(Schema):
    """Not found (404), not allowed (403), not signed in (401), or a body that is not JSON (400)."""

    detail: str


class RefusalOut(Schema):
    """Refused (422), or an edit conflict (409): each reason in words the user can act on.

    Input that does not fit the schema gets Ninja's own 422, whose reasons are objects naming the field.
    """

    detail: list[str | dict[str, Any]]


def reading(ok: Any) -> dict[int, Any]:
    """The answers a read gives: ``ok``, not found, or not allowed."""
    return {200: ok, 403: ErrorOut, 404: ErrorOut}


def answers(ok: Any, status: int = 200, *, versioned: bool = False, found: bool = True) -> dict[int, Any]:
    """The answers a change gives: ``ok``; not found where the path or body names a record
    (``found``); an edit conflict where the caller sends the version they read. Not signed in, not
    allowed and refused are every change's answers, documented for all of them by the API site."""
    codes: dict[int, Any] = {status: ok}
    if found:
        codes[404] = ErrorOut
    if versioned:
        codes[409] = RefusalOut
    return codes


def fits(model: type[models.Model], name: str) -> int:
    """The most characters ``model``'s ``name`` column keeps, as a text input's ``max_length``: longer
    text is refused naming the field (422), not cut short, and never fails in the database."""
    column = model._meta.get_field(name)
    if not isinstance(column, models.CharField) or column.max_length is None:
        raise ImproperlyConfigured(f"{model.__name__}.{name} is not text with a max_length to fit")
    return int(column.max_length)


T = TypeVar("T")


def created(record: T) -> HttpStatus[T]:
    """A 201 answer with the record just made."""
    return HttpStatus(201, record)


@cache
def _nationalities() -> tuple[str, ...]:
    """The NRM form's nationality list, trimmed, in its order: worked out once, not per request."""
    return tuple(dict.fromkeys(n.strip() for n in list_values("ms_nationalities")))


def _known_nationality(value: str) -> str:
    value = value.strip()
    if value and value not in _nationalities():
        raise ValueError("Choose a nationality from the Home Office NRM form's list.")
    return value


def _nationality_choices(schema: dict[str, Any]) -> None:
    """Document the values ``_known_nationality`` accepts, so that callers can know them."""
    schema["enum"] = ["", *_nationalities()]


# A nationality from the NRM form's list, as the pages offer, or blank for not known.
Nationality = Annotated[str, AfterValidator(_known_nationality),
                        Field(json_schema_extra=_nationality_choices)]


# The UTC offsets places really use: the database refuses some others, and they are mistakes.
_EARLIEST_OFFSET, _LATEST_OFFSET = timedelta(hours=-12), timedelta(hours=14)


def _real_moment(value: datetime) -> datetime:
    """Refuse a time no clock shows or no database can keep, with what to send instead."""
    offset = value.utcoffset()
    if offset is None or not _EARLIEST_OFFSET <= offset <= _LATEST_OFFSET:
        raise ValueError("Give the time with a real UTC offset, from -12:00 to +14:00.")
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("Give a time between the years 1 and 9999.") from None


# A moment with its UTC offset, kept in UTC as the database keeps it.
Moment = Annotated[AwareDatetime, AfterValidator(_real_moment)]
