"""Synthetic people: who someone really is, before any force writes them down.

Plain Python: no Django. Everything identifying is made up and looks it to anyone who checks:
phones come only from Ofcom's ranges reserved for drama (07700 900000-900999 for mobiles, and the
city ranges such as 0113 496 0000-0999), streets are invented (real towns, fictitious postcodes in
the right format), registrations are drawn at random in the right format, and document numbers
start with an X that no issuer modelled here uses. ``variants`` turns a ``TrueIdentity`` into what
one force records.

Ofcom reserves only a thousand drama mobile numbers. Two people drawn independently may therefore
share one by chance; a ``NumberPool`` hands numbers out without repeats, so that a shared phone in
the synthetic data is always one the generator meant.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from lantern.cases.rules import IdentifierKind, normalise_identifier
from lantern.synth.name_pools import (
    DEFAULT_FAMILY_SKEW,
    FAMILY_SKEW,
    FAMOUS_NAMES,
    FEMALE_ONLY_FAMILY,
    MALE_ONLY_FAMILY,
    NATIONALITY_ORIGINS,
    NICKNAMES,
    POOLS,
    Origin,
    family_name_forms,
    split_names,
    strip_marks,
)

GENDERS = ("female", "male", "other", "not-known")  # as cases.models.Gender

DRAMA_MOBILE_PREFIX = "07700 900"
GENERIC_LANDLINE_PREFIX = "01632 960"  # Ofcom's drama range with no real area


@dataclass(frozen=True)
class Town:
    name: str
    postcode_areas: tuple[str, ...]
    districts: tuple[int, int]  # lowest and highest district number used
    landline_prefix: str  # Ofcom drama range for the town, or the no-area range


TOWNS: tuple[Town, ...] = (
    Town("London", ("E", "N", "SE", "SW", "NW", "W"), (1, 18), "020 7946 0"),
    Town("Leeds", ("LS",), (1, 29), "0113 496 0"),
    Town("Sheffield", ("S",), (1, 36), "0114 496 0"),
    Town("Nottingham", ("NG",), (1, 25), "0115 496 0"),
    Town("Leicester", ("LE",), (1, 19), "0116 496 0"),
    Town("Bristol", ("BS",), (1, 16), "0117 496 0"),
    Town("Reading", ("RG",), (1, 31), "0118 496 0"),
    Town("Birmingham", ("B",), (1, 48), "0121 496 0"),
    Town("Liverpool", ("L",), (1, 38), "0151 496 0"),
    Town("Manchester", ("M",), (1, 40), "0161 496 0"),
    Town("Newcastle upon Tyne", ("NE",), (1, 15), "0191 498 0"),
    Town("Sunderland", ("SR",), (1, 7), "0191 498 0"),
    Town("Cardiff", ("CF",), (3, 24), "029 2018 0"),
    Town("Bradford", ("BD",), (1, 22), GENERIC_LANDLINE_PREFIX),
    Town("Hull", ("HU",), (1, 17), GENERIC_LANDLINE_PREFIX),
    Town("Peterborough", ("PE",), (1, 7), GENERIC_LANDLINE_PREFIX),
    Town("Boston", ("PE",), (20, 22), GENERIC_LANDLINE_PREFIX),
    Town("Luton", ("LU",), (1, 7), GENERIC_LANDLINE_PREFIX),
    Town("Slough", ("SL",), (1, 3), GENERIC_LANDLINE_PREFIX),
    Town("Southampton", ("SO",), (14, 19), GENERIC_LANDLINE_PREFIX),
    Town("Stoke-on-Trent", ("ST",), (1, 6), GENERIC_LANDLINE_PREFIX),
    Town("Derby", ("DE",), (1, 24), GENERIC_LANDLINE_PREFIX),
    Town("Coventry", ("CV",), (1, 6), GENERIC_LANDLINE_PREFIX),
    Town("Wolverhampton", ("WV",), (1, 14), GENERIC_LANDLINE_PREFIX),
    Town("Northampton", ("NN",), (1, 5), GENERIC_LANDLINE_PREFIX),
    Town("Wakefield", ("WF",), (1, 10), GENERIC_LANDLINE_PREFIX),
    Town("Swansea", ("SA",), (1, 8), GENERIC_LANDLINE_PREFIX),
    Town("Middlesbrough", ("TS",), (1, 8), GENERIC_LANDLINE_PREFIX),
    Town("Oldham", ("OL",), (1, 9), GENERIC_LANDLINE_PREFIX),
    Town("Huddersfield", ("HD",), (1, 7), GENERIC_LANDLINE_PREFIX),
)
TOWNS_BY_NAME = {town.name: town for town in TOWNS}

DRAMA_PREFIXES: tuple[str, ...] = (
    DRAMA_MOBILE_PREFIX, GENERIC_LANDLINE_PREFIX,
    *sorted({t.landline_prefix for t in TOWNS} - {GENERIC_LANDLINE_PREFIX}),
)

# Invented street names: any likeness to a real street is chance.
_STREET_STEMS = split_names("""Quillmore Fennick Larkspire Brindlewick Copperhythe Marrowby Thistlecombe
Wrenfold Ottersby Hollinbrook Saltmarrow Kestrelgate Pennyfold Ravelstone Merrowdale Tansyfield Gorsemere
Dapplewick Sallowby Brackenhythe Fernacre Lumbergate Cindervale Nettlecombe Orrisby Pellowfield
Quarrybrook Rookhythe Sparrowmere Tillingford Umberfold Wispington Yarrowby Candlewick Bellwether
Mossingdale Hazelthorpe Pipistrel Lanternby Emberfield""")
_STREET_KINDS = split_names(
    "Street Road Lane Close Avenue Terrace Court Way Drive Grove Crescent Gardens Place Row")
_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # letters a postcode's inward code may use

# Registrations: UK current format (two letters, age identifier, three letters); some EU plates.
_PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXYZ"  # no I or Q
_FOREIGN_PLATES = {
    Origin.ROMANIAN: ("B", "CJ", "IS", "TM", "BV", "CT", "DJ"),
    Origin.POLISH: ("WA", "KR", "PO", "GD", "WR", "LU"),
    Origin.LITHUANIAN: (),
}

# Document numbers: X, a letter for the kind, then digits. The X marks them as made up.
DOCUMENT_PREFIXES = {"XP": "passport", "XI": "national identity card", "XB": "biometric residence permit",
                     "XD": "UK driving licence"}
_EU_ORIGINS = frozenset({Origin.ROMANIAN, Origin.POLISH, Origin.LITHUANIAN})

# Where many births are not registered, documents often give 1 January (a recorded, not a true, date).
_JANUARY_FIRST_ORIGINS = frozenset({Origin.ERITREAN, Origin.SUDANESE})
JANUARY_FIRST_SHARE = 0.3


@dataclass(frozen=True)
class TrueIdentity:
    """One real (synthetic) person as they are, whatever any record says.

    ``addresses[0]`` is where they live on the day the identity was made; the others are linked to
    them too: earlier homes, or where they move next. Names are written as the person writes them.
    """

    person_key: str
    given_name: str
    family_name: str
    gender: str
    date_of_birth: date | None
    nationality: str
    phones: tuple[str, ...]
    addresses: tuple[str, ...]
    vehicles: tuple[str, ...]
    documents: tuple[str, ...]
    origin: Origin | None = None  # the name pool drawn from; None: the nationality's own

    @property
    def name_origin(self) -> Origin:
        """The naming tradition behind the names: how a force may spell them."""
        return self.origin or origin_for(self.nationality)


class NumberPoolExhausted(RuntimeError):
    """Every drama number in a range has been handed out."""


class NumberPool:
    """Hands out drama numbers without repeats (there are only 1,000 in each range)."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def take(self, rng: random.Random, prefix: str) -> str:
        free = [n for n in range(1000) if f"{prefix}{n:03d}" not in self._used]
        if not free:
            raise NumberPoolExhausted(f"All 1,000 numbers from {prefix}000 are taken.")
        number = f"{prefix}{rng.choice(free):03d}"
        self._used.add(number)
        return number

    def reserve(self, number: str) -> None:
        self._used.add(number)


