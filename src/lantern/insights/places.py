"""The places figures are counted for: the nation, a policing region, or one force.

- **Nation**: England and Wales, every police organisation in Lantern: the 43 territorial forces,
  British Transport Police, the regional organised crime units and the national units and
  agencies (records they own are England and Wales records too). Partner agencies own no
  investigations and are never counted as a place's records.
- **Region**: one of the policing regions (``accounts.rules.Region``, the ``region`` codes of
  ``accounts/reference/organisations.json``): its territorial forces and its ROCU. BTP and the
  national bodies belong to no region: they count in the nation only.
- **Force**: one territorial force or BTP, by its organisation code ("west-yorkshire", "btp").

A ``Place`` is a plain value (kind, code, name); ``place_organisations`` turns it into the
organisations whose records it counts. Whether a given user may count them is decided in
``lantern.access.scope.countable``, not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import QuerySet

from lantern.accounts.models import Organisation
from lantern.accounts.rules import OrganisationKind, Region

NATION_CODE = "england-and-wales"
NATION_NAME = "England and Wales"
_POLICE_KINDS = tuple(kind.value for kind in OrganisationKind if kind.is_police)
_FORCE_KINDS = (OrganisationKind.TERRITORIAL_FORCE.value, OrganisationKind.SPECIAL_FORCE.value)
_REGIONS = tuple(region for region in Region if region is not Region.NATIONAL)


class PlaceError(ValueError):
    """No such place; the message names the places that exist."""


class PlaceKind(StrEnum):
    NATION = "nation"
    REGION = "region"
    FORCE = "force"


@dataclass(frozen=True)
class Place:
    kind: PlaceKind
    code: str  # NATION_CODE, a Region value, or a force's organisation code
    name: str  # for headings: "England and Wales", "Yorkshire and the Humber", "West Yorkshire Police"

    def __str__(self) -> str:
        return self.name


def nation() -> Place:
    return Place(PlaceKind.NATION, NATION_CODE, NATION_NAME)


def region(code: str) -> Place:
    """A policing region by its code ("yorkshire_humber")."""
    try:
        found = Region(code)
    except ValueError:
        found = None
    if found is None or found is Region.NATIONAL:
        choices = ", ".join(r.value for r in _REGIONS)
        raise PlaceError(f"No policing region {code!r}: choose one of {choices}.")
    return Place(PlaceKind.REGION, found.value, found.label)


def force(code: str) -> Place:
    """A territorial force or BTP by its organisation code ("west-yorkshire", "btp")."""
    found = (Organisation.objects.filter(code=code, kind__in=_FORCE_KINDS)
             .values_list("name", flat=True).first())
    if found is None:
        raise PlaceError(f"No police force with the code {code!r}.")
    return Place(PlaceKind.FORCE, code, found)


def parse_place(text: str) -> Place:
    """"nation" (or "england-and-wales"), a region's code, or a force's code."""
    cleaned = text.strip().lower()
    if cleaned in ("nation", NATION_CODE):
        return nation()
    if cleaned in {r.value for r in _REGIONS}:
        return region(cleaned)
    try:
        return force(cleaned)
    except PlaceError:
        raise PlaceError(f"{text!r} is not a place: write \"nation\", a region "
                         f"({', '.join(r.value for r in _REGIONS)}) or a force's code.") from None


def place_organisations(place: Place) -> QuerySet[Organisation]:
    """The organisations whose records the place counts."""
    police = Organisation.objects.filter(kind__in=_POLICE_KINDS)
    if place.kind is PlaceKind.NATION:
        return police
    if place.kind is PlaceKind.REGION:
        return police.filter(region=place.code)
    return police.filter(code=place.code, kind__in=_FORCE_KINDS)


def regions() -> tuple[Place, ...]:
    """Every policing region, in the reference order (North East to Wales)."""
    return tuple(region(r.value) for r in _REGIONS)


def forces(within: Place | None = None) -> tuple[Place, ...]:
    """Every force (territorial and BTP), by name, or those within a region."""
    rows = Organisation.objects.filter(kind__in=_FORCE_KINDS)
    if within is not None and within.kind is PlaceKind.REGION:
        rows = rows.filter(region=within.code)
    elif within is not None and within.kind is PlaceKind.FORCE:
        rows = rows.filter(code=within.code)
    return tuple(Place(PlaceKind.FORCE, code, name)
                 for code, name in rows.order_by("name").values_list("code", "name"))
