"""What every room's API shares: error answers, the response table helpers, checked inputs."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from ninja import Schema
from ninja import Status as HttpStatus
from pydantic import AfterValidator

from lantern.safeguarding.nrm_vocabulary import list_values


class ErrorOut(Schema):
    """Not found (404), or not allowed (403)."""

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
    """The answers a change gives: ``ok``, not allowed, refused; not found where the path names a
    record (``found``); an edit conflict where the caller sends the version they read."""
    codes: dict[int, Any] = {status: ok, 403: ErrorOut, 422: RefusalOut}
    if found:
        codes[404] = ErrorOut
    if versioned:
        codes[409] = RefusalOut
    return codes


T = TypeVar("T")


def created(record: T) -> HttpStatus[T]:
    """A 201 answer with the record just made."""
    return HttpStatus(201, record)


def _known_nationality(value: str) -> str:
    value = value.strip()
    if value and value not in {n.strip() for n in list_values("ms_nationalities")}:
        raise ValueError("Choose a nationality from the Home Office NRM form's list.")
    return value


# A nationality from the NRM form's list, as the pages offer, or blank for not known.
Nationality = Annotated[str, AfterValidator(_known_nationality)]