SPARE_PREFIX = "04"  # Ofcom's 04 range: reserved, never allocated, so no real phone has these numbers
_SPARE_SPACE = 10**9
_SPARE_STEP = 3**18  # coprime with 10**9: stepping by it visits every number once before repeating


class SpareNumbers:
    """Numbers that are no one's, without repeats, for when the drama ranges run out.

    Ofcom's drama ranges hold 1,000 numbers each; a national plan needs a million phones, and
    drawing them again from 1,000 would make strangers share a phone by chance. Numbers beginning
    04 are reserved by Ofcom and allocated to no one: every one is handed out once (a fixed step
    round the billion of them, from a seeded start), in constant memory.
    """

    def __init__(self, rng: random.Random) -> None:
        self._next = rng.randrange(_SPARE_SPACE)

    def take(self, rng: random.Random, prefix: str) -> str:
        """The next spare number ("04123 456789"); ``prefix`` is ignored: the range has no areas."""
        self._next = (self._next + _SPARE_STEP) % _SPARE_SPACE
        digits = f"{self._next:09d}"
        return f"{SPARE_PREFIX}{digits[:3]} {digits[3:]}"


def is_synthetic_number(phone: str) -> bool:
    """A drama number, or one from the spare 04 range: never a real person's phone."""
    digits = normalise_identifier(IdentifierKind.PHONE, phone)
    return is_drama_number(phone) or (digits.startswith(SPARE_PREFIX) and len(digits) == 11)


