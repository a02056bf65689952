"""The person record the linkage engine reads: what any source (a force's Person, a spreadsheet
row) knows about one person, as typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PersonRecord:
    """One record of a person, from one source, before any normalisation.

    Every text field is raw: the engine folds case, accents, scripts and formats itself. Empty
    strings and empty tuples mean "not recorded", never "known to be blank".
    """

    unique_id: str
    source: str = ""
    given_name: str = ""
    family_name: str = ""
    # Used when the given and family names are not recorded separately; split by the engine.
    full_name: str = ""
    aliases: tuple[str, ...] = ()
    date_of_birth: date | None = None
    estimated_age: int | None = None
    # The day the estimated age was given, so that it becomes a range of birth years.
    age_on: date | None = None
    sex: str = ""
    nationality: str = ""
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    towns: tuple[str, ...] = ()
    vehicles: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    # unique_ids of the people recorded with this one (the same investigation or group).
    associates: tuple[str, ...] = ()