def origin_for(nationality: str) -> Origin:
    """The naming tradition for an NRM nationality; ValueError if none is modelled."""
    try:
        return NATIONALITY_ORIGINS[nationality]
    except KeyError:
        raise ValueError(
            f"No name pool for nationality {nationality!r}; pass origin= or use one of "
            f"{', '.join(sorted(NATIONALITY_ORIGINS))}.") from None


def make_phone(
    rng: random.Random, prefix: str = DRAMA_MOBILE_PREFIX, numbers: NumberPool | SpareNumbers | None = None,
) -> str:
    """A drama number from one range, written the usual way ("07700 900123"); from ``numbers``
    when given (a ``SpareNumbers`` hands out 04 numbers instead)."""
    if numbers is not None:
        return numbers.take(rng, prefix)
    return f"{prefix}{rng.randrange(1000):03d}"


def is_drama_number(phone: str) -> bool:
    """Is this (normalised or written) number inside one of Ofcom's drama ranges?"""
    digits = normalise_identifier(IdentifierKind.PHONE, phone)
    return any(digits.startswith(p.replace(" ", "")) and len(digits) == len(p.replace(" ", "")) + 3
               for p in DRAMA_PREFIXES)


def _phone_groups(digits: str) -> tuple[str, ...]:
    if digits.startswith("02"):
        return (digits[:3], digits[3:7], digits[7:])
    if digits.startswith("01") and "1" in (digits[2], digits[3]):
        return (digits[:4], digits[4:7], digits[7:])
    return (digits[:5], digits[5:])


def phone_formats(phone: str) -> tuple[str, ...]:
    """The ways people write one UK number; every one normalises to the same digits."""
    digits = normalise_identifier(IdentifierKind.PHONE, phone)
    groups = _phone_groups(digits)
    national = (groups[0][1:], *groups[1:])
    return tuple(sorted({
        " ".join(groups), "".join(groups), "-".join(groups), f"({groups[0]}) {' '.join(groups[1:])}",
        f"{digits[:5]} {digits[5:8]} {digits[8:]}", "+44 " + " ".join(national), "+44" + "".join(national),
        "0044 " + " ".join(national),
    }))


def make_postcode(rng: random.Random, town: Town) -> str:
    area = rng.choice(town.postcode_areas)
    district = rng.randint(*town.districts)
    inward = f"{rng.randint(1, 9)}{rng.choice(_POSTCODE_LETTERS)}{rng.choice(_POSTCODE_LETTERS)}"
    return f"{area}{district} {inward}"


def make_address(rng: random.Random, town: Town | None = None) -> str:
    """A made-up street in a real town: "27 Fennick Road, Leeds LS6 3QT", sometimes with a flat."""
    town = town or rng.choice(TOWNS)
    street = f"{rng.choice(_STREET_STEMS)} {rng.choice(_STREET_KINDS)}"
    house = f"{rng.randint(1, 180)} {street}"
    if rng.random() < 0.25:
        house = f"Flat {rng.randint(1, 12)}, {house}"
    return f"{house}, {town.name} {make_postcode(rng, town)}"


def make_vehicle(rng: random.Random, *, on: date, origin: Origin | None = None) -> str:
    """A registration in the right format for the UK, or sometimes for the owner's home country."""
    if origin in _FOREIGN_PLATES and rng.random() < 0.3:
        letters = "".join(rng.choice(_PLATE_LETTERS) for _ in range(3))
        if origin is Origin.ROMANIAN:
            county = rng.choice(_FOREIGN_PLATES[origin])
            return f"{county} {rng.randint(10, 99 if county != 'B' else 999):02d} {letters}"
        if origin is Origin.POLISH:
            return f"{rng.choice(_FOREIGN_PLATES[origin])} {rng.randint(10000, 99999)}"
        return f"{letters} {rng.randint(100, 999)}"
    registered = max(date(2001, 9, 1), on - timedelta(days=rng.randrange(15 * 365)))
    if registered.month >= 9:
        age_mark = registered.year % 100 + 50
    elif registered.month >= 3:
        age_mark = registered.year % 100
    else:  # January and February still carry the previous September's mark
        age_mark = (registered.year - 1) % 100 + 50
    memory = rng.choice("ABCDEFGHKLMNOPRSVWY") + rng.choice(_PLATE_LETTERS.replace("Z", ""))
    return f"{memory}{age_mark:02d} {''.join(rng.choice(_PLATE_LETTERS) for _ in range(3))}"


def make_document(rng: random.Random, kind: str = "XP") -> str:
    digits = 8 if kind == "XI" else 9 if kind == "XD" else 7
    return kind + "".join(str(rng.randrange(10)) for _ in range(digits))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return date(day.year - years, 2, 28)


def birth_date(rng: random.Random, *, age: int, on: date, origin: Origin | None = None) -> date:
    """A date of birth giving exactly ``age`` on ``on``."""
    if origin in _JANUARY_FIRST_ORIGINS and rng.random() < JANUARY_FIRST_SHARE:
        return date(on.year - age, 1, 1)
    latest = _years_before(on, age)
    earliest = _years_before(on, age + 1) + timedelta(days=1)
    return earliest + timedelta(days=rng.randrange((latest - earliest).days + 1))


@lru_cache(maxsize=65_536)
def _folded(*names: str) -> str:
    return " ".join(strip_marks(" ".join(names)).lower().split())


def _is_famous(origin: Origin, given: str, family: str) -> bool:
    givens = (given, given.split()[-1], *NICKNAMES.get(origin, {}).get(given, ()))
    return any(_folded(g, family) in FAMOUS_NAMES or _folded(family, g) in FAMOUS_NAMES for g in givens)


@cache
def _family_weights(origin: Origin) -> list[float]:
    """Zipf-like weights over an origin's family names, commonest first (the same on every draw)."""
    skew = FAMILY_SKEW.get(origin, DEFAULT_FAMILY_SKEW)
    return [1 / (rank + 1) ** skew for rank in range(len(POOLS[origin].family))]


def _draw_family(rng: random.Random, origin: Origin, female: bool) -> str:
    pool = POOLS[origin].family
    weights = _family_weights(origin)
    while True:
        name = rng.choices(pool, weights)[0]
        if name not in (MALE_ONLY_FAMILY if female else FEMALE_ONLY_FAMILY):
            break
    forms = family_name_forms(origin, name)
    if not female or len(forms) == 1:
        return forms[0]
    return forms[1] if len(forms) == 2 or rng.random() < 0.5 else forms[2]


def draw_name(rng: random.Random, origin: Origin, *, female: bool) -> tuple[str, str]:
    """A given name (with any middle name) and a family name from one origin's pool."""
    pool = POOLS[origin]
    given, family = "", ""
    for _ in range(20):
        given = rng.choice(pool.given_female if female else pool.given_male)
        middles = pool.middle_female if female else pool.middle_male
        if middles:
            given = f"{rng.choice(middles)} {given}"
        family = _draw_family(rng, origin, female)
        if not _is_famous(origin, given, family):
            break
    return given, family


def make_identity(
    rng: random.Random,
    *,
    nationality: str,
    gender: str,
    age: int,
    on: date,
    origin: Origin | None = None,
    numbers: NumberPool | SpareNumbers | None = None,
    town: Town | None = None,
) -> TrueIdentity:
    """A made-up person of this nationality, gender and age on ``on``.

    ``origin`` picks the name pool when the nationality has none (e.g. "Unknown"); ``numbers``
    keeps phones unique across everyone drawn with it; ``town`` is where they live now.
    """
    if gender not in GENDERS:
        raise ValueError(f"gender must be one of {', '.join(GENDERS)}, not {gender!r}.")
    if not 0 <= age <= 110:
        raise ValueError(f"age must be between 0 and 110, not {age}.")
    origin = origin or origin_for(nationality)
    person_key = f"SYN-{rng.getrandbits(48):012X}"
    female = gender == "female" or (gender not in ("male", "female") and rng.random() < 0.5)
    given, family = draw_name(rng, origin, female=female)
    dob = birth_date(rng, age=age, on=on, origin=origin)

    home = town or rng.choice(TOWNS)
    addresses = [make_address(rng, home)]
    for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3))):
        addresses.append(make_address(rng, home if rng.random() < 0.5 else rng.choice(TOWNS)))

    phones: list[str] = []
    if age >= 11:
        for _ in range(1 if rng.random() < 0.7 else 2):
            phones.append(make_phone(rng, DRAMA_MOBILE_PREFIX, numbers))
    if age >= 18 and rng.random() < (0.4 if origin is Origin.BRITISH else 0.15):
        phones.append(make_phone(rng, home.landline_prefix, numbers))

    vehicles: list[str] = []
    if age >= 17:
        roll = rng.random()
        for _ in range(2 if roll < 0.1 else 1 if roll < 0.4 else 0):
            vehicles.append(make_vehicle(rng, on=on, origin=origin))

    documents: list[str] = []
    if rng.random() < (0.7 if origin is Origin.BRITISH else 0.6):
        documents.append(make_document(rng, "XP"))
    if origin in _EU_ORIGINS and rng.random() < 0.6:
        documents.append(make_document(rng, "XI"))
    if origin is not Origin.BRITISH and origin not in _EU_ORIGINS and rng.random() < 0.3:
        documents.append(make_document(rng, "XB"))
    if age >= 17 and rng.random() < (0.6 if origin is Origin.BRITISH else 0.15):
        documents.append(make_document(rng, "XD"))

    return TrueIdentity(
        person_key=person_key, given_name=given, family_name=family, gender=gender,
        date_of_birth=dob, nationality=nationality, phones=tuple(dict.fromkeys(phones)),
        addresses=tuple(dict.fromkeys(addresses)), vehicles=tuple(vehicles), documents=tuple(documents),
        origin=origin,
    )
